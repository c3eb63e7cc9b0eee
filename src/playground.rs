//! The playground view: the editor with its markers, the findings, fixes and their diff,
//! the image size, sharing and the examples menu.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::text::cls;

use crate::docs::DocsState;
use crate::editor::{select, Active, Editor, EditorRef};
use crate::example::EXAMPLES;
use crate::fixes::{fix_all_preview, one_fix_preview, refusal, Choice, Preview, Row};
use crate::settings::Settings;
use crate::size_panel::{
    load_debian, load_tables, saving_badge, ContextSize, DebianState, Estimate, SizePanel, DEBOUNCE_MS,
};
use crate::summary::{ErrorRow, FindingRow, Summary};
use crate::worker::{Answer, EngineWorker, Job};

/// `cb` behind a callback that stays the same one from render to render and calls the
/// latest `cb`. Children whose props are otherwise unchanged then skip rendering: while
/// typing, the findings list, the size panel and the fix bar are not redrawn until what
/// they show changes.
#[hook]
fn use_stable<IN: 'static>(cb: Callback<IN>) -> Callback<IN> {
    let latest = use_mut_ref(|| cb.clone());
    *latest.borrow_mut() = cb;
    (*use_memo((), move |_| Callback::from(move |x: IN| latest.borrow().clone().emit(x)))).clone()
}

