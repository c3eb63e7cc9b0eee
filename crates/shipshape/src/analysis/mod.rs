//! What a Dockerfile's build does, worked out once per parse: its stages and the images
//! they start from, the variables in scope at every instruction, the shell of each stage,
//! the parsed script of each RUN and the package-manager calls in it. Rules, fixes, the
//! size estimator and the language server read it; none of them works these facts out
//! again.
//!
//! Everything here follows BuildKit: global ARGs are seen by FROM lines only, a stage sees
//! the ARGs it declares (a build argument given for a declared ARG wins over its default),
//! ENV values are inherited by stages built FROM another stage, and `--from` names a stage
//! after its variables are expanded.

pub mod base_image;
pub mod build;
pub(crate) mod command_words;
pub mod commands;
pub(crate) mod context;
pub(crate) mod images;
pub(crate) mod packages;
pub mod shells;
pub(crate) mod stages;
pub(crate) mod startup;
pub mod vars;

use crate::shell::Script;
use crate::syntax::image::ImageRef;
use crate::syntax::{Args, Dockerfile, Instruction, Keyword, Span};
use commands::PackageCall;
use shells::Shell;
use vars::{platform_args, Binding, Certainty, Origin, Resolved, Scope};

/// What a stage starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    /// An earlier stage, by index.
    Stage(usize),
    /// An image (its reference after expansion is the stage's `image`).
    Image,
    /// `FROM scratch`.
    Scratch,
    /// A FROM without an image (a syntax error) or one that expands to nothing.
    Missing,
}

/// Facts about one stage.
#[derive(Clone, Debug)]
pub struct StageFacts {
    pub base: Base,
    /// The FROM reference with the global ARGs expanded.
    pub image: Option<Resolved>,
    /// The stages whose files it copies (`COPY --from`, `RUN --mount=from=`), by index.
    pub copies_from: Vec<usize>,
    /// Whether the image being built depends on this stage (itself, a base of it, or a
    /// stage it copies from, transitively).
    pub used: bool,
    /// Built on a Windows image (directly or through the stages it builds on).
    pub windows: bool,
    /// Built on scratch (directly or through the stages it builds on): nothing is there
    /// but what the Dockerfile puts.
    pub scratch: bool,
}

/// Facts at one instruction: the state of the build just before it runs.
#[derive(Clone, Debug)]
pub struct InstructionFacts {
    /// The stage it belongs to (None before the first FROM).
    pub stage: Option<usize>,
    scope: usize,
    /// The shell its shell-form commands run in.
    pub shell: Shell,
    /// The working directory (absolute, expanded), when a WORKDIR of the stage (or of the
    /// stages it builds on) set it.
    pub workdir: Option<String>,
    /// The last USER of the stage (or the stages it builds on), as written.
    pub user: Option<String>,
}

/// The analysis of one parsed Dockerfile.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub stages: Vec<StageFacts>,
    /// The stage that is the image being built: the last one.
    pub target: Option<usize>,
    /// Stage names in lower case, with their index.
    pub stage_names: Vec<(String, usize)>,
    /// What each step leaves behind, and the steps that cannot work.
    pub build: build::BuildModel,
    /// One per instruction of the file, in order.
    pub instructions: Vec<InstructionFacts>,
    scopes: Vec<Scope>,
    /// The global scope as FROM lines see it.
    global: Scope,
    /// The script of each RUN (and ONBUILD RUN), unless its shell is not a shell.
    scripts: Vec<Option<Script>>,
    /// The command of each exec-form RUN (and ONBUILD RUN), as a script of one command.
    exec: Vec<Option<Script>>,
    /// The package-manager calls of each RUN's script (or exec-form command).
    calls: Vec<Vec<PackageCall>>,
    escape: char,
}

/// Build arguments given to a build: `NAME=VALUE` pairs.
pub type BuildArgs = [(String, String)];

