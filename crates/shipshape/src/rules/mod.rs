//! The rule engine's building blocks: the context a rule checks with, the `declare_rule!`
//! macro that declares a rule's metadata once, and the registry of every rule.
//!
//! A rule lives in `rules/<category>/<what_it_checks>.rs` with its metadata, its docs, its
//! check, its fix and its tests. The one list of rules is [`registry!`] below: it declares
//! the category folders' modules and builds the table the linter and the docs read.
//!
//! A rule never knows about suppression: pragmas and configuration are applied by the
//! linter after all rules have run.

pub mod doc;
pub(crate) mod prelude;
#[cfg(test)]
pub(crate) mod testing;

use crate::analysis::commands::PackageCall;
use crate::analysis::vars::Resolved;
use crate::analysis::Analysis;
use crate::config::Config;
pub use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use crate::rule_meta::{Category, Docs, FixAvailability, Origin, RuleMeta};
use crate::shell::queries::Dialect;
use crate::shell::Script;
use crate::syntax::{Dockerfile, Instruction, Keyword, Span};

/// A rule type's metadata, declared once with [`declare_rule!`].
pub(crate) trait Declared {
    const META: &'static RuleMeta;
    /// The rule's test cases (firing, quiet, fixed).
    #[cfg(test)]
    const TESTS: &'static [testing::Case];
}

/// Declares a rule's metadata for its type: code, name, optional aliases, severity (`Off`:
/// only when configuration turns it on), category, fix availability, origin, optional
/// `onbuild: true` (also check ONBUILD triggers), a one-line summary and the docs (why, a
/// bad and a good example, both run as tests). The tests are the module's `TESTS` unless
/// `tests:` names others.
macro_rules! declare_rule {
    (
        $ty:ident {
            code: $code:literal,
            name: $name:literal,
            $(aliases: [$($alias:literal),* $(,)?],)?
            severity: $sev:ident,
            category: $cat:ident,
            fix: $fix:ident,
            origin: $origin:ident,
            $(onbuild: $onbuild:literal,)?
            summary: $summary:literal,
            why: $why:expr,
            bad: $bad:expr,
            good: $good:expr
            $(, tests: $tests:expr)? $(,)?
        }
    ) => {
        impl $crate::rules::Declared for $ty {
            const META: &'static $crate::rules::RuleMeta = &$crate::rules::RuleMeta {
                code: $code,
                name: $name,
                aliases: &[$($($alias),*)?],
                severity: declare_rule!(@severity $sev),
                category: $crate::rules::Category::$cat,
                fix: $crate::rules::FixAvailability::$fix,
                origin: $crate::rules::Origin::$origin,
                onbuild: false $(|| $onbuild)?,
                summary: doc_text!($summary),
                docs: docs! { why: $why, bad: $bad, good: $good },
            };
            #[cfg(test)]
            const TESTS: &'static [$crate::rules::testing::Case] = declare_rule!(@tests $($tests)?);
        }
    };
    (@severity Off) => { None };
    (@severity $sev:ident) => { Some($crate::rules::Severity::$sev) };
    (@tests) => { TESTS };
    (@tests $tests:expr) => { $tests };
}

/// One rule of the registry: its metadata and how to make a fresh instance for a file.
pub struct Entry {
    pub meta: &'static RuleMeta,
    pub(crate) new: fn() -> Box<dyn Rule>,
    #[cfg(test)]
    pub(crate) tests: &'static [testing::Case],
}

impl Entry {
    const fn of<R: Rule + Declared + Default + 'static>() -> Entry {
        fn new<R: Rule + Default + 'static>() -> Box<dyn Rule> {
            Box::new(R::default())
        }
        Entry {
            meta: R::META,
            new: new::<R>,
            #[cfg(test)]
            tests: R::TESTS,
        }
    }
}

/// The one list of rules: each category folder, with its helper modules in brackets, and
/// its rule files, each with the rule type(s) it declares.
macro_rules! registry {
    ($($cat:ident $([$($helper:ident),*])? { $($file:ident => $($ty:ident)|+,)* })*) => {
        $(pub mod $cat {
            $($(pub(crate) mod $helper;)*)?
            $(pub mod $file;)*
        })*

        /// Every rule, in the order of the list.
        pub static RULES: &[Entry] = &[$($($(Entry::of::<$cat::$file::$ty>(),)+)*)*];
    };
}

