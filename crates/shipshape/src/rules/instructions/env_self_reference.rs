//! DL3044: ENV referring to a variable defined in the same ENV.

use crate::rules::prelude::*;

declare_rule! {
    EnvSelfReference {
        code: "DL3044",
        name: "env-self-reference",
        severity: Error,
        category: Correctness,
        fix: Sometimes,
        origin: Hadolint,
        summary: "Do not refer to a variable in the same ENV that defines it",
        why: "All the values of one ENV are expanded with the variables as they were before \
              the instruction. `ENV A=1 B=$A` does not set B to 1: `$A` is still unset (or \
              holds its old value) while the line is read. Define the variable in one ENV \
              and use it in the next. The fix (unsafe: the reference then sees the new value, \
              as was probably meant) splits the ENV before the pair that refers to it.",
        bad: "FROM debian:12\nENV APP_HOME=/opt/app APP_BIN=${APP_HOME}/bin\n",
        good: "FROM debian:12\nENV APP_HOME=/opt/app\nENV APP_BIN=${APP_HOME}/bin\n",
    }
}

/// The ENV split into several, each starting at a pair that refers to a variable set by
/// an earlier pair of its part (found as `(reference, name, pair)`): the indexes of the
/// pairs that start a new ENV, and the fix. None when no pair needs it, or when a comment
/// line sits where the ENV is cut.
fn split(
    cx: &Cx,
    instr: &Instruction,
    pairs: &[crate::syntax::KeyValue],
    found: &[(Span, String, usize)],
) -> Option<(Vec<usize>, Fix)> {
    let mut starts = Vec::new();
    let mut chunk_start = 0;
    for j in 1..pairs.len() {
        let cut = found
            .iter()
            .filter(|(_, _, k)| *k == j)
            .any(|(_, name, _)| pairs[chunk_start..j].iter().any(|p| p.key.text == *name));
        if cut {
            starts.push(j);
            chunk_start = j;
        }
    }
    if starts.is_empty() {
        return None;
    }
    let source = cx.source;
    let eol = crate::edits::line_break(source);
    let indent = crate::edits::indentation(source, instr.span.start);
    let keyword = cx.text(instr.keyword_word.span);
    let mut edits = Vec::new();
    for &j in &starts {
        // The blanks between the two pairs become a line break; a continuation's comment
        // lines stay, as comment lines above the new ENV.
        let gap = Span::new(pairs[j - 1].span.end, pairs[j].span.start);
        let text = cx.text(gap);
        let kept = match (text.find('\n'), text.rfind('\n')) {
            (Some(first), Some(last)) => {
                let continued = text[..first].trim_end_matches('\r').trim() == cx.file.escape.to_string();
                let middle = &text[first + 1..last + 1];
                let comments = middle.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
                if !continued || !comments || !text[last + 1..].trim().is_empty() {
                    return None;
                }
                middle
            }
            _ if text.trim().is_empty() => "",
            _ => return None,
        };
        edits.push(Edit::replace(gap, format!("{eol}{kept}{indent}{keyword} ")));
    }
    // Unsafe: the later pairs now see the values set before them, which changes what
    // they are set to (to what was probably meant).
    Some((starts, Fix::unsafe_("Split the ENV so that the reference sees the new value", edits)))
}

/// Per file: the names set by earlier ARGs and ENVs (any stage).
#[derive(Default)]
pub struct EnvSelfReference {
    defined: Vec<String>,
}

