//! The playground's settings: the linter configuration (hadolint's keys, and the build
//! arguments) and the size estimate's assumptions. They are saved in localStorage and
//! travel in share links as a few `key=value` lines (a build argument is a
//! `build-arg=NAME=VALUE` line); `.hadolint.yaml` is read and written for import and export.

use shipshape::config::{LabelType, Threshold};
use shipshape::{Config, Severity};

/// The platforms the size estimate offers.
pub const PLATFORMS: &[&str] = &["linux/amd64", "linux/arm64"];

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub config: Config,
    pub platform: &'static str,
    /// The size assumed for `COPY . .` (bytes).
    pub context_bytes: u64,
    /// The size assumed for `pip install -r` (bytes).
    pub requirements_bytes: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            config: Config::default(),
            platform: PLATFORMS[0],
            context_bytes: shipshape::size::DEFAULT_CONTEXT_BYTES,
            requirements_bytes: shipshape::size::DEFAULT_REQUIREMENTS_BYTES,
        }
    }
}

impl Settings {
    /// Whether a rule is switched off (by its code, name or an alias, as the linter reads it).
    pub fn is_off(&self, meta: &shipshape::rules::RuleMeta) -> bool {
        self.config.is_ignored(meta)
    }

    /// The severity a rule reports with here: the override, else its default (None: off).
    pub fn severity_of(&self, meta: &shipshape::rules::RuleMeta) -> Option<Severity> {
        self.config.override_for(meta).or(meta.severity)
    }

    pub fn set_off(&mut self, meta: &shipshape::rules::RuleMeta, off: bool) {
        self.config.ignored.retain(|c| !meta.answers_to(c));
        if off {
            self.config.ignored.push(meta.code.to_string());
        }
    }

    /// Sets a rule's severity; its default severity removes the override.
    pub fn set_severity(&mut self, meta: &shipshape::rules::RuleMeta, severity: Option<Severity>) {
        self.config.overrides.retain(|(c, _)| !meta.answers_to(c));
        if let Some(s) = severity.filter(|s| Some(*s) != meta.severity) {
            self.config.overrides.push((meta.code.to_string(), s));
        }
    }

    /// How many settings differ from the defaults (shown on the Settings button).
    pub fn changes(&self) -> usize {
        let d = Settings::default();
        let c = &self.config;
        c.ignored.len()
            + c.overrides.len()
            + usize::from(!c.trusted_registries.is_empty())
            + usize::from(!c.label_schema.is_empty())
            + usize::from(c.strict_labels)
            + usize::from(c.failure_threshold != d.config.failure_threshold)
            + usize::from(c.disable_ignore_pragma)
            + c.build_args.len()
            + usize::from(self.platform != d.platform)
            + usize::from(self.context_bytes != d.context_bytes)
            + usize::from(self.requirements_bytes != d.requirements_bytes)
    }

    /// `key=value` lines, only for what differs from the defaults.
    pub fn to_text(&self) -> String {
        let d = Settings::default();
        let c = &self.config;
        let mut out = String::new();
        let mut line = |key: &str, value: String| out.push_str(&format!("{key}={value}\n"));
        if !c.ignored.is_empty() {
            line("ignored", c.ignored.join(" "));
        }
        for sev in [Severity::Error, Severity::Warning, Severity::Info, Severity::Style] {
            let codes: Vec<&str> =
                c.overrides.iter().filter(|(_, s)| *s == sev).map(|(code, _)| code.as_str()).collect();
            if !codes.is_empty() {
                line(&format!("override.{}", sev.as_str()), codes.join(" "));
            }
        }
        if !c.trusted_registries.is_empty() {
            line("trusted", c.trusted_registries.join(" "));
        }
        if !c.label_schema.is_empty() {
            let labels: Vec<String> =
                c.label_schema.iter().map(|(n, t)| format!("{n}:{}", t.as_str())).collect();
            line("labels", labels.join(" "));
        }
        if c.strict_labels {
            line("strict-labels", "true".into());
        }
        if c.failure_threshold != d.config.failure_threshold {
            line("threshold", threshold_name(c.failure_threshold).into());
        }
        if c.disable_ignore_pragma {
            line("disable-ignore-pragma", "true".into());
        }
        for (name, value) in &c.build_args {
            line("build-arg", format!("{name}={value}"));
        }
        if self.platform != d.platform {
            line("platform", self.platform.into());
        }
        if self.context_bytes != d.context_bytes {
            line("context", self.context_bytes.to_string());
        }
        if self.requirements_bytes != d.requirements_bytes {
            line("requirements", self.requirements_bytes.to_string());
        }
        out
    }

    /// Reads what `to_text` wrote. Unknown keys and bad values are skipped: a link made by
    /// a newer version still opens.
    pub fn from_text(text: &str) -> Settings {
        let mut s = Settings::default();
        let c = &mut s.config;
        let words = |v: &str| v.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        for l in text.lines() {
            let Some((key, value)) = l.split_once('=') else { continue };
            let value = value.trim();
            match key.trim() {
                "ignored" => c.ignored = words(value),
                k if k.starts_with("override.") => {
                    if let Some(sev) = Severity::parse(&k["override.".len()..]) {
                        c.overrides.extend(words(value).into_iter().map(|code| (code, sev)));
                    }
                }
                "trusted" => c.trusted_registries = words(value),
                "labels" => {
                    c.label_schema = value
                        .split_whitespace()
                        .filter_map(|w| {
                            let (n, t) = w.rsplit_once(':')?;
                            Some((n.to_string(), LabelType::parse(t)?))
                        })
                        .collect()
                }
                "strict-labels" => c.strict_labels = value == "true",
                "threshold" => {
                    if let Some(t) = Config::parse_threshold(value) {
                        c.failure_threshold = t;
                    }
                }
                "disable-ignore-pragma" => c.disable_ignore_pragma = value == "true",
                "build-arg" => c.build_args.extend(parse_build_arg(value).ok()),
                "platform" => {
                    if let Some(p) = PLATFORMS.iter().find(|p| **p == value) {
                        s.platform = p;
                    }
                }
                "context" => s.context_bytes = value.parse().unwrap_or(s.context_bytes),
                "requirements" => s.requirements_bytes = value.parse().unwrap_or(s.requirements_bytes),
                _ => {}
            }
        }
        s
    }

