//! The shell analysis of RUN: structure, words, the command model, and spans mapped back
//! to the Dockerfile through continuations.

use shipshape::shell::{Joiner, PartKind, Script, SpanMap};

fn script(text: &str) -> Script {
    Script::parse(text, &SpanMap::Direct(0))
}

fn names(s: &Script) -> Vec<String> {
    s.commands.iter().map(|c| c.name().unwrap_or("").to_string()).collect()
}

#[test]
fn lists_and_pipelines() {
    let s = script("apt-get update && apt-get install -y curl || echo failed; rm -rf /x & wait | cat");
    assert_eq!(names(&s), vec!["apt-get", "apt-get", "echo", "rm", "wait", "cat"]);
    let joiners: Vec<Joiner> = s.commands.iter().map(|c| c.joiner).collect();
    assert_eq!(joiners, vec![Joiner::Start, Joiner::And, Joiner::Or, Joiner::Seq, Joiner::Seq, Joiner::Pipe]);
    assert!(s.has_pipe);
    assert!(s.unreadable.is_empty());
}

#[test]
fn subshells_groups_and_compound_commands() {
    let s = script("(cd /tmp && make) && { echo a; echo b; } && if [ -f x ]; then rm x; else touch y; fi && for i in 1 2; do echo $i; done && while false; do :; done && case $x in a|b) echo ab;; *) echo other;; esac");
    assert_eq!(
        names(&s),
        vec!["cd", "make", "echo", "echo", "[", "rm", "touch", "echo", "false", ":", "echo", "echo"]
    );
    assert!(s.unreadable.is_empty(), "{:?}", s.unreadable);
    assert!(s.commands[0].depth > 0);
}

#[test]
fn words_quotes_and_expansions() {
    let s = script(
        r#"FOO=bar echo 'single $x' "double $HOME" \$lit ${A:-b} $(id -u) `whoami` $((1+2)) >/dev/null 2>&1"#,
    );
    let echo = &s.commands.iter().find(|c| c.is("echo")).unwrap();
    assert_eq!(echo.assignments[0].name, "FOO");
    let args: Vec<&str> = echo.args().iter().map(|w| w.raw.as_str()).collect();
    assert_eq!(
        args,
        vec!["'single $x'", "\"double $HOME\"", "\\$lit", "${A:-b}", "$(id -u)", "`whoami`", "$((1+2))"]
    );
    assert_eq!(echo.args()[0].value.as_deref(), Some("single $x"));
    assert_eq!(echo.args()[1].value, None);
    assert_eq!(echo.args()[2].value.as_deref(), Some("$lit"));
    let home = echo.args()[1].parts.iter().find(|p| p.kind == PartKind::Param).unwrap();
    assert!(home.quoted);
    assert_eq!(home.name.as_deref(), Some("HOME"));
    assert_eq!(echo.redirects.len(), 2);
    assert_eq!(echo.redirects[1].fd, Some(2));
    // Commands inside substitutions are found too.
    assert!(s.commands.iter().any(|c| c.is("id") && c.in_substitution));
    assert!(s.commands.iter().any(|c| c.is("whoami") && c.in_substitution));
}

#[test]
fn command_model() {
    let s = script("DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get -qq -o Dpkg::Options::=--force-confold install --no-install-recommends -yq curl=7.* wget -- -weird");
    let c = &s.commands[0];
    assert!(c.is("apt-get"));
    assert!(c.has_flag("y") && c.has_flag("q") && !c.has_flag("yes"));
    assert!(c.has_flag("no-install-recommends"));
    assert!(c.has_arg("install"));
    let pkgs: Vec<&str> = c.positionals_after("install").iter().map(|w| w.text()).collect();
    assert_eq!(pkgs, vec!["curl=7.*", "wget", "-weird"]);
    assert_eq!(c.flag_word(&["y", "yes"]).unwrap().raw, "-yq");
    let s = script("wget --progress=dot:giga -O- https://x | tar -xz");
    assert_eq!(s.commands[0].flag_value("progress").as_deref(), Some("dot:giga"));
}

#[test]
fn heredoc_redirects_and_comments() {
    let s = script("cat <<EOF >/etc/x # write it\napt-get update\n");
    assert_eq!(names(&s), vec!["cat", "apt-get"]);
    assert_eq!(s.commands[0].redirects[0].op, "<<");
    assert_eq!(s.commands[1].joiner, Joiner::Seq);
}

#[test]
fn broken_shell_is_skipped_token_by_token() {
    let s = script("echo \"unclosed && apt-get install curl");
    assert!(!s.unreadable.is_empty());
    let s = script("if true; then echo no fi && apt-get update");
    assert!(s.commands.iter().any(|c| c.is("apt-get")));
    let s = script(") ; echo after");
    assert_eq!(names(&s), vec!["echo"]);
}

#[test]
fn nesting_is_bounded() {
    let deep = format!("{}echo{}", "(".repeat(5000), ")".repeat(5000));
    let s = script(&deep);
    assert!(s.too_complex);
    let subs = format!("echo {}x{}", "$(echo ".repeat(200), ")".repeat(200));
    let _ = script(&subs);
}

#[test]
fn spans_map_back_through_continuations() {
    let src = "FROM debian\nRUN apt-get update \\\n    && apt-get install -y \\\n       curl\n";
    let p = shipshape::parse(src);
    let run = &p.file.instructions[1];
    let s = Script::of_run(run, src).unwrap();
    let install = s.commands_named("apt-get").nth(1).unwrap();
    let curl = install.positionals_after("install")[0];
    assert_eq!(curl.span.text(src), "curl");
    assert_eq!(install.args()[0].span.text(src), "install");
    assert_eq!(install.span.text(src), "apt-get install -y \\\n       curl");
}

#[test]
fn heredoc_body_is_the_script() {
    let src = "FROM debian\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n";
    let p = shipshape::parse(src);
    let s = Script::of_run(&p.file.instructions[1], src).unwrap();
    assert_eq!(names(&s), vec!["set", "apt-get", "apt-get"]);
    assert_eq!(s.commands[2].span.text(src), "apt-get install -y curl");
    let py = "FROM python\nRUN <<EOF python3\nimport os\nEOF\n";
    assert!(Script::of_run(&shipshape::parse(py).file.instructions[1], py).is_none());
}
