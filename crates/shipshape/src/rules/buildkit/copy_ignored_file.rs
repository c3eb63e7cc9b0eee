//! CopyIgnoredFile (experimental): COPY or ADD of a path that `.dockerignore` excludes.

use crate::rules::prelude::*;

declare_rule! {
    CopyIgnoredFile {
        code: "CopyIgnoredFile",
        name: "copy-ignored-file",
        severity: Off,
        category: Correctness,
        fix: None,
        origin: BuildKit,
        summary: "COPY and ADD should not name files that .dockerignore excludes",
        why: "Files matched by `.dockerignore` are not sent to the builder, so a COPY or ADD \
              that names one fails (or, with a wildcard, silently copies less than intended). \
              The check needs the build context's `.dockerignore`; it stays quiet when the \
              file has exceptions (`!pattern`), since those cannot be judged without the \
              files. BuildKit calls this experimental check CopyIgnoredFile; turn it on with \
              `# check=experimental=CopyIgnoredFile`.",
        bad: "# check=experimental=CopyIgnoredFile\nFROM alpine:3.20\nWORKDIR /app\n# .dockerignore: tmp/*\nCOPY ./tmp/helloworld.txt /app/helloworld.txt\n",
        good: "# check=experimental=CopyIgnoredFile\nFROM alpine:3.20\nWORKDIR /app\n# .dockerignore: tmp/*\nCOPY ./forever/helloworld.txt /app/helloworld.txt\n",
    }
}

#[derive(Default)]
pub struct CopyIgnoredFile {
    /// The compiled patterns, once (None: no .dockerignore, or one with exceptions).
    matcher: Option<Option<Vec<Pattern>>>,
}

impl Rule for CopyIgnoredFile {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let is_add = match instr.keyword {
            Keyword::Add => true,
            Keyword::Copy if instr.flag("from").is_none() => false,
            _ => return,
        };
        let Args::List { items, .. } = &instr.args else { return };
        let Some((_, sources)) = items.split_last() else { return };
        let patterns = self.matcher.get_or_insert_with(|| compile(cx.config.dockerignore.as_deref()));
        let Some(patterns) = patterns.as_deref() else { return };
        for src in sources {
            let text = &src.text;
            // Heredocs, URLs and git sources do not come from the context; a variable's
            // value is unknown.
            if text.starts_with("<<")
                || text.contains("://")
                || text.starts_with("git@")
                || text.contains('$')
                || (!src.span.is_empty() && instr.heredocs.iter().any(|h| h.marker == src.span))
            {
                continue;
            }
            let path = clean(text);
            let ignored = if path == "." || path == "/" {
                // The context root: only patterns that drop every entry of it count.
                patterns.iter().any(|p| matches!(p.text.as_str(), "*" | "**" | "**/*"))
            } else {
                matches_or_parent_matches(patterns, &path)
            };
            if ignored {
                let what = if is_add { "ADD" } else { "COPY" };
                cx.report(
                    src.span,
                    format!("`{path}` is excluded by .dockerignore, so {what} cannot find it"),
                )
                .with_help("Remove the pattern from .dockerignore, or do not copy this path.");
            }
        }
    }
}

