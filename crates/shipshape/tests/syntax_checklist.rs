//! One test (or a few) per item of the parser checklist in ../shared/reference/anchors.md
//! §8, accepting and rejecting where that applies. Spans are checked by slicing the
//! source: the slice must give back exactly the token.

use shipshape::syntax::lex::VarOp;
use shipshape::syntax::*;

fn parse(src: &str) -> Parse {
    shipshape::parse(src)
}

/// Parses and asserts there are no errors.
fn clean(src: &str) -> Parse {
    let p = parse(src);
    assert!(p.errors.is_empty(), "unexpected errors for {src:?}: {:#?}", p.errors);
    p
}

fn at(src: &str, span: Span) -> &str {
    span.text(src)
}

fn dump(src: &str) -> String {
    shipshape::syntax::dump::dump(&parse(src).file)
}

fn shell_text(i: &Instruction) -> &Word {
    match &i.args {
        Args::Command(Command::Shell { text, .. }) => text,
        other => panic!("not shell form: {other:?}"),
    }
}

fn codes(p: &Parse) -> Vec<ErrorCode> {
    p.errors.iter().map(|e| e.code).collect()
}

// ─── File level ─────────────────────────────────────────────────────────────────────────

#[test]
fn bom_is_discarded() {
    let src = "\u{FEFF}FROM alpine\n";
    let p = clean(src);
    assert_eq!(p.file.bom, Some(Span::new(0, 3)));
    assert_eq!(at(src, p.file.instructions[0].keyword_word.span), "FROM");
    // A BOM in front of a directive still lets the directive be read.
    let src = "\u{FEFF}# escape=`\nFROM a\nRUN x `\n y\n";
    let p = clean(src);
    assert_eq!(p.file.escape, '`');
    assert_eq!(shell_text(&p.file.instructions[1]).text, "x  y");
    // A BOM anywhere else is just a character.
    assert!(parse("FROM a\n\u{FEFF}RUN b\n").has_errors());
}

#[test]
fn crlf_and_lf_line_endings() {
    let src = "FROM alpine\r\nRUN echo a \\\r\n  b\r\nCMD [\"x\"]\r\n";
    let p = clean(src);
    let run = &p.file.instructions[1];
    assert_eq!(shell_text(run).text, "echo a   b");
    assert_eq!(at(src, run.keyword_word.span), "RUN");
    // A span that crosses lines holds the line break as written; it never ends in one.
    assert!(at(src, run.line_span()).ends_with("  b"));
    assert!(at(src, run.keyword_word.span.cover(shell_text(run).span)).starts_with("RUN echo a \\\r\n"));
    assert_eq!(dump(src), "(from \"alpine\")\n(run \"echo a   b\")\n(cmd \"x\")\n");
    // Mixed endings in one file.
    assert_eq!(dump("FROM a\nRUN b\r\nRUN c"), "(from \"a\")\n(run \"b\")\n(run \"c\")\n");
}

#[test]
fn missing_final_newline() {
    let src = "FROM a\nRUN echo end";
    let p = clean(src);
    assert_eq!(at(src, shell_text(&p.file.instructions[1]).span), "echo end");
}

#[test]
fn leading_whitespace_before_instructions_and_comments() {
    let src = "  FROM a\n\t# a comment\n   RUN b\n";
    let p = clean(src);
    assert_eq!(p.file.instructions.len(), 2);
    assert_eq!(at(src, p.file.instructions[1].keyword_word.span), "RUN");
    assert_eq!(p.file.comments.len(), 1);
    assert_eq!(at(src, p.file.comments[0].span), "# a comment");
}

#[test]
fn keywords_are_case_insensitive() {
    let src = "from alpine AS base\nRun echo hi\ncOpY a b\n";
    let p = clean(src);
    let kws: Vec<Keyword> = p.file.instructions.iter().map(|i| i.keyword).collect();
    assert_eq!(kws, vec![Keyword::From, Keyword::Run, Keyword::Copy]);
    assert_eq!(at(src, p.file.instructions[1].keyword_word.span), "Run");
    assert_eq!(p.file.instructions[2].keyword_word.text, "cOpY");
}

#[test]
fn empty_and_comment_only_files_are_errors() {
    for src in ["", "\n\n", "# only\n# comments\n", "# syntax=docker/dockerfile:1\n"] {
        let p = parse(src);
        assert_eq!(codes(&p), vec![ErrorCode::NoInstructions], "{src:?}");
        assert!(p.file.instructions.is_empty());
    }
}

#[test]
fn very_long_line_is_one_error_and_the_rest_is_read() {
    let long = format!("RUN echo {}\n", "x".repeat(70_000));
    let src = format!("FROM a\n{long}RUN after\n");
    let p = parse(&src);
    assert_eq!(codes(&p), vec![ErrorCode::LineTooLong]);
    assert_eq!(p.file.instructions.len(), 2);
    assert_eq!(shell_text(&p.file.instructions[1]).text, "after");
    // Just under the limit is fine.
    let ok = format!("FROM a\nRUN {}\n", "y".repeat(60_000));
    clean(&ok);
}