/// What the fix preview shows.
#[derive(Clone, Debug, PartialEq)]
enum PreviewOf {
    /// Fix-all, with the unsafe fixes or not, without the fixes unticked.
    All(bool, Vec<Choice>),
    One(&'static str, shipshape::Fix),
}

/// A text before a fix, kept for Undo.
#[derive(Clone, Debug, PartialEq)]
struct Undo {
    text: Rc<str>,
    title: String,
}

#[derive(Properties, PartialEq)]
pub struct PlaygroundProps {
    pub source: Rc<str>,
    /// A new text: typed, fixed, undone or loaded.
    pub onsource: Callback<Rc<str>>,
    pub settings: Rc<Settings>,
    pub onsettings: Callback<Settings>,
    pub docs: DocsState,
    /// Asks for the rule docs to be loaded.
    pub ondocs: Callback<()>,
    /// A rule to bring forward (a "try it" link): the findings show only it and its first
    /// finding is opened in the editor.
    pub focus: Option<&'static str>,
    pub onfocus: Callback<Option<&'static str>>,
    /// A message about the last navigation (a broken share link …).
    pub notice: Option<String>,
}

#[component]
pub fn Playground(props: &PlaygroundProps) -> Html {
    let source = props.source.clone();
    let settings = props.settings.clone();
    // The lint of the text: (the text, its settings, the summary). It comes from the lint
    // worker when there is one, a few milliseconds after the keystroke, else it is made
    // here. Until it arrives the editor draws the lines that changed without colours.
    let worker = use_mut_ref(|| EngineWorker::get(Job::Lint));
    let linted = use_state(|| {
        // With a worker, start from the lint of nothing: a long restored text is not
        // linted on the page's thread.
        let first = if worker.borrow().is_some() { Rc::from("") } else { Rc::clone(&source) };
        let summary = Rc::new(Summary::of(&first, &settings.config));
        (first, Rc::clone(&settings), summary)
    });
    // The text and settings on screen, for a worker that fails to load.
    let current = use_mut_ref(|| (Rc::clone(&source), Rc::clone(&settings)));
    *current.borrow_mut() = (Rc::clone(&source), Rc::clone(&settings));
    {
        let (worker, linted, current) = (worker.clone(), linted.clone(), current.clone());
        use_effect_with((), move |_| {
            let Some(w) = worker.borrow().clone() else { return };
            let again = Rc::clone(&w);
            w.listen(Callback::from(move |answer| match answer {
                Answer::Done((text, settings), wire) => {
                    // The text on screen went back to the one linted before while this one
                    // was linted (a character typed and deleted): it was not asked for.
                    let now = current.borrow().clone();
                    if *now.0 != *text || now.1 != settings {
                        again.ask(now);
                    }
                    if let Some(summary) = crate::wire::decode(&wire) {
                        linted.set((text, settings, Rc::new(summary)));
                    }
                }
                Answer::Failed => {
                    *worker.borrow_mut() = None;
                    let (text, settings) = current.borrow().clone();
                    let summary = Rc::new(Summary::of(&text, &settings.config));
                    linted.set((text, settings, summary));
                }
            }));
        });
    }
    {
        let (worker, linted) = (worker.clone(), linted.clone());
        use_effect_with((Rc::clone(&source), Rc::clone(&settings)), move |(text, settings)| {
            if linted.0 == *text && linted.1 == *settings {
                return;
            }
            match worker.borrow().as_ref() {
                Some(w) => w.ask((Rc::clone(text), Rc::clone(settings))),
                None => {
                    let summary = Rc::new(Summary::of(text, &settings.config));
                    linted.set((Rc::clone(text), Rc::clone(settings), summary));
                }
            }
        });
    }
    let summary = Rc::clone(&linted.2);
    let linted_text = Rc::clone(&linted.0);
    let editor = (*use_memo((), |_| EditorRef::default())).clone();
    let active = use_state(|| None::<Active>);
    // The text changed under the open card: close it (the finding may be gone).
    {
        let active = active.clone();
        use_effect_with(Rc::clone(&summary), move |_| {
            if active.is_some_and(|a| a.hover) {
                active.set(None);
            }
        });
    }
    // Image size.
    let debian = use_state_eq(|| DebianState::Idle);
    let context = use_state(|| ContextSize::new(settings.context_bytes));
    let requirements = use_state(|| ContextSize::new(settings.requirements_bytes));
    {
        // Settings imported or reset elsewhere: the fields follow.
        let (context, requirements) = (context.clone(), requirements.clone());
        use_effect_with((settings.context_bytes, settings.requirements_bytes), move |&(c, r)| {
            if context.bytes != c {
                context.set(ContextSize::new(c));
            }
            if requirements.bytes != r {
                requirements.set(ContextSize::new(r));
            }
        });
    }
    let estimate = use_state(|| None::<Rc<Estimate>>);
    // The large text whose estimate was asked for with "Estimate now".
    let asked = use_state(|| None::<Rc<str>>);
    // The size worker: it loads the tables and estimates off the page's thread. Without
    // one the page loads the tables itself and estimates on its own thread.
    let sizer = use_mut_ref(|| EngineWorker::get(Job::Size));
    let in_worker = sizer.borrow().is_some();
    // Asks the size worker again (Retry).
    let retries = use_state(|| 0u32);
    // The small size tables: fetched once per page (the engine keeps them).
    let tables = use_state_eq(|| {
        if shipshape::size::tables_loaded() {
            TablesState::Ready
        } else {
            TablesState::Loading
        }
    });
    {
        let tables = tables.clone();
        let wanted = *tables == TablesState::Loading && !in_worker;
        use_effect_with(wanted, move |&wanted| {
            if wanted {
                yew::platform::spawn_local(async move {
                    tables.set(match load_tables().await {
                        Ok(()) => TablesState::Ready,
                        Err(why) => TablesState::Failed(why),
                    });
                });
            }
        });
    }
    {
        let debian = debian.clone();
        let wanted =
            matches!(*debian, DebianState::Idle) && shipshape::size::needs_debian(&source) && !in_worker;
        use_effect_with(wanted, move |&wanted| {
            if wanted {
                debian.set(DebianState::Loading);
                yew::platform::spawn_local(async move {
                    debian.set(match load_debian().await {
                        Ok(table) => DebianState::Ready(Rc::new(table)),
                        Err(why) => DebianState::Failed(why),
                    });
                });
            }
        });
    }
    {
        let rerender = use_force_update();
        let (sizer, estimate, tables, debian) =
            (sizer.clone(), estimate.clone(), tables.clone(), debian.clone());
        use_effect_with((), move |_| {
            let Some(w) = sizer.borrow().clone() else { return };
            w.listen(Callback::from(move |answer| match answer {
                Answer::Done((source, settings), wire) => {
                    let Some(a) = crate::wire::decode_size(&wire) else { return };
                    tables.set(a.tables_error.map_or(TablesState::Ready, TablesState::Failed));
                    debian.set(a.debian_error.map_or(DebianState::Idle, DebianState::Failed));
                    let with_debian = a.with_debian;
                    estimate.set(Some(Rc::new(Estimate { source, settings, with_debian, report: a.report })));
                }
                Answer::Failed => {
                    // The next render sees no worker: the page loads the tables and estimates.
                    *sizer.borrow_mut() = None;
                    rerender.force_update();
                }
            }));
        });
    }
    {
        let (estimate, sizer) = (estimate.clone(), sizer.clone());
        let deps = (
            Rc::clone(&source),
            debian.table().cloned().map(TableRef),
            Rc::clone(&settings),
            // The size worker loads its own tables: their state here is only shown.
            if in_worker { TablesState::Ready } else { (*tables).clone() },
            (*asked).clone(),
            (*retries, in_worker),
        );
        use_effect_with(deps, move |(text, table, settings, tables, asked, _)| {
            let (text, table, settings) = (Rc::clone(text), table.clone(), Rc::clone(settings));
            // Without the size tables every image would be unknown: wait for them (or
            // for their failure, then estimate with what the engine has). A large file
            // is estimated when asked: it takes seconds.
            let large = is_large(&text) && asked.as_deref() != Some(&*text);
            let worker = sizer.borrow().clone();
            let waiting = (worker.is_none() && *tables == TablesState::Loading) || large;
            // Dropping the timeout cancels it: only the last text of a burst is estimated.
            let timer = (!waiting).then(|| {
                Timeout::new(DEBOUNCE_MS, move || match worker {
                    Some(w) => w.ask((text, settings)),
                    None => {
                        let table = table.as_ref().map(|t| &*t.0);
                        estimate.set(Some(Rc::new(Estimate::of(text, table, &settings))));
                    }
                })
            });
            move || drop(timer)
        });
    }
    let busy = (*estimate).as_ref().is_none_or(|e| {
        *e.source != *source
            || e.settings != settings
            || (!e.with_debian && debian.table().is_some() && shipshape::size::needs_debian(&e.source))
    });
    let fresh = (*estimate).clone().filter(|e| *e.source == *source && e.settings == settings);
    let large = is_large(&source).then(|| summary.line_starts.len());
    // The counts of an older text are not shown where they would mislead for long: at the
    // start (before the worker's first answer) and while a large file is linted.
    let checking = *linted_text != *source && (linted_text.is_empty() || large.is_some());
    let findings_current = *linted_text == *source;
    let estimate_now = {
        let (asked, source) = (asked.clone(), source.clone());
        Callback::from(move |()| asked.set(Some(Rc::clone(&source))))
    };
    let estimate_now = use_stable(estimate_now);
    let on_context = use_stable(size_field(&context, &props.onsettings, &settings, |s| &mut s.context_bytes));
    let on_requirements =
        use_stable(size_field(&requirements, &props.onsettings, &settings, |s| &mut s.requirements_bytes));
    let retry_debian = {
        let (debian, tables, retries) = (debian.clone(), tables.clone(), retries.clone());
        Callback::from(move |()| {
            if in_worker {
                retries.set(*retries + 1);
            }
            if matches!(*tables, TablesState::Failed(_)) {
                tables.set(TablesState::Loading);
            }
            if matches!(*debian, DebianState::Failed(_)) {
                debian.set(DebianState::Idle);
            }
        })
    };
    let retry_debian = use_stable(retry_debian);
    // The rule whose documentation is open, if any.
    let doc = use_state(|| None::<&'static str>);
    let open_doc = {
        let (doc, ondocs) = (doc.clone(), props.ondocs.clone());
        Callback::from(move |code: &'static str| {
            ondocs.emit(());
            doc.set(Some(code));
        })
    };
    let open_doc = use_stable(open_doc);
    // Fixes.
    let history = use_state(Vec::<Undo>::new);
    let preview_of = use_state(|| None::<PreviewOf>);
    let notice = use_state(String::new);
    let preview = use_memo(
        (Rc::clone(&source), (*preview_of).clone(), Rc::clone(&settings)),
        |(text, of, s)| match of {
            None => None,
            Some(PreviewOf::All(unsafe_fixes, unticked)) => {
                Some(fix_all_preview(text, &s.config, *unsafe_fixes, unticked))
            }
            Some(PreviewOf::One(code, fix)) => Some(one_fix_preview(text, code, fix)),
        },
    );
    let apply = {
        let (source, onsource, history, preview_of, notice, active) = (
            source.clone(),
            props.onsource.clone(),
            history.clone(),
            preview_of.clone(),
            notice.clone(),
            active.clone(),
        );
        Callback::from(move |(text, title): (String, String)| {
            if text.as_str() == &*source {
                return;
            }
            let mut h = (*history).clone();
            h.push(Undo { text: Rc::clone(&source), title: title.clone() });
            history.set(h);
            onsource.emit(text.into());
            preview_of.set(None);
            active.set(None);
            notice.set(format!("Applied: {title}"));
        })
    };
    let undo = {
        let (onsource, history, notice) = (props.onsource.clone(), history.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let mut h = (*history).clone();
            if let Some(last) = h.pop() {
                onsource.emit(last.text);
                notice.set(format!("Undone: {}", last.title));
                history.set(h);
            }
        })
    };
    let undo = use_stable(undo);
    let fix_one = {
        // (use_stable below makes the button call this render's closure, so `linted_text`
        // is the text of the summary on screen.)
        let (source, apply, preview_of, notice, linted_text, settings) = (
            source.clone(),
            apply.clone(),
            preview_of.clone(),
            notice.clone(),
            linted_text.clone(),
            settings.clone(),
        );
        Callback::from(move |f: FindingRow| {
            let Some(fix) = f.fix else { return };
            // The fix's edits are offsets into the text it was found in.
            if linted_text != source {
                notice.set("Still checking the last edit: try again".into());
                return;
            }
            if fix.applicability == shipshape::Applicability::DisplayOnly {
                preview_of.set(Some(PreviewOf::One(f.code, fix)));
                return;
            }
            // Checked as fix-all checks: refused when it would break the parse or the build.
            match shipshape::fix_all::apply_checked(&source, &fix, &settings.config) {
                Ok(text) => apply.emit((text, format!("{} ({})", fix.title, f.code))),
                Err(r) => notice.set(refusal(f.code, &fix.title, &r)),
            }
        })
    };
    let fix_one = use_stable(fix_one);
    let fix_all_safe = {
        let (source, apply, notice, settings) =
            (source.clone(), apply.clone(), notice.clone(), settings.clone());
        Callback::from(move |_: MouseEvent| {
            let p = fix_all_preview(&source, &settings.config, false, &[]);
            if p.can_apply {
                apply.emit((p.text, fixes_title(p.applied.len(), "safe ")));
            } else {
                notice.set("No safe fixes to apply".into());
            }
        })
    };
    let fix_all_safe = use_stable(fix_all_safe);
    let open_preview = {
        let preview_of = preview_of.clone();
        Callback::from(move |of: Option<PreviewOf>| preview_of.set(of))
    };
    let open_preview = use_stable(open_preview);
    // A box of the preview ticked or unticked: fix-all again, with or without that fix.
    let toggle_fix = {
        let (preview_of, preview) = (preview_of.clone(), preview.clone());
        Callback::from(move |i: usize| {
            let choice = preview.as_ref().as_ref().and_then(|p| p.choices.get(i));
            if let (Some(PreviewOf::All(unsafe_fixes, unticked)), Some(c)) = (&*preview_of, choice) {
                let mut u = unticked.clone();
                let n = u.len();
                u.retain(|x| x.0 != c.code || x.1 != c.title);
                if u.len() == n {
                    u.push((c.code, c.title.clone()));
                }
                preview_of.set(Some(PreviewOf::All(*unsafe_fixes, u)));
            }
        })
    };
    let toggle_fix = use_stable(toggle_fix);
    let apply_preview = {
        let (apply, preview, preview_of) = (apply.clone(), preview.clone(), preview_of.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(p) = preview.as_ref().as_ref().filter(|p| p.can_apply) {
                let kind = if matches!(*preview_of, Some(PreviewOf::All(false, _))) { "safe " } else { "" };
                let title = match p.applied.as_slice() {
                    [one] => format!("{} ({})", one.title, one.code),
                    many => fixes_title(many.len(), kind),
                };
                apply.emit((p.text.clone(), title));
            }
        })
    };
    let apply_preview = use_stable(apply_preview);
    let oninput = {
        let (onsource, history, notice) = (props.onsource.clone(), history.clone(), notice.clone());
        Callback::from(move |text: String| {
            onsource.emit(text.into());
            // Undo is for fixes; once the text is typed over, the editor's own undo takes over.
            if !history.is_empty() {
                history.set(Vec::new());
            }
            if !notice.is_empty() {
                notice.set(String::new());
            }
        })
    };
    // Clicking a finding in the list selects its span and opens its card.
    let select_finding = {
        let (editor, active, summary) = (editor.clone(), active.clone(), summary.clone());
        Callback::from(move |i: usize| {
            if let Some(f) = summary.findings.get(i) {
                select(&editor, f);
                active.set(Some(Active { index: i, hover: false }));
            }
        })
    };
    let select_finding = use_stable(select_finding);
    // A Fix button of the list: the finding by its index in the summary on screen.
    let fix_at = {
        let (summary, fix_one) = (summary.clone(), fix_one.clone());
        Callback::from(move |i: usize| {
            if let Some(f) = summary.findings.get(i) {
                fix_one.emit(f.clone());
            }
        })
    };
    let fix_at = use_stable(fix_at);
    let onactive = {
        let active = active.clone();
        Callback::from(move |a: Option<Active>| active.set(a))
    };
    // A "try it" link: open the first finding of its rule once, as soon as the lint of
    // the loaded text is there (the worker answers a moment after the text is shown).
    {
        let opened = use_mut_ref(|| None::<&'static str>);
        let (select_finding, summary) = (select_finding.clone(), summary.clone());
        let current = *linted_text == *source;
        use_effect_with((props.focus, current, Rc::clone(&summary)), move |(focus, current, _)| {
            if focus.is_none() {
                *opened.borrow_mut() = None;
            }
            let Some(code) = focus.filter(|c| *current && *opened.borrow() != Some(*c)) else { return };
            *opened.borrow_mut() = Some(code);
            if let Some(i) = summary.findings.iter().position(|f| f.code == code) {
                select_finding.emit(i);
            }
        });
    }
    let load_example = {
        let (apply, history) = (props.onsource.clone(), history.clone());
        let (notice, active) = (notice.clone(), active.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let id = select.value();
            select.set_value("");
            if let Some(ex) = crate::example::example(&id) {
                let (apply, history, notice, active) =
                    (apply.clone(), history.clone(), notice.clone(), active.clone());
                yew::platform::spawn_local(async move {
                    match ex.fetch().await {
                        Ok(text) => {
                            apply.emit(Rc::from(text));
                            history.set(Vec::new());
                            active.set(None);
                            notice.set(format!("Loaded the example “{}”", ex.title));
                        }
                        Err(e) => notice.set(format!("Could not load the example: {e}")),
                    }
                });
            }
        })
    };

    let counts = SEVERITIES.map(|(sev, _)| summary.findings.iter().filter(|f| f.severity == sev).count());
    let fails = settings.config.fails(
        summary
            .findings
            .iter()
            .map(|f| f.severity)
            .chain((!summary.errors.is_empty()).then_some(shipshape::Severity::Error)),
    );
    html! {
        <>
            <div class="toolbar" role="toolbar" aria-label="Playground">
                <label class="examples">
                    <span class="visually-hidden">{ "Load an example" }</span>
                    <select id="examples" onchange={load_example} aria-label="Load an example">
                        <option value="" selected=true>{ "Examples…" }</option>
                        { for EXAMPLES.iter().map(|ex| html! {
                            <option value={ex.id} title={ex.blurb}>{ ex.title }</option>
                        }) }
                    </select>
                </label>
                <ShareButtons source={source.clone()} settings={settings.clone()} summary={summary.clone()} />
                <a class="button" href="#/settings" id="open-settings">
                    { match settings.changes() { 0 => "Settings".to_string(), n => format!("Settings ({n} changed)") } }
                </a>
            </div>
            if let Some(n) = &props.notice {
                <p class="page-notice" role="status">{ n.clone() }</p>
            }
            <main class="panes">
                <div class="column">
                    <section class="pane editor-pane" aria-labelledby="editor-title">
                        <div class="pane-head">
                            <h2 class="pane-title" id="editor-title">{ "Dockerfile" }</h2>
                            <span class="keys" id="editor-keys">
                                <kbd>{ "F8" }</kbd>{ " next finding · " }<kbd>{ "Shift+F8" }</kbd>{ " previous · " }
                                <kbd>{ "Esc" }</kbd>{ " " }<kbd>{ "Tab" }</kbd>{ " leaves the editor" }
                            </span>
                        </div>
                        <Editor
                            source={source.clone()}
                            summary={summary.clone()}
                            summary_text={linted_text.clone()}
                            editor={editor.clone()}
                            {oninput}
                            active={*active}
                            {onactive}
                            ondoc={open_doc.clone()}
                            onfix={fix_one.clone()}
                        />
                    </section>
                    <SizePanel
                        estimate={(*estimate).clone()}
                        {busy}
                        debian={(*debian).clone()}
                        context={(*context).clone()}
                        oncontext={on_context}
                        requirements={(*requirements).clone()}
                        onrequirements={on_requirements}
                        onretry={retry_debian}
                        tables_error={match &*tables { TablesState::Failed(why) => Some(why.clone()), _ => None }}
                        large={large.filter(|_| busy)}
                        onestimate={estimate_now}
                    />
                </div>
                // Busy while the findings shown are those of an older text (the lint of the
                // new one has not landed yet).
                <section class="pane results-pane" aria-label="Findings and fixes" aria-busy={if findings_current { "false" } else { "true" }}>
                    if checking {
                        <p id="status" class="status" role="status" aria-busy="true">{ "Checking the Dockerfile…" }</p>
                    } else {
                        // Green only when the file parses and CI would pass; syntax errors are red,
                        // and findings that fail CI amber.
                        <p id="status" class={cls(&["status", match (summary.errors.is_empty(), fails) { (false, _) => "bad", (true, true) => "warn", (true, false) => "ok" }])} role="status">
                            { count(summary.instructions, "instruction") }{ " · " }
                            { count(summary.stages, "stage") }{ " · " }
                            { count(summary.findings.len(), "finding") }{ " · " }
                            { count(summary.errors.len(), "syntax error") }
                            <span class={cls(&["ci", if fails { "fail" } else { "pass" }])} id="ci-verdict"
                                title="What `shipshape check` would answer in CI with these settings (failure threshold)">
                                { if fails { " · CI would fail" } else { " · CI would pass" } }
                            </span>
                        </p>
                    }
                    <FixBar
                        safe={summary.safe_fixes}
                        unsafe_={summary.unsafe_fixes}
                        onfixall={fix_all_safe}
                        onpreview={open_preview.clone()}
                        onundo={undo}
                        undo_title={history.last().map(|u| u.title.clone())}
                        notice={(*notice).clone()}
                    />
                    <div class="preview-slot">
                    { preview.as_ref().as_ref().map(|p| html! {
                        <FixPreview
                            preview={p.clone()}
                            heading={preview_heading((*preview_of).as_ref())}
                            ontoggle={toggle_fix.clone()}
                            onapply={apply_preview}
                            onclose={open_preview.reform(|_| None)}
                        />
                    }) }
                    </div>
                    if !summary.errors.is_empty() {
                        <h2 class="pane-title">{ "Syntax errors" }</h2>
                        <ul id="errors" class="list" data-count={summary.errors.len().to_string()}>
                            { for summary.errors.iter().map(error_item) }
                        </ul>
                    }
                    <Findings
                        summary={summary.clone()}
                        {counts}
                        onselect={select_finding}
                        ondoc={open_doc.clone()}
                        onfix={fix_at}
                        estimate={fresh}
                        focus={props.focus}
                        onfocus={props.onfocus.clone()}
                    />
                    { doc.map(|code| html! {
                        <RuleDoc {code} docs={props.docs.clone()} onclose={ let doc = doc.clone(); Callback::from(move |_| doc.set(None)) } />
                    }) }
                </section>
            </main>
        </>
    }
}