/// Go's `path.Clean`, then `/x` kept and `./x` made `x`.
fn clean(p: &str) -> String {
    let rooted = p.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|l| *l != "..") {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    let joined = out.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// The patterns of a .dockerignore as moby's `ignorefile.ReadAll` and `patternmatcher.New`
/// read them; `None` when there are none or when any is an exception (BuildKit does not
/// judge those).
fn compile(lines: Option<&[String]>) -> Option<Vec<Pattern>> {
    let mut out = Vec::new();
    for line in lines? {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('!') {
            return None;
        }
        let mut p = clean(line);
        if p.len() > 1 && p.starts_with('/') {
            p.remove(0);
        }
        out.push(Pattern::new(&p));
    }
    (!out.is_empty()).then_some(out)
}

fn matches_or_parent_matches(patterns: &[Pattern], file: &str) -> bool {
    let parent = file.rfind('/').map_or(".", |i| if i == 0 { "/" } else { &file[..i] });
    let dirs: Vec<&str> = parent.split('/').collect();
    patterns.iter().any(|p| {
        p.matches(file) || (parent != "." && (1..=dirs.len()).any(|n| p.matches(&dirs[..n].join("/"))))
    })
}

/// One pattern, matched as `patternmatcher` does (its exact, prefix and suffix shortcuts
/// included).
struct Pattern {
    text: String,
    kind: Kind,
    toks: Vec<Tok>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Exact,
    Prefix,
    Suffix,
    Regexp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Lit(char),
    /// `*`: anything but `/`.
    Star,
    /// `?`: one character but `/`.
    Any,
    /// `**/` (or `**` before more pattern): any number of whole directories, even none.
    Dirs,
    /// `**` at the end: anything.
    Rest,
    /// `[...]`: (negated, ranges).
    Class(bool, Vec<(char, char)>),
}

impl Pattern {
    fn new(p: &str) -> Pattern {
        let chars: Vec<char> = p.chars().collect();
        let mut toks = Vec::new();
        let mut kind = Kind::Exact;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let first = i == 0;
            i += 1;
            match c {
                '*' if chars.get(i) == Some(&'*') => {
                    i += 1;
                    if chars.get(i) == Some(&'/') {
                        i += 1;
                    }
                    if i >= chars.len() {
                        if kind == Kind::Exact {
                            kind = Kind::Prefix;
                        } else {
                            kind = Kind::Regexp;
                        }
                        toks.push(Tok::Rest);
                    } else {
                        toks.push(Tok::Dirs);
                        kind = Kind::Regexp;
                    }
                    if first {
                        kind = Kind::Suffix;
                    }
                }
                '*' => {
                    toks.push(Tok::Star);
                    kind = Kind::Regexp;
                }
                '?' => {
                    toks.push(Tok::Any);
                    kind = Kind::Regexp;
                }
                '\\' => {
                    if let Some(&n) = chars.get(i) {
                        i += 1;
                        toks.push(Tok::Lit(n));
                        kind = Kind::Regexp;
                    } else {
                        toks.push(Tok::Lit('\\'));
                    }
                }
                '[' => {
                    kind = Kind::Regexp;
                    let negated = matches!(chars.get(i), Some('^') | Some('!'));
                    if negated {
                        i += 1;
                    }
                    let mut ranges = Vec::new();
                    while i < chars.len() && chars[i] != ']' {
                        let mut lo = chars[i];
                        if lo == '\\' && i + 1 < chars.len() {
                            i += 1;
                            lo = chars[i];
                        }
                        i += 1;
                        if chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|c| *c != ']') {
                            ranges.push((lo, chars[i + 1]));
                            i += 2;
                        } else {
                            ranges.push((lo, lo));
                        }
                    }
                    i += 1; // ']'
                    toks.push(Tok::Class(negated, ranges));
                }
                c => toks.push(Tok::Lit(c)),
            }
        }
        Pattern { text: p.to_string(), kind, toks }
    }

    fn matches(&self, path: &str) -> bool {
        match self.kind {
            Kind::Exact => path == self.text,
            Kind::Prefix => path.starts_with(&self.text[..self.text.len() - 2]),
            Kind::Suffix => {
                let mut suffix = &self.text[2..];
                if suffix.len() > 1 && suffix.starts_with('/') {
                    suffix = &suffix[1..];
                }
                path.ends_with(suffix)
            }
            Kind::Regexp => {
                let s: Vec<char> = path.chars().collect();
                match_toks(&self.toks, &s)
            }
        }
    }
}

fn match_toks(toks: &[Tok], s: &[char]) -> bool {
    let Some((t, rest)) = toks.split_first() else { return s.is_empty() };
    match t {
        Tok::Lit(c) => s.first() == Some(c) && match_toks(rest, &s[1..]),
        Tok::Any => s.first().is_some_and(|c| *c != '/') && match_toks(rest, &s[1..]),
        Tok::Class(neg, ranges) => {
            s.first().is_some_and(|c| ranges.iter().any(|(lo, hi)| lo <= c && c <= hi) != *neg)
                && match_toks(rest, &s[1..])
        }
        Tok::Star => {
            let mut i = 0;
            loop {
                if match_toks(rest, &s[i..]) {
                    return true;
                }
                if i >= s.len() || s[i] == '/' {
                    return false;
                }
                i += 1;
            }
        }
        Tok::Rest => true,
        Tok::Dirs => {
            // `(.*/)?`: nothing, or any text up to and including a `/`.
            match_toks(rest, s) || (0..s.len()).any(|i| s[i] == '/' && match_toks(rest, &s[i + 1..]))
        }
    }
}

