//! DL3028: `gem install` of a gem without a version.

use super::unpinned::{self, Unpinned};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


declare_rule! {
    GemUnpinned {
        code: "DL3028",
        name: "gem-unpinned",
        severity: Warning,
        category: Reproducibility,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "Pin versions in gem install",
        why: "`gem install rails` takes the newest release on the day of the build, so the \
              image changes under an unchanged Dockerfile and a new major release can break \
              it. `gem install rails:7.1.3` or `-v 7.1.3` makes the build repeatable.",
        bad: "FROM ruby:3.3-slim\nRUN gem install bundler\n",
        good: "FROM ruby:3.3-slim\nRUN gem install bundler:2.5.11\n",
    }
}

#[derive(Default)]
pub struct GemUnpinned;

impl Rule for GemUnpinned {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        unpinned::check(cx, &SPEC, None);
    }
}

/// `gem install name:version`, or `-v`/`--version` for the whole call.
static SPEC: Unpinned = Unpinned {
    manager: Manager::Gem,
    program: |p| p == "gem",
    verbs: &["install", "i"],
    pinned: |p| p.contains(':'),
    skip: |c| c.has_flag(&["v", "version"]),
    modules: false,
    example: "gem install {}:<version>",
    help: "Add `:<version>` to each gem, or give `-v <version>`.",
};

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM ruby\nRUN gem install bundler", &["bundler"]),
    Case::fires("FROM ruby\nRUN gem i bundler:2.5.11 nokogiri", &["nokogiri"]),
    // `--no-document` takes no value (hadolint takes every option to take one, and skips
    // `rails`).
    Case::fires("FROM ruby\nRUN gem install --no-document rails puma", &["rails", "puma"]),
    Case::quiet("FROM ruby\nRUN gem install bundler:2.5.11"),
    Case::quiet("FROM ruby\nRUN gem install bundler -v '2.0.1' && gem install rake --version=13.2.1"),
    Case::quiet("FROM ruby\nRUN gem install nokogiri:1.16.5 -- --use-system-libraries=true"),
    Case::quiet("FROM ruby\nRUN gem update --system"),
    // Bundler installs from the lock file.
    Case::quiet("FROM ruby\nRUN gem install bundler:2.5.11 && bundle install --jobs 4"),
    // Other gem commands, and the command in a string.
    Case::quiet(
        "FROM ruby\nRUN gem build app.gemspec && gem list && gem sources --add https://rubygems.example/",
    ),
    Case::quiet("FROM ruby\nRUN echo \"gem install rails\" > /tmp/hint"),
    // Variables are judged by the value they hold here.
    Case::fires("FROM ruby:3.3\nARG GEMS=\"bundler rake:13.2.1\"\nRUN gem install $GEMS", &["$GEMS"]),
    Case::quiet("FROM ruby:3.3\nARG GEM=bundler:2.5.6\nRUN gem install $GEM"),
];
