//! UndefinedVar: a variable used before any ARG or ENV defines it, in an instruction whose
//! arguments BuildKit expands.

use crate::analysis::vars::{expand, global_defaults_of, is_platform_arg, is_special_name, raw_refs};
use crate::syntax::text::typo_distance;
use crate::rules::prelude::*;
use crate::syntax::image::ImageRef;
use crate::syntax::lex::VarRef;
use crate::syntax::text::{edit_distance, suggest};

declare_rule! {
    UndefinedVar {
        code: "UndefinedVar",
        name: "undefined-var",
        severity: Warning,
        category: Correctness,
        fix: Sometimes,
        origin: BuildKit,
        summary: "Variables should be defined before they are used",
        why: "BuildKit expands variables in ENV, ARG defaults, LABEL, COPY, ADD, WORKDIR, \
              USER, VOLUME, STOPSIGNAL and RUN mounts itself, and an undefined one silently \
              becomes an empty string. The usual causes: a global ARG used inside a stage \
              without declaring it again there, a variable set later in the file, or a typo \
              (a variable set on the same ENV line is DL3044's). The base image's environment \
              is unknown here, so names a base image commonly sets (PATH, HOME, JAVA_HOME …) are given \
              the benefit of the doubt. RUN, CMD and ENTRYPOINT in shell form are left to the \
              shell. BuildKit calls this check UndefinedVar. The fix (unsafe) corrects a typo \
              when one variable in scope is a near miss of the name.",
        bad: "ARG APP_VERSION=1.4.2\nFROM alpine:3.20\nLABEL org.opencontainers.image.version=\"$APP_VERSION\"\n",
        good: "ARG APP_VERSION=1.4.2\nFROM alpine:3.20\nARG APP_VERSION\nLABEL org.opencontainers.image.version=\"$APP_VERSION\"\n",
    }
}