/// The callback of one of the size panel's assumption fields (context, requirements):
/// the field keeps what is typed, and the settings get the bytes it means.
fn size_field(
    field: &UseStateHandle<ContextSize>,
    onsettings: &Callback<Settings>,
    settings: &Rc<Settings>,
    slot: fn(&mut Settings) -> &mut u64,
) -> Callback<(String, f64)> {
    let (field, onsettings, settings) = (field.clone(), onsettings.clone(), Rc::clone(settings));
    Callback::from(move |(text, mb): (String, f64)| {
        let next = field.typed(text, mb);
        let mut changed = (*settings).clone();
        if *slot(&mut changed) != next.bytes {
            *slot(&mut changed) = next.bytes;
            onsettings.emit(changed);
        }
        field.set(next);
    })
}

/// Files longer than this are estimated on request (an estimate of 5,000 lines takes
/// seconds in a browser, and runs on the page's thread).
const LARGE_LINES: usize = 1_500;

fn is_large(text: &str) -> bool {
    // Stops at the limit: a 5,000-line text is not read to its end on every keystroke.
    text.bytes().filter(|&b| b == b'\n').nth(LARGE_LINES - 1).is_some()
}

/// Where the small size tables are.
#[derive(Clone, Debug, PartialEq)]
enum TablesState {
    Loading,
    Ready,
    Failed(String),
}