// ─── Parser directives ──────────────────────────────────────────────────────────────────

#[test]
fn directives_only_in_the_leading_block() {
    let src = "# syntax=docker/dockerfile:1\n# check=skip=all\nFROM a\n# escape=`\nRUN b \\\n c\n";
    let p = clean(src);
    let kinds: Vec<DirectiveKind> = p.file.directives.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, vec![DirectiveKind::Syntax, DirectiveKind::Check]);
    assert_eq!(p.file.escape, '\\');
    assert_eq!(shell_text(&p.file.instructions[1]).text, "b  c");
    // After a plain comment or a blank line, a directive is just a comment.
    for src in ["# hello\n# escape=`\nFROM a\n", "\n# escape=`\nFROM a\n"] {
        let p = clean(src);
        assert!(p.file.directives.is_empty());
        assert_eq!(p.file.escape, '\\');
    }
}

#[test]
fn directive_keys_ignore_case_and_whitespace() {
    let src = "#  SyNtAx =  docker/dockerfile:1.7-labs  \n#\tEsCaPe\t=\t`\nFROM a\n";
    let p = clean(src);
    let syntax = p.file.directive(DirectiveKind::Syntax).unwrap();
    assert_eq!(at(src, syntax.value.span), "docker/dockerfile:1.7-labs");
    assert_eq!(at(src, syntax.name.span), "SyNtAx");
    assert_eq!(p.file.escape, '`');
}

#[test]
fn unknown_directive_ends_the_block() {
    let p = clean("# foo=bar\n# escape=`\nFROM a\n");
    assert!(p.file.directives.is_empty());
    assert_eq!(p.file.escape, '\\');
}

#[test]
fn duplicate_directive_is_an_error() {
    let src = "# escape=`\n# escape=\\\nFROM a\n";
    let p = parse(src);
    assert_eq!(codes(&p), vec![ErrorCode::InvalidDirective]);
    assert_eq!(p.errors[0].message, "only one escape parser directive can be used");
    assert_eq!(at(src, p.errors[0].span), "# escape=\\");
    assert_eq!(p.file.escape, '`', "the first one stays in force");
}

#[test]
fn invalid_escape_value_is_an_error() {
    let src = "# escape=x\nFROM a\n";
    let p = parse(src);
    assert_eq!(codes(&p), vec![ErrorCode::InvalidDirective]);
    assert_eq!(at(src, p.errors[0].span), "x");
    assert_eq!(p.file.escape, '\\');
}

#[test]
fn check_directive_is_validated() {
    clean("# check=skip=JSONArgsRecommended,StageNameCasing;error=true\nFROM a\n");
    clean("# check=experimental=all\nFROM a\n");
    let p = parse("# check=skip=all;error=maybe\nFROM a\n");
    assert_eq!(codes(&p), vec![ErrorCode::InvalidDirective]);
    let p = parse("# check=bogus\nFROM a\n");
    assert_eq!(codes(&p), vec![ErrorCode::InvalidDirective]);
    assert!(p.errors[0].message.contains("invalid check option"));
}

#[test]
fn directive_cannot_be_continued() {
    // A directive line ending in the escape character is still just the directive.
    let p = clean("# syntax=x \\\nFROM a\n");
    assert_eq!(p.file.directives[0].value.text, "x \\");
    assert_eq!(p.file.instructions.len(), 1);
}

// ─── Escape character ───────────────────────────────────────────────────────────────────

#[test]
fn backtick_escape_makes_backslash_literal() {
    let src = "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nCOPY test.txt c:\\\nRUN dir c:\\ `\n  && echo done\n";
    let p = clean(src);
    let copy = &p.file.instructions[1];
    match &copy.args {
        Args::List { items, .. } => assert_eq!(items[1].text, "c:\\"),
        other => panic!("{other:?}"),
    }
    assert_eq!(shell_text(&p.file.instructions[2]).text, "dir c:\\   && echo done");
}

#[test]
fn escape_char_in_env_words() {
    let p = clean("# escape=`\nFROM a\nENV A=x` y B=c:\\dir\n");
    match &p.file.instructions[1].args {
        Args::KeyValues { pairs, .. } => {
            assert_eq!(pairs[0].value.text, "x` y");
            assert_eq!(pairs[1].value.text, "c:\\dir");
        }
        other => panic!("{other:?}"),
    }
}

// ─── Comments and continuations ─────────────────────────────────────────────────────────

