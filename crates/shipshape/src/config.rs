//! Configuration, in hadolint's terms so that an existing `.hadolint.yaml` keeps working:
//! ignored rules, severity overrides, trusted registries (DL3026), a label schema
//! (DL3049–DL3058), strict labels, the failure threshold, `no-fail` and
//! `disable-ignore-pragma`.
//!
//! The engine takes a [`Config`] value; reading YAML is behind the `yaml` feature (the CLI
//! turns it on).

use crate::diagnostic::Severity;
use crate::rule_meta::RuleMeta;

/// The type of a label in the label schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelType {
    Text,
    Url,
    Semver,
    Hash,
    Rfc3339,
    Spdx,
    Email,
}

impl LabelType {
    pub fn as_str(self) -> &'static str {
        match self {
            LabelType::Text => "text",
            LabelType::Url => "url",
            LabelType::Semver => "semver",
            LabelType::Hash => "hash",
            LabelType::Rfc3339 => "rfc3339",
            LabelType::Spdx => "spdx",
            LabelType::Email => "email",
        }
    }

    pub fn parse(s: &str) -> Option<LabelType> {
        Some(match s.to_ascii_lowercase().as_str() {
            "text" => LabelType::Text,
            "url" => LabelType::Url,
            "semver" => LabelType::Semver,
            "hash" => LabelType::Hash,
            "rfc3339" => LabelType::Rfc3339,
            "spdx" => LabelType::Spdx,
            "email" => LabelType::Email,
            _ => return None,
        })
    }
}

/// The level at or above which findings make the CLI fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threshold {
    At(Severity),
    /// Never fail (hadolint's `none` and `ignore`).
    Never,
}

impl Threshold {
    /// The name `Config::parse_threshold` reads back (`none` for `Never`).
    pub fn as_str(self) -> &'static str {
        match self {
            Threshold::At(s) => s.as_str(),
            Threshold::Never => "none",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Rule codes (or aliases, or names) that are turned off.
    pub ignored: Vec<String>,
    /// Severity per rule code; this also turns on rules that are off by default.
    pub overrides: Vec<(String, Severity)>,
    /// Registries images may come from (DL3026); empty means the rule is off. Globs
    /// like `*.gcr.io` are allowed.
    pub trusted_registries: Vec<String>,
    /// Required labels and their types (DL3049–DL3058).
    pub label_schema: Vec<(String, LabelType)>,
    /// Labels outside the schema are reported (DL3050).
    pub strict_labels: bool,
    pub failure_threshold: Threshold,
    pub no_fail: bool,
    /// `# hadolint ignore=` pragmas are not honoured.
    pub disable_ignore_pragma: bool,
    /// The patterns of the build context's `.dockerignore`, when the caller knows them (the
    /// CLI reads the file next to the Dockerfile; the browser has no context). BuildKit's
    /// CopyIgnoredFile check needs them.
    pub dockerignore: Option<Vec<String>>,
    /// hadolint's `format` key (the CLI's output format when no option or variable sets
    /// one). Kept as written: the CLI checks it; the engine has no use for it.
    pub format: Option<String>,
    /// hadolint's `no-color` key (the CLI's plain output); the engine has no use for it.
    pub no_color: bool,
    /// Build arguments (`--build-arg NAME=VALUE`): the values the build gives declared
    /// ARGs. Not a `.hadolint.yaml` key.
    pub build_args: Vec<(String, String)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ignored: Vec::new(),
            overrides: Vec::new(),
            trusted_registries: Vec::new(),
            label_schema: Vec::new(),
            strict_labels: false,
            failure_threshold: Threshold::At(Severity::Info),
            no_fail: false,
            disable_ignore_pragma: false,
            dockerignore: None,
            format: None,
            no_color: false,
            build_args: Vec::new(),
        }
    }
}

impl Config {
    /// The severity override for a rule, by any of its names.
    pub fn override_for(&self, meta: &RuleMeta) -> Option<Severity> {
        self.overrides.iter().rev().find(|(code, _)| meta.answers_to(code)).map(|(_, s)| *s)
    }

    pub fn is_ignored(&self, meta: &RuleMeta) -> bool {
        self.ignored.iter().any(|c| meta.answers_to(c))
    }