#[cfg(test)]
fn ignore(patterns: &'static [&'static str]) -> crate::config::Config {
    crate::config::Config {
        dockerignore: Some(patterns.iter().map(|s| s.to_string()).collect()),
        ..Default::default()
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/copy-ignored-file, with `.dockerignore` =
    // `*/tmp/*`. The page says the COPY below is reported, but patternmatcher's `*` needs a
    // directory before `tmp` (`[^/]*/tmp/…`), so `tmp/helloworld.txt` does not match and
    // BuildKit stays quiet; the same COPY with `tmp/*` is reported.
    Case::quiet("FROM scratch\nCOPY ./tmp/helloworld.txt /helloworld.txt").with_config(|| ignore(&["*/tmp/*"])),
    Case::fires("FROM scratch\nCOPY ./tmp/helloworld.txt /helloworld.txt", &["./tmp/helloworld.txt"])
        .with_config(|| ignore(&["tmp/*"])),
    Case::quiet("FROM scratch\nCOPY ./forever/helloworld.txt /helloworld.txt").with_config(|| ignore(&["tmp/*"])),
    // No .dockerignore known (the browser): quiet.
    Case::quiet("FROM scratch\nCOPY ./tmp/helloworld.txt /helloworld.txt"),
    // A parent directory that is ignored hides what is inside.
    Case::fires("FROM alpine\nADD node_modules/x/index.js /app/", &["node_modules/x/index.js"])
        .with_config(|| ignore(&["node_modules", "# comment", ""])),
    Case::fires("FROM alpine\nCOPY src/a.log src/b.txt /app/", &["src/a.log"]).with_config(|| ignore(&["**/*.log"])),
    Case::fires("FROM alpine\nCOPY docs/guide.md /docs/", &["docs/guide.md"]).with_config(|| ignore(&["/docs/**"])),
    // `docs/**` matches what is inside `docs`, not `docs` itself.
    Case::quiet("FROM alpine\nCOPY docs /docs").with_config(|| ignore(&["/docs/**"])),
    // `COPY .` is judged only against patterns that drop everything.
    Case::quiet("FROM alpine\nCOPY . /app").with_config(|| ignore(&[".git", "*.md"])),
    Case::fires("FROM alpine\nCOPY . /app", &["."]).with_config(|| ignore(&["*"])),
    // Exceptions make BuildKit give up.
    Case::quiet("FROM alpine\nCOPY . /app\nCOPY tmp/x /x").with_config(|| ignore(&["*", "!src", "tmp"])),
    // Sources from another stage, URLs and variables are not from the context.
    Case::quiet("FROM alpine AS b\nFROM alpine\nCOPY --from=b tmp/x /x\nADD https://example.com/tmp/x /x\nCOPY $DIR/tmp /x")
        .with_config(|| ignore(&["tmp", "*/tmp"])),
    Case::quiet("FROM alpine\nCOPY <<EOF /x\nhello\nEOF").with_config(|| ignore(&["*"])),
    // `tmp` names the directory `tmp`, not every path that starts with those letters.
    Case::quiet("FROM alpine\nCOPY tmpfiles/x /x").with_config(|| ignore(&["tmp"])),
    // `*` does not cross `/`: `*.md` drops the Markdown files at the top only.
    Case::quiet("FROM alpine\nCOPY docs/README.md /docs/").with_config(|| ignore(&["*.md"])),
    // Only sources come from the context: an ignored name in the destination is fine.
    Case::quiet("FROM alpine\nCOPY package.json /app/node_modules/").with_config(|| ignore(&["node_modules"])),
    // A .dockerignore of comments and blank lines ignores nothing.
    Case::quiet("FROM alpine\nCOPY tmp/x /x").with_config(|| ignore(&["# tmp", ""])),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, path: &str) -> bool {
        matches_or_parent_matches(&[Pattern::new(&clean(pattern))], path)
    }

    #[test]
    fn patterns() {
        assert!(m("*.md", "README.md"));
        assert!(!m("*.md", "docs/README.md"));
        assert!(m("**/*.md", "docs/README.md"));
        assert!(m("**/*.md", "README.md"));
        assert!(m("docs", "docs/a/b"));
        assert!(m("d?cs", "docs"));
        assert!(m("[a-c]x", "bx"));
        assert!(!m("[!a-c]x", "bx"));
        assert!(m("a/**", "a/b/c"));
        assert!(m("a/**/z", "a/z"));
        assert!(m("a/**/z", "a/b/c/z"));
        assert!(!m("*/tmp/*", "tmp/helloworld.txt"));
        assert!(m("./build", "build"));
        assert_eq!(clean("./tmp//x/../y/"), "tmp/y");
        assert_eq!(clean("/a/./b"), "/a/b");
    }
}
