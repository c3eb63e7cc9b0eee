//! The command model: what rules ask of a simple command.

use super::{Command, ShWord};

/// A flag word of a command: `-y`, `-yq` (two flags), `--yes`, `--progress=dot`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagArg<'a> {
    pub word: &'a ShWord,
    /// Without dashes: `y`, `yes`, `progress`.
    pub name: String,
    pub long: bool,
    /// The value after `=` of a long flag.
    pub value: Option<String>,
}

impl Command {
    /// The program word (the first word), if any.
    pub fn program(&self) -> Option<&ShWord> {
        self.words.first()
    }

    /// The program's base name (`/usr/bin/apt-get` → `apt-get`).
    pub fn name(&self) -> Option<&str> {
        let w = self.program()?.text();
        Some(w.rsplit('/').next().unwrap_or(w))
    }

    /// Whether the program is `name` (by base name).
    pub fn is(&self, name: &str) -> bool {
        self.name() == Some(name)
    }

    /// Whether the program is one of `names`.
    pub fn is_any(&self, names: &[&str]) -> bool {
        self.name().is_some_and(|n| names.contains(&n))
    }

    /// The words after the program.
    pub fn args(&self) -> &[ShWord] {
        self.words.get(1..).unwrap_or(&[])
    }

    /// Flag words (before a `--`), split into single flags.
    pub fn flags(&self) -> Vec<FlagArg<'_>> {
        let mut out = Vec::new();
        for w in self.args() {
            let t = w.text();
            if t == "--" {
                break;
            }
            if let Some(long) = t.strip_prefix("--") {
                let (name, value) = match long.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (long.to_string(), None),
                };
                out.push(FlagArg { word: w, name, long: true, value });
            } else if let Some(short) = t.strip_prefix('-') {
                if short.is_empty() {
                    continue; // `-` alone is stdin, not a flag
                }
                for c in short.chars() {
                    out.push(FlagArg { word: w, name: c.to_string(), long: false, value: None });
                }
            }
        }
        out
    }

    /// Whether a flag is given: one-letter names match short flags (also inside `-yq`),
    /// longer names match long flags.
    pub fn has_flag(&self, name: &str) -> bool {
        self.flags().iter().any(|f| f.name == name && f.long == (name.chars().count() > 1))
    }

    pub fn has_any_flag(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.has_flag(n))
    }

    /// The word of the first matching flag.
    pub fn flag_word(&self, names: &[&str]) -> Option<&ShWord> {
        self.flags()
            .into_iter()
            .find(|f| names.iter().any(|n| f.name == *n && f.long == (n.chars().count() > 1)))
            .map(|f| f.word)
    }

    /// The value of a long flag given as `--name=value` or `--name value`.
    pub fn flag_value(&self, name: &str) -> Option<String> {
        let args = self.args();
        for (i, w) in args.iter().enumerate() {
            let t = w.text();
            if t == "--" {
                break;
            }
            let Some(long) = t.strip_prefix("--") else { continue };
            if let Some(v) = long.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
                return Some(v.to_string());
            }
            if long == name {
                return args.get(i + 1).map(|v| v.text().to_string());
            }
        }
        None
    }

    /// Arguments that are not flags (everything after a `--` counts).
    pub fn positionals(&self) -> Vec<&ShWord> {
        let mut out = Vec::new();
        let mut after_dashdash = false;
        for w in self.args() {
            let t = w.text();
            if !after_dashdash && t == "--" {
                after_dashdash = true;
                continue;
            }
            if after_dashdash || !t.starts_with('-') || t == "-" {
                out.push(w);
            }
        }
        out
    }

    /// The first positional argument (`install` in `apt-get -y install curl`).
    pub fn subcommand(&self) -> Option<&ShWord> {
        self.positionals().into_iter().next()
    }

    /// Whether the first positional argument is one of `names`.
    pub fn subcommand_is(&self, names: &[&str]) -> bool {
        self.subcommand().is_some_and(|w| names.contains(&w.text()))
    }

    /// Whether any argument equals `value`.
    pub fn has_arg(&self, value: &str) -> bool {
        self.args().iter().any(|w| w.text() == value)
    }

    /// The arguments after the first argument equal to `value`.
    pub fn args_after(&self, value: &str) -> &[ShWord] {
        let args = self.args();
        match args.iter().position(|w| w.text() == value) {
            Some(i) => &args[i + 1..],
            None => &[],
        }
    }

    /// The positional arguments after the first positional equal to `value`
    /// (`apt-get install -y curl wget` → `curl`, `wget`).
    pub fn positionals_after(&self, value: &str) -> Vec<&ShWord> {
        let pos = self.positionals();
        match pos.iter().position(|w| w.text() == value) {
            Some(i) => pos[i + 1..].to_vec(),
            None => Vec::new(),
        }
    }
}
