//! Learning mode (`#/learn`, `#/learn/<id>`): the lessons of the best-practice guide as
//! exercises. Each starts from a Dockerfile; it is done when the student's edit makes its
//! target findings disappear while the file still parses. Lessons about practices outside
//! the Dockerfile (logging, limits, scanning) have no rule to watch: the student marks them
//! done. Drafts and progress stay in localStorage, so a classroom needs no network.

use std::rc::Rc;

use shipshape::lessons::{Lesson, LESSONS};
use yew::prelude::*;

use crate::text::cls;

use crate::editor::{Active, Editor, EditorRef};
use crate::storage;
use crate::summary::{FindingRow, Summary};

/// The configuration a lesson is checked with: its target rules on, even those that are
/// off by default.
pub fn lesson_config(lesson: &Lesson) -> shipshape::Config {
    let mut c = shipshape::Config::default();
    for code in lesson.done_when_quiet {
        if shipshape::rules::find_meta(code).is_some_and(|m| m.severity.is_none()) {
            c.overrides.push((code.to_string(), shipshape::Severity::Info));
        }
    }
    c
}

/// Where a draft stands: `None` when the lesson has no rule to watch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    Manual,
    /// The draft does not parse.
    Broken(usize),
    /// These target rules still report.
    Remaining(Vec<&'static str>),
    Done,
}

pub fn progress(lesson: &Lesson, summary: &Summary) -> Progress {
    if lesson.done_when_quiet.is_empty() {
        return Progress::Manual;
    }
    if !summary.errors.is_empty() {
        return Progress::Broken(summary.errors.len());
    }
    let left: Vec<&'static str> = lesson
        .done_when_quiet
        .iter()
        .copied()
        .filter(|code| summary.findings.iter().any(|f| f.code == *code))
        .collect();
    if left.is_empty() {
        Progress::Done
    } else {
        Progress::Remaining(left)
    }
}

#[derive(Properties, PartialEq)]
pub struct LearnPageProps {
    pub lesson: Option<AttrValue>,
    /// The lessons' texts and Dockerfiles live in the docs asset.
    pub docs: crate::docs::DocsState,
    /// Ids of the lessons done.
    pub done: Rc<Vec<String>>,
    pub ondone: Callback<&'static str>,
    pub onreset: Callback<()>,
}