#[test]
fn hash_is_a_comment_only_at_line_start() {
    let p = clean("FROM a\nRUN echo a # b\n");
    assert_eq!(shell_text(&p.file.instructions[1]).text, "echo a # b");
}

#[test]
fn comment_lines_inside_a_continuation_are_dropped() {
    let src = "FROM a\nRUN apt-get update \\\n    # why we need curl\n    && apt-get install -y curl\n";
    let p = clean(src);
    let run = &p.file.instructions[1];
    assert_eq!(shell_text(run).text, "apt-get update     && apt-get install -y curl");
    let c = p.file.comments.iter().find(|c| c.in_continuation).unwrap();
    assert_eq!(at(src, c.span), "# why we need curl");
    assert!(at(src, run.line_span()).ends_with("curl"));
    // A comment cannot be continued: the next line is an instruction of its own.
    let p = clean("FROM a\n# comment \\\nRUN b\n");
    assert_eq!(p.file.instructions.len(), 2);
}

#[test]
fn empty_continuation_lines_are_skipped_and_recorded() {
    let src = "FROM a\nRUN echo a \\\n\n   \n  b\n";
    let p = clean(src);
    let run = &p.file.instructions[1];
    assert_eq!(shell_text(run).text, "echo a   b");
    assert_eq!(run.empty_continuation_lines.len(), 2);
    assert_eq!(at(src, run.empty_continuation_lines[1]), "   ");
}

#[test]
fn blank_spaces_after_the_escape_still_continue() {
    let src = "FROM a\nRUN echo hello \\  \t\nworld\n";
    assert_eq!(dump(src), "(from \"a\")\n(run \"echo hello world\")\n");
}

#[test]
fn escaped_escape_at_the_end_does_not_continue() {
    let src = "FROM a\nENV C trailing\\\\\nENV D next\n";
    let p = clean(src);
    assert_eq!(p.file.instructions.len(), 3);
    assert_eq!(dump(src), "(from \"a\")\n(env \"C\" \"trailing\\\\\\\\\" \"\")\n(env \"D\" \"next\" \"\")\n");
}

#[test]
fn continuation_at_end_of_file() {
    let p = clean("FROM a\nRUN something \\");
    assert_eq!(shell_text(&p.file.instructions[1]).text, "something");
}

#[test]
fn whitespace_of_continued_lines_is_kept() {
    assert_eq!(
        dump("FROM a\nRUN echo hello  \\\n  world\n"),
        "(from \"a\")\n(run \"echo hello    world\")\n"
    );
}

