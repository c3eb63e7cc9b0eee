//! The Dockerfile the editor starts with, and the playground's menu of examples.
//!
//! Every example is our own; each one shows one way of writing a Dockerfile and what the
//! linter says about it.

/// A small Python web app: one stage, a cached dependency layer and a continued `RUN`.
pub const EXAMPLE: &str = r#"# syntax=docker/dockerfile:1
FROM python:3.12-slim AS base
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --create-home --uid 10001 app \
    && chown -R app:app /app \
    && python -m compileall -q /app
USER app
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:server"]
"#;

/// One entry of the playground's "Examples" menu.
#[derive(Debug)]
pub struct Example {
    /// Stable kebab-case id, used in URLs such as `#/example/python-single`.
    pub id: &'static str,
    /// Short menu label.
    pub title: &'static str,
    /// One sentence: what the example shows and what to look for.
    pub blurb: &'static str,
}

impl Example {
    /// Where the page fetches the Dockerfile: `www/examples/<id>.Dockerfile`, copied into
    /// the site (the texts stay out of the wasm, and anyone can open them as files).
    pub fn url(&self) -> String {
        format!("examples/{}.Dockerfile", self.id)
    }

    /// The Dockerfile, fetched from this site.
    pub async fn fetch(&self) -> Result<String, String> {
        crate::net::fetch_text(&self.url()).await
    }
}

/// The examples, in menu order.
pub static EXAMPLES: &[Example] = &[
    Example {
        id: "python-single",
        title: "Python web app (single stage)",
        blurb: "A first attempt at containerising a Flask shop: look for the separate apt-get update, the \
            missing --no-install-recommends and list cleanup, pip's download cache, and the whole source \
            tree copied before the dependencies are installed.",
    },
    Example {
        id: "python-multistage",
        title: "Python web app (multi-stage)",
        blurb: "The same shop built in two stages, where the compiler stays in the builder that makes the \
            wheels and the slim final stage runs as a non-root user, so only a few minor findings remain.",
    },
    Example {
        id: "data-science",
        title: "Data-science notebook image",
        blurb: "A notebook image with build-essential, a Fortran compiler and the scientific Python stack \
            in one full-size stage: open the size panel to see how much the full base image, the apt lists \
            and pip's cache add.",
    },
    Example {
        id: "node",
        title: "Node.js app",
        blurb: "A Node service that copies its lock file and runs npm ci before the sources, where the \
            findings point at the full node:20 base, build output shipped in a single stage and an \
            unpinned global npm install.",
    },
    Example {
        id: "go-scratch",
        title: "Go binary on distroless",
        blurb: "A static Go binary compiled in a golang stage and copied with COPY --from into a \
            distroless final stage that has no shell and no package manager, which is why the linter finds \
            nothing to flag.",
    },
    Example {
        id: "java-maven",
        title: "Java / Maven app",
        blurb: "A Maven build that caches its dependencies in a layer of their own, then copies only the \
            jar into a JRE-only final stage that runs as a numeric non-root user.",
    },
    Example {
        id: "alpine",
        title: "Alpine packages",
        blurb: "Alpine's apk with and without --no-cache side by side, where most findings ask for pinned \
            package versions and a virtual package removes the compiler within the same RUN.",
    },
    Example {
        id: "windows",
        title: "Windows Server Core",
        blurb: "A Windows image that sets the escape character to a backtick, so backslashes in paths stay \
            literal and each line ending in a backtick continues the PowerShell RUN on the next line.",
    },
    Example {
        id: "heredocs",
        title: "Heredocs (RUN and COPY)",
        blurb: "A BuildKit file that runs a multi-line script with RUN <<EOF and writes an nginx config \
            with COPY <<EOF, showing that each heredoc body belongs to its instruction rather than being \
            read as instructions.",
    },
    Example {
        id: "broken",
        title: "Broken on purpose",
        blurb: "This file is broken on purpose (a misspelled instruction, a misspelled flag, an ENV \
            without a value and a JSON array holding a number), yet every other line is still parsed and \
            linted.",
    },
];