    /// Merges `other` over `self` (later sources win, lists add up).
    pub fn merge(&mut self, other: Config) {
        self.ignored.extend(other.ignored);
        self.overrides.extend(other.overrides);
        self.trusted_registries.extend(other.trusted_registries);
        self.label_schema.extend(other.label_schema);
        self.strict_labels |= other.strict_labels;
        if other.failure_threshold != Config::default().failure_threshold {
            self.failure_threshold = other.failure_threshold;
        }
        self.no_fail |= other.no_fail;
        self.disable_ignore_pragma |= other.disable_ignore_pragma;
        if other.dockerignore.is_some() {
            self.dockerignore = other.dockerignore;
        }
        if other.format.is_some() {
            self.format = other.format;
        }
        self.no_color |= other.no_color;
        self.build_args.extend(other.build_args);
    }

    /// The configuration as a `.hadolint.yaml` (what `from_yaml` reads back). Only the keys
    /// that differ from the defaults are written; `dockerignore` is not a hadolint key.
    pub fn to_yaml(&self) -> String {
        fn list(out: &mut String, key: &str, items: &[String]) {
            if !items.is_empty() {
                out.push_str(key);
                out.push_str(":\n");
                for i in items {
                    out.push_str(&format!("  - {}\n", quoted(i)));
                }
            }
        }
        let mut out = String::new();
        list(&mut out, "ignored", &self.ignored);
        if !self.overrides.is_empty() {
            out.push_str("override:\n");
            for sev in [Severity::Error, Severity::Warning, Severity::Info, Severity::Style] {
                let codes: Vec<String> =
                    self.overrides.iter().filter(|(_, s)| *s == sev).map(|(c, _)| c.clone()).collect();
                if !codes.is_empty() {
                    out.push_str(&format!("  {}:\n", sev.as_str()));
                    for c in codes {
                        out.push_str(&format!("    - {}\n", quoted(&c)));
                    }
                }
            }
        }
        list(&mut out, "trustedRegistries", &self.trusted_registries);
        if !self.label_schema.is_empty() {
            out.push_str("label-schema:\n");
            for (name, ty) in &self.label_schema {
                out.push_str(&format!("  {}: {}\n", quoted(name), ty.as_str()));
            }
        }
        if self.strict_labels {
            out.push_str("strict-labels: true\n");
        }
        if self.failure_threshold != Config::default().failure_threshold {
            out.push_str(&format!("failure-threshold: {}\n", self.failure_threshold.as_str()));
        }
        if self.no_fail {
            out.push_str("no-fail: true\n");
        }
        if self.disable_ignore_pragma {
            out.push_str("disable-ignore-pragma: true\n");
        }
        if let Some(f) = &self.format {
            out.push_str(&format!("format: {}\n", quoted(f)));
        }
        if self.no_color {
            out.push_str("no-color: true\n");
        }
        out
    }

    /// Whether findings of these severities fail a run (`failure-threshold`, `no-fail`):
    /// what `shipshape check` exits with, and the playground's "CI would fail".
    pub fn fails(&self, severities: impl IntoIterator<Item = Severity>) -> bool {
        match self.failure_threshold {
            Threshold::At(level) if !self.no_fail => severities.into_iter().any(|s| s <= level),
            _ => false,
        }
    }

    /// Parses `failure-threshold` values: error, warning, info, style, ignore, none.
    pub fn parse_threshold(s: &str) -> Option<Threshold> {
        match s.to_ascii_lowercase().as_str() {
            "none" | "ignore" => Some(Threshold::Never),
            other => Severity::parse(other).map(Threshold::At),
        }
    }
}

/// A YAML scalar: plain when that reads back the same, else double-quoted.
fn quoted(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "._-/:".contains(c))
        && !s.ends_with(':')
        && !s.contains(": ")
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "on" | "off" | "~"
        )
        // Numbers (`1`, `1.5`, `1e3`) would read back as numbers, not text.
        && !s.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-' || c == '+');
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

mod yaml {
    use super::*;
    use crate::yaml_lite::Value;

    impl Config {
        /// Reads a `.hadolint.yaml`. Unknown keys are ignored (as hadolint does); a value
        /// of the wrong type is an error that names the key. With the `yaml` feature the
        /// text is read by yaml-rust2, without it by the engine's small reader (the
        /// browser build); the keys are mapped by the same code either way.
        pub fn from_yaml(text: &str) -> Result<Config, String> {
            from_value(load(text)?)
        }
    }