impl Analysis {
    /// Analyses a parsed file, for a build with these build arguments.
    pub fn new(source: &str, file: &Dockerfile, build_args: &BuildArgs) -> Analysis {
        Builder::new(source, file, build_args).run()
    }

    /// The variables in scope at an instruction (before it runs).
    pub fn scope(&self, instruction: usize) -> &Scope {
        self.instructions.get(instruction).map_or(&self.global, |f| &self.scopes[f.scope])
    }

    /// The global scope: what FROM lines see.
    pub fn global_scope(&self) -> &Scope {
        &self.global
    }

    /// `text` (as written in the instruction) with the variables in scope there expanded.
    pub fn resolve(&self, instruction: usize, text: &str) -> Option<Resolved> {
        self.scope(instruction).resolve(text, self.escape)
    }

    /// The parsed script of a RUN (or of an ONBUILD RUN's trigger). For cmd and PowerShell
    /// it is read with the POSIX grammar, which reads their simple commands the same: check
    /// the shell's kind before judging shell syntax.
    pub fn script(&self, instruction: usize) -> Option<&Script> {
        self.scripts.get(instruction)?.as_ref()
    }

    /// The command of an exec-form RUN (`RUN ["apt-get", "install", "curl"]`) as a script of
    /// one command whose words are the array's items.
    pub fn exec_command(&self, instruction: usize) -> Option<&Script> {
        self.exec.get(instruction)?.as_ref()
    }

    /// The package-manager calls of a RUN.
    pub fn calls(&self, instruction: usize) -> &[PackageCall] {
        self.calls.get(instruction).map_or(&[], |c| c.as_slice())
    }

    /// Facts at an instruction.
    pub fn at(&self, instruction: usize) -> Option<&InstructionFacts> {
        self.instructions.get(instruction)
    }

    /// The stage an instruction belongs to.
    pub fn stage_of(&self, instruction: usize) -> Option<usize> {
        self.at(instruction)?.stage
    }
}