    /// The linter settings as a `.hadolint.yaml`.
    pub fn to_hadolint_yaml(&self) -> String {
        let body = self.config.to_yaml();
        format!(
            "# .hadolint.yaml exported from the shipshape playground (hadolint and shipshape read it).\n{}",
            if body.is_empty() { "{}\n".to_string() } else { body }
        )
    }

    /// Takes the linter settings of a `.hadolint.yaml` (the size assumptions and the build
    /// arguments, which it does not hold, stay).
    pub fn with_hadolint_yaml(&self, yaml: &str) -> Result<Settings, String> {
        let config = Config { build_args: self.config.build_args.clone(), ..Config::from_yaml(yaml)? };
        Ok(Settings { config, ..self.clone() })
    }
}

/// A build argument as `NAME=VALUE` (spaces around the name and the value dropped), or
/// why it does not read.
pub fn parse_build_arg(line: &str) -> Result<(String, String), &'static str> {
    let (name, value) = line.split_once('=').ok_or("no `=`: write NAME=VALUE")?;
    let name = name.trim();
    if name.is_empty() {
        return Err("no name before `=`: write NAME=VALUE");
    }
    if name.contains(char::is_whitespace) {
        return Err("a name has no spaces");
    }
    Ok((name.to_string(), value.trim().to_string()))
}

pub fn threshold_name(t: Threshold) -> &'static str {
    t.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip() {
        let mut s = Settings::default();
        assert_eq!(s.to_text(), "");
        let dl3008 = shipshape::rules::find_meta("DL3008").unwrap();
        s.set_off(dl3008, true);
        let meta = shipshape::rules::find_meta("DL3015").unwrap();
        s.set_severity(meta, Some(Severity::Error));
        s.config.trusted_registries = vec!["docker.io".into(), "*.gcr.io".into()];
        s.config.label_schema = vec![("org.opencontainers.image.source".into(), LabelType::Url)];
        s.config.failure_threshold = Threshold::At(Severity::Warning);
        s.platform = "linux/arm64";
        s.context_bytes = 12_000_000;
        let text = s.to_text();
        assert_eq!(
            text,
            "ignored=DL3008\noverride.error=DL3015\ntrusted=docker.io *.gcr.io\n\
             labels=org.opencontainers.image.source:url\nthreshold=warning\nplatform=linux/arm64\ncontext=12000000\n"
        );
        assert_eq!(Settings::from_text(&text), s);
        assert_eq!(s.changes(), 7);
        // The default severity removes the override; switching a rule back on removes it.
        s.set_severity(meta, meta.severity);
        s.set_off(dl3008, false);
        assert!(s.config.overrides.is_empty() && s.config.ignored.is_empty());
        // A rule turned off by its name (as a .hadolint.yaml may) is off, and back on.
        s.config.ignored.push("apt-get-unpinned".into());
        assert!(s.is_off(dl3008));
        s.set_off(dl3008, false);
        assert!(s.config.ignored.is_empty());
        // Junk is skipped.
        assert_eq!(Settings::from_text("platform=linux/s390x\ncontext=lots\nnope\n"), Settings::default());
        assert_eq!(Settings::from_text("build-arg=nope\nbuild-arg==x\n"), Settings::default());
    }

    #[test]
    fn build_arguments_round_trip() {
        let mut s = Settings::default();
        s.config.build_args =
            vec![("PKGS".into(), "curl=7.88.1-10 wget".into()), ("EMPTY".into(), String::new())];
        let text = s.to_text();
        assert_eq!(text, "build-arg=PKGS=curl=7.88.1-10 wget\nbuild-arg=EMPTY=\n");
        assert_eq!(Settings::from_text(&text), s);
        assert_eq!(s.changes(), 2);
        // Importing a .hadolint.yaml keeps them (they are not one of its keys).
        let imported = s.with_hadolint_yaml("ignored: [DL3008]\n").unwrap();
        assert_eq!(imported.config.build_args, s.config.build_args);
        assert!(!s.to_hadolint_yaml().contains("PKGS"));
        assert_eq!(parse_build_arg(" PKGS = git "), Ok(("PKGS".into(), "git".into())));
        assert!(parse_build_arg("PKGS").is_err() && parse_build_arg("=git").is_err());
        assert!(parse_build_arg("MY PKGS=git").is_err());
    }

    #[test]
    fn failure_threshold() {
        // hadolint's default threshold is info: style findings alone pass.
        let mut s = Settings::default();
        assert!(s.config.fails([Severity::Info]));
        assert!(!s.config.fails([Severity::Style]));
        s.config.failure_threshold = Threshold::At(Severity::Warning);
        assert!(!s.config.fails([Severity::Info, Severity::Style]));
        assert!(s.config.fails([Severity::Info, Severity::Error]));
        s.config.failure_threshold = Threshold::Never;
        assert!(!s.config.fails([Severity::Error]));
        s.config.failure_threshold = Threshold::At(Severity::Warning);
        s.config.no_fail = true;
        assert!(!s.config.fails([Severity::Error]));
    }
}
