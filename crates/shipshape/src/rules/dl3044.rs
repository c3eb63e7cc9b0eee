//! DL3044: ENV referring to a variable defined in the same ENV.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL3044",
    name: "env-self-reference",
    aliases: &[],
    severity: Some(Severity::Error),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "Do not refer to a variable in the same ENV that defines it",
    docs: Docs {
        why: "All the values of one ENV are expanded with the variables as they were before \
              the instruction. `ENV A=1 B=$A` does not set B to 1: `$A` is still unset (or \
              holds its old value) while the line is read. Define the variable in one ENV \
              and use it in the next.",
        bad: "FROM debian:12\nENV APP_HOME=/opt/app APP_BIN=${APP_HOME}/bin\n",
        good: "FROM debian:12\nENV APP_HOME=/opt/app\nENV APP_BIN=${APP_HOME}/bin\n",
    },
};

/// Per file: the names set by earlier ARGs and ENVs (any stage).
#[derive(Default)]
pub struct Check {
    defined: Vec<String>,
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match (instr.keyword, &instr.args) {
            (Keyword::Arg, Args::ArgDecls(decls)) => {
                self.defined.extend(decls.iter().map(|d| d.name.text.clone()));
            }
            (Keyword::Env, Args::KeyValues { pairs, .. }) => {
                let escape = cx.file.escape;
                let mut found = Vec::new();
                for (j, pair) in pairs.iter().enumerate() {
                    for (span, r) in pair.value.var_refs(escape) {
                        let same_env = pairs.iter().enumerate().any(|(i, p)| i != j && p.key.text == r.name);
                        if same_env && !self.defined.contains(&r.name) {
                            found.push((span, r.name));
                        }
                    }
                }
                for (span, name) in found {
                    cx.report(
                        span,
                        format!(
                            "`{name}` is set in this same ENV, so this reference does not see the new value"
                        ),
                    )
                    .with_help(format!(
                        "Set `{name}` in an earlier ENV instruction and refer to it afterwards."
                    ));
                }
                self.defined.extend(pairs.iter().map(|p| p.key.text.clone()));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nENV BLA=\"blubb\" BLUBB=\"${BLA}/blubb\"", &["${BLA}"]),
    Case::fires("FROM debian:12\nENV BLA=\"blubb\" BLUBB=\"$BLA/blubb\"", &["$BLA"]),
    Case::fires("FROM debian:12\nENV BLA=\"blubb\" BLUBB=\"$BLA/$BLAFOO/blubb\"", &["$BLA"]),
    Case::fires("FROM debian:12\nENV PATH=/bla:${PATH} PATH=/blubb:${PATH}", &["${PATH}", "${PATH}"]),
    Case::fires("FROM debian:12\nENV A=$B B=1 C=${B:-x}", &["$B", "${B:-x}"]),
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
];