registry! {
    images [registries] {
        untagged_image => UntaggedImage,
        latest_tag => LatestTag,
        untrusted_registry => UntrustedRegistry,
        from_platform_flag => FromPlatformFlag,
        redundant_target_platform => RedundantTargetPlatform,
        full_base_image => FullBaseImage,
        from_without_digest => FromWithoutDigest,
    }
    stages {
        copy_from_unknown_stage => CopyFromUnknownStage,
        copy_from_own_stage => CopyFromOwnStage,
        duplicate_stage_name => DuplicateStageName,
        instruction_before_from => InstructionBeforeFrom,
        reserved_stage_name => ReservedStageName,
        single_stage_toolchain => SingleStageToolchain,
    }
    instructions {
        inline_ignore_pragma => InlineIgnorePragma,
        relative_workdir => RelativeWorkdir,
        copied_archive_extracted => CopiedArchiveExtracted,
        port_out_of_range => PortOutOfRange,
        add_instead_of_copy => AddInsteadOfCopy,
        copy_dest_without_slash => CopyDestWithoutSlash,
        shell_form_cmd => ShellFormCmd,
        forbidden_onbuild_trigger => ForbiddenOnbuildTrigger,
        env_self_reference => EnvSelfReference,
        copy_relative_without_workdir => CopyRelativeWithoutWorkdir,
        healthcheck_missing => HealthcheckMissing,
        copy_whole_filesystem => CopyWholeFilesystem,
        maintainer_deprecated => MaintainerDeprecated,
        multiple_per_stage => MultipleHealthchecks | MultipleCmd | MultipleEntrypoint,
        expose_without_healthcheck => ExposeWithoutHealthcheck,
        healthcheck_tool_missing => HealthcheckToolMissing,
        multiple_processes => MultipleProcesses,
        gunicorn_heartbeat_on_disk => GunicornHeartbeatOnDisk,
        python_env_missing => PythonEnvMissing,
    }
    layers {
        consecutive_run => ConsecutiveRun,
        copy_before_deps_install => CopyBeforeDepsInstall,
        cleanup_in_own_layer => CleanupInOwnLayer,
        copied_artifacts_left => CopiedArtifactsLeft,
    }
    packages [cache_clean, confirm, unpinned] {
        apt_get_unpinned => AptGetUnpinned,
        apt_lists_not_removed => AptListsNotRemoved,
        pip_unpinned => PipUnpinned,
        apt_get_missing_yes => AptGetMissingYes,
        apt_get_recommends => AptGetRecommends,
        npm_unpinned => NpmUnpinned,
        apk_unpinned => ApkUnpinned,
        apk_missing_no_cache => ApkMissingNoCache,
        apt_in_script => AptInScript,
        gem_unpinned => GemUnpinned,
        yum_missing_yes => YumMissingYes,
        yum_missing_clean => YumMissingClean,
        yum_unpinned => YumUnpinned,
        zypper_missing_yes => ZypperMissingYes,
        zypper_dist_upgrade => ZypperDistUpgrade,
        zypper_missing_clean => ZypperMissingClean,
        zypper_unpinned => ZypperUnpinned,
        dnf_missing_yes => DnfMissingYes,
        dnf_missing_clean => DnfMissingClean,
        dnf_unpinned => DnfUnpinned,
        pip_cache_kept => PipCacheKept,
        yarn_cache_not_cleaned => YarnCacheNotCleaned,
        go_install_unpinned => GoInstallUnpinned,
        apt_update_alone => AptUpdateAlone,
        unsorted_packages => UnsortedPackages,
    }
    shell {
        pointless_command => PointlessCommand,
        cd_in_run => CdInRun,
        useradd_high_uid_without_l => UseraddHighUidWithoutL,
        wget_without_progress => WgetWithoutProgress,
        curl_and_wget => CurlAndWget,
        ln_bin_sh => LnBinSh,
        pipe_without_pipefail => PipeWithoutPipefail,
        single_quoted_expansion => SingleQuotedExpansion,
        unquoted_command_substitution => UnquotedCommandSubstitution,
        unquoted_expansion => UnquotedExpansion,
        rm_unsafe_var => RmUnsafeVar,
        declare_and_assign => DeclareAndAssign,
        cd_without_exit => CdWithoutExit,
        bang_negation => BangNegation,
        echo_flags => EchoFlags,
    }
    security [secrets] {
        root_last_user => RootLastUser,
        sudo_in_run => SudoInRun,
        secret_in_arg_or_env => SecretInArgOrEnv,
        non_numeric_user => NonNumericUser,
        user_missing => UserMissing,
        copy_whole_context => CopyWholeContext,
        add_url_without_checksum => AddUrlWithoutChecksum,
        curl_pipe_to_shell => CurlPipeToShell,
        chmod_world_writable => ChmodWorldWritable,
        ssh_port_exposed => SshPortExposed,
        docker_socket_mounted => DockerSocketMounted,
        run_security_insecure => RunSecurityInsecure,
        tls_verification_disabled => TlsVerificationDisabled,
        hardcoded_secret => HardcodedSecret,
        secret_file_copied => SecretFileCopied,
        secret_arg_in_run => SecretArgInRun,
        chpasswd_literal_password => ChpasswdLiteralPassword,
        pip_extra_index_url => PipExtraIndexUrl,
    }
    labels [values] {
        invalid_label_key => InvalidLabelKey,
        label_missing => LabelMissing,
        label_not_in_schema => LabelNotInSchema,
        label_empty => LabelEmpty,
        typed_value => LabelNotUrl | LabelNotRfc3339 | LabelNotSpdx | LabelNotGitHash | LabelNotSemver
            | LabelNotEmail,
    }
    buildkit {
        consistent_instruction_casing => ConsistentInstructionCasing,
        copy_ignored_file => CopyIgnoredFile,
        expose_invalid_format => ExposeInvalidFormat,
        expose_proto_casing => ExposeProtoCasing,
        from_as_casing => FromAsCasing,
        from_platform_flag_const_disallowed => FromPlatformFlagConstDisallowed,
        invalid_base_image_platform => InvalidBaseImagePlatform,
        invalid_default_arg_in_from => InvalidDefaultArgInFrom,
        invalid_definition_description => InvalidDefinitionDescription,
        legacy_key_value_format => LegacyKeyValueFormat,
        no_empty_continuation => NoEmptyContinuation,
        stage_name_casing => StageNameCasing,
        undefined_arg_in_from => UndefinedArgInFrom,
        undefined_var => UndefinedVar,
        workdir_relative_path => WorkdirRelativePath,
    }
    build {
        install_without_package_lists => InstallWithoutPackageLists,
        user_not_created => UserNotCreated,
        copy_from_missing_path => CopyFromMissingPath,
        program_not_in_image => ProgramNotInImage,
    }
}