    #[cfg(feature = "yaml")]
    pub(crate) fn load(text: &str) -> Result<Value, String> {
        use yaml_rust2::{Yaml, YamlLoader};
        fn convert(y: Yaml) -> Value {
            match y {
                Yaml::Null | Yaml::BadValue => Value::Null,
                Yaml::Boolean(b) => Value::Bool(b),
                Yaml::Integer(n) => Value::Int(n),
                Yaml::Real(s) | Yaml::String(s) => Value::Str(s),
                Yaml::Array(items) => Value::Seq(items.into_iter().map(convert).collect()),
                Yaml::Hash(map) => Value::Map(
                    map.into_iter()
                        .map(|(k, v)| {
                            let key = match k {
                                Yaml::String(s) | Yaml::Real(s) => s,
                                Yaml::Integer(n) => n.to_string(),
                                Yaml::Boolean(b) => b.to_string(),
                                _ => String::new(),
                            };
                            (key, convert(v))
                        })
                        .collect(),
                ),
                Yaml::Alias(_) => Value::Null,
            }
        }
        let docs = YamlLoader::load_from_str(text).map_err(|e| format!("invalid YAML: {e}"))?;
        Ok(docs.into_iter().next().map_or(Value::Null, convert))
    }

    #[cfg(not(feature = "yaml"))]
    pub(crate) fn load(text: &str) -> Result<Value, String> {
        crate::yaml_lite::parse(text).map_err(|e| format!("invalid YAML: {e}"))
    }

    fn from_value(doc: Value) -> Result<Config, String> {
        let mut c = Config::default();
        let map = match doc {
            Value::Map(map) => map,
            Value::Null => return Ok(c),
            _ => return Err("the configuration must be a mapping".into()),
        };
        for (key, v) in map {
            let key = key.as_str();
            match key {
                "ignored" => c.ignored = strings(key, &v)?,
                "override" => {
                    let Value::Map(levels) = v else { return Err("`override` must be a mapping".into()) };
                    for (level, codes) in levels {
                        let sev = Severity::parse(&level)
                            .ok_or_else(|| format!("unknown level `{level}` in `override`"))?;
                        for code in strings("override", &codes)? {
                            c.overrides.push((code, sev));
                        }
                    }
                }
                "trustedRegistries" => c.trusted_registries = strings(key, &v)?,
                "label-schema" => {
                    let Value::Map(labels) = v else {
                        return Err("`label-schema` must be a mapping".into());
                    };
                    for (name, ty) in labels {
                        let ty_name = ty.as_str().unwrap_or("");
                        let ty = LabelType::parse(ty_name)
                            .ok_or_else(|| format!("unknown label type `{ty_name}` for `{name}`"))?;
                        c.label_schema.push((name, ty));
                    }
                }
                "strict-labels" => c.strict_labels = boolean(key, &v)?,
                "no-fail" => c.no_fail = boolean(key, &v)?,
                "disable-ignore-pragma" => c.disable_ignore_pragma = boolean(key, &v)?,
                "format" => {
                    c.format = Some(v.as_str().ok_or("`format` must be a string")?.to_string());
                }
                "no-color" => c.no_color = boolean(key, &v)?,
                "failure-threshold" => {
                    let s = v.as_str().unwrap_or("");
                    c.failure_threshold = Config::parse_threshold(s)
                        .ok_or_else(|| format!("unknown `failure-threshold` `{s}`"))?;
                }
                _ => {}
            }
        }
        Ok(c)
    }

    fn strings(key: &str, v: &Value) -> Result<Vec<String>, String> {
        match v {
            Value::Str(s) => Ok(vec![s.clone()]),
            Value::Seq(items) => items
                .iter()
                .map(|i| match i {
                    Value::Str(s) => Ok(s.clone()),
                    Value::Int(n) => Ok(n.to_string()),
                    _ => Err(format!("`{key}` must be a list of strings")),
                })
                .collect(),
            Value::Null => Ok(Vec::new()),
            _ => Err(format!("`{key}` must be a string or a list of strings")),
        }
    }