impl Rule for EnvSelfReference {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match (instr.keyword, &instr.args) {
            (Keyword::Arg, Args::ArgDecls(decls)) => {
                self.defined.extend(decls.iter().map(|d| d.name.text.clone()));
            }
            (Keyword::Env, Args::KeyValues { pairs, legacy }) => {
                let escape = cx.file.escape;
                let mut found = Vec::new();
                for (j, pair) in pairs.iter().enumerate() {
                    for (span, r) in pair.value.var_refs(escape) {
                        let same_env = pairs.iter().enumerate().any(|(i, p)| i != j && p.key.text == r.name);
                        if same_env && !self.defined.contains(&r.name) {
                            found.push((span, r.name, j));
                        }
                    }
                }
                let fix = if *legacy { None } else { split(cx, instr, pairs, &found) };
                for (span, name, j) in found {
                    // The fix solves the findings whose variable is then set by an earlier
                    // ENV, or by no other pair of the same one.
                    let fix = fix.as_ref().filter(|(starts, _)| {
                        let chunk = |k: usize| starts.iter().filter(|&&s| s <= k).count();
                        let sets = |i: usize| i != j && pairs[i].key.text == name;
                        (0..pairs.len()).any(|i| sets(i) && chunk(i) < chunk(j))
                            || !(0..pairs.len()).any(|i| sets(i) && chunk(i) == chunk(j))
                    });
                    let d = cx.report(
                        span,
                        format!(
                            "`{name}` is set in this same ENV, so this reference does not see the new value"
                        ),
                    );
                    d.with_help(format!(
                        "Set `{name}` in an earlier ENV instruction and refer to it afterwards."
                    ));
                    if let Some((_, fix)) = fix {
                        d.with_fix(fix.clone());
                    }
                }
                self.defined.extend(pairs.iter().map(|p| p.key.text.clone()));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nENV BLA=\"blubb\" BLUBB=\"${BLA}/blubb\"", &["${BLA}"])
        .fixed("FROM debian:12\nENV BLA=\"blubb\"\nENV BLUBB=\"${BLA}/blubb\""),
    Case::fires("FROM debian:12\nENV BLA=\"blubb\" BLUBB=\"$BLA/blubb\"", &["$BLA"])
        .fixed("FROM debian:12\nENV BLA=\"blubb\"\nENV BLUBB=\"$BLA/blubb\""),
    Case::fires("FROM debian:12\nENV BLA=\"blubb\" BLUBB=\"$BLA/$BLAFOO/blubb\"", &["$BLA"])
        .fixed("FROM debian:12\nENV BLA=\"blubb\"\nENV BLUBB=\"$BLA/$BLAFOO/blubb\""),
    Case::fires("FROM debian:12\nENV PATH=/bla:${PATH} PATH=/blubb:${PATH}", &["${PATH}", "${PATH}"])
        .fixed("FROM debian:12\nENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}"),
    // `$B` refers to the old B whatever is split: only `${B:-x}` has a fix.
    Case::fires("FROM debian:12\nENV A=$B B=1 C=${B:-x}", &["$B", "${B:-x}"])
        .fixed("FROM debian:12\nENV A=$B B=1\nENV C=${B:-x}"),
    Case::fires("FROM debian:12\nENV A=$B B=1", &["$B"]),
    // Continuation lines (with a comment line that is not where the ENV is cut).
    Case::fires(
        "FROM debian:12\n  # the app\n  env APP_HOME=/opt/app \\\n    # where it lives\n    APP_USER=app \\\n    APP_BIN=${APP_HOME}/bin \\\n    LANG=C.UTF-8\nRUN true",
        &["${APP_HOME}"],
    )
    .fixed("FROM debian:12\n  # the app\n  env APP_HOME=/opt/app \\\n    # where it lives\n    APP_USER=app\n  env APP_BIN=${APP_HOME}/bin \\\n    LANG=C.UTF-8\nRUN true"),
    // A comment line where the ENV is cut stays above the new ENV.
    Case::fires("FROM debian:12\nENV A=1 \\\n  # then\n\n  B=$A", &["$A"])
        .fixed("FROM debian:12\nENV A=1\n  # then\n\nENV B=$A"),
    Case::fires("# escape=`\r\nFROM debian:12\r\nENV A=1 `\r\n    B=$A/x C=${B}/y\r\n", &["$A", "${B}"])
        .fixed("# escape=`\r\nFROM debian:12\r\nENV A=1\r\nENV B=$A/x\r\nENV C=${B}/y\r\n"),
    Case::fires(
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV ProgramFiles=\"C:\\Program Files\" `\n    # where pwsh is\n    PSCORE=\"$ProgramFiles\\PowerShell\\pwsh.exe\" `\n    LANG=C",
        &["$ProgramFiles"],
    )
    .fixed("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV ProgramFiles=\"C:\\Program Files\"\n    # where pwsh is\nENV PSCORE=\"$ProgramFiles\\PowerShell\\pwsh.exe\" `\n    LANG=C"),
    // Several references to one pair, and a pair that is also set again.
    Case::fires("FROM debian:12\nENV D=/d E=$D/e F=${D}/f D=/g", &["$D", "${D}"])
        .fixed("FROM debian:12\nENV D=/d\nENV E=$D/e F=${D}/f D=/g"),
    Case::quiet("FROM debian:12\nENV BLA=\"blubb\"\nENV BLUBB=\"${BLA}/blubb\""),
    Case::quiet("FROM debian:12\nENV BLA=\"blubb\" BLUBB=\"${FOOBLA}/blubb\" C=\"$BLAFOO/x\""),
    Case::quiet("FROM debian:12\nENV BLA=\"blubb\" BLUBB=\"BLA/$BLAFOO/BLA\""),
    Case::quiet("FROM debian:12\nARG BLA\nENV BLA=${BLA} B=${BLA}"),
    Case::quiet("FROM debian:12\nENV BLA blubb\nENV BLA=${BLA} B=$BLA"),
    Case::quiet("FROM debian:12\nENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}"),
    Case::quiet("FROM debian:12\nENV A=1 B=\\$A"),
    // A pair that extends its own old value, next to an unrelated pair.
    Case::quiet("FROM debian:12\nENV PATH=/opt/app/bin:$PATH LANG=C.UTF-8"),
    // The legacy `ENV key value` form sets one variable: `$GREETING` is its old value.
    Case::quiet("FROM debian:12\nENV GREETING hello $GREETING"),
    // Both variables used by the next instruction, which sees the new values.
    Case::quiet("FROM debian:12\nENV APP_HOME=/opt/app APP_USER=app\nRUN chown $APP_USER $APP_HOME"),
    Case::quiet("# escape=`\nFROM debian:12\nENV A=1 `\n  B=2\nENV C=$A$B"),
    Case::quiet("FROM debian:12\nENV A=1\nENV A=$A:2 B=$A"),
    Case::quiet("FROM debian:12\nARG V=1\nENV V=$V W=$V"),
    Case::quiet("FROM debian:12\nENV A='$B' B=1"),
    Case::quiet("FROM debian:12\nENV AB=1 B=$A"),
    Case::quiet("FROM debian:12\nLABEL a=1 b=$a"),
    Case::quiet("FROM debian:12\nENV A=1 \\\n  # B=$A\n  C=2"),
    Case::quiet("FROM debian:12\nRUN A=1 B=$A env"),
    Case::quiet("FROM debian:12\nENV HOME=/root \\\n  PATH=$PATH:/root/bin"),
    Case::quiet("FROM debian:12\nENV A=1 B=${AA}"),
    Case::quiet("FROM debian:12\nENV A 1 $A"),
    Case::quiet("# escape=`\nFROM debian:12\nENV A=1 `\n    # B=$A\n    C=$D"),
    Case::quiet("FROM debian:12\nENV A=1\nENV B=$A C=$A"),
];
