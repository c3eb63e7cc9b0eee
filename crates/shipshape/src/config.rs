//! Configuration, in hadolint's terms so that an existing `.hadolint.yaml` keeps working:
//! ignored rules, severity overrides, trusted registries (DL3026), a label schema
//! (DL3049–DL3058), strict labels, the failure threshold, `no-fail` and
//! `disable-ignore-pragma`.
//!
//! The engine takes a [`Config`] value; reading YAML is behind the `yaml` feature (the CLI
//! turns it on).

use crate::rules::Severity;

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
        }
    }
}

impl Config {
    /// The severity override for a rule, by any of its names.
    pub fn override_for(&self, meta: &crate::rules::RuleMeta) -> Option<Severity> {
        self.overrides.iter().rev().find(|(code, _)| meta.answers_to(code)).map(|(_, s)| *s)
    }

    pub fn is_ignored(&self, meta: &crate::rules::RuleMeta) -> bool {
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
    }

    /// Parses `failure-threshold` values: error, warning, info, style, ignore, none.
    pub fn parse_threshold(s: &str) -> Option<Threshold> {
        match s.to_ascii_lowercase().as_str() {
            "none" | "ignore" => Some(Threshold::Never),
            other => Severity::parse(other).map(Threshold::At),
        }
    }
}

#[cfg(feature = "yaml")]
mod yaml {
    use super::*;
    use yaml_rust2::{Yaml, YamlLoader};

    impl Config {
        /// Reads a `.hadolint.yaml`. Unknown keys are ignored (as hadolint does); a value
        /// of the wrong type is an error that names the key.
        pub fn from_yaml(text: &str) -> Result<Config, String> {
            let docs = YamlLoader::load_from_str(text).map_err(|e| format!("invalid YAML: {e}"))?;
            let mut c = Config::default();
            let Some(doc) = docs.into_iter().next() else { return Ok(c) };
            let Yaml::Hash(map) = doc else {
                return if doc.is_null() { Ok(c) } else { Err("the configuration must be a mapping".into()) };
            };
            for (k, v) in map {
                let Some(key) = k.as_str() else { continue };
                match key {
                    "ignored" => c.ignored = strings(key, &v)?,
                    "override" => {
                        let Yaml::Hash(levels) = v else { return Err("`override` must be a mapping".into()) };
                        for (level, codes) in levels {
                            let level_name = level.as_str().unwrap_or("");
                            let sev = Severity::parse(level_name)
                                .ok_or_else(|| format!("unknown level `{level_name}` in `override`"))?;
                            for code in strings("override", &codes)? {
                                c.overrides.push((code, sev));
                            }
                        }
                    }
                    "trustedRegistries" => c.trusted_registries = strings(key, &v)?,
                    "label-schema" => {
                        let Yaml::Hash(labels) = v else {
                            return Err("`label-schema` must be a mapping".into());
                        };
                        for (name, ty) in labels {
                            let name = name.as_str().unwrap_or("").to_string();
                            let ty_name = ty.as_str().unwrap_or("");
                            let ty = LabelType::parse(ty_name)
                                .ok_or_else(|| format!("unknown label type `{ty_name}` for `{name}`"))?;
                            c.label_schema.push((name, ty));
                        }
                    }
                    "strict-labels" => c.strict_labels = boolean(key, &v)?,
                    "no-fail" => c.no_fail = boolean(key, &v)?,
                    "disable-ignore-pragma" => c.disable_ignore_pragma = boolean(key, &v)?,
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
    }

    fn strings(key: &str, v: &Yaml) -> Result<Vec<String>, String> {
        match v {
            Yaml::String(s) => Ok(vec![s.clone()]),
            Yaml::Array(items) => items
                .iter()
                .map(|i| match i {
                    Yaml::String(s) => Ok(s.clone()),
                    Yaml::Integer(n) => Ok(n.to_string()),
                    _ => Err(format!("`{key}` must be a list of strings")),
                })
                .collect(),
            Yaml::Null => Ok(Vec::new()),
            _ => Err(format!("`{key}` must be a string or a list of strings")),
        }
    }

    fn boolean(key: &str, v: &Yaml) -> Result<bool, String> {
        v.as_bool().ok_or_else(|| format!("`{key}` must be true or false"))
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
            assert!(Config::from_yaml("ignored: {a: 1}").is_err());
            assert!(Config::from_yaml("label-schema:\n  x: nope\n").is_err());
            assert_eq!(Config::from_yaml("").unwrap(), Config::default());
        }
    }
}