/// The Debian table as an effect dependency: the same table when it is the same `Rc`.
#[derive(Clone)]
struct TableRef(Rc<shipshape::size::Debian>);

impl PartialEq for TableRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct ShareProps {
    source: Rc<str>,
    settings: Rc<Settings>,
    summary: Rc<Summary>,
}

/// "Copy link" and "Copy as Markdown": the link is made on demand (compressing is async),
/// shown in a field (so it can be copied by hand where the clipboard is not allowed) and
/// put on the clipboard.
#[component]
fn ShareButtons(props: &ShareProps) -> Html {
    let link = use_state(|| None::<String>);
    let status = use_state(String::new);
    let make = |markdown: bool| {
        let (source, settings, summary) =
            (props.source.clone(), props.settings.clone(), props.summary.clone());
        let (link, status) = (link.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let (source, settings, summary) = (source.clone(), settings.clone(), summary.clone());
            let (link, status) = (link.clone(), status.clone());
            yew::platform::spawn_local(async move {
                let fragment = match crate::share::encode(&source, &settings).await {
                    Ok(f) => f,
                    Err(e) => return status.set(format!("Could not make a link: {e}")),
                };
                let url = page_url(&fragment);
                let (text, what) = if markdown {
                    (crate::share::markdown(&url, &summary), "Markdown")
                } else {
                    (url.clone(), "Link")
                };
                link.set(Some(url));
                status.set(match crate::share::copy(&text).await {
                    Ok(()) => format!("{what} copied to the clipboard"),
                    Err(e) => format!("{what} ready: copy it from the field ({e})"),
                });
            });
        })
    };
    html! {
        <span class="share">
            <button type="button" id="copy-link" onclick={make(false)}
                title="A link that holds this Dockerfile and your settings (nothing is uploaded)">{ "Copy link" }</button>
            <button type="button" id="copy-markdown" onclick={make(true)}
                title="The link and the findings as Markdown, for an issue or a chat">{ "Copy as Markdown" }</button>
            if let Some(url) = &*link {
                <input id="share-link" class="share-link" type="text" readonly=true value={url.clone()}
                    aria-label="Share link" onfocus={Callback::from(|e: FocusEvent| {
                        let i: web_sys::HtmlInputElement = e.target_unchecked_into();
                        i.select();
                    })} />
            }
            <span id="share-status" class="share-status" role="status" aria-live="polite">{ (*status).clone() }</span>
        </span>
    }
}