#[component]
pub fn LearnPage(props: &LearnPageProps) -> Html {
    let current = props.lesson.as_ref().and_then(|id| shipshape::lessons::lesson(id));
    let done_count = LESSONS.iter().filter(|l| props.done.iter().any(|d| d == l.id)).count();
    html! {
        <main class="learn-page">
            <nav class="pane lessons-nav" aria-labelledby="lessons-title">
                <h1 class="page-title" id="lessons-title">{ "Lessons" }</h1>
                <p id="lessons-progress" class="muted">
                    { format!("{done_count} of {} done", LESSONS.len()) }
                </p>
                <progress max={LESSONS.len().to_string()} value={done_count.to_string()} aria-label="Lessons done" />
                <ol class="lessons-list">
                    { for LESSONS.iter().map(|l| {
                        let is_done = props.done.iter().any(|d| d == l.id);
                        let here = current.is_some_and(|c| c.id == l.id);
                        html! {
                            <li class={cls(&["lesson-row", if is_done { "done" } else { "" }, if here { "current" } else { "" }])} data-lesson={l.id}>
                                <a href={format!("#/learn/{}", l.id)} aria-current={here.then_some("page")}>{ l.title }</a>
                                if is_done { <span class="done-mark" aria-label="done">{ " ✓" }</span> }
                            </li>
                        }
                    }) }
                </ol>
                if done_count > 0 {
                    <button type="button" id="reset-progress" class="link" onclick={props.onreset.reform(|_| ())}>
                        { "Reset progress" }
                    </button>
                }
            </nav>
            { match (current, props.docs.lesson(current.map_or("", |l| l.id))) {
                (Some(l), Some(texts)) => html! {
                    <Exercise key={l.id} lesson={l.id} texts={texts.clone()} done={props.done.iter().any(|d| d == l.id)} ondone={props.ondone.clone()} />
                },
                (Some(l), None) => html! {
                    <section class="pane lesson" aria-busy="true">
                        <h2>{ l.title }</h2>
                        { match &props.docs {
                            crate::docs::DocsState::Failed(why) => html! { <p role="alert">{ format!("Could not load the lesson: {why}.") }</p> },
                            _ => html! { <p class="muted">{ "Loading the lesson…" }</p> },
                        } }
                    </section>
                },
                (None, _) => html! {
                    <section class="pane lesson" aria-label="About the lessons">
                        <h2>{ "Learn by fixing" }</h2>
                        <p>{ "Each lesson is a short practice from the Dockerfile best-practice guide, with a Dockerfile to start from. Edit it until the linter stops reporting what the lesson is about; the lesson is then marked done. Your drafts and progress stay in this browser." }</p>
                        if let Some(id) = &props.lesson {
                            <p role="alert">{ format!("No lesson is called “{id}”.") }</p>
                        }
                        <p><a class="button primary" href={format!("#/learn/{}", LESSONS[0].id)}>{ "Start the first lesson" }</a></p>
                    </section>
                },
            } }
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct ExerciseProps {
    lesson: &'static str,
    texts: crate::docs::LessonText,
    done: bool,
    ondone: Callback<&'static str>,
}

#[component]
fn Exercise(props: &ExerciseProps) -> Html {
    let lesson = shipshape::lessons::lesson(props.lesson).expect("routed to a known lesson");
    let draft = use_state(|| {
        Rc::<str>::from(
            storage::get(&storage::lesson_key(lesson.id)).unwrap_or_else(|| props.texts.start.clone()),
        )
    });
    let config = use_memo(lesson.id, |_| lesson_config(lesson));
    let summary = use_memo(Rc::clone(&draft), |text| Summary::of(text, &config));
    let state = progress(lesson, &summary);
    let editor = (*use_memo((), |_| EditorRef::default())).clone();
    let active = use_state(|| None::<Active>);
    let show_solution = use_state(|| false);
    {
        let (ondone, done, id) = (props.ondone.clone(), props.done, lesson.id);
        use_effect_with(state.clone(), move |state| {
            if *state == Progress::Done && !done {
                ondone.emit(id);
            }
        });
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |text: String| {
            storage::set(&storage::lesson_key(lesson.id), &text);
            draft.set(text.into());
        })
    };
    let onactive = {
        let active = active.clone();
        Callback::from(move |a: Option<Active>| active.set(a))
    };
    let restart = {
        let (draft, active, start) = (draft.clone(), active.clone(), props.texts.start.clone());
        Callback::from(move |_: MouseEvent| {
            storage::remove(&storage::lesson_key(lesson.id));
            active.set(None);
            draft.set(Rc::from(start.as_str()));
        })
    };
    let toggle_solution = {
        let show = show_solution.clone();
        Callback::from(move |_: MouseEvent| show.set(!*show))
    };
    let mark_done = {
        let (ondone, id) = (props.ondone.clone(), lesson.id);
        Callback::from(move |_: MouseEvent| ondone.emit(id))
    };
    let index = LESSONS.iter().position(|l| l.id == lesson.id).unwrap_or(0);
    let next = LESSONS.get(index + 1);
    let (status_class, status) = match &state {
        Progress::Done => {
            ("done", "Done: the linter no longer reports what this lesson is about.".to_string())
        }
        Progress::Broken(n) => (
            "bad",
            format!(
                "The file does not parse ({n} syntax error{}): fix that first.",
                if *n == 1 { "" } else { "s" }
            ),
        ),
        Progress::Remaining(codes) => ("todo", format!("Still reported: {}.", codes.join(", "))),
        Progress::Manual if props.done => ("done", "Marked done.".to_string()),
        Progress::Manual => (
            "todo",
            "No rule can check this practice from the Dockerfile alone: try it, then mark it done."
                .to_string(),
        ),
    };
    let targets: Vec<&FindingRow> =
        summary.findings.iter().filter(|f| lesson.done_when_quiet.contains(&f.code)).collect();
    html! {
        <section class="pane lesson" aria-labelledby="lesson-title" data-lesson={lesson.id}>
            <p class="muted">{ format!("Lesson {} of {}", index + 1, LESSONS.len()) }</p>
            <h2 id="lesson-title">{ lesson.title }</h2>
            <p class="lesson-text">{ crate::text::rich(&props.texts.text) }</p>
            <p class="lesson-hint"><strong>{ "Try it: " }</strong>{ crate::text::rich(&props.texts.try_it) }</p>
            <p id="lesson-status" class={cls(&["lesson-status", status_class])} role="status" aria-live="polite"
                data-state={match state { Progress::Done => "done", Progress::Manual if props.done => "done", _ => "todo" }}>
                { status }
            </p>
            <Editor
                source={(*draft).clone()}
                summary={summary.clone()}
                {editor}
                {oninput}
                active={*active}
                {onactive}
                ondoc={Callback::from(|code: &'static str| {
                    if let Some(w) = web_sys::window() { let _ = w.location().set_hash(&format!("/rules/{code}")); }
                })}
                onfix={Callback::noop()}
                label="Lesson Dockerfile"
            />
            if !targets.is_empty() {
                <ul class="list lesson-targets">
                    { for targets.iter().map(|f| html! {
                        <li class={cls(&["finding", f.severity.as_str()])}>
                            <span class={cls(&["sev-badge", f.severity.as_str()])}>{ f.severity.as_str() }</span>{ " " }
                            <code>{ f.code }</code>{ " " }<span class="where">{ format!("{}:{}", f.line, f.col) }</span>{ " " }
                            { crate::text::rich(&f.message) }
                        </li>
                    }) }
                </ul>
            }
            <div class="lesson-actions">
                <button type="button" id="lesson-restart" onclick={restart}>{ "Start over" }</button>
                <button type="button" id="lesson-solution" onclick={toggle_solution} aria-expanded={show_solution.to_string()}>
                    { if *show_solution { "Hide a solution" } else { "Show a solution" } }
                </button>
                if state == Progress::Manual && !props.done {
                    <button type="button" id="lesson-mark-done" class="primary" onclick={mark_done}>{ "Mark as done" }</button>
                }
                if let Some(n) = next {
                    <a class="button" href={format!("#/learn/{}", n.id)}>{ format!("Next: {}", n.title) }</a>
                }
            </div>
            if *show_solution {
                <pre class="example good" id="lesson-solution-text">{ props.texts.done.clone() }</pre>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_starts_unfinished_and_its_solution_finishes_it() {
        for l in LESSONS {
            let config = lesson_config(l);
            let start = progress(l, &Summary::of(l.start, &config));
            let done = progress(l, &Summary::of(l.done, &config));
            if l.done_when_quiet.is_empty() {
                assert_eq!((start, done), (Progress::Manual, Progress::Manual), "{}", l.id);
            } else {
                assert!(matches!(start, Progress::Remaining(_)), "{}: {start:?}", l.id);
                assert_eq!(done, Progress::Done, "{}", l.id);
            }
        }
        // A draft that no longer parses is not done, even with the target quiet.
        let l = shipshape::lessons::lesson("entrypoint-cmd").unwrap();
        let broken = l.done.replace("ENTRYPOINT", "ENTRYPOIN");
        assert_eq!(progress(l, &Summary::of(&broken, &lesson_config(l))), Progress::Broken(1));
    }
}