/// Builds an [`Analysis`] in one pass over the instructions.
struct Builder<'a> {
    source: &'a str,
    file: &'a Dockerfile,
    build_args: &'a BuildArgs,
    out: Analysis,
    /// The final state of each stage seen so far: (scope, shell, workdir, user).
    finished: Vec<(Scope, Shell, Option<String>, Option<String>)>,
    /// Lower-case stage names so far, with their index.
    names: Vec<(String, usize)>,
    shell_pragmas: Vec<(u32, String)>,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str, file: &'a Dockerfile, build_args: &'a BuildArgs) -> Builder<'a> {
        Builder {
            source,
            file,
            build_args,
            out: Analysis { escape: file.escape, ..Analysis::default() },
            finished: Vec::new(),
            names: Vec::new(),
            shell_pragmas: shell_pragmas(source, file),
        }
    }

    fn build_arg(&self, name: &str) -> Option<&str> {
        self.build_args.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The global scope: the platform arguments, then the global ARGs in order.
    fn global_scope(&self) -> Scope {
        let mut scope = Scope::default();
        for (name, value) in platform_args("linux/amd64") {
            let given = self.build_arg(&name).map(str::to_string);
            let (value, certainty, origin) = match given {
                Some(v) => (v, Certainty::Known, Origin::BuildArg),
                None => (value, Certainty::Overridable, Origin::Platform),
            };
            scope.set(Binding { name, value: Some(value), certainty, origin });
        }
        for (index, instr) in self.file.global_instructions().iter().enumerate() {
            self.declare_args(&mut scope, None, index, instr);
        }
        scope
    }

    /// `ARG` declarations: a build argument wins over the default; in a stage, an ARG
    /// without default takes the global ARG's value (or the platform's).
    fn declare_args(&self, scope: &mut Scope, global: Option<&Scope>, index: usize, instr: &Instruction) {
        let Args::ArgDecls(decls) = &instr.args else { return };
        for d in decls {
            let name = d.name.text.clone();
            let origin = Origin::Arg { instruction: index, span: d.span };
            let binding = if let Some(v) = self.build_arg(&name) {
                Binding {
                    name,
                    value: Some(v.to_string()),
                    certainty: Certainty::Known,
                    origin: Origin::BuildArg,
                }
            } else if let Some(default) = &d.default {
                let r = scope.resolve(&default.text, self.file.escape);
                let certainty =
                    r.as_ref().map_or(Certainty::Unknown, |r| r.certainty.max(Certainty::Overridable));
                Binding { name, value: r.map(|r| r.value), certainty, origin }
            } else if let Some(g) = global.and_then(|g| g.get(&name)) {
                Binding { origin: g.origin.clone(), ..g.clone() }
            } else {
                Binding { name, value: None, certainty: Certainty::Overridable, origin }
            };
            scope.set(binding);
        }
    }

    fn run(mut self) -> Analysis {
        let file = self.file;
        self.out.global = self.global_scope();
        let global = self.out.global.clone();

        let mut scope = global.clone();
        let mut shell = Shell::default_linux();
        let mut workdir: Option<String> = None;
        let mut user: Option<String> = None;
        let mut stage: Option<usize> = None;

        for (index, instr) in file.instructions.iter().enumerate() {
            if instr.keyword == Keyword::From {
                if let Some(s) = stage {
                    self.finished.push((scope.clone(), shell.clone(), workdir.clone(), user.clone()));
                    let _ = s;
                }
                let s = file.stages.iter().position(|st| st.instructions.start == index).unwrap_or(0);
                stage = Some(s);
                let facts = self.stage_facts(s, &global);
                match facts.base {
                    Base::Stage(p) if p < self.finished.len() => {
                        let (pscope, pshell, pworkdir, puser) = self.finished[p].clone();
                        // ENV is inherited; ARGs are not.
                        scope = Scope {
                            bindings: pscope
                                .bindings
                                .into_iter()
                                .filter(|b| matches!(b.origin, Origin::Env { .. }))
                                .collect(),
                            open: pscope.open,
                        };
                        shell = pshell;
                        workdir = pworkdir;
                        user = puser;
                    }
                    _ => {
                        scope = Scope { bindings: Vec::new(), open: !facts.scratch };
                        shell = if facts.windows { Shell::default_windows() } else { Shell::default_linux() };
                        workdir = None;
                        user = None;
                    }
                }
                if let Some(name) = file.stages[s].name.as_ref() {
                    self.names.push((name.text.to_ascii_lowercase(), s));
                }
                self.out.stages.push(facts);
            }
            if let Some((_, pragma)) = self.shell_pragmas.iter().rev().find(|(at, _)| *at < instr.span.start)
            {
                if shell.argv.first().is_none_or(|s| s != pragma) {
                    shell = Shell::from_argv(vec![pragma.clone()]);
                }
            }

            // The facts before the instruction runs.
            let scope_id = match self.out.scopes.last() {
                Some(last) if *last == scope => self.out.scopes.len() - 1,
                _ => {
                    self.out.scopes.push(scope.clone());
                    self.out.scopes.len() - 1
                }
            };
            self.out.instructions.push(InstructionFacts {
                stage,
                scope: scope_id,
                shell: shell.clone(),
                workdir: workdir.clone(),
                user: user.clone(),
            });
            // cmd and PowerShell lines are read with the POSIX grammar too: their simple
            // commands (`pip install x`, `choco install y`) read the same, and the
            // package rules apply to them. Rules about POSIX shell syntax check the
            // shell's kind first. Other interpreters (`python -c`) are not read.
            let script = match shell.kind {
                shells::ShellKind::Other => None,
                _ => Script::of_run(instr, self.source),
            };
            // An exec-form RUN runs its program directly: one command of the array's items.
            let exec = if script.is_none() { exec_script(instr) } else { None };
            let calls = match script.as_ref().or(exec.as_ref()) {
                Some(script) => commands::calls(script, index, instr, &scope),
                None => Vec::new(),
            };
            self.out.scripts.push(script);
            self.out.exec.push(exec);
            self.out.calls.push(calls);

            // The state after it.
            match (&instr.keyword, &instr.args) {
                (Keyword::Arg, Args::ArgDecls(_)) if stage.is_some() => {
                    self.declare_args(&mut scope, Some(&global), index, instr)
                }
                (Keyword::Env, Args::KeyValues { pairs, .. }) => {
                    // ENV expands the whole line first, then sets every variable.
                    let values: Vec<Binding> = pairs
                        .iter()
                        .map(|p| {
                            let r = scope.resolve(&p.value.text, file.escape);
                            Binding {
                                name: p.key.text.clone(),
                                certainty: r.as_ref().map_or(Certainty::Unknown, |r| r.certainty),
                                value: r.map(|r| r.value),
                                origin: Origin::Env { instruction: index, span: p.span },
                            }
                        })
                        .collect();
                    values.into_iter().for_each(|b| scope.set(b));
                }
                (Keyword::Shell, Args::Command(crate::syntax::Command::Exec { args, .. }))
                    if !args.is_empty() =>
                {
                    shell = Shell::from_argv(args.iter().map(|a| a.text.clone()).collect());
                }
                (Keyword::User, Args::Text(w)) => user = Some(w.text.clone()),
                (Keyword::Workdir, Args::Text(w)) => {
                    let path =
                        scope.resolve(&w.text, file.escape).map_or_else(|| w.text.clone(), |r| r.value);
                    workdir = Some(absolute(workdir.as_deref(), &path));
                }
                _ => {}
            }
        }
        self.link_stages();
        self.out.target = self.out.stages.len().checked_sub(1);
        self.mark_used();
        self.out.stage_names = std::mem::take(&mut self.names);
        self.out.build = build::model(self.file, &self.out);
        self.out
    }

    /// The base of stage `s`, resolved with the global scope.
    fn stage_facts(&self, s: usize, global: &Scope) -> StageFacts {
        let st = &self.file.stages[s];
        let image = st.base.as_ref().and_then(|b| global.resolve(&b.text, self.file.escape));
        let text = image.as_ref().map(|r| r.value.to_ascii_lowercase()).unwrap_or_default();
        let parent = self.names.iter().rev().find(|(n, _)| *n == text).map(|(_, i)| *i);
        let base = match (&st.base, parent) {
            (_, Some(p)) => Base::Stage(p),
            (None, None) => Base::Missing,
            (Some(_), None) if text.is_empty() => Base::Missing,
            (Some(_), None) if text == "scratch" => Base::Scratch,
            _ => Base::Image,
        };
        let platform = st.platform.as_ref().and_then(|p| global.resolve(&p.text, self.file.escape));
        let windows = match base {
            Base::Stage(p) => self.out.stages.get(p).is_some_and(|f| f.windows),
            Base::Image => {
                shells::windows_image(&text)
                    || platform.is_some_and(|p| p.value.to_ascii_lowercase().starts_with("windows"))
            }
            _ => false,
        };
        let scratch = match base {
            Base::Stage(p) => self.out.stages.get(p).is_some_and(|f| f.scratch),
            Base::Scratch => true,
            _ => false,
        };
        StageFacts { base, image, copies_from: Vec::new(), used: false, windows, scratch }
    }

    /// The stages each stage copies from.
    fn link_stages(&mut self) {
        let file = self.file;
        for (index, instr) in file.instructions.iter().enumerate() {
            let Some(stage) = self.out.instructions[index].stage else { continue };
            let instr = instr.trigger().filter(|_| instr.keyword == Keyword::Onbuild).unwrap_or(instr);
            for flag in &instr.flags {
                let Some(value) = &flag.value else { continue };
                let from = match flag.name.text.to_ascii_lowercase().as_str() {
                    "from" if matches!(instr.keyword, Keyword::Copy | Keyword::Add) => value.text.clone(),
                    "mount" if instr.keyword == Keyword::Run => {
                        match value.text.split(',').find_map(|f| f.trim().strip_prefix("from=")) {
                            Some(f) => f.to_string(),
                            None => continue,
                        }
                    }
                    _ => continue,
                };
                let from = self.out.resolve(index, &from).map_or(from, |r| r.value).to_ascii_lowercase();
                let target = match from.parse::<usize>() {
                    Ok(n) if n < stage => Some(n),
                    Ok(_) => None,
                    Err(_) => self.names.iter().find(|(n, i)| *n == from && *i < stage).map(|(_, i)| *i),
                };
                if let Some(t) = target {
                    let list = &mut self.out.stages[stage].copies_from;
                    if !list.contains(&t) {
                        list.push(t);
                    }
                }
            }
        }
    }

    fn mark_used(&mut self) {
        let Some(target) = self.out.target else { return };
        let mut todo = vec![target];
        while let Some(s) = todo.pop() {
            if std::mem::replace(&mut self.out.stages[s].used, true) {
                continue;
            }
            if let Base::Stage(p) = self.out.stages[s].base {
                todo.push(p);
            }
            todo.extend(self.out.stages[s].copies_from.iter().copied());
        }
    }
}