/// This page's address with another fragment.
pub fn page_url(fragment: &str) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or("");
    format!("{base}{fragment}")
}

fn error_item(e: &ErrorRow) -> Html {
    html! {
        <li class="error">
            <span class="where">{ format!("Line {}, column {}: ", e.line, e.col) }</span>
            <span class="message">{ e.message.clone() }</span>
            { " " }
            <code class="code">{ e.code.clone() }</code>
        </li>
    }
}

pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Findings drawn per severity group at first, and added by "Show more".
const PAGE: usize = 100;

/// The groups, from the most severe (the engine's order: a test checks it).
const SEVERITIES: [(shipshape::Severity, &str); 4] = {
    use shipshape::Severity::*;
    [(Error, "Errors"), (Warning, "Warnings"), (Info, "Info"), (Style, "Style")]
};

#[derive(Properties, PartialEq)]
struct FindingsProps {
    summary: Rc<Summary>,
    counts: [usize; 4],
    onselect: Callback<usize>,
    ondoc: Callback<&'static str>,
    onfix: Callback<usize>,
    estimate: Option<Rc<Estimate>>,
    focus: Option<&'static str>,
    onfocus: Callback<Option<&'static str>>,
}

/// The findings, grouped by severity, with a text filter and a toggle per severity.
#[component]
fn Findings(props: &FindingsProps) -> Html {
    let filter = use_state(String::new);
    let hidden = use_state(|| [false; 4]);
    // Findings shown per group: a pasted file can have thousands, and drawing them all
    // would stall the page; F8 and the editor's markers still reach every one.
    let limit = use_state(|| PAGE);
    let findings = &props.summary.findings;
    let needle = filter.to_ascii_lowercase();
    let shown = |f: &FindingRow| {
        props.focus.is_none_or(|c| c == f.code)
            && (needle.is_empty()
                || f.code.to_ascii_lowercase().contains(&needle)
                || f.name.contains(&needle)
                || f.message.to_ascii_lowercase().contains(&needle))
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            filter.set(i.value());
        })
    };
    let visible = findings.iter().enumerate().filter(|(_, f)| shown(f)).count();
    html! {
        <section id="findings-panel" aria-labelledby="findings-title">
            <div class="pane-head">
                <h2 class="pane-title" id="findings-title">{ "Findings" }</h2>
                <input id="findings-filter" type="search" placeholder="Filter by rule or text"
                    aria-label="Filter findings" value={(*filter).clone()} oninput={on_filter} />
            </div>
            <div class="sev-toggles" role="group" aria-label="Show severities">
                { for SEVERITIES.iter().enumerate().map(|(k, (sev, label))| {
                    let onclick = { let hidden = hidden.clone(); Callback::from(move |_: MouseEvent| {
                        let mut h = *hidden; h[k] = !h[k]; hidden.set(h);
                    }) };
                    html! {
                        <button type="button" class={cls(&["sev-toggle", sev.as_str()])} aria-pressed={(!hidden[k]).to_string()}
                            data-sev={sev.as_str()} {onclick}>
                            { format!("{label} {}", props.counts[k]) }
                        </button>
                    }
                }) }
                if let Some(code) = props.focus {
                    <button type="button" class="focus-chip" id="focus-chip" onclick={props.onfocus.reform(|_| None)}
                        title="Show every finding again">
                        { format!("Only {code} ×") }
                    </button>
                }
            </div>
            <div id="findings" data-count={findings.len().to_string()} data-visible={visible.to_string()}>
                if findings.is_empty() {
                    <p class="empty">{ "No findings" }</p>
                } else if visible == 0 {
                    <p class="empty muted">{ "No finding matches the filter" }</p>
                }
                { for SEVERITIES.iter().enumerate().filter(|(k, _)| !hidden[*k]).map(|(_, (sev, label))| {
                    let items: Vec<(usize, &FindingRow)> =
                        findings.iter().enumerate().filter(|(_, f)| f.severity == *sev && shown(f)).collect();
                    if items.is_empty() {
                        return html! {};
                    }
                    let total = items.len();
                    let more = {
                        let limit = limit.clone();
                        Callback::from(move |_: MouseEvent| limit.set(*limit + PAGE))
                    };
                    html! {
                        <section class={cls(&["group", sev.as_str()])} aria-label={*label}>
                            <h3 class="group-title">{ format!("{label} ({total})") }</h3>
                            <ul class="list">
                                { for items.into_iter().take(*limit).map(|(i, f)| finding_item(i, f, props)) }
                            </ul>
                            if total > *limit {
                                <button type="button" class="show-more" onclick={more}>
                                    { format!("Show {} more of {} left", PAGE.min(total - *limit), total - *limit) }
                                </button>
                            }
                        </section>
                    }
                }) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FindingItemProps {
    /// The finding's index in the summary: the Fix button and the row say which finding
    /// they mean by it, and the playground looks it up in the summary on screen.
    index: usize,
    severity: shipshape::Severity,
    code: &'static str,
    line: u32,
    col: u32,
    message: String,
    help: Option<String>,
    fix: Option<(shipshape::Applicability, String)>,
    saving: Option<shipshape::size::Figure>,
    onselect: Callback<usize>,
    ondoc: Callback<&'static str>,
    onfix: Callback<usize>,
}

fn finding_item(i: usize, f: &FindingRow, props: &FindingsProps) -> Html {
    html! {
        <FindingItem index={i} severity={f.severity} code={f.code} line={f.line} col={f.col}
            message={f.message.clone()} help={f.help.clone()}
            fix={f.fix.as_ref().map(|x| (x.applicability, x.title.clone()))}
            saving={props.estimate.as_deref().and_then(|e| e.saving(f.code, f.line, f.start)).map(|s| s.saving)}
            onselect={props.onselect.clone()} ondoc={props.ondoc.clone()} onfix={props.onfix.clone()} />
    }
}

/// One finding in the list. Its props are what it shows (not the byte offsets of its
/// span or fix), so typing redraws only the findings whose text changed.
#[component]
fn FindingItem(props: &FindingItemProps) -> Html {
    let i = props.index;
    let code = props.code;
    html! {
        <li class={cls(&["finding", props.severity.as_str()])} data-code={code} data-line={props.line.to_string()}>
            <button type="button" class="finding-button" onclick={props.onselect.reform(move |_| i)} title="Show in the editor">
                <span class={cls(&["sev-badge", props.severity.as_str()])}>{ props.severity.as_str() }</span>
                { " " }<code class="code">{ code }</code>
                { " " }<span class="where">{ format!("{}:{}", props.line, props.col) }</span>
                { " " }<span class="message">{ crate::text::rich(&props.message) }</span>
            </button>
            { props.help.as_ref().map(|h| html! { <p class="help">{ crate::text::rich(h) }</p> }) }
            { props.fix.as_ref().map(|(applicability, title)| fix_button(code, *applicability, title, props.onfix.reform(move |_: MouseEvent| i))) }
            { props.saving.map(saving_badge) }
            if shipshape::rules::find_meta(code).is_some() {
                <button type="button" class="doc-link" onclick={props.ondoc.reform(move |_| code)} data-doc={code}>{ format!("About {code}") }</button>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct RuleDocProps {
    code: &'static str,
    docs: DocsState,
    onclose: Callback<MouseEvent>,
}

/// A rule's documentation beside the findings.
#[component]
fn RuleDoc(props: &RuleDocProps) -> Html {
    let Some(meta) = shipshape::rules::find_meta(props.code) else { return html! {} };
    html! {
        <aside id="rule-doc" class="rule-doc" aria-label={format!("Rule {}", meta.code)}>
            <header class="rule-doc-head">
                <h2><code>{ meta.code }</code>{ " " }<span class="rule-name">{ meta.name }</span></h2>
                <button type="button" class="close" onclick={props.onclose.clone()} aria-label="Close">{ "×" }</button>
            </header>
            { crate::rules_page::doc_body(meta, &props.docs) }
            <p><a href={format!("#/rules/{}", meta.code)}>{ "Open in the rules reference" }</a></p>
        </aside>
    }
}

fn fixes_title(n: usize, kind: &str) -> String {
    if n == 1 {
        format!("1 {kind}fix")
    } else {
        format!("{n} {kind}fixes")
    }
}

fn preview_heading(of: Option<&PreviewOf>) -> String {
    match of {
        Some(PreviewOf::All(false, _)) => "Fix all (safe): what changes".into(),
        Some(PreviewOf::All(true, _)) => "All fixes, unsafe included: review before applying".into(),
        Some(PreviewOf::One(code, fix)) => format!("{code}: {}", fix.title),
        None => String::new(),
    }
}

fn fix_button(
    code: &str,
    applicability: shipshape::Applicability,
    title: &str,
    onclick: Callback<MouseEvent>,
) -> Html {
    let (label, hint) = match applicability {
        shipshape::Applicability::Safe => ("Fix", "Safe: keeps what the build does"),
        shipshape::Applicability::Unsafe => {
            ("Fix (unsafe)", "Unsafe: changes behaviour, layers or cache; review it")
        }
        shipshape::Applicability::DisplayOnly => {
            ("Show suggestion", "A suggestion to adapt; never applied by itself")
        }
    };
    html! {
        <span class="fix">
            <button type="button" class={cls(&["fix-button", &applicability.as_str().replace(' ', "-")])}
                {onclick} data-fix={code.to_string()} title={hint}>{ label }</button>
            { " " }<span class="fix-title">{ crate::text::rich(title) }</span>
        </span>
    }
}

#[derive(Properties, PartialEq)]
struct FixBarProps {
    safe: usize,
    unsafe_: usize,
    onfixall: Callback<MouseEvent>,
    onpreview: Callback<Option<PreviewOf>>,
    onundo: Callback<MouseEvent>,
    undo_title: Option<String>,
    notice: String,
}

#[component]
fn FixBar(props: &FixBarProps) -> Html {
    let (safe, unsafe_) = (props.safe, props.unsafe_);
    let preview_safe = props.onpreview.reform(|_: MouseEvent| Some(PreviewOf::All(false, Vec::new())));
    let preview_all = props.onpreview.reform(|_: MouseEvent| Some(PreviewOf::All(true, Vec::new())));
    html! {
        <div id="fix-bar" class="fix-bar" data-safe={safe.to_string()} data-unsafe={unsafe_.to_string()}>
            <button type="button" id="fix-all" class="primary" disabled={safe == 0} onclick={props.onfixall.clone()}
                title="Apply every safe fix, repeated until nothing changes">
                { format!("Fix all (safe) · {safe}") }
            </button>
            <button type="button" id="preview-safe" disabled={safe == 0} onclick={preview_safe}>{ "Show diff" }</button>
            <button type="button" id="review-all" disabled={safe + unsafe_ == 0} onclick={preview_all}
                title="See every fix, unsafe ones included, as a diff before applying">
                { format!("Review all fixes · {}", safe + unsafe_) }
            </button>
            <button type="button" id="undo" disabled={props.undo_title.is_none()} onclick={props.onundo.clone()}
                title={props.undo_title.as_ref().map(|t| format!("Undo: {t}"))}>{ "Undo" }</button>
            <span id="fix-notice" class="fix-notice" role="status" aria-live="polite">{ crate::text::rich(&props.notice) }</span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FixPreviewProps {
    preview: Preview,
    heading: String,
    /// A box ticked or unticked: the index of its choice.
    ontoggle: Callback<usize>,
    onapply: Callback<MouseEvent>,
    onclose: Callback<MouseEvent>,
}

#[component]
fn FixPreview(props: &FixPreviewProps) -> Html {
    let p = &props.preview;
    let number = |n: Option<u32>| n.map_or(String::new(), |n| n.to_string());
    let apply_label = match p.applied.len() {
        1 => "Apply this fix".to_string(),
        n => format!("Apply {n} fixes"),
    };
    html! {
        <section id="fix-preview" class="fix-preview" aria-label="Preview of fixes" data-applied={p.applied.len().to_string()}>
            <header class="fix-preview-head">
                <h3>{ crate::text::rich(&props.heading) }</h3>
                <span class="diff-stat">
                    <span class="added">{ format!("+{}", p.added) }</span>{ " " }
                    <span class="removed">{ format!("−{}", p.removed) }</span>
                </span>
            </header>
            if p.rows.iter().all(|r| !matches!(r, Row::Line { kind: "added" | "removed", .. })) {
                <p class="empty">{ "Nothing would change." }</p>
            } else {
                <table class="diff">
                    { for p.rows.iter().map(|r| match r {
                        Row::Line { kind, old, new, text } => html! {
                            <tr class={*kind}>
                                <td class="ln">{ number(*old) }</td>
                                <td class="ln">{ number(*new) }</td>
                                <td class="sign">{ match *kind { "added" => "+", "removed" => "−", _ => " " } }</td>
                                <td class="text"><code>{ text.clone() }</code></td>
                            </tr>
                        },
                        Row::Fold(n) => html! {
                            <tr class="fold"><td colspan="4">{ format!("⋯ {n} unchanged line{}", if *n == 1 { "" } else { "s" }) }</td></tr>
                        },
                    }) }
                </table>
            }
            <ul class="fix-items">
                // A box per fix (one suggestion has none): unticked, it is left out and the
                // diff above is made again without it.
                { for p.choices.iter().enumerate().map(|(i, a)| {
                    let on = !p.unticked.get(i).is_some_and(|&off| off);
                    // How many times it applies (in as many places), or not at all.
                    let note = match p.applied.iter().filter(|x| x.code == a.code && x.title == a.title).count() {
                        0 if on => " — not applied without the fixes left out".to_string(),
                        0 | 1 => String::new(),
                        n => format!(" ×{n}"),
                    };
                    let onchange = props.ontoggle.reform(move |_: Event| i);
                    html! {
                        <li class={cls(&["fix-item", &a.applicability.replace(' ', "-")])} data-code={a.code}>
                            <label>
                                <input type="checkbox" checked={on} {onchange} />
                                { " " }{ fix_line(a) }
                                { note }
                            </label>
                        </li>
                    }
                }) }
                // Fixes refused because the build would fail: said, with the finding they add.
                { for p.left.iter().filter(|l| l.detail.is_some()).map(|l| html! {
                    <li class="fix-item refused" data-code={l.code}>
                        { fix_line(l) }{ " — " }{ l.reason }{ ": " }{ crate::text::rich(l.detail.as_deref().unwrap_or("")) }
                    </li>
                }) }
            </ul>
            if p.left.iter().any(|l| l.detail.is_none()) {
                <crate::text::Disclosure class="fix-left" label={format!("{} not included", p.left.iter().filter(|l| l.detail.is_none()).count())}>
                    <ul>
                        { for p.left.iter().filter(|l| l.detail.is_none()).map(|l| html! {
                            <li>{ fix_line(l) }{ " — " }{ l.reason }</li>
                        }) }
                    </ul>
                </crate::text::Disclosure>
            }
            <div class="preview-actions">
                if p.can_apply {
                    <button type="button" id="apply-preview" class="primary" onclick={props.onapply.clone()}>{ apply_label }</button>
                } else if !p.applied.is_empty() {
                    <span class="note">{ "A suggestion to adapt by hand: copy what fits." }</span>
                }
                <button type="button" id="close-preview" onclick={props.onclose.clone()}>{ "Close" }</button>
            </div>
        </section>
    }
}

/// A fix in the preview's lists: its rule, its title and, when not safe, its applicability.
fn fix_line(a: &crate::fixes::FixItem) -> Html {
    html! {
        <>
            <code>{ a.code }</code>{ " " }{ crate::text::rich(&a.title) }
            if a.applicability != "safe" { { " " }<span class="badge">{ a.applicability }</span> }
        </>
    }
}

/// The starting text when nothing is saved.
pub fn first_text() -> Rc<str> {
    Rc::from(crate::example::EXAMPLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_from_1500_lines() {
        assert!(!is_large(&"RUN x\n".repeat(LARGE_LINES - 1)));
        assert!(is_large(&"RUN x\n".repeat(LARGE_LINES)));
        assert!(!is_large(""));
    }

    #[test]
    fn groups_in_the_engines_order() {
        assert!(SEVERITIES.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