/// Variables base images commonly set: BuildKit knows the base image's environment and we do
/// not, so these are never reported (except in a stage built FROM scratch).
#[rustfmt::skip]
const BASE_IMAGE_ENV: &[&str] = &[
    "PATH", "HOME", "HOSTNAME", "TERM", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "USER", "SHELL",
    "PWD", "container", "LD_LIBRARY_PATH", "LIBRARY_PATH", "PKG_CONFIG_PATH", "MANPATH", "DEBIAN_FRONTEND",
    // Java and the JVM ecosystem
    "JAVA_HOME", "JAVA_VERSION", "JDK_VERSION", "JRE_HOME", "JAVA_OPTS", "JAVA_TOOL_OPTIONS", "MAVEN_HOME",
    "MAVEN_CONFIG", "MAVEN_VERSION", "GRADLE_HOME", "GRADLE_VERSION", "GRADLE_USER_HOME", "CATALINA_HOME",
    "CATALINA_BASE", "TOMCAT_VERSION", "TOMCAT_MAJOR", "TOMCAT_NATIVE_LIBDIR", "SBT_VERSION",
    "SCALA_VERSION", "KOTLIN_VERSION", "ANDROID_HOME", "ANDROID_SDK_ROOT", "ANDROID_NDK_HOME",
    "FLUTTER_HOME", "FLUTTER_ROOT",
    // Go, Rust, .NET
    "GOPATH", "GOROOT", "GOLANG_VERSION", "GOTOOLCHAIN", "GOBIN", "RUSTUP_HOME", "CARGO_HOME",
    "RUST_VERSION", "DOTNET_VERSION", "DOTNET_SDK_VERSION", "ASPNET_VERSION", "ASPNETCORE_URLS",
    "ASPNETCORE_HTTP_PORTS", "DOTNET_RUNNING_IN_CONTAINER", "DOTNET_USE_POLLING_FILE_WATCHER",
    "NUGET_XMLDOC_MODE", "APP_UID", "POWERSHELL_DISTRIBUTION_CHANNEL",
    // Node, Python, Ruby, PHP, Perl, Erlang/Elixir
    "NODE_VERSION", "YARN_VERSION", "NPM_CONFIG_PREFIX", "PYTHON_VERSION", "PYTHON_PIP_VERSION",
    "PYTHON_SETUPTOOLS_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256", "PYTHON_SHA256", "GPG_KEY",
    "GPG_KEYS", "VIRTUAL_ENV", "PYTHONPATH", "RUBY_VERSION", "RUBY_MAJOR", "RUBY_DOWNLOAD_SHA256",
    "RUBY_DOWNLOAD_URL", "GEM_HOME", "BUNDLE_APP_CONFIG", "BUNDLE_PATH", "BUNDLE_SILENCE_ROOT_WARNING",
    "PHP_VERSION", "PHP_INI_DIR", "PHPIZE_DEPS", "PHP_URL", "PHP_ASC_URL", "PHP_SHA256", "PHP_CFLAGS",
    "PHP_CPPFLAGS", "PHP_LDFLAGS", "PHP_EXTRA_CONFIGURE_ARGS", "PHP_EXTRA_BUILD_DEPS", "APACHE_CONFDIR",
    "APACHE_ENVVARS", "APACHE_DOCUMENT_ROOT", "APACHE_LOG_DIR", "APACHE_RUN_USER", "APACHE_RUN_GROUP",
    "COMPOSER_HOME", "COMPOSER_ALLOW_SUPERUSER", "PERL_VERSION", "OTP_VERSION", "REBAR3_VERSION",
    "ELIXIR_VERSION", "MIX_HOME", "HEX_HOME",
    // Web servers, databases, tooling images
    "NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE", "DYNPKG_RELEASE", "HTTPD_PREFIX",
    "HTTPD_VERSION", "HTTPD_SHA256", "HTTPD_PATCHES", "PG_MAJOR", "PG_VERSION", "PGDATA", "GOSU_VERSION",
    "MYSQL_MAJOR", "MYSQL_VERSION", "MYSQL_SHELL_VERSION", "MARIADB_VERSION", "MARIADB_MAJOR",
    "REDIS_VERSION", "REDIS_DOWNLOAD_URL", "REDIS_DOWNLOAD_SHA", "MONGO_MAJOR", "MONGO_VERSION",
    "MONGO_PACKAGE", "MONGO_REPO", "DOCKER_VERSION", "DOCKER_TLS_CERTDIR", "DOCKER_BUILDX_VERSION",
    "DOCKER_COMPOSE_VERSION",
    // CUDA, conda, Jupyter, OpenShift s2i
    "CUDA_VERSION", "CUDA_HOME", "NVIDIA_VISIBLE_DEVICES", "NVIDIA_DRIVER_CAPABILITIES",
    "NVIDIA_REQUIRE_CUDA", "NCCL_VERSION", "CUDNN_VERSION", "CONDA_DIR", "CONDA_VERSION", "CONDA_PREFIX",
    "MAMBA_ROOT_PREFIX", "MAMBA_EXE", "MAMBA_USER", "MAMBA_USER_ID", "MAMBA_USER_GID", "NB_USER", "NB_UID",
    "NB_GID", "JUPYTER_PORT", "APP_ROOT", "STI_SCRIPTS_PATH", "STI_SCRIPTS_URL", "PLATFORM",
    "NODEJS_VERSION", "NPM_RUN", "SUMMARY", "DESCRIPTION",
    // Proxies: BuildKit's predefined proxy arguments, which many setups pass.
    "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
    "ftp_proxy", "no_proxy", "all_proxy",
];

#[derive(Default)]
pub struct UndefinedVar {
    /// One per stage seen so far, in file order (the last is the current one).
    scopes: Vec<Scope>,
    candidates: Vec<Candidate>,
    /// Every name an ARG or ENV has defined so far, in any stage.
    seen: Vec<String>,
}