/// The example with this id.
pub fn example(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An example's Dockerfile, read from `www/examples/` as the page fetches it.
    fn text(e: &Example) -> &'static str {
        let path = format!("{}/www/{}", env!("CARGO_MANIFEST_DIR"), e.url());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
        Box::leak(text.into_boxed_str())
    }
    use shipshape::syntax::{Args, Command, Instruction, Keyword};
    use shipshape::LintResult;

    fn lint(id: &str) -> LintResult {
        shipshape::lint(text(example(id).unwrap()), &shipshape::Config::default())
    }

    /// The codes of the rule findings (syntax errors left out), in file order.
    fn codes(r: &LintResult) -> Vec<&'static str> {
        r.diagnostics.iter().filter(|d| d.code != shipshape::lint::SYNTAX_CODE).map(|d| d.code).collect()
    }

    fn keywords(r: &LintResult) -> Vec<Keyword> {
        r.parse.file.instructions.iter().map(|i| i.keyword).collect()
    }

    fn has(r: &LintResult, code: &str) -> bool {
        codes(r).contains(&code)
    }

    #[test]
    fn ids_titles_and_texts() {
        let ids: Vec<_> = EXAMPLES.iter().map(|e| e.id).collect();
        assert_eq!(
            ids,
            [
                "python-single",
                "python-multistage",
                "data-science",
                "node",
                "go-scratch",
                "java-maven",
                "alpine",
                "windows",
                "heredocs",
                "broken",
            ]
        );
        for e in EXAMPLES {
            let kebab = !e.id.is_empty()
                && e.id.split('-').all(|w| {
                    !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                });
            assert!(kebab, "{}: id is not kebab-case", e.id);
            assert_eq!(EXAMPLES.iter().filter(|o| o.id == e.id).count(), 1, "{}: id repeated", e.id);
            assert!(!e.title.is_empty() && e.title.len() <= 40, "{}: title", e.id);
            let one_sentence = e.blurb.ends_with('.') && !e.blurb.contains(". ") && !e.blurb.contains("  ");
            assert!(one_sentence, "{}: blurb is not one sentence", e.id);
            assert!(text(e).ends_with('\n') && !text(e).ends_with("\n\n"), "{}: text end", e.id);
            let lines = text(e).lines().count();
            assert!((6..=30).contains(&lines), "{}: {lines} lines", e.id);
        }
    }

    #[test]
    fn lookup() {
        assert_eq!(example("node").map(|e| e.title), Some("Node.js app"));
        assert!(text(example("node").unwrap()).starts_with("FROM node:20\n"));
        assert!(example("nope").is_none());
        assert!(example("").is_none());
    }

    #[test]
    fn only_broken_has_syntax_errors() {
        for e in EXAMPLES {
            let r = shipshape::lint(text(e), &shipshape::Config::default());
            let syntax = r.diagnostics.iter().filter(|d| d.code == shipshape::lint::SYNTAX_CODE).count();
            assert_eq!(syntax, r.parse.errors.len(), "{}", e.id);
            if e.id == "broken" {
                assert_eq!(r.parse.errors.len(), 4, "{}: {:?}", e.id, r.parse.errors);
            } else {
                assert_eq!(r.parse.errors, [], "{}", e.id);
            }
        }
    }

    #[test]
    fn teaching_examples_have_findings() {
        for id in ["python-single", "data-science", "node", "alpine"] {
            let r = lint(id);
            assert!(codes(&r).len() >= 3, "{id}: {:?}", codes(&r));
        }
        let single = lint("python-single");
        for code in ["SS4008", "DL3015", "DL3009", "DL3042", "SS4002", "DL3025"] {
            assert!(has(&single, code), "python-single: no {code} in {:?}", codes(&single));
        }
        let ds = lint("data-science");
        for code in ["SS4003", "SS4001", "DL3009", "DL3015", "DL3042", "DL3013"] {
            assert!(has(&ds, code), "data-science: no {code} in {:?}", codes(&ds));
        }
        let node = lint("node");
        for code in ["SS4003", "SS4001", "DL3016"] {
            assert!(has(&node, code), "node: no {code} in {:?}", codes(&node));
        }
        let alpine = lint("alpine");
        assert_eq!(codes(&alpine).iter().filter(|&&c| c == "DL3019").count(), 1);
        assert_eq!(codes(&alpine).iter().filter(|&&c| c == "DL3018").count(), 5);
    }

    #[test]
    fn clean_examples_stay_mostly_clean() {
        assert_eq!(codes(&lint("go-scratch")), [] as [&str; 0]);
        assert_eq!(codes(&lint("java-maven")), [] as [&str; 0]);
        assert_eq!(codes(&lint("windows")), [] as [&str; 0]);
        assert!(codes(&lint("python-multistage")).len() <= 3);
        assert!(codes(&lint("heredocs")).len() <= 1);
    }

    #[test]
    fn python_multistage_has_two_stages() {
        let r = lint("python-multistage");
        let stages = &r.parse.file.stages;
        assert_eq!(stages.len(), 2);
        assert_eq!(stages[0].name.as_ref().map(|w| w.text.as_str()), Some("builder"));
        assert_eq!(stages[1].base.as_ref().map(|w| w.text.as_str()), Some("python:3.12-slim"));
    }

    #[test]
    fn go_ends_on_scratch_or_distroless() {
        let r = lint("go-scratch");
        let stages = &r.parse.file.stages;
        assert_eq!(stages.len(), 2);
        let base = stages[1].base.as_ref().unwrap().text.as_str();
        assert!(base == "scratch" || base.starts_with("gcr.io/distroless/"), "{base}");
        let copy = r.parse.file.stage_instructions(&stages[1]).iter().find(|i| i.keyword == Keyword::Copy);
        let from = copy.and_then(|i| i.flag("from")).and_then(|f| f.value.as_ref());
        assert_eq!(from.map(|w| w.text.as_str()), Some("build"));
    }

    #[test]
    fn java_copies_the_jar_into_a_jre() {
        let r = lint("java-maven");
        let bases: Vec<_> =
            r.parse.file.stages.iter().map(|s| s.base.as_ref().unwrap().text.as_str()).collect();
        assert_eq!(bases, ["maven:3.9-eclipse-temurin-21", "eclipse-temurin:21-jre"]);
    }

    #[test]
    fn windows_uses_the_backtick_escape() {
        let r = lint("windows");
        let file = &r.parse.file;
        assert_eq!(file.escape, '`');
        use Keyword::*;
        assert_eq!(keywords(&r), [From, Shell, Workdir, Run, Copy, Env, Expose, Cmd]);
        // The RUN spans three lines but is one instruction.
        let run = &file.instructions[3];
        let text = run.span.text(text(example("windows").unwrap()));
        assert_eq!(text.lines().count(), 3);
        assert!(run.logical.text.contains("agent.zip ;     Expand-Archive"), "{}", run.logical.text);
        match &file.instructions[1].args {
            Args::Command(Command::Exec { args, .. }) => assert_eq!(args[0].text, "powershell"),
            other => panic!("SHELL: {other:?}"),
        }
        // With a backtick escape, the backslashes of the JSON CMD decode to single ones.
        match &file.instructions[7].args {
            Args::Command(Command::Exec { args, .. }) => assert_eq!(args[0].text, r"C:\app\agent\agent.exe"),
            other => panic!("CMD: {other:?}"),
        }
    }

    #[test]
    fn heredocs_are_parsed_as_heredocs() {
        let r = lint("heredocs");
        let source = text(example("heredocs").unwrap());
        use Keyword::*;
        assert_eq!(keywords(&r), [From, Run, Copy, Copy, Expose, Cmd]);
        let with_heredoc: Vec<&Instruction> =
            r.parse.file.instructions.iter().filter(|i| !i.heredocs.is_empty()).collect();
        assert_eq!(with_heredoc.len(), 2);
        let (run, copy) = (with_heredoc[0], with_heredoc[1]);
        assert_eq!((run.keyword, copy.keyword), (Run, Copy));
        assert_eq!(run.heredocs.len(), 1);
        assert_eq!(run.heredocs[0].name, "EOF");
        assert!(run.heredocs[0].body.text(source).starts_with("set -eux\napt-get update\n"));
        assert_eq!(copy.heredocs[0].terminator.text(source), "EOF");
        assert!(copy.heredocs[0].body.text(source).contains("listen 8080;"));
    }

    #[test]
    fn broken_is_broken_and_still_linted() {
        let r = lint("broken");
        let source = text(example("broken").unwrap());
        let index = &r.parse.line_index;
        let line = |offset: u32| index.line_col_utf16(source, offset).line;
        let errors: Vec<_> = r.parse.errors.iter().map(|e| (line(e.span.start), e.code.as_str())).collect();
        assert_eq!(
            errors,
            [(3, "unknown-instruction"), (5, "unknown-flag"), (6, "missing-value"), (10, "json-not-strings")]
        );
        // Rules still report on the lines that parse, e.g. the apt-get install on line 4.
        let error_lines: Vec<u32> = errors.iter().map(|e| e.0).collect();
        let on_valid_lines: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code != shipshape::lint::SYNTAX_CODE && !error_lines.contains(&line(d.span.start)))
            .map(|d| (line(d.span.start), d.code))
            .collect();
        assert!(on_valid_lines.contains(&(4, "DL3015")), "{on_valid_lines:?}");
        assert!(on_valid_lines.contains(&(4, "DL3008")), "{on_valid_lines:?}");
        assert!(on_valid_lines.contains(&(9, "DL3025")), "{on_valid_lines:?}");
    }
}