/// Metadata of every rule, in registry order.
pub fn all_metas() -> &'static [&'static RuleMeta] {
    static ALL: std::sync::OnceLock<Vec<&'static RuleMeta>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| RULES.iter().map(|e| e.meta).collect())
}

/// The rule a code (or alias, or name) names.
pub fn find_meta(code: &str) -> Option<&'static RuleMeta> {
    RULES.iter().map(|e| e.meta).find(|m| m.answers_to(code))
}

/// Fresh instances of every rule, for one file, each with its metadata.
pub fn new_rules() -> Vec<(&'static RuleMeta, Box<dyn Rule>)> {
    RULES.iter().map(|e| (e.meta, (e.new)())).collect()
}

/// A rule: made fresh for every file, called once per instruction (in file order) and
/// once at the end. Rules keep their own cross-instruction facts and decide at the end
/// when they need the whole file; they never look ahead.
pub trait Rule {
    fn check(&mut self, _cx: &mut Cx, _instr: &Instruction) {}

    fn finish(&mut self, _cx: &mut Cx) {}
}

/// The build's state at the current instruction, as rules have read it: a view of the
/// file's [`Analysis`].
#[derive(Clone, Debug, Default)]
pub struct StageState {
    /// Index into `Dockerfile::stages`, None before the first FROM.
    pub stage: Option<usize>,
    /// The SHELL in force, e.g. `["/bin/sh", "-c"]`.
    pub shell: Vec<String>,
    /// Whether that shell is a POSIX one (so shell rules apply).
    posix: bool,
    /// Names of ARGs declared in the stage (and global ARGs redeclared in it).
    pub args: Vec<String>,
    /// Names of ENV variables set in the stage (inherited from a parent stage).
    pub envs: Vec<String>,
    /// The last USER of the stage, as written.
    pub user: Option<String>,
    /// Whether a WORKDIR was set in the stage (or its parent stage).
    pub workdir: bool,
}

impl StageState {
    /// The state before instruction `index` (past the end: after the last one).
    pub(crate) fn at(analysis: &Analysis, index: usize) -> StageState {
        let Some(facts) = analysis.at(index).or_else(|| analysis.instructions.last()) else {
            return StageState {
                shell: vec!["/bin/sh".into(), "-c".into()],
                posix: true,
                ..StageState::default()
            };
        };
        let scope = analysis.scope(index.min(analysis.instructions.len().saturating_sub(1)));
        let names = |env: bool| {
            scope
                .bindings
                .iter()
                .filter(|b| matches!(b.origin, crate::analysis::vars::Origin::Env { .. }) == env)
                .map(|b| b.name.clone())
                .collect()
        };
        StageState {
            stage: facts.stage,
            shell: facts.shell.argv.clone(),
            posix: facts.shell.is_posix(),
            args: if facts.stage.is_some() { names(false) } else { Vec::new() },
            envs: names(true),
            user: facts.user.clone(),
            workdir: facts.workdir.is_some(),
        }
    }

    /// Whether the shell in force is a POSIX one (so shell rules apply).
    pub fn posix_shell(&self) -> bool {
        self.posix
    }
}