#[derive(Clone, Default)]
struct Scope {
    /// ENV and ARG names in force, inherited from the stage this one is built on.
    defined: Vec<String>,
    /// The stage (or the stage it is built on) starts FROM scratch: nothing but PATH is set.
    scratch: bool,
    /// The last path component of the external base image, in lower case.
    base: Option<String>,
}

struct Candidate {
    span: Span,
    name: String,
    scratch: bool,
    base: Option<String>,
    suggestion: Option<String>,
    /// A near miss of a variable in scope (a typo).
    typo: bool,
    /// The one variable in scope this is a near miss of, if only one is.
    fix_to: Option<String>,
}

impl Rule for UndefinedVar {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword == Keyword::From {
            let scope = self.scope_of(cx, instr);
            self.scopes.push(scope);
            return;
        }
        if cx.state.stage.is_none() || self.scopes.is_empty() {
            if let Args::ArgDecls(decls) = &instr.args {
                self.seen.extend(decls.iter().map(|d| d.name.text.clone()));
            }
            return;
        }
        let escape = cx.file.escape;
        let mut refs: Vec<(Span, VarRef)> = Vec::new();
        match (&instr.keyword, &instr.args) {
            (Keyword::Arg, Args::ArgDecls(decls)) => {
                // Each ARG of the line is defined before the next one is expanded.
                for d in decls {
                    for (span, r) in d.default.iter().flat_map(|w| w.var_refs(escape)) {
                        self.consider(span, &r.name);
                    }
                    self.define(&d.name.text);
                }
                return;
            }
            (Keyword::Env, Args::KeyValues { pairs, .. }) => {
                // ENV expands the whole line first, then sets every variable. A reference to
                // a variable the same line sets, never set before in the file, is DL3044's.
                let keys: Vec<&str> = pairs.iter().map(|p| p.key.text.as_str()).collect();
                for (j, p) in pairs.iter().enumerate() {
                    for (span, r) in p.key.var_refs(escape).into_iter().chain(p.value.var_refs(escape)) {
                        let other_pair = keys.iter().enumerate().any(|(i, k)| i != j && *k == r.name);
                        if other_pair && !self.seen.contains(&r.name) {
                            continue;
                        }
                        self.consider(span, &r.name);
                    }
                }
                for name in keys {
                    self.define(name);
                }
                return;
            }
            (Keyword::Label, Args::KeyValues { pairs, .. }) => {
                for p in pairs {
                    refs.extend(p.key.var_refs(escape));
                    refs.extend(p.value.var_refs(escape));
                }
            }
            (Keyword::Copy | Keyword::Add, Args::List { items, .. }) => {
                let flags: &[&str] = if instr.keyword == Keyword::Add {
                    &["chown", "chmod", "checksum"]
                } else {
                    &["chown", "chmod"]
                };
                for f in instr.flags.iter().filter(|f| flags.contains(&f.name.text.as_str())) {
                    refs.extend(f.value.iter().flat_map(|v| v.var_refs(escape)));
                }
                for item in items.iter().filter(|i| !i.text.starts_with("<<")) {
                    refs.extend(item.var_refs(escape));
                }
                // Heredoc files are expanded too, unless the marker is quoted.
                for h in instr.heredocs.iter().filter(|h| h.expand) {
                    refs.extend(raw_refs(h.body, cx.source));
                }
            }
            (Keyword::Workdir | Keyword::User | Keyword::Stopsignal, Args::Text(w)) => {
                refs.extend(w.var_refs(escape))
            }
            (Keyword::Volume, Args::List { items, .. }) => {
                for item in items {
                    refs.extend(item.var_refs(escape));
                }
            }
            (Keyword::Run, _) => {
                for f in instr.flags.iter().filter(|f| f.name.text == "mount") {
                    for opt in f.options().unwrap_or_default() {
                        refs.extend(opt.value.iter().flat_map(|v| v.var_refs(escape)));
                    }
                }
            }
            _ => {}
        }
        for (span, r) in refs {
            self.consider(span, &r.name);
        }
    }

    fn finish(&mut self, cx: &mut Cx) {
        // Every name some ARG or ENV of the file defines: using one out of its scope is a
        // mistake about scope, not a variable the base image provides.
        let mut anywhere: Vec<&str> = Vec::new();
        for instr in &cx.file.instructions {
            match &instr.args {
                Args::ArgDecls(decls) => anywhere.extend(decls.iter().map(|d| d.name.text.as_str())),
                Args::KeyValues { pairs, .. } if instr.keyword == Keyword::Env => {
                    anywhere.extend(pairs.iter().map(|p| p.key.text.as_str()))
                }
                _ => {}
            }
        }
        for c in std::mem::take(&mut self.candidates) {
            let name = c.name.as_str();
            let report = if c.scratch {
                name != "PATH"
            } else if is_platform_arg(name) {
                true
            } else if BASE_IMAGE_ENV.contains(&name) || from_base_image(name, c.base.as_deref()) {
                false
            } else {
                anywhere.contains(&name) || c.typo || name.chars().any(char::is_lowercase)
            };
            if !report {
                continue;
            }
            let mut message = format!("`${name}` is not defined here, so it expands to an empty string");
            if let Some(s) = &c.suggestion {
                message.push_str(&format!(" (did you mean `${s}`?)"));
            }
            let help = if cx.global_args.iter().any(|a| a == name) || is_platform_arg(name) {
                format!("`{name}` is a global argument: declare `ARG {name}` again inside this stage to use it here.")
            } else {
                format!("Declare it with `ARG {name}` or `ENV {name}=…` before this instruction.")
            };
            let fix = c
                .fix_to
                .as_deref()
                .filter(|s| c.suggestion.as_deref() == Some(*s))
                .and_then(|s| rename_ref(cx.source, c.span, name, s));
            let d = cx.report(c.span, message);
            d.with_help(help);
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

impl UndefinedVar {
    /// The scope a FROM starts: an earlier stage's, or a fresh one for an image.
    fn scope_of(&self, cx: &Cx, instr: &Instruction) -> Scope {
        let Args::Words(words) = &instr.args else { return Scope::default() };
        let Some(base) = words.first() else { return Scope::default() };
        let has_vars = !base.var_refs(cx.file.escape).is_empty();
        let env = global_defaults_of(cx.file, "linux/amd64").unwrap_or_default();
        let resolved = expand(cx.file.escape, &base.text, &env).unwrap_or_default();
        let lower = resolved.to_ascii_lowercase();
        if let Some((_, i)) = cx.stage_names.iter().find(|(n, _)| *n == lower) {
            return self.scopes.get(*i).cloned().unwrap_or_default();
        }
        if lower == "scratch" && !has_vars {
            return Scope { scratch: true, ..Scope::default() };
        }
        let image = ImageRef::parse(&resolved);
        let name = image.name().rsplit('/').next().unwrap_or("").to_ascii_lowercase();
        Scope { base: (!name.is_empty()).then_some(name), ..Scope::default() }
    }

    fn define(&mut self, name: &str) {
        if !self.seen.iter().any(|d| d == name) {
            self.seen.push(name.to_string());
        }
        if let Some(scope) = self.scopes.last_mut() {
            if !scope.defined.iter().any(|d| d == name) {
                scope.defined.push(name.to_string());
            }
        }
    }

    fn consider(&mut self, span: Span, name: &str) {
        let Some(scope) = self.scopes.last() else { return };
        if is_special_name(name) || scope.defined.iter().any(|d| d == name) {
            return;
        }
        // Only names a `$name` can refer to: `ARG T$X` declares a name no reference reaches,
        // and offering it would make a fix that keeps growing (`$X` → `$T$X` → `$T$T$X` …).
        let valid = |n: &&str| {
            n.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        let in_scope =
            || scope.defined.iter().map(String::as_str).filter(valid).chain(std::iter::once("PATH"));
        let suggestion = suggest(name, in_scope(), true);
        let len = name.chars().count();
        let near = |o: &&str| {
            // Distances are at least the difference in length: skip the far ones cheaply.
            let gap = len.abs_diff(o.chars().count());
            *o != name
                && ((len >= 4 && gap <= 1 && typo_distance(name, o) <= 1)
                    || (len >= 8 && gap <= 2 && edit_distance(name, o) <= 2))
        };
        let typo = in_scope().chain(BASE_IMAGE_ENV.iter().copied()).any(|o| near(&o));
        let mut near_in_scope: Vec<&str> = in_scope().filter(near).collect();
        crate::sort::plain(&mut near_in_scope);
        near_in_scope.dedup();
        let fix_to = match near_in_scope.as_slice() {
            [one] => Some(one.to_string()),
            _ => None,
        };
        self.candidates.push(Candidate {
            span,
            name: name.to_string(),
            scratch: scope.scratch,
            base: scope.base.clone(),
            suggestion,
            typo,
            fix_to,
        });
    }
}

/// `$name` or `${name…}` with the name replaced by `to`, when the span is the reference as
/// written. Unsafe: the value changes from empty to the variable's (a typo fixed, but the
/// build then uses a value it did not use before).
fn rename_ref(source: &str, span: Span, name: &str, to: &str) -> Option<Fix> {
    let text = span.text(source);
    let at = if text == format!("${name}") {
        1
    } else if text.starts_with(&format!("${{{name}")) && text.ends_with('}') {
        let next = text[2 + name.len()..].chars().next();
        if next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        2
    } else {
        return None;
    };
    let start = span.start + at;
    Some(Fix::unsafe_(
        format!("Replace `{name}` with `{to}`"),
        vec![Edit::replace(Span::new(start, start + name.len() as u32), to)],
    ))
}

/// Whether the variable is named after the base image (`NODE_…` in a `node` image,
/// `PYTHON…` in a `python` one): such images usually set it.
fn from_base_image(name: &str, base: Option<&str>) -> bool {
    let Some(base) = base else { return false };
    let first = name.split('_').next().unwrap_or(name).to_ascii_lowercase();
    first.len() >= 2 && base.len() >= 2 && (base.contains(&first) || first.contains(base))
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/undefined-var
    Case::fires("FROM alpine AS base\nCOPY $foo .", &["$foo"]),
    Case::quiet("FROM alpine AS base\nARG foo\nCOPY $foo ."),
    // An ARG whose name no `$` can reach is not offered as a correction (found by fuzzing:
    // the fix `$X` → `$T$X` kept growing, one `$T` per round).
    Case::quiet("FROM alpine\nARG T$RGETARCH\nENV GOARCH=$T$T$RGETARCH"),
    Case::fires("FROM alpine AS base\nARG VERSION=$foo", &["$foo"]),
    Case::quiet("FROM python AS base\nARG VERSION=$PYTHON_VERSION"),
    Case::fires("FROM alpine\nENV PATH=$PAHT:/app/bin", &["$PAHT"]).fixed("FROM alpine\nENV PATH=$PATH:/app/bin"),
    // A typo of the one variable in scope it is a near miss of is corrected (unsafe).
    Case::fires(
        "FROM alpine\nARG APP_VERSION=1\n# the label\nLABEL version=${APP_VERSOIN:-0} \\\n    # the name\n    name=app",
        &["${APP_VERSOIN:-0}"],
    )
    .fixed("FROM alpine\nARG APP_VERSION=1\n# the label\nLABEL version=${APP_VERSION:-0} \\\n    # the name\n    name=app"),
    Case::fires("# escape=`\nFROM alpine\nENV APP_HOME=/app\nCOPY a `\n  $APP_HOEM/", &["$APP_HOEM"])
        .fixed("# escape=`\nFROM alpine\nENV APP_HOME=/app\nCOPY a `\n  $APP_HOME/"),
    Case::fires("FROM alpine\r\nARG USER_ID=1000\r\nUSER ${USER_DI}:${USER_DI}\r\n", &["${USER_DI}", "${USER_DI}"])
        .fixed("FROM alpine\r\nARG USER_ID=1000\r\nUSER ${USER_ID}:${USER_ID}\r\n"),
    // Two variables in scope are as near: no fix.
    Case::fires("FROM alpine\nARG APP_DIR1=a APP_DIR2=b\nCOPY x $APP_DIR3/", &["$APP_DIR3"]),
    Case::quiet("FROM alpine\nARG APP_VERSION=1\n# the label\nLABEL version=${APP_VERSION:-0} \\\n    # the name\n    name=app"),
    Case::quiet("# escape=`\nFROM alpine\nENV APP_HOME=/app\nCOPY a `\n  $APP_HOME/"),
    Case::quiet("FROM alpine\r\nARG USER_ID=1000\r\nUSER ${USER_ID}:${USER_ID}\r\n"),
    Case::quiet("FROM alpine\nARG APP_DIR1=a APP_DIR2=b\nCOPY x $APP_DIR1/ $APP_DIR2/"),
    Case::quiet("FROM alpine\nARG APP_VERSION=1\nRUN echo $APP_VERSOIN"),
    Case::quiet("FROM alpine\nENV APP_HOME=/app\nCMD echo $APP_HOEM"),
    Case::quiet("FROM alpine\nARG APP_VERSION=1\nLABEL version='${APP_VERSOIN}'"),
    Case::quiet("FROM alpine\nARG USER_ID=1000\nENV USER_DI=$USER_ID\nUSER $USER_DI"),
    Case::quiet("FROM alpine\nENV APP_HOME=/app\nLABEL home=\\$APP_HOEM"),
    Case::quiet("FROM alpine\nARG APP_VERSION=1\nFROM alpine\nARG APP_VERSION\nLABEL v=$APP_VERSION"),
    Case::quiet("FROM alpine\nENV PATH=$PATH:/app/bin"),
    // A global ARG must be declared again in the stage.
    Case::fires("ARG APP_VERSION=1.4.2\nFROM alpine:3.20\nLABEL version=\"$APP_VERSION\"", &["$APP_VERSION"]),
    Case::quiet("ARG APP_VERSION=1.4.2\nFROM alpine:3.20\nARG APP_VERSION\nLABEL version=\"$APP_VERSION\""),
    // Used before the ENV that sets it. Set on the same ENV line: DL3044 reports it, unless
    // an earlier ENV (here one of another stage) defined it.
    Case::fires("FROM alpine\nWORKDIR ${APP_DIR}\nENV APP_DIR=/app", &["${APP_DIR}"]),
    Case::quiet("FROM alpine\nENV APP_DIR=/app DATA_DIR=${APP_DIR}/data"),
    Case::fires(
        "FROM alpine\nENV APP_DIR=/a\nFROM alpine\nENV APP_DIR=/b DATA_DIR=${APP_DIR}/data",
        &["${APP_DIR}"],
    ),
    Case::quiet("FROM alpine\nENV APP_DIR=/app\nENV DATA_DIR=${APP_DIR}/data"),
    Case::fires("FROM alpine\nENV app_flags=\"$app_flags -v\"", &["$app_flags"]),
    Case::quiet("FROM alpine\nARG A=1 B=${A}"),
    // Stages inherit from the stage they are built on, not from others.
    Case::quiet("FROM alpine AS base\nENV APP_DIR=/app\nFROM base\nWORKDIR $APP_DIR"),
    Case::fires("FROM alpine AS base\nENV APP_DIR=/app\nFROM alpine\nWORKDIR $APP_DIR", &["$APP_DIR"]),
    // Platform arguments must be declared in the stage.
    Case::fires("FROM alpine\nCOPY bin/app-${TARGETARCH} /app", &["${TARGETARCH}"]),
    Case::quiet("FROM alpine\nARG TARGETARCH\nCOPY bin/app-${TARGETARCH} /app"),
    // FROM scratch: only PATH is set.
    Case::fires("FROM scratch\nCOPY app /app\nUSER $APP_USER\nENV PATH=/app:$PATH", &["$APP_USER"]),
    // Names a base image may set are given the benefit of the doubt.
    Case::quiet("FROM eclipse-temurin:21\nCOPY app.jar $JAVA_HOME/lib/\nWORKDIR $HOME\nUSER $NB_USER"),
    Case::quiet("ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}\nLABEL node=$NODE_VERSION"),
    Case::quiet("FROM alpine\nCOPY $SOME_UPPER_CASE_NAME /x"),
    // Single quotes, shell forms and other instructions are not expanded by BuildKit.
    Case::quiet(
        "FROM alpine\nLABEL a='$nope'\nRUN echo $nope\nCMD echo $nope\nEXPOSE $nope\nONBUILD COPY $nope /x",
    ),
    Case::fires(
        "FROM alpine\nCOPY --chown=$uid:$gid <<EOF /etc/motd\nhello $name, ${1} $@\nEOF",
        &["$uid", "$gid", "$name"],
    ),
    Case::quiet("FROM alpine\nCOPY <<'EOF' /run.sh\necho $name\nEOF"),
    Case::fires(
        "FROM alpine\nRUN --mount=type=cache,target=/root/.cache/${cache_dir} echo hi",
        &["${cache_dir}"],
    ),
    Case::fires(
        "FROM alpine\nVOLUME [\"/data/$volume\"]\nSTOPSIGNAL $signal",
        &["\"/data/$volume\"", "$signal"],
    ),
    // An escaped dollar is literal; ENV values in single quotes are not expanded.
    Case::quiet("FROM alpine\nLABEL usage=\"run with \\$app_flags\""),
    Case::quiet("FROM alpine\nENV greeting='hello $name'"),
    // Not expanded by BuildKit: exec form, HEALTHCHECK, RUN heredocs, comments.
    Case::quiet("FROM alpine\nENTRYPOINT [\"echo\", \"$app_name\"]"),
    Case::quiet("FROM alpine\nHEALTHCHECK CMD wget -q -O- http://localhost:$port/"),
    Case::quiet("FROM alpine\nRUN <<EOF\necho $name\nEOF"),
    Case::quiet("FROM alpine\n# WORKDIR $app_dir\nWORKDIR /app"),
    // FROM lines are UndefinedArgInFrom's business; a global ARG used only there.
    Case::quiet("ARG tag=3.20\nFROM --platform=$BUILDPLATFORM alpine:$tag"),
    // Defined: by a legacy `ENV key value`, by an ARG before a RUN mount.
    Case::quiet("FROM alpine\nENV app_home /app\nWORKDIR $app_home"),
    Case::quiet(
        "FROM alpine\nARG cache_dir=go\nRUN --mount=type=cache,target=/root/.cache/${cache_dir} echo hi",
    ),
    // Inherited through a chain of stages, named in any case or through a global ARG.
    Case::quiet("FROM alpine AS a\nENV app_dir=/app\nFROM a AS b\nFROM b\nWORKDIR $app_dir"),
    Case::quiet("FROM alpine AS Base\nENV app_dir=/app\nFROM base\nWORKDIR $app_dir"),
    Case::quiet("ARG BASE=base\nFROM alpine AS base\nENV app_dir=/app\nFROM ${BASE}\nWORKDIR $app_dir"),
    // BuildKit's own case: an ARG of the stage a stage is built on is inherited.
    Case::quiet("FROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo ."),
];