    fn boolean(key: &str, v: &Value) -> Result<bool, String> {
        match v {
            Value::Bool(b) => Ok(*b),
            _ => Err(format!("`{key}` must be true or false")),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn reads_a_hadolint_config() {
            let c = Config::from_yaml(
                "ignored: [DL3008, SC2086]\noverride:\n  error: [DL3015]\n  info:\n    - DL3057\ntrustedRegistries:\n  - docker.io\n  - \"*.gcr.io\"\nlabel-schema:\n  maintainer: text\n  org.opencontainers.image.source: url\nstrict-labels: true\nfailure-threshold: warning\nno-fail: false\ndisable-ignore-pragma: true\n",
            )
            .unwrap();
            assert_eq!(c.ignored, vec!["DL3008", "SC2086"]);
            assert_eq!(
                c.overrides,
                vec![("DL3015".into(), Severity::Error), ("DL3057".into(), Severity::Info)]
            );
            assert_eq!(c.trusted_registries, vec!["docker.io", "*.gcr.io"]);
            assert_eq!(c.label_schema[1], ("org.opencontainers.image.source".into(), LabelType::Url));
            assert!(c.strict_labels && c.disable_ignore_pragma && !c.no_fail);
            assert_eq!(c.failure_threshold, Threshold::At(Severity::Warning));
            assert_eq!((c.format.as_deref(), c.no_color), (None, false));
            let out = Config::from_yaml("format: json\nno-color: true\n").unwrap();
            assert_eq!((out.format.as_deref(), out.no_color), (Some("json"), true));
            assert!(Config::from_yaml("format: [json]").is_err());
            assert!(Config::from_yaml("ignored: {a: 1}").is_err());
            assert!(Config::from_yaml("label-schema:\n  x: nope\n").is_err());
            assert_eq!(Config::from_yaml("").unwrap(), Config::default());
        }

        #[test]
        fn to_yaml_reads_back() {
            let c = Config {
                ignored: vec!["DL3008".into(), "yes".into()],
                overrides: vec![("DL3015".into(), Severity::Error), ("DL3057".into(), Severity::Info)],
                trusted_registries: vec!["docker.io".into(), "*.gcr.io".into(), "my reg \"x\"".into()],
                label_schema: vec![("org.opencontainers.image.source".into(), LabelType::Url)],
                strict_labels: true,
                failure_threshold: Threshold::Never,
                no_fail: true,
                disable_ignore_pragma: true,
                dockerignore: None,
                format: Some("gitlab_codeclimate".into()),
                no_color: true,
                build_args: Vec::new(),
            };
            let yaml = c.to_yaml();
            assert!(yaml.starts_with("ignored:\n  - DL3008\n  - \"yes\"\n"), "{yaml}");
            assert!(yaml.contains("  - \"*.gcr.io\"\n"), "{yaml}");
            assert_eq!(Config::from_yaml(&yaml).unwrap(), c);
            assert_eq!(Config::default().to_yaml(), "");
        }

        /// yaml-rust2 (the CLI) and the small reader (the browser) read the same values.
        #[cfg(feature = "yaml")]
        #[test]
        fn both_readers_agree() {
            let configs = [
                "ignored: [DL3008, SC2086]\noverride:\n  error: [DL3015]\n  info:\n    - DL3057\ntrustedRegistries:\n  - docker.io\n  - \"*.gcr.io\"\nlabel-schema:\n  maintainer: text\n  org.opencontainers.image.source: url\nstrict-labels: true\nfailure-threshold: warning\nno-fail: false\ndisable-ignore-pragma: true\n",
                "# hadolint's README example\nignored:\n  - DL3000\n  - SC1010\ntrustedRegistries:\n  - docker.io\n  - my-company.com:5000\n  - \"*.gcr.io\"\n",
                "override:\n  error:\n    - DL3001\n    - DL3002\n  warning:\n    - DL3042\n    - DL3033\n  info:\n    - DL3032\n  style:\n    - DL3015\n",
                "label-schema:\n  author: text\n  contact: email\n  created: rfc3339\n  version: semver\n  documentation: url\n  git-revision: hash\n  license: spdx\nstrict-labels: true\n",
                "---\nfailure-threshold: 'error'\nignored: DL3008 # one code\nno-fail: true\n",
                "ignored: []\nlabel-schema: {}\n",
                "",
            ];
            for text in configs {
                let lite = crate::yaml_lite::parse(text).unwrap();
                assert_eq!(load(text).unwrap(), lite, "{text}");
            }
            assert_eq!(
                Config::from_yaml(configs[4]).unwrap().failure_threshold,
                Threshold::At(Severity::Error)
            );
        }
    }
}