/// An exec-form RUN (or ONBUILD RUN) as a script of one command: its items as words, each
/// word's span its text without the quotes when it has no escapes.
fn exec_script(instr: &Instruction) -> Option<Script> {
    let target = match instr.keyword {
        Keyword::Onbuild => instr.trigger()?,
        _ => instr,
    };
    if target.keyword != Keyword::Run {
        return None;
    }
    let Args::Command(crate::syntax::Command::Exec { span, args }) = &target.args else { return None };
    if args.is_empty() {
        return None;
    }
    let words = args
        .iter()
        .map(|w| crate::shell::ShWord {
            span: if w.span.len() as usize == w.text.len() + 2 {
                Span::new(w.span.start + 1, w.span.end - 1)
            } else {
                w.span
            },
            start: 0,
            end: 0,
            raw: w.text.clone(),
            value: Some(w.text.clone()),
            parts: Vec::new(),
        })
        .collect();
    Some(Script {
        commands: vec![crate::shell::Command {
            span: *span,
            assignments: Vec::new(),
            words,
            redirects: Vec::new(),
            joiner: crate::shell::Joiner::Start,
            depth: 0,
            in_substitution: false,
        }],
        ..Script::default()
    })
}

/// `path` made absolute against the working directory `cwd` (`/` when none).
pub(crate) fn absolute(cwd: Option<&str>, path: &str) -> String {
    if path.starts_with('/') || path.get(1..2) == Some(":") {
        return path.to_string();
    }
    let base = cwd.unwrap_or("/").trim_end_matches('/');
    let rest = path.trim_start_matches("./");
    if rest.is_empty() || rest == "." {
        return if base.is_empty() { "/".into() } else { base.to_string() };
    }
    format!("{base}/{rest}")
}

/// `# hadolint shell=powershell` pragmas: (offset, shell).
fn shell_pragmas(source: &str, file: &Dockerfile) -> Vec<(u32, String)> {
    file.comments
        .iter()
        .filter_map(|c| {
            let text = c.text(source);
            let rest = text.strip_prefix("hadolint")?.trim_start();
            let shell = rest.strip_prefix("shell=")?;
            Some((c.span.start, shell.split_whitespace().next()?.to_string()))
        })
        .collect()
}

/// The image reference of a stage's FROM after expansion, parsed.
impl StageFacts {
    pub fn image_ref(&self) -> Option<ImageRef<'_>> {
        match self.base {
            Base::Image => self.image.as_ref().map(|r| ImageRef::parse(&r.value)),
            _ => None,
        }
    }
}

/// The span of an instruction's first line, for "on line N" in messages.
pub(crate) fn instruction_line(source: &str, file: &Dockerfile, instruction: usize) -> usize {
    let at = file.instructions.get(instruction).map_or(Span::empty(0), |i| i.span);
    crate::syntax::text::line_of(source, at.start)
}

#[cfg(test)]
mod tests;