#[test]
fn a_line_of_only_the_escape_character_continues() {
    let p = clean("FROM a\nENV E hello\\\n\\\nworld\n");
    match &p.file.instructions[1].args {
        Args::KeyValues { pairs, legacy: true } => assert_eq!(pairs[0].value.text, "helloworld"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn tokens_across_a_continuation_keep_a_source_span() {
    let src = "FROM a\nRUN ec\\\nho hi\n";
    let p = clean(src);
    let text = shell_text(&p.file.instructions[1]);
    assert_eq!(text.text, "echo hi");
    assert_eq!(at(src, text.span), "ec\\\nho hi");
}

// ─── Exec and shell forms ───────────────────────────────────────────────────────────────

#[test]
fn exec_form_items_are_decoded_and_spanned() {
    let src = "FROM a\nCMD [\"/bin/echo\", \"a\\\"b\", \"\\u00e9\"]\n";
    let p = clean(src);
    match &p.file.instructions[1].args {
        Args::Command(Command::Exec { args, span }) => {
            let texts: Vec<&str> = args.iter().map(|a| a.text.as_str()).collect();
            assert_eq!(texts, vec!["/bin/echo", "a\"b", "é"]);
            assert_eq!(at(src, args[1].span), "\"a\\\"b\"");
            assert_eq!(at(src, *span), "[\"/bin/echo\", \"a\\\"b\", \"\\u00e9\"]");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn exec_form_across_lines() {
    let src = "FROM a\nENTRYPOINT [\"a\", \\\n    \"b\"]\n";
    let p = clean(src);
    match &p.file.instructions[1].args {
        Args::Command(Command::Exec { args, .. }) => assert_eq!(at(src, args[1].span), "\"b\""),
        other => panic!("{other:?}"),
    }
}

#[test]
fn invalid_json_falls_back_to_shell_form() {
    for cmd in ["['a','b']", "[\"a\", \"b\"", "[\"a\" \"b\"]", "[\"a\",]", "[\"c:\\windows\"]"] {
        let src = format!("FROM a\nCMD {cmd}\n");
        let p = clean(&src);
        match &p.file.instructions[1].args {
            Args::Command(Command::Shell { text, looks_like_json, .. }) => {
                assert_eq!(text.text, cmd);
                assert!(looks_like_json);
            }
            other => panic!("{cmd}: {other:?}"),
        }
    }
    // Not JSON-looking: no flag.
    let p = clean("FROM a\nCMD echo [x]\n");
    assert!(matches!(
        &p.file.instructions[1].args,
        Args::Command(Command::Shell { looks_like_json: false, .. })
    ));
}

#[test]
fn json_that_is_not_strings_is_an_error() {
    let src = "FROM a\nCMD [\"echo\", 1]\nRUN ok\nCOPY [\"a\", [\"b\"]]\n";
    let p = parse(src);
    assert_eq!(codes(&p), vec![ErrorCode::JsonNotStrings, ErrorCode::JsonNotStrings]);
    assert_eq!(at(src, p.errors[0].span), "[\"echo\", 1]");
    assert_eq!(p.file.instructions.len(), 4);
}

#[test]
fn no_variable_expansion_in_exec_form_but_words_have_refs() {
    let p = clean("FROM a\nRUN [\"echo\", \"$HOME\"]\n");
    match &p.file.instructions[1].args {
        Args::Command(Command::Exec { args, .. }) => assert_eq!(args[1].text, "$HOME"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn copy_add_volume_json_or_words() {
    let src = "FROM a\nCOPY [\"my file\", \"/dst/\"]\nADD a b /c/\nVOLUME /x /y\nVOLUME [\"/z\"]\n";
    let p = clean(src);
    let items = |i: usize| match &p.file.instructions[i].args {
        Args::List { json, items } => (*json, items.iter().map(|w| w.text.clone()).collect::<Vec<_>>()),
        other => panic!("{other:?}"),
    };
    assert_eq!(items(1), (true, vec!["my file".to_string(), "/dst/".to_string()]));
    assert_eq!(items(2), (false, vec!["a".into(), "b".into(), "/c/".into()]));
    assert_eq!(items(3).1, vec!["/x".to_string(), "/y".to_string()]);
    assert_eq!(items(4), (true, vec!["/z".to_string()]));
}

// ─── ENV, LABEL, ARG ────────────────────────────────────────────────────────────────────

#[test]
fn env_key_value_and_legacy_forms() {
    let src = "FROM a\nENV A=1 B=\"two words\" C=x\\ y\nENV LEGACY some value here\nLABEL \"com.example.v\"=\"1\" k=v\n";
    let p = clean(src);
    match &p.file.instructions[1].args {
        Args::KeyValues { legacy: false, pairs } => {
            assert_eq!(pairs.len(), 3);
            assert_eq!(at(src, pairs[1].key.span), "B");
            assert_eq!(at(src, pairs[1].value.span), "\"two words\"");
            assert_eq!(pairs[2].value.text, "x\\ y");
            assert_eq!(at(src, pairs[2].span), "C=x\\ y");
        }
        other => panic!("{other:?}"),
    }
    match &p.file.instructions[2].args {
        Args::KeyValues { legacy: true, pairs } => {
            assert_eq!(at(src, pairs[0].key.span), "LEGACY");
            assert_eq!(at(src, pairs[0].value.span), "some value here");
        }
        other => panic!("{other:?}"),
    }
    match &p.file.instructions[3].args {
        Args::KeyValues { pairs, .. } => assert_eq!(pairs[0].key.text, "\"com.example.v\""),
        other => panic!("{other:?}"),
    }
}

#[test]
fn env_errors() {
    let src = "FROM a\nENV ONLY\nENV A=1 B\nENV =x\nRUN fine\n";
    let p = parse(src);
    assert_eq!(
        codes(&p),
        vec![ErrorCode::MissingValue, ErrorCode::MissingValue, ErrorCode::InvalidArguments]
    );
    assert_eq!(at(src, p.errors[0].span), "ONLY");
    assert_eq!(at(src, p.errors[1].span), "B");
    assert!(p.errors[1].message.starts_with("Syntax error - can't find = in \"B\""));
    assert_eq!(p.errors[2].message, "ENV names can not be blank");
    assert_eq!(p.file.instructions.len(), 5);
}

#[test]
fn env_first_word_with_quoted_equals_is_key_value_form() {
    assert_eq!(
        dump("FROM a\nENV \"a=b\" c=d\n"),
        "(from \"a\")\n(env \"\\\"a\" \"b\\\"\" \"=\" \"c\" \"d\" \"=\")\n"
    );
}

#[test]
fn arg_with_and_without_defaults() {
    let src = "ARG VERSION=3.12\nARG A B=\"x y\" C=\nFROM python:${VERSION}\n";
    let p = clean(src);
    match &p.file.instructions[1].args {
        Args::ArgDecls(d) => {
            assert_eq!(d.len(), 3);
            assert_eq!(at(src, d[0].name.span), "A");
            assert!(d[0].default.is_none());
            assert_eq!(at(src, d[1].default.as_ref().unwrap().span), "\"x y\"");
            assert_eq!(d[2].default.as_ref().unwrap().text, "");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(p.file.global_instructions().len(), 2);
    assert_eq!(codes(&parse("FROM a\nARG =x\n")), vec![ErrorCode::InvalidArguments]);
    assert_eq!(codes(&parse("FROM a\nARG\n")), vec![ErrorCode::InvalidArguments]);
}

// ─── Flags ──────────────────────────────────────────────────────────────────────────────

#[test]
fn flags_are_kept_raw_and_parsed() {
    let src = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n\
               RUN --mount=type=cache,target=/root/.cache/go-build,sharing=locked --mount=type=secret,id=tok \\\n    --network=none go build ./...\n\
               COPY --from=build --chown=app:app --chmod=0755 --link --exclude=*.md /out /app/\n\
               ADD --checksum=sha256:abc --keep-git-dir=true --unpack=false https://x/y.tgz /z/\n\
               HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 CMD curl -f http://localhost/\n";
    let p = clean(src);
    let i = &p.file.instructions;
    let platform = i[0].flag("platform").unwrap();
    assert_eq!(at(src, platform.span), "--platform=$BUILDPLATFORM");
    assert_eq!(at(src, platform.name.span), "platform");
    assert_eq!(at(src, platform.value.as_ref().unwrap().span), "$BUILDPLATFORM");
    assert_eq!(p.file.stages[0].platform.as_ref().unwrap().text, "$BUILDPLATFORM");

    let mounts: Vec<&Flag> = i[1].flags.iter().filter(|f| f.name.text == "mount").collect();
    assert_eq!(mounts.len(), 2);
    let opts = mounts[0].options().unwrap();
    let kv: Vec<(String, Option<String>)> =
        opts.iter().map(|o| (o.key.text.clone(), o.value.as_ref().map(|v| v.text.clone()))).collect();
    assert_eq!(
        kv,
        vec![
            ("type".into(), Some("cache".into())),
            ("target".into(), Some("/root/.cache/go-build".into())),
            ("sharing".into(), Some("locked".into()))
        ]
    );
    assert_eq!(at(src, opts[1].value.as_ref().unwrap().span), "/root/.cache/go-build");
    assert_eq!(at(src, opts[2].span), "sharing=locked");
    assert_eq!(i[1].flag("network").unwrap().value.as_ref().unwrap().text, "none");
    assert_eq!(shell_text(&i[1]).text, "go build ./...");

    assert_eq!(i[2].flags.len(), 5);
    assert_eq!(i[2].flag("link").unwrap().bool_value(), Some(true));
    assert!(i[2].flag("link").unwrap().value.is_none());
    assert_eq!(i[3].flag("unpack").unwrap().bool_value(), Some(false));
    assert_eq!(i[4].flags.len(), 5);
    assert_eq!(i[4].flag("retries").unwrap().value.as_ref().unwrap().text, "3");
}

#[test]
fn quoted_flag_values_are_unquoted() {
    let src = "FROM a\nCOPY --chown=\"app user\":'grp' x /y\n";
    let p = clean(src);
    let f = &p.file.instructions[1].flags[0];
    assert_eq!(f.value.as_ref().unwrap().text, "app user:grp");
    assert_eq!(at(src, f.span), "--chown=\"app user\":'grp'");
    assert_eq!(f.processed, "--chown=app user:grp");
}

#[test]
fn a_bare_double_dash_ends_the_flags() {
    let p = clean("FROM a\nCOPY --link -- --weird-name /dst\n");
    let copy = &p.file.instructions[1];
    assert_eq!(copy.flags.len(), 1);
    match &copy.args {
        Args::List { items, .. } => assert_eq!(items[0].text, "--weird-name"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn flag_errors_point_at_the_flag() {
    let src = "FROM a\nCOPY --form=build x /y\nRUN --mount echo\nCOPY --link=maybe a b\nRUN --network=bridge x\nCOPY --from=a --from=b x y\nFROM --plat=x b\n";
    let p = parse(src);
    let got: Vec<(&str, &str)> = p.errors.iter().map(|e| (at(src, e.span), e.message.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("--form=build", "unknown flag: --form (did you mean from?)"),
            ("--mount", "missing a value on flag: --mount"),
            ("maybe", "expecting boolean value for flag --link, not: maybe"),
            ("bridge", "invalid network mode \"bridge\""),
            ("--from=b", "duplicate flag specified: --from"),
            ("--plat=x", "unknown flag: --plat"),
        ]
    );
    // BuildKit never reads ARG's and STOPSIGNAL's flags.
    clean("FROM a\nARG --anything=1 X\nSTOPSIGNAL --x SIGTERM\n");
}

#[test]
fn mount_values_are_checked_at_parse_time() {
    let p = parse("FROM a\nRUN --mount=type=bind,from=$STAGE,target=/x true\n");
    assert_eq!(p.errors[0].message, "'from' doesn't support variable expansion, define alias stage instead");
    // An escaped quote reaches the CSV reader, which refuses a bare quote.
    let p = parse("FROM a\nRUN --mount=type=bind,src=a\\\"b true\n");
    assert!(p.errors[0].message.starts_with("failed to parse csv mounts"));
    clean("FROM a\nRUN --mount=type=bind,\"source=a,b\",target=/x true\n");
}

// ─── Instructions ───────────────────────────────────────────────────────────────────────

#[test]
fn from_forms_and_stages() {
    let src =
        "ARG BASE=alpine\nFROM ${BASE}:3.20 AS Build\nRUN make\nFROM scratch\nCOPY --from=build /out /\n";
    let p = clean(src);
    assert_eq!(p.file.stages.len(), 2);
    let s0 = &p.file.stages[0];
    assert_eq!(at(src, s0.name.as_ref().unwrap().span), "Build");
    assert_eq!(at(src, s0.base.as_ref().unwrap().span), "${BASE}:3.20");
    assert_eq!(p.file.stage_instructions(s0).len(), 2);
    assert_eq!(p.file.stage_instructions(&p.file.stages[1])[1].keyword, Keyword::Copy);
    assert!(p.file.stages[1].name.is_none());
}

#[test]
fn from_errors() {
    let p = parse("FROM a AS 1bad\n");
    assert_eq!(codes(&p), vec![ErrorCode::InvalidStageName]);
    let p = parse("FROM a b\n");
    assert_eq!(p.errors[0].message, "FROM requires either one or three arguments");
    let src = "FROM Ubuntu:22.04\n";
    let p = parse(src);
    assert_eq!(codes(&p), vec![ErrorCode::InvalidReference]);
    assert_eq!(at(src, p.errors[0].span), "Ubuntu:22.04");
    // Quotes are removed and variables are left to the build.
    clean("FROM \"gcr.io/distroless/static\"\nFROM $REGISTRY/App\n");
}

#[test]
fn healthcheck_forms() {
    let src = "FROM a\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5s CMD [\"curl\", \"-f\", \"x\"]\nHEALTHCHECK CMD wget -q x\n";
    let p = clean(src);
    match &p.file.instructions[2].args {
        Args::Healthcheck { kind, command: Command::Exec { args, .. } } => {
            assert_eq!(at(src, kind.span), "CMD");
            assert_eq!(args.len(), 3);
        }
        other => panic!("{other:?}"),
    }
    let bad = "FROM a\nHEALTHCHECK\nHEALTHCHECK CMD\nHEALTHCHECK NONE x\nHEALTHCHECK CONNECT x\nHEALTHCHECK --interval=10 CMD x\nHEALTHCHECK --retries=-1 CMD x\nHEALTHCHECK --timeout=1us CMD x\n";
    let msgs: Vec<String> = parse(bad).errors.iter().map(|e| e.message.clone()).collect();
    assert_eq!(
        msgs,
        vec![
            "HEALTHCHECK requires at least one argument",
            "Missing command after HEALTHCHECK CMD",
            "HEALTHCHECK NONE takes no arguments",
            "Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)",
            "time: missing unit in duration \"10\"",
            "--retries cannot be negative (-1)",
            "Interval \"timeout\" cannot be less than 1ms",
        ]
    );
}

#[test]
fn shell_must_be_json() {
    clean("FROM a\nSHELL [\"powershell\", \"-Command\"]\n");
    let p = parse("FROM a\nSHELL powershell -Command\nSHELL []\n");
    let msgs: Vec<&str> = p.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        msgs,
        vec!["SHELL requires the arguments to be in JSON form", "SHELL requires at least one argument"]
    );
}

#[test]
fn onbuild_triggers() {
    let src = "FROM a\nONBUILD RUN echo hi\nONBUILD COPY . /app\n";
    let p = clean(src);
    let trig = p.file.instructions[1].trigger().unwrap();
    assert_eq!(trig.keyword, Keyword::Run);
    assert_eq!(at(src, trig.keyword_word.span), "RUN");
    assert_eq!(at(src, shell_text(trig).span), "echo hi");
    assert_eq!(dump(src), "(from \"a\")\n(onbuild (run \"echo hi\"))\n(onbuild (copy \".\" \"/app\"))\n");
    let p = parse("FROM a\nONBUILD ONBUILD RUN x\nONBUILD FROM b\nONBUILD MAINTAINER me\nONBUILD\n");
    let msgs: Vec<&str> = p.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        msgs,
        vec![
            "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
            "FROM isn't allowed as an ONBUILD trigger",
            "MAINTAINER isn't allowed as an ONBUILD trigger",
            "ONBUILD requires at least one argument",
        ]
    );
    // Deep nesting never recurses without bound.
    let deep = format!("FROM a\n{}RUN x\n", "ONBUILD ".repeat(5000));
    assert_eq!(parse(&deep).file.instructions.len(), 2);
}

#[test]
fn other_instructions() {
    let src = "FROM a\nMAINTAINER Jane <j@x.org>\nUSER app:app\nWORKDIR /srv/my app\nSTOPSIGNAL SIGKILL\nEXPOSE 80 443/tcp 53/UDP 8000-8010\n";
    let p = clean(src);
    let texts: Vec<String> = p.file.instructions[1..5]
        .iter()
        .map(|i| match &i.args {
            Args::Text(w) => at(src, w.span).to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(texts, vec!["Jane <j@x.org>", "app:app", "/srv/my app", "SIGKILL"]);
    match &p.file.instructions[5].args {
        Args::Words(w) => assert_eq!(w.len(), 4),
        other => panic!("{other:?}"),
    }
    for bad in [
        "FROM a\nUSER\n",
        "FROM a\nWORKDIR\n",
        "FROM a\nEXPOSE\n",
        "FROM a\nVOLUME []\n",
        "FROM a\nVOLUME [\"\"]\n",
    ] {
        assert_eq!(codes(&parse(bad)), vec![ErrorCode::InvalidArguments], "{bad}");
    }
}

#[test]
fn instructions_before_from() {
    let p = parse("RUN echo too early\nFROM a\n");
    assert_eq!(codes(&p), vec![ErrorCode::NoBuildStage]);
    let p = parse("ARG ONLY=1\n");
    assert_eq!(p.errors[0].message, "dockerfile contains no stages to build");
}

// ─── Heredocs ───────────────────────────────────────────────────────────────────────────

#[test]
fn heredoc_body_and_terminator_spans() {
    let src = "FROM a\nRUN <<EOF\nset -e\n\necho hi\nEOF\nCMD x\n";
    let p = clean(src);
    let run = &p.file.instructions[1];
    let h = &run.heredocs[0];
    assert_eq!(at(src, h.marker), "<<EOF");
    assert_eq!(h.name, "EOF");
    assert!(h.expand && !h.chomp);
    assert_eq!(at(src, h.body), "set -e\n\necho hi\n", "empty lines are content");
    assert_eq!(at(src, h.terminator), "EOF");
    assert!(at(src, run.span).ends_with("EOF"));
    assert_eq!(p.file.instructions[2].keyword, Keyword::Cmd);
}

#[test]
fn heredoc_chomp_quotes_and_descriptor() {
    let src = "FROM a\nRUN <<-\"EOT\" 3<<'X' cat\n\techo $HOME\n\tEOT\nbody of x\nX\n";
    let p = clean(src);
    let hs = &p.file.instructions[1].heredocs;
    assert_eq!(hs.len(), 2);
    assert_eq!((hs[0].name.as_str(), hs[0].chomp, hs[0].expand, hs[0].fd), ("EOT", true, false, None));
    assert_eq!(at(src, hs[0].terminator), "\tEOT");
    assert_eq!((hs[1].name.as_str(), hs[1].expand, hs[1].fd), ("X", false, Some(3)));
    assert_eq!(at(src, hs[1].body), "body of x\n");
    assert_eq!(at(src, hs[1].marker), "3<<'X'");
}

#[test]
fn heredoc_with_interpreter_and_several_per_line() {
    let src = "FROM a\nRUN <<EOF python3\nprint(1)\nEOF\nRUN <<A cat > /a && <<B cat > /b\naaa\nA\nbbb\nB\n";
    let p = clean(src);
    assert_eq!(shell_text(&p.file.instructions[1]).text, "<<EOF python3");
    let names: Vec<&str> = p.file.instructions[2].heredocs.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, vec!["A", "B"]);
    assert_eq!(p.file.instructions.len(), 3);
}

#[test]
fn heredoc_on_a_continued_line_and_copy_heredocs() {
    let src = "FROM a\nRUN apt-get update && \\\n    cat <<EOF > /etc/x\nline\nEOF\nCOPY <<EOF /app/config\nk=v\nEOF\n";
    let p = clean(src);
    assert_eq!(p.file.instructions[1].heredocs[0].name, "EOF");
    assert_eq!(at(src, p.file.instructions[1].heredocs[0].marker), "<<EOF");
    assert_eq!(at(src, p.file.instructions[2].heredocs[0].body), "k=v\n");
}

#[test]
fn not_heredocs() {
    // JSON form, quoted markers, `<<` inside a word, and instructions that take no heredoc.
    let p = clean("FROM a\nRUN [\"cat\", \"<<EOF\"]\nRUN echo \"<<EOF\"\nRUN echo $((1<<2))\nENV X=<<EOF\nRUN cat <<-\n");
    assert!(p.file.instructions.iter().all(|i| i.heredocs.is_empty()));
    assert_eq!(p.file.instructions.len(), 6);
}

#[test]
fn onbuild_heredoc() {
    let p = clean("FROM a\nONBUILD RUN <<EOF\necho later\nEOF\nRUN now\n");
    assert_eq!(p.file.instructions[1].heredocs.len(), 1);
    assert_eq!(p.file.instructions.len(), 3);
}

#[test]
fn unterminated_heredoc_is_one_error_and_the_next_instruction_parses() {
    let src = "FROM a\nRUN <<EOF\necho never closed\nCOPY x /y\nRUN ok\n";
    let p = parse(src);
    assert_eq!(codes(&p), vec![ErrorCode::UnterminatedHeredoc]);
    assert_eq!(at(src, p.errors[0].span), "<<EOF");
    let kws: Vec<Keyword> = p.file.instructions.iter().map(|i| i.keyword).collect();
    assert_eq!(kws, vec![Keyword::From, Keyword::Run, Keyword::Copy, Keyword::Run]);
}

#[test]
fn heredoc_as_destination_is_an_error() {
    let src = "FROM a\nCOPY x <<EOF\nEOF\n";
    let p = parse(src);
    assert_eq!(p.errors[0].message, "COPY cannot accept a heredoc as a destination");
    assert_eq!(at(src, p.errors[0].span), "<<EOF");
}

#[test]
fn next_instruction_or_comment_right_after_the_terminator() {
    let p = clean("FROM a\nRUN <<EOF\nx\nEOF\n# note\nRUN y\n");
    assert_eq!(p.file.instructions.len(), 3);
    assert_eq!(p.file.comments.len(), 1);
}

// ─── Error recovery ─────────────────────────────────────────────────────────────────────

#[test]
fn each_broken_line_is_one_error_and_the_rest_parses() {
    let src = "FROM alpine\nRUNN echo typo\nCOPY --bogus a b\nCMD [\"a\", 2]\nthis is a stray line\nRUN echo still here\n";
    let p = parse(src);
    assert_eq!(
        codes(&p),
        vec![
            ErrorCode::UnknownInstruction,
            ErrorCode::UnknownFlag,
            ErrorCode::JsonNotStrings,
            ErrorCode::UnknownInstruction
        ]
    );
    assert_eq!(at(src, p.errors[0].span), "RUNN");
    assert_eq!(p.errors[0].message, "unknown instruction: RUNN (did you mean RUN?)");
    assert_eq!(at(src, p.errors[1].span), "--bogus");
    assert_eq!(at(src, p.errors[3].span), "this");
    assert_eq!(p.file.instructions.len(), 6);
    assert_eq!(shell_text(&p.file.instructions[5]).text, "echo still here");
}

#[test]
fn a_file_of_only_continuations_is_an_empty_instruction() {
    let p = parse("\\\n");
    assert_eq!(codes(&p), vec![ErrorCode::UnknownInstruction]);
}

// ─── Variables ──────────────────────────────────────────────────────────────────────────

#[test]
fn variable_references_with_spans() {
    let src = "FROM a\nENV P=${HOME:-/root}/bin:$PATH Q='$LITERAL' R=\\$NOT\n";
    let p = clean(src);
    let Args::KeyValues { pairs, .. } = &p.file.instructions[1].args else { panic!() };
    let refs = pairs[0].value.var_refs('\\');
    let got: Vec<(&str, &str, VarOp)> =
        refs.iter().map(|(s, r)| (at(src, *s), r.name.as_str(), r.op)).collect();
    assert_eq!(
        got,
        vec![("${HOME:-/root}", "HOME", VarOp::Default { colon: true }), ("$PATH", "PATH", VarOp::Plain)]
    );
    assert!(pairs[1].value.var_refs('\\').is_empty(), "single quotes hide references");
    assert!(pairs[2].value.var_refs('\\').is_empty(), "escaped dollar is literal");
}

#[test]
fn expansion_follows_buildkit() {
    use shipshape::syntax::lex::Lexer;
    let env = vec![("V".to_string(), "1.2.3".to_string()), ("E".to_string(), String::new())];
    let lx = Lexer::new('\\');
    let expand = |s: &str| lx.process_word(s, &env).map(|p| p.result);
    assert_eq!(expand("v${V}").unwrap(), "v1.2.3");
    assert_eq!(expand("${E:-d} ${E-d} ${U:+x} ${V:+x}").unwrap(), "d   x");
    assert_eq!(expand("${V%.*} ${V#*.}").unwrap(), "1.2 2.3");
    assert_eq!(expand("\"$V\" '$V'").unwrap(), "1.2.3 $V");
    assert!(expand("${U:?is required}").unwrap_err().message.contains("is required"));
    assert!(expand("${").is_err());
}