/// What a rule sees while it checks one instruction.
pub struct Cx<'a> {
    pub source: &'a str,
    pub file: &'a Dockerfile,
    pub config: &'a Config,
    /// What the build does: stages, variables, shells, scripts, package calls.
    pub analysis: &'a Analysis,
    /// Index of the current instruction in `file.instructions`.
    pub index: usize,
    /// True while checking the trigger of an ONBUILD.
    pub onbuild: bool,
    pub state: &'a StageState,
    /// Global ARGs (before the first FROM), by name.
    pub global_args: &'a [String],
    /// Stage names seen so far (lower case), with their stage index.
    pub stage_names: &'a [(String, usize)],
    /// The parsed shell of the current RUN (shell form, POSIX shell), if any.
    pub script: Option<&'a Script>,
    pub(crate) rule: &'static RuleMeta,
    pub(crate) out: &'a mut Vec<Diagnostic>,
}

impl<'a> Cx<'a> {
    /// Reports a finding of the current rule at `span`.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let severity = self.rule.severity.unwrap_or(Severity::Info);
        self.out.push(Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        });
        self.out.last_mut().expect("just pushed")
    }

    /// The text of a span.
    pub fn text(&self, span: Span) -> &str {
        span.text(self.source)
    }

    /// The current instruction (the ONBUILD itself while a trigger is checked).
    pub fn instruction(&self) -> &Instruction {
        &self.file.instructions[self.index]
    }

    /// Whether `name` is a stage defined before the current instruction.
    pub fn is_stage_name(&self, name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        self.stage_names.iter().any(|(n, _)| *n == lower)
    }

    /// The package-manager calls of the current RUN's script (none when there is no
    /// script: exec form, a non-POSIX shell, or an ONBUILD outside its trigger's check).
    pub fn calls(&self) -> &'a [PackageCall] {
        match self.script {
            Some(_) => self.analysis.calls(self.index),
            None => &[],
        }
    }

    /// The package-manager calls of the current RUN with the commands they index: its shell
    /// script, or the one command of an exec-form RUN (`exec` is then true: edits go into
    /// the JSON array). None outside a RUN (and for an ONBUILD outside its trigger's check).
    pub fn package_calls(&self) -> Option<(&'a Script, &'a [PackageCall], bool)> {
        if let Some(script) = self.script {
            return Some((script, self.analysis.calls(self.index), false));
        }
        let instr = self.instruction();
        let run = instr.keyword == Keyword::Run || (self.onbuild && instr.keyword == Keyword::Onbuild);
        let exec = self.analysis.exec_command(self.index).filter(|_| run)?;
        Some((exec, self.analysis.calls(self.index), true))
    }

    /// Where a resolved value comes from, for messages: "from ARG PKGS on line 3, which a
    /// build argument can change".
    pub fn provenance(&self, resolved: &Resolved) -> String {
        resolved.provenance(|i| crate::analysis::instruction_line(self.source, self.file, i))
    }

    /// The dialect of the stage's shell, for the ShellCheck-like rules.
    pub(crate) fn dialect(&self) -> Dialect {
        let Some(exe) = self.state.shell.first() else { return Dialect::Sh };
        let base = exe.rsplit(['/', '\\']).next().unwrap_or(exe).to_ascii_lowercase();
        match base.as_str() {
            "sh" => Dialect::Sh,
            "bash" | "ksh" | "dash" | "ash" | "mksh" | "busybox" => Dialect::Extended,
            _ => Dialect::Unsupported,
        }
    }

    /// The current RUN's script and its dialect, when the script was fully read and its
    /// shell is one the shell rules analyse.
    pub(crate) fn analysable(&self) -> Option<(&'a Script, Dialect)> {
        let script = self.script?;
        if script.too_complex || !script.unreadable.is_empty() {
            return None;
        }
        match self.dialect() {
            Dialect::Unsupported => None,
            d => Some((script, d)),
        }
    }

    /// Whether the current stage is built on a Windows image (directly or through the stages
    /// it builds on, as the analysis's stage graph says). Its RUNs go to `cmd` unless SHELL
    /// says otherwise, so shell fixes (quotes, `&&` chains that rely on each RUN starting a
    /// fresh environment) are not offered there.
    pub fn windows_stage(&self) -> bool {
        self.state.stage.and_then(|i| self.analysis.stages.get(i)).is_some_and(|s| s.windows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique() {
        let metas = all_metas();
        for (i, a) in metas.iter().enumerate() {
            for b in &metas[i + 1..] {
                assert!(!b.answers_to(a.code) && !a.answers_to(b.code), "{} and {} overlap", a.code, b.code);
                assert_ne!(a.name, b.name);
            }
        }
    }
}
