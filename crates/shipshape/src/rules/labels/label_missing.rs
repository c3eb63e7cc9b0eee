//! DL3049: a label the label schema requires is missing in a stage.

use crate::rules::labels::values::{pairs, lexed};
use crate::rules::prelude::*;
use crate::syntax::image::ImageRef;

declare_rule! {
    LabelMissing {
        code: "DL3049",
        name: "label-missing",
        severity: Info,
        category: Maintainability,
        fix: None,
        origin: Hadolint,
        summary: "A label required by the label schema is missing",
        why: "A label schema (`label-schema` in the configuration) lists the labels every \
              image must carry, such as its version or source repository, so that registries \
              and scanners can tell where an image comes from. A stage without one of them \
              builds an image that breaks that contract. Stages that only feed `COPY --from` \
              are exempt, a stage built FROM a labelled stage inherits its labels, and (as in \
              hadolint) a labelled `FROM base` stage also excuses the `base` stage.",
        bad: "FROM alpine:3.20\nRUN echo hi\n",
        good: "FROM alpine:3.20\nLABEL version=\"1.0.0\"\n",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// The stage has the label (or inherits it).
    Good,
    /// Missing so far.
    Bad,
    /// Missing, but the stage is only copied from.
    Silent,
}

struct StageInfo {
    /// The FROM image word (or the FROM keyword).
    span: Span,
    /// `AS name`, lower case.
    alias: Option<String>,
    /// The alias, or else the image name (lower case).
    name: String,
    /// One state per label of the schema.
    states: Vec<State>,
}

#[derive(Default)]
pub struct LabelMissing {
    stages: Vec<StageInfo>,
}

impl Rule for LabelMissing {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let schema = &cx.config.label_schema;
        if schema.is_empty() {
            return;
        }
        match instr.keyword {
            Keyword::From => {
                let Some(stage) = cx.state.stage.map(|i| &cx.file.stages[i]) else { return };
                let span = stage.base.as_ref().map_or(instr.keyword_word.span, |b| b.span);
                // A stage built FROM an earlier stage inherits the labels that stage has.
                let parent =
                    stage.base.as_ref().map(|b| ImageRef::parse(&b.text).name().to_ascii_lowercase());
                let states = (0..schema.len())
                    .map(|i| {
                        let inherited = self
                            .stages
                            .iter()
                            .any(|s| s.states[i] == State::Good && s.alias.is_some() && s.alias == parent);
                        if inherited {
                            State::Good
                        } else {
                            State::Bad
                        }
                    })
                    .collect();
                let alias = stage.name.as_ref().map(|n| n.text.to_ascii_lowercase());
                let name = alias.clone().or(parent).unwrap_or_default();
                self.stages.push(StageInfo { span, alias, name, states });
            }
            Keyword::Copy => {
                let Some(from) = instr.flag("from").and_then(|f| f.value.as_ref()) else { return };
                let from = from.text.to_ascii_lowercase();
                for s in self.stages.iter_mut().filter(|s| s.alias.as_deref() == Some(from.as_str())) {
                    for st in s.states.iter_mut().filter(|st| **st == State::Bad) {
                        *st = State::Silent;
                    }
                }
            }
            Keyword::Label => {
                let keys: Vec<String> = pairs(instr).iter().map(|p| lexed(cx, &p.key)).collect();
                let Some(current) = self.stages.len().checked_sub(1) else { return };
                let name = self.stages[current].name.clone();
                for (i, (label, _)) in schema.iter().enumerate() {
                    if !keys.iter().any(|k| k == label) {
                        continue;
                    }
                    // As hadolint does, a labelled `FROM base` also excuses the `base` stage.
                    for s in self.stages.iter_mut().filter(|s| s.alias.as_deref() == Some(name.as_str())) {
                        if s.states[i] == State::Bad {
                            s.states[i] = State::Silent;
                        }
                    }
                    self.stages[current].states[i] = State::Good;
                }
            }
            _ => {}
        }
    }

    fn finish(&mut self, cx: &mut Cx) {
        let names: Vec<String> = cx.config.label_schema.iter().map(|(n, _)| n.clone()).collect();
        for stage in &self.stages {
            for (i, name) in names.iter().enumerate() {
                if stage.states[i] == State::Bad {
                    cx.report(
                        stage.span,
                        format!("The label `{name}` required by the label schema is missing in this stage"),
                    )
                    .with_help(format!("Add `LABEL {name}=…` to the stage."));
                }
            }
        }
    }
}

#[cfg(test)]
use crate::config::{Config, LabelType};

#[cfg(test)]
fn schema() -> Config {
    Config {
        label_schema: vec![("version".into(), LabelType::Semver), ("maintainer".into(), LabelType::Text)],
        ..Config::default()
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nRUN echo hi", &["alpine:3.20", "alpine:3.20"]).with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL version=1.0.0", &["alpine:3.20"]).with_config(schema),
    Case::fires(
        "FROM alpine:3.20 AS base\nLABEL version=1.0.0 maintainer=me\nFROM debian:12\nLABEL maintainer=me",
        &["debian:12"],
    )
    .with_config(schema),
    Case::fires("FROM alpine:3.20 AS a\nFROM a AS b\nLABEL version=1 maintainer=me", &["alpine:3.20", "alpine:3.20"])
        .with_config(schema),
    // A stage built from a labelled stage inherits its labels.
    Case::quiet("FROM alpine:3.20 AS base\nLABEL version=1.0.0 maintainer=me\nFROM base\nRUN echo hi")
        .with_config(schema),
    // A stage that is only copied from needs no labels.
    Case::quiet(
        "FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nLABEL \"version\"=\"1\" maintainer=me\nCOPY --from=build /app /app",
    )
    .with_config(schema),
    Case::quiet("FROM alpine:3.20\nRUN echo hi"),
    Case::fires(
        "FROM alpine:3.20 AS base\nRUN true\nFROM base AS builder\nRUN true\nFROM base\nLABEL version=1 maintainer=me",
        &["base", "base"],
    )
    .with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL version=1.0.0\nLABEL maintainer=me").with_config(schema),
    // Both labels in one LABEL, the second on a continuation line.
    Case::quiet("FROM alpine:3.20\nLABEL version=1.0.0 \\\n      maintainer=me").with_config(schema),
    // Quoted keys, and the legacy `LABEL key value` form.
    Case::quiet("FROM alpine:3.20\nLABEL 'version'='1.0.0'\nLABEL maintainer me").with_config(schema),
    // Inheritance passes through a middle stage.
    Case::quiet(
        "FROM alpine:3.20 AS base\nLABEL version=1.0.0 maintainer=me\nFROM base AS mid\nRUN true\nFROM mid\nRUN true",
    )
    .with_config(schema),
    // Only presence counts: a value from an ARG, or empty, is still the label.
    Case::quiet("FROM alpine:3.20\nARG VERSION=1.0.0\nLABEL version=$VERSION maintainer=\"\"").with_config(schema),
    // Two stages that are only copied from, not just the first.
    Case::quiet(
        "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM alpine:3.20 AS certs\nRUN apk add ca-certificates\nFROM scratch\nLABEL version=1.0.0 maintainer=me\nCOPY --from=build /app /app\nCOPY --from=certs /etc/ssl /etc/ssl",
    )
    .with_config(schema),
    // As the docs say, a labelled `FROM base` stage also excuses the unlabelled `base`.
    Case::quiet("FROM alpine:3.20 AS base\nRUN true\nFROM base\nLABEL version=1.0.0 maintainer=me")
        .with_config(schema),
];
