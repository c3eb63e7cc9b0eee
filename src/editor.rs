//! The editor: a textarea (so typing, selection, IME and spelling off are the browser's
//! own) over a layer that draws the same text highlighted, with the spans of
//! findings underlined, and a gutter of line numbers with a severity icon per line.
//!
//! The textarea does not scroll: it is as tall as its text, inside a scroller as tall as
//! the whole file, with the highlight layer beside it. Only the lines in view (plus a
//! margin) are drawn. A file of more than `window::LARGE` lines is edited through a window
//! of its lines (see `window.rs`): the textarea holds the lines around the view, placed
//! at their height, so a 5,000-line paste does not make Chromium lay out 5,000 lines.
//! Undo and redo are the editor's own (the browser's history is lost whenever the
//! textarea's text is set: a window moving, a paste, a fix). While the textarea holds a
//! window, select all (with copy, cut and typing over it) and Ctrl+Home/End are too.
//!
//! The font is monospace with a fixed line height (the stylesheet's 20px), which maps a
//! mouse position to a line and column for the hover card.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use shipshape::Severity;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::window::{self, Window};

use crate::text::cls;

use crate::summary::{FindingRow, Summary};

/// Line height and padding in CSS pixels: the same numbers as `.code` in the stylesheet.
pub const LINE_PX: f64 = 20.0;
const PAD_PX: f64 = 12.0;
/// Lines drawn above and below the visible ones (each keystroke redraws them all: 12 cost about
/// 2 ms more per keystroke than 6 on 200 lines, tests/perf/run.mjs).
const MARGIN_LINES: usize = 6;
/// Spaces a Tab inserts (and the stylesheet's tab-size).
const INDENT: &str = "    ";

/// The finding whose card is open, and why it opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Active {
    /// Index into `Summary::findings`.
    pub index: usize,
    /// Opened by the mouse (closes when it leaves) or by the keyboard or a click in the
    /// list (stays until the text or the caret moves elsewhere).
    pub hover: bool,
}

/// The editor's hold on its elements and on the part of the text the textarea holds. The
/// page that shows an editor makes one (`use_memo((), |_| EditorRef::default())`), passes
/// it in and uses it to select a finding ([`select`]).
#[derive(Clone, Default)]
pub struct EditorRef {
    pub textarea: NodeRef,
    scroller: NodeRef,
    /// The scroller's content, sized as the whole file.
    sizer: NodeRef,
    win: Rc<RefCell<Win>>,
    /// The editor's `oninput`, for its listeners made once.
    oninput: Rc<RefCell<Callback<String>>>,
}

impl PartialEq for EditorRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.win, &other.win)
    }
}

/// What the textarea holds, and the editor's own history.
#[derive(Default)]
struct Win {
    /// The text the textarea holds part of (or all of): always `full[w.start..w.end]` is
    /// the textarea's value.
    full: Rc<str>,
    w: Window,
    /// UTF-16 units before the window (the textarea's selection is counted from there).
    start_u16: u32,
    /// Whether the text is held through a window.
    large: bool,
    /// Texts to go back and forth to (Ctrl+Z, Ctrl+Shift+Z, and the browser's Undo and
    /// Redo). The history is the editor's own: the browser's forgets everything whenever
    /// the textarea's text is set (a window moving, a paste, a fix, an example loaded),
    /// and this one keeps those too.
    undo: Vec<Rc<str>>,
    redo: Vec<Rc<str>>,
    /// The text the editor itself last sent up (an undo step, a paste): not a change from
    /// outside to record.
    expect: Option<Rc<str>>,
    /// A text has been shown: later changes from outside (a fix, an example) are recorded.
    loaded: bool,
    /// The last edit's kind (`typing`, `deleting` or "") and time, to join keystrokes into
    /// one undo step.
    last_edit: (&'static str, f64),
    /// Ctrl+A while a window is held: the whole text is selected, not just the window.
    all: bool,
    /// A mouse button is down in the text (the window does not move under a drag).
    dragging: bool,
    /// A selection to make (UTF-16 offsets into `full`) once the window is in place.
    reveal: Option<(u32, u32)>,
    /// The selection while the window has moved away from it (scrolled far off): the next
    /// key brings the window back to it, as typing brings a browser back to its caret.
    stash: Option<(u32, u32)>,
    /// The visible lines, last seen.
    view: (usize, usize),
    /// Lines in `full`.
    lines: usize,
    /// The width of a character in pixels, last seen.
    char_px: f64,
    /// The sizes last set: the scroller's content (height, width), the textarea's top and height.
    geometry: [i32; 4],
}

/// The page's elements of one editor.
struct Els {
    ta: HtmlTextAreaElement,
    scroller: HtmlElement,
    sizer: HtmlElement,
}

impl Els {
    fn of(editor: &EditorRef) -> Option<Els> {
        Some(Els {
            ta: editor.textarea.cast()?,
            scroller: editor.scroller.cast()?,
            sizer: editor.sizer.cast()?,
        })
    }

    /// The lines in view.
    fn view(&self) -> (usize, usize) {
        let top = f64::from(self.scroller.scroll_top());
        let first = ((top - PAD_PX) / LINE_PX).floor().max(0.0) as usize;
        (first, first + (f64::from(self.scroller.client_height()) / LINE_PX).ceil() as usize + 1)
    }

    /// Scrolls the line into view (with a few lines above it) unless it is in view.
    fn show_line(&self, line: usize) {
        let target = (line as f64 - 4.0).max(0.0) * LINE_PX;
        let top = f64::from(self.scroller.scroll_top());
        let visible = f64::from(self.scroller.client_height());
        let y = PAD_PX + line as f64 * LINE_PX;
        if y < top || y + LINE_PX > top + visible {
            self.scroller.set_scroll_top(target as i32);
        }
    }

    /// The selection as UTF-16 offsets into the whole text.
    fn selection(&self, win: &Win) -> (u32, u32) {
        let s = self.ta.selection_start().ok().flatten().unwrap_or(0);
        let e = self.ta.selection_end().ok().flatten().unwrap_or(s);
        (win.start_u16 + s, win.start_u16 + e)
    }
}

/// Brings the textarea in line with `source`: which lines it holds (moving the window
/// when the view nears its edge or a selection to reveal lies outside it), its place and
/// size, the scroller's size, and a selection waiting to be made.
fn sync(els: &Els, win: &mut Win, source: &Rc<str>, char_px: f64) {
    let same = Rc::ptr_eq(&win.full, source) || *win.full == **source;
    // Nothing to do (a render after a keystroke, which `oninput` synced already, or a lint
    // answer) unless a window may have to move or a selection is waiting.
    if same
        && win.loaded
        && !win.large
        && win.reveal.is_none()
        && win.char_px == char_px
        && els.ta.text_length() == window::utf16_len(source)
    {
        return;
    }
    win.char_px = char_px;
    let ours = win.expect.take().is_some_and(|t| *t == **source);
    if !same && !ours && win.loaded {
        // A fix, an example, a share link: Ctrl+Z takes it back too.
        let before = Rc::clone(&win.full);
        remember(win, before, "replace");
        win.last_edit = ("", 0.0);
    }
    let starts = window::line_starts(source);
    let n = starts.len();
    let large = window::is_large(n);
    // Reading the view makes the browser lay out the page now: only a window needs it.
    let view = if large || win.large { els.view() } else { win.view };
    win.view = view;
    let w = if !large {
        Window::whole(source)
    } else {
        let reveal_line = win.reveal.map(|(a, _)| window::line_of(&starts, window::byte_at(source, a)));
        let kept = if same { Some(win.w) } else { window::keep(&win.full, win.w, source) };
        let fits = |w: &Window| {
            win.large
                && (win.dragging || window::serves(w, n, view))
                && reveal_line.is_none_or(|l| (w.first..w.last).contains(&l))
        };
        match kept.filter(fits) {
            Some(w) => w,
            None => {
                // Around the selection to reveal, else the caret when it is in view, else the view.
                let caret = same
                    .then(|| window::line_of(&starts, window::byte_at(source, els.selection(win).0)))
                    .filter(|l| (view.0..view.1).contains(l));
                let line = reveal_line.or(caret).unwrap_or((view.0 + view.1) / 2);
                window::around(source, &starts, line)
            }
        }
    };
    let old_text = win.full.get(win.w.start..win.w.end).unwrap_or_default();
    let new_text = &source[w.start..w.end];
    // The textarea holds `old_text` (every edit of it comes through `oninput`), unless it is
    // a new element: its length tells, without copying its text out.
    let moved = old_text != new_text || els.ta.text_length() != window::utf16_len(old_text);
    if moved {
        // Only the window moved: keep the selection where it is in the text.
        let keep_sel = (same && win.large).then(|| win.stash.take().unwrap_or_else(|| els.selection(win)));
        let (top, left) = (els.scroller.scroll_top(), els.scroller.scroll_left());
        els.ta.set_value(new_text);
        win.start_u16 = window::utf16_len(&source[..w.start]);
        if let Some((a, b)) = keep_sel {
            let (start, end) = (win.start_u16, win.start_u16 + window::utf16_len(new_text));
            if start <= a && b <= end {
                let _ = els.ta.set_selection_range(a - start, b - start);
            } else {
                win.stash = Some((a, b));
            }
        }
        els.scroller.set_scroll_top(top);
        els.scroller.set_scroll_left(left);
    } else if w.start != win.w.start || !same {
        win.start_u16 = window::utf16_len(&source[..w.start]);
    }
    // Sizes: the scroller's content is the whole file; the textarea sits at its first line
    // with one spare line (a new last line never makes it scroll inside).
    // Room for 16 to 32 more columns, in steps of 16 (fewer size changes while typing).
    let cols = (window::widest(source, INDENT.len()) / 16 + 2) * 16;
    let geometry = [
        (2.0 * PAD_PX + n as f64 * LINE_PX) as i32,
        (2.0 * PAD_PX + cols as f64 * char_px) as i32,
        (w.first as f64 * LINE_PX) as i32,
        (2.0 * PAD_PX + (w.lines() + 1) as f64 * LINE_PX) as i32,
    ];
    // Set only what changed (each change makes the browser lay the editor out again).
    if geometry != win.geometry {
        let _ = els.sizer.style().set_property("height", &format!("{}px", geometry[0]));
        let _ = els.sizer.style().set_property("width", &format!("{}px", geometry[1]));
        let style = els.ta.style();
        let _ = style.set_property("top", &format!("{}px", geometry[2]));
        let _ = style.set_property("height", &format!("{}px", geometry[3]));
        win.geometry = geometry;
    }
    win.lines = n;
    win.full = Rc::clone(source);
    win.w = w;
    win.loaded = true;
    if win.large != large {
        win.large = large;
        let _ = if large {
            els.ta.set_attribute("data-window", "")
        } else {
            els.ta.remove_attribute("data-window")
        };
    }
    if !same || !large {
        win.stash = None;
    }
    if let Some((a, b)) = win.reveal.take() {
        win.stash = None;
        let len = window::utf16_len(new_text);
        let local = |x: u32| x.saturating_sub(win.start_u16).min(len);
        let _ = els.ta.focus();
        let _ = els.ta.set_selection_range(local(a), local(b));
        let byte = window::byte_at(source, b);
        let line = window::line_of(&starts, byte);
        els.show_line(line);
        // And across: a long pasted line ends far to the right.
        let col = source[starts[line]..byte].chars().count() as f64;
        let x = PAD_PX + col * char_px;
        let (left, width) = (f64::from(els.scroller.scroll_left()), f64::from(els.scroller.client_width()));
        if x < left || x > left + width - 2.0 * PAD_PX {
            els.scroller.set_scroll_left((x - width / 2.0).max(0.0) as i32);
        }
    }
    mark_all(&els.scroller, win.all);
}

/// Moves the window if the view or a selection to reveal needs it (after a scroll, a key
/// or a drag): `sync` on the text the editor holds.
fn resync(editor: &EditorRef, win: &mut Win) {
    if let Some(els) = Els::of(editor) {
        let (full, char_px) = (Rc::clone(&win.full), win.char_px);
        sync(&els, win, &full, char_px);
    }
}

/// Marks (or unmarks) the scroller while the whole text is selected: the stylesheet then
/// draws every line as selected, also those outside the textarea.
fn mark_all(scroller: &HtmlElement, all: bool) {
    if all != scroller.has_attribute("data-all") {
        let _ =
            if all { scroller.set_attribute("data-all", "") } else { scroller.remove_attribute("data-all") };
    }
}

/// The textarea never scrolls itself: after a paste or drop the browser may have scrolled
/// it to the caret before it grew (typing stays inside its spare line and columns).
fn unscroll(els: &Els, win: &Win) {
    let ta = &els.ta;
    if ta.scroll_top() == 0 && ta.scroll_left() == 0 {
        return;
    }
    ta.set_scroll_top(0);
    ta.set_scroll_left(0);
    // Show the caret in the scroller instead.
    let value = ta.value();
    let caret = ta.selection_end().ok().flatten().unwrap_or(0);
    els.show_line(win.w.first + utf16_prefix(&value, caret).matches('\n').count());
}

/// PageDown (or PageUp): the caret (the moving end of the selection, with Shift) goes a
/// view's height of lines down (up) in the same column, and the view with it.
fn page(els: &Els, down: bool, extend: bool) {
    let ta = &els.ta;
    let lines =
        ((f64::from(els.scroller.client_height()) / LINE_PX).floor() as usize).saturating_sub(1).max(1);
    let value = ta.value();
    let s = ta.selection_start().ok().flatten().unwrap_or(0);
    let e = ta.selection_end().ok().flatten().unwrap_or(s);
    let backward = ta.selection_direction().ok().flatten().as_deref() == Some("backward");
    let (anchor, focus) = if backward { (e, s) } else { (s, e) };
    let before = utf16_prefix(&value, focus);
    let line = before.matches('\n').count();
    let col = before.rsplit('\n').next().unwrap_or("").chars().count();
    let starts = window::line_starts(&value);
    let target = if down { (line + lines).min(starts.len() - 1) } else { line.saturating_sub(lines) };
    let text = &value[starts[target]..];
    let text = &text[..text.find('\n').unwrap_or(text.len())];
    let at = starts[target] + text.char_indices().nth(col).map_or(text.len(), |(i, _)| i);
    let to = window::utf16_len(&value[..at]);
    let _ = if extend {
        ta.set_selection_range_with_direction(
            anchor.min(to),
            anchor.max(to),
            if to < anchor { "backward" } else { "forward" },
        )
    } else {
        ta.set_selection_range(to, to)
    };
    let delta = (target as f64 - line as f64) * LINE_PX;
    els.scroller.set_scroll_top((f64::from(els.scroller.scroll_top()) + delta) as i32);
}

/// Records the text before an edit on the editor's own history (keystrokes of one kind
/// within a second are one step).
fn remember(win: &mut Win, before: Rc<str>, kind: &str) {
    // Typing (with its line breaks) is one kind, deleting with a key another.
    fn group(kind: &str) -> &'static str {
        match kind {
            "insertText" | "insertLineBreak" | "insertParagraph" | "insertCompositionText" => "typing",
            "deleteContentBackward" | "deleteContentForward" | "deleteWordBackward" | "deleteWordForward" => {
                "deleting"
            }
            _ => "",
        }
    }
    let now = js_sys::Date::now();
    let g = group(kind);
    let joined = !g.is_empty() && g == win.last_edit.0 && now - win.last_edit.1 < 1000.0;
    if !joined || win.undo.is_empty() {
        win.undo.push(before);
        if win.undo.len() > 100 {
            win.undo.remove(0);
        }
    }
    win.redo.clear();
    win.last_edit = (g, now);
}

/// Replaces the whole text (the editor's own undo, redo, and edits of a whole-text
/// selection), with the caret at `caret` (UTF-16 offset into the new text).
fn replace_all(win: &mut Win, text: Rc<str>, caret: u32, oninput: &Callback<String>) {
    win.all = false;
    win.expect = Some(Rc::clone(&text));
    win.reveal = Some((caret, caret));
    oninput.emit(text.to_string());
}

/// Ctrl+Z (`back`) or Ctrl+Shift+Z on the editor's own history (nothing when it is empty).
fn own_history(win: &mut Win, back: bool, oninput: &Callback<String>) {
    let (from, to) = if back { (&mut win.undo, &mut win.redo) } else { (&mut win.redo, &mut win.undo) };
    let Some(text) = from.pop() else { return };
    to.push(Rc::clone(&win.full));
    let at = window::first_difference(&win.full, &text);
    let caret = window::utf16_len(&text[..at]);
    win.last_edit = ("", 0.0);
    replace_all(win, text, caret, oninput);
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub source: Rc<str>,
    pub summary: Rc<Summary>,
    /// The text the summary is of: the source, or an older one while the lint worker is
    /// busy (lines that differ are then drawn without colours).
    #[prop_or_default]
    pub summary_text: Option<Rc<str>>,
    pub editor: EditorRef,
    pub oninput: Callback<String>,
    pub active: Option<Active>,
    pub onactive: Callback<Option<Active>>,
    pub ondoc: Callback<&'static str>,
    pub onfix: Callback<FindingRow>,
    /// `aria-label` of the textarea.
    #[prop_or(AttrValue::Static("Dockerfile"))]
    pub label: AttrValue,
    #[prop_or_default]
    pub readonly: bool,
}

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let scroll = use_state(|| (0.0f64, 0.0f64, 600.0f64)); // top, left, visible height
    let char_px = use_state(|| 8.4f64);
    let measure = use_node_ref();
    let card_ref = use_node_ref();
    let layer = use_node_ref();
    let gutter = use_node_ref();
    let editor = props.editor.clone();
    // Esc then Tab leaves the editor (Tab otherwise indents).
    let tab_leaves = use_mut_ref(|| false);
    let hide_timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    {
        let (measure, char_px, editor, scroll) =
            (measure.clone(), char_px.clone(), editor.clone(), scroll.clone());
        use_effect_with((), move |_| {
            if let Some(m) = measure.cast::<HtmlElement>() {
                let w = m.get_bounding_client_rect().width() / 100.0;
                if w > 0.0 {
                    char_px.set(w);
                }
            }
            if let Some(s) = editor.scroller.cast::<HtmlElement>() {
                scroll.set((0.0, 0.0, f64::from(s.client_height())));
            }
            // The end of a drag anywhere on the page: the window may move again.
            let up = web_sys::window().map(|w| {
                let editor = editor.clone();
                EventListener::new(&w, "mouseup", move |_| {
                    let mut win = editor.win.borrow_mut();
                    if std::mem::take(&mut win.dragging) && win.large {
                        resync(&editor, &mut win);
                    }
                })
            });
            // The browser's Undo and Redo (its menus; the keys are in `onkeydown`).
            let history = editor.textarea.cast::<HtmlTextAreaElement>().map(|ta| {
                let editor = editor.clone();
                EventListener::new_with_options(
                    &ta,
                    "beforeinput",
                    gloo::events::EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::InputEvent>() else { return };
                        let kind = e.input_type();
                        if kind == "historyUndo" || kind == "historyRedo" {
                            e.prevent_default();
                            let oninput = editor.oninput.borrow().clone();
                            own_history(&mut editor.win.borrow_mut(), kind == "historyUndo", &oninput);
                        }
                    },
                )
            });
            // A window resized (a phone turned): draw the lines the taller view shows.
            let resized = web_sys::window().map(|w| {
                let (editor, scroll) = (editor.clone(), scroll.clone());
                EventListener::new(&w, "resize", move |_| {
                    if let Some(s) = editor.scroller.cast::<HtmlElement>() {
                        let (t, l) = (f64::from(s.scroll_top()), f64::from(s.scroll_left()));
                        scroll.set((t, l, f64::from(s.client_height())));
                    }
                })
            });
            move || drop((up, history, resized))
        });
    }
    // The callback an own-history step reports through (set each render).
    *editor.oninput.borrow_mut() = props.oninput.clone();
    let s = &props.summary;
    let source = &props.source;
    // While the summary is of an older text: the current line starts, to compare lines.
    let stale = props.summary_text.as_ref().filter(|t| ***t != **source).map(|old| {
        let mut starts = vec![0u32];
        starts.extend(source.match_indices('\n').map(|(i, _)| i as u32 + 1));
        (Rc::clone(old), starts)
    });
    let lines = stale.as_ref().map_or(s.line_starts.len(), |(_, now)| now.len());
    let (top, left, height) = *scroll;
    let first = ((top - PAD_PX) / LINE_PX).floor().max(0.0) as usize;
    let first = first.saturating_sub(MARGIN_LINES).min(lines);
    let last = (first + (height / LINE_PX).ceil() as usize + 2 * MARGIN_LINES).min(lines);

    // The drawn lines start at line `first`: the highlight layer (in the scroller) and the
    // gutter (beside it) are moved with CSSOM (the page's Content-Security-Policy allows no
    // style attributes), after each render and, for the gutter, on scroll.
    let drawn_first = use_mut_ref(|| 0usize);
    *drawn_first.borrow_mut() = first;
    {
        let (layer, gutter, card, drawn_first, char_px) =
            (layer.clone(), gutter.clone(), card_ref.clone(), drawn_first.clone(), *char_px);
        let (editor, source) = (editor.clone(), Rc::clone(&props.source));
        let card_at = props.active.and_then(|a| props.summary.findings.get(a.index)).map(|f| {
            (
                PAD_PX + visual_col(&props.source, &props.summary, f) as f64 * char_px,
                PAD_PX + LINE_PX * f.line as f64 + 2.0,
            )
        });
        use_effect(move || {
            if let Some(els) = Els::of(&editor) {
                sync(&els, &mut editor.win.borrow_mut(), &source, char_px);
            }
            place(&layer, &gutter, *drawn_first.borrow(), top);
            if let (Some(el), Some((x, y))) = (card.cast::<HtmlElement>(), card_at) {
                let _ = el.style().set_property("left", &format!("{}px", (x - left).max(4.0) as i64));
                let _ = el.style().set_property("top", &format!("{}px", (y - top) as i64));
            }
        });
    }
    let onscroll = {
        let (scroll, layer, gutter, drawn_first, editor) =
            (scroll.clone(), layer.clone(), gutter.clone(), drawn_first.clone(), editor.clone());
        Callback::from(move |e: Event| {
            let el: HtmlElement = e.target_unchecked_into();
            let (t, l) = (f64::from(el.scroll_top()), f64::from(el.scroll_left()));
            // Move the gutter at once; redraw the lines in view when a line boundary is crossed.
            place(&layer, &gutter, *drawn_first.borrow(), t);
            if let Some(els) = Els::of(&editor) {
                let mut win = editor.win.borrow_mut();
                if win.large && !win.dragging && !window::serves(&win.w, win.lines, els.view()) {
                    resync(&editor, &mut win);
                }
            }
            let h = f64::from(el.client_height());
            let old = *scroll;
            if (old.0 / LINE_PX).floor() != (t / LINE_PX).floor() || old.1 != l || old.2 != h {
                scroll.set((t, l, h));
            }
        })
    };

    let oninput = {
        let (cb, editor, char_px) = (props.oninput.clone(), editor.clone(), *char_px);
        Callback::from(move |e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            let value = ta.value();
            let mut win = editor.win.borrow_mut();
            let w = win.w;
            let full = match (win.full.get(..w.start), win.full.get(w.end..)) {
                (Some(before), Some(after)) if !before.is_empty() || !after.is_empty() => {
                    format!("{before}{value}{after}")
                }
                _ => value.clone(),
            };
            let before = Rc::clone(&win.full);
            remember(&mut win, before, &e.input_type());
            win.all = false;
            let full: Rc<str> = full.into();
            win.w = Window::new(&full, w.start, w.start + value.len(), w.first);
            win.full = Rc::clone(&full);
            // The textarea grows with its text now, before the next frame.
            if let Some(els) = Els::of(&editor) {
                sync(&els, &mut win, &full, char_px);
                let kind = e.input_type();
                if !kind.starts_with("insertText") && !kind.starts_with("delete") && kind != "insertLineBreak"
                {
                    unscroll(&els, &win);
                }
            }
            drop(win);
            cb.emit(full.to_string());
        })
    };

    // Pastes are made here: the textarea's text is set (whole, or the window of a large
    // file), which Chromium does in about half the time of its own paste of the same lines.
    let onpaste = {
        let (cb, editor, readonly) = (props.oninput.clone(), editor.clone(), props.readonly);
        Callback::from(move |e: Event| {
            let Some(text) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
                .and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            let Some(els) = Els::of(&editor) else { return };
            if readonly {
                return;
            }
            let mut win = editor.win.borrow_mut();
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let (a, b) = if win.all { (0, window::utf16_len(&win.full)) } else { els.selection(&win) };
            let (a, b) = (window::byte_at(&win.full, a), window::byte_at(&win.full, b));
            e.prevent_default();
            let new = format!("{}{}{}", &win.full[..a], text, &win.full[b..]);
            let before = Rc::clone(&win.full);
            remember(&mut win, before, "insertFromPaste");
            let caret = window::utf16_len(&new[..a + text.len()]);
            replace_all(&mut win, new.into(), caret, &cb);
        })
    };

    // Copy and cut of a whole-text selection (Ctrl+A while a window is held).
    let clip = |cut: bool| {
        let (cb, editor, readonly) = (props.oninput.clone(), editor.clone(), props.readonly);
        Callback::from(move |e: Event| {
            let mut win = editor.win.borrow_mut();
            if !win.all {
                return;
            }
            let Some(data) = e.dyn_ref::<web_sys::ClipboardEvent>().and_then(|c| c.clipboard_data()) else {
                return;
            };
            e.prevent_default();
            let _ = data.set_data("text/plain", &win.full);
            if cut && !readonly {
                let before = Rc::clone(&win.full);
                remember(&mut win, before, "deleteByCut");
                replace_all(&mut win, Rc::from(""), 0, &cb);
            }
        })
    };
    let (oncopy, oncut) = (clip(false), clip(true));

    let onmousedown = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            let mut win = editor.win.borrow_mut();
            win.dragging = true;
            win.stash = None;
            // A click ends a run of typing (the next keystroke is a new undo step).
            win.last_edit = ("", 0.0);
            if let (true, Some(s)) = (std::mem::take(&mut win.all), editor.scroller.cast::<HtmlElement>()) {
                mark_all(&s, false);
            }
        })
    };

    let onkeydown = {
        let (summary, onactive, tab_leaves, readonly) =
            (props.summary.clone(), props.onactive.clone(), tab_leaves.clone(), props.readonly);
        let (editor, cb) = (editor.clone(), props.oninput.clone());
        Callback::from(move |e: KeyboardEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            let key = e.key();
            let ctrl = e.ctrl_key() || e.meta_key();
            // The editor's own keys: undo and redo, and while it holds a window, select
            // all and Ctrl+Home/End.
            {
                let mut win = editor.win.borrow_mut();
                if key.starts_with("Arrow") || key.starts_with("Page") || key == "Home" || key == "End" {
                    win.last_edit = ("", 0.0);
                }
                // Letters in either case: Caps Lock turns Ctrl+Z into key "Z" without Shift.
                let letter = |l: &str| key.eq_ignore_ascii_case(l);
                let z = ctrl && !e.alt_key() && (letter("z") || letter("y"));
                if z && !readonly {
                    e.prevent_default();
                    own_history(&mut win, letter("z") && !e.shift_key(), &cb);
                    return;
                }
                if win.large && ctrl && !e.alt_key() && !e.shift_key() && letter("a") {
                    e.prevent_default();
                    win.all = true;
                    ta.select();
                    if let Some(s) = editor.scroller.cast::<HtmlElement>() {
                        mark_all(&s, true);
                    }
                    return;
                }
                if win.large && ctrl && !e.shift_key() && (key == "Home" || key == "End") {
                    e.prevent_default();
                    let at = if key == "Home" { 0 } else { window::utf16_len(&win.full) };
                    win.reveal = Some((at, at));
                    win.all = false;
                    resync(&editor, &mut win);
                    return;
                }
                // Back to the selection the window moved away from, before the key acts on it.
                let modifier = matches!(key.as_str(), "Control" | "Meta" | "Shift" | "Alt");
                if let Some(at) = win.stash.filter(|_| !modifier) {
                    win.reveal = Some(at);
                    resync(&editor, &mut win);
                }
                if win.all {
                    // Copy, cut and paste act on the whole text (oncopy, oncut, onpaste),
                    // by Ctrl+C/X/V or by Ctrl+Insert, Shift+Delete and Shift+Insert.
                    let clipboard = ctrl && (letter("c") || letter("x") || letter("v") || key == "Insert")
                        || e.shift_key() && (key == "Insert" || key == "Delete");
                    if clipboard || modifier {
                        return;
                    }
                    win.all = false;
                    if let Some(s) = editor.scroller.cast::<HtmlElement>() {
                        mark_all(&s, false);
                    }
                    // Typing over (or deleting) the whole text.
                    let typed = match key.as_str() {
                        "Backspace" | "Delete" => Some(String::new()),
                        "Enter" => Some("\n".to_string()),
                        k if !ctrl && !e.alt_key() && k.chars().count() == 1 => Some(k.to_string()),
                        _ => None,
                    };
                    if let Some(text) = typed.filter(|_| !readonly) {
                        e.prevent_default();
                        let before = Rc::clone(&win.full);
                        remember(&mut win, before, "deleteContent");
                        let caret = window::utf16_len(&text);
                        replace_all(&mut win, text.into(), caret, &cb);
                        return;
                    }
                }
            }
            if key == "Escape" {
                *tab_leaves.borrow_mut() = true;
                onactive.emit(None);
                return;
            }
            let leave = std::mem::take(&mut *tab_leaves.borrow_mut());
            if key == "F8" || (e.alt_key() && (key == "ArrowDown" || key == "ArrowUp")) {
                e.prevent_default();
                let back = e.shift_key() || key == "ArrowUp";
                let caret = editor.win.borrow().start_u16 + ta.selection_start().ok().flatten().unwrap_or(0);
                if let Some(i) = step(&summary.findings, caret, back) {
                    select(&editor, &summary.findings[i]);
                    onactive.emit(Some(Active { index: i, hover: false }));
                }
                return;
            }
            if (key == "PageDown" || key == "PageUp") && !ctrl && !e.alt_key() {
                // The textarea does not scroll, so the browser's PageDown would scroll the
                // page and leave the caret: move both by the height of the view.
                if let Some(els) = Els::of(&editor) {
                    e.prevent_default();
                    page(&els, key == "PageDown", e.shift_key());
                }
                return;
            }
            if readonly {
                return;
            }
            match key.as_str() {
                "Tab" if !leave && !e.ctrl_key() && !e.alt_key() && !e.meta_key() => {
                    e.prevent_default();
                    indent(&ta, e.shift_key());
                }
                "Enter" if !e.shift_key() && !e.ctrl_key() && !e.alt_key() && !e.meta_key() => {
                    let value = ta.value();
                    let caret = ta.selection_start().ok().flatten().unwrap_or(0);
                    let before = utf16_prefix(&value, caret);
                    let line = before.rsplit('\n').next().unwrap_or("");
                    let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
                    let continued = line.trim_end().ends_with(['\\', '`']);
                    let extra = if continued && indent.is_empty() { INDENT } else { "" };
                    if !indent.is_empty() || !extra.is_empty() {
                        e.prevent_default();
                        insert_text(&ta, &format!("\n{indent}{extra}"));
                    }
                }
                _ => {}
            }
        })
    };

    // Hover: the finding under the mouse opens its card; leaving it closes the card a
    // moment later (so the pointer can move onto the card and its buttons).
    let onmousemove = {
        let (summary, source, onactive, char_px, active, hide_timer) = (
            props.summary.clone(),
            props.source.clone(),
            props.onactive.clone(),
            *char_px,
            props.active,
            hide_timer.clone(),
        );
        let sizer = editor.sizer.clone();
        Callback::from(move |e: MouseEvent| {
            // From the top left of the scroller's content (the whole file).
            let Some(rect) = sizer.cast::<HtmlElement>().map(|s| s.get_bounding_client_rect()) else {
                return;
            };
            let y = f64::from(e.client_y()) - rect.top() - PAD_PX;
            let x = f64::from(e.client_x()) - rect.left() - PAD_PX;
            let hit = offset_at(&source, &summary.line_starts, x, y, char_px).and_then(|off| {
                summary
                    .findings
                    .iter()
                    .position(|f| f.start <= off && (off < f.end || f.start == f.end && off == f.start))
            });
            match hit {
                Some(index) => {
                    hide_timer.borrow_mut().take();
                    if active.map(|a| a.index) != Some(index) {
                        onactive.emit(Some(Active { index, hover: true }));
                    }
                }
                None if active.is_some_and(|a| a.hover) && hide_timer.borrow().is_none() => {
                    let (onactive, timer) = (onactive.clone(), hide_timer.clone());
                    *hide_timer.borrow_mut() = Some(Timeout::new(400, move || {
                        timer.borrow_mut().take();
                        onactive.emit(None);
                    }));
                }
                None => {}
            }
        })
    };
    let card_enter = {
        let hide_timer = hide_timer.clone();
        Callback::from(move |_: MouseEvent| drop(hide_timer.borrow_mut().take()))
    };
    let card_leave = {
        let (onactive, active) = (props.onactive.clone(), props.active);
        Callback::from(move |_: MouseEvent| {
            if active.is_some_and(|a| a.hover) {
                onactive.emit(None);
            }
        })
    };
    // Clicking into the text closes a card opened by the keyboard.
    let onclick = {
        let (onactive, active) = (props.onactive.clone(), props.active);
        Callback::from(move |_: MouseEvent| {
            if active.is_some_and(|a| !a.hover) {
                onactive.emit(None);
            }
        })
    };
    let gutter_click = {
        let (summary, onactive, editor) = (props.summary.clone(), props.onactive.clone(), editor.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
            let Some(i) = el.get_attribute("data-finding").and_then(|v| v.parse::<usize>().ok()) else {
                return;
            };
            if let Some(f) = summary.findings.get(i) {
                select(&editor, f);
                onactive.emit(Some(Active { index: i, hover: false }));
            }
        })
    };

    // The most severe finding starting on each drawn line, for the gutter.
    let mut gutter_marks: Vec<Option<(usize, Severity)>> = vec![None; last - first];
    for (i, f) in s.findings.iter().enumerate() {
        let line = f.line as usize - 1;
        if (first..last).contains(&line) {
            let slot = &mut gutter_marks[line - first];
            if slot.is_none_or(|(_, worst)| f.severity < worst) {
                *slot = Some((i, f.severity));
            }
        }
    }
    let errors_on: Vec<bool> =
        (first..last).map(|l| s.errors.iter().any(|e| e.line as usize == l + 1)).collect();

    let card = props.active.and_then(|a| s.findings.get(a.index).map(|f| (a, f)));
    let described = card.map(|_| "finding-card");
    let measure_text = "M".repeat(100);
    html! {
        <div class="editor-box">
            <div class="gutter" aria-hidden="true" onclick={gutter_click}>
                <div class="gutter-inner" ref={gutter}>
                    { for (first..last).map(|l| {
                        let mark = gutter_marks[l - first];
                        let broken = errors_on[l - first];
                        html! {
                            <div class="ln">
                                { match mark {
                                    Some((i, sev)) => html! {
                                        <span class={cls(&["gicon", sev.as_str()])} data-finding={i.to_string()}
                                            title={s.findings[i].message.clone()}>{ icon(sev) }</span>
                                    },
                                    None if broken => html! { <span class="gicon error syntax" title="Syntax error">{ "✕" }</span> },
                                    None => html! {},
                                } }
                                <span class="num">{ l + 1 }</span>
                            </div>
                        }
                    }) }
                </div>
            </div>
            <div class="code-area">
                <div class="scroller" ref={editor.scroller.clone()} {onscroll} {onmousemove}>
                    <div class="sizer" ref={editor.sizer.clone()}>
                        <div class="code highlight" aria-hidden="true">
                            <span class="measure" ref={measure}>{ measure_text }</span>
                            <div class="hl-inner" ref={layer}>
                                { for (first..last).map(|l| match &stale {
                                    None => line_html(source, s, l),
                                    Some((old, now)) => stale_line(source, now, old, s, l),
                                }) }
                            </div>
                        </div>
                        // Its text is set by `sync` (the whole file, or a window of it).
                        <textarea
                            id="editor"
                            class="code"
                            ref={editor.textarea.clone()}
                            aria-label={props.label.clone()}
                            aria-describedby={described}
                            aria-keyshortcuts="F8 Shift+F8"
                            readonly={props.readonly}
                            {oninput}
                            {onkeydown}
                            {onmousedown}
                            {onclick}
                            {onpaste}
                            {oncopy}
                            {oncut}
                            spellcheck="false"
                            autocomplete="off"
                            autocapitalize="off"
                            wrap="off"
                        />
                    </div>
                </div>
                // Always there, so that the card coming and going never moves the textarea
                // (Yew re-inserts the siblings before a replaced node, which drops focus).
                <div class="card-slot">
                { card.map(|(a, f)| {
                    html! {
                        <div id="finding-card" class={cls(&["finding-card", f.severity.as_str(), if a.hover { "hover" } else { "" }])}
                            role="tooltip" ref={card_ref.clone()}
                            onmouseenter={card_enter.clone()} onmouseleave={card_leave.clone()}>
                            { for s.findings.iter().enumerate().filter(|(_, g)| g.start == f.start && g.end == f.end).map(|(_, g)| html! {
                                <div class="card-row" data-code={g.code}>
                                    <span class={cls(&["sev-badge", g.severity.as_str()])}>{ g.severity.as_str() }</span>
                                    { " " }<code class="code-name">{ g.code }</code>
                                    { " " }<span class="message">{ crate::text::rich(&g.message) }</span>
                                    <div class="card-actions">
                                        { card_fix(g, &props.onfix) }
                                        if shipshape::rules::find_meta(g.code).is_some() {
                                            <button type="button" class="link card-doc"
                                                onclick={ let (cb, code) = (props.ondoc.clone(), g.code); Callback::from(move |_: MouseEvent| cb.emit(code)) }>
                                                { format!("About {}", g.code) }
                                            </button>
                                        }
                                    </div>
                                </div>
                            }) }
                        </div>
                    }
                }) }
                </div>
            </div>
        </div>
    }
}

fn card_fix(f: &FindingRow, onfix: &Callback<FindingRow>) -> Html {
    let Some(fix) = &f.fix else { return html! {} };
    let label = match fix.applicability {
        shipshape::Applicability::Safe => "Fix",
        shipshape::Applicability::Unsafe => "Fix (unsafe)",
        shipshape::Applicability::DisplayOnly => "Show suggestion",
    };
    let onclick = {
        let f = f.clone();
        onfix.reform(move |_: MouseEvent| f.clone())
    };
    html! { <button type="button" class="card-fix" {onclick} title={fix.title.clone()}>{ label }</button> }
}

fn icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✕",
        Severity::Warning => "▲",
        Severity::Info => "●",
        Severity::Style => "◆",
    }
}

/// Moves the highlight layer (inside the scroller) to the height of the drawn lines (from
/// `first`), and the gutter (outside it) to match the scroller scrolled to `top`.
fn place(layer: &NodeRef, gutter: &NodeRef, first: usize, top: f64) {
    let y = PAD_PX + LINE_PX * first as f64;
    if let Some(el) = layer.cast::<HtmlElement>() {
        let _ = el.style().set_property("transform", &format!("translateY({}px)", y as i64));
    }
    if let Some(el) = gutter.cast::<HtmlElement>() {
        let _ = el.style().set_property("transform", &format!("translateY({}px)", (y - top) as i64));
    }
}

/// A line while the summary is of an older text: drawn with its colours when it reads the
/// same in both texts, else as plain text.
fn stale_line(source: &str, now: &[u32], old: &str, s: &Summary, line: usize) -> Html {
    fn text_of<'t>(text: &'t str, starts: &[u32], l: usize) -> Option<&'t str> {
        let a = *starts.get(l)? as usize;
        let b = starts.get(l + 1).map_or(text.len(), |&e| e as usize);
        Some(text.get(a..b)?.trim_end_matches(['\n', '\r']))
    }
    let current = text_of(source, now, line).unwrap_or_default();
    if text_of(old, &s.line_starts, line) == Some(current) {
        return line_html(old, s, line);
    }
    let shown = if current.is_empty() { "\u{200b}" } else { current };
    html! { <div class="hl-line">{ shown.to_string() }</div> }
}

/// One drawn line: its text cut where highlight tokens and marks begin and end.
fn line_html(source: &str, s: &Summary, line: usize) -> Html {
    let start = s.line_starts[line];
    let mut end = s.line_starts.get(line + 1).map_or(source.len() as u32, |&n| n - 1);
    if end > start && source.as_bytes()[end as usize - 1] == b'\r' {
        end -= 1;
    }
    if end <= start {
        return html! { <div class="hl-line">{ "\u{200b}" }</div> };
    }
    let tokens = &s.tokens[s.tokens.partition_point(|t| t.end <= start)..];
    let tokens: Vec<_> = tokens.iter().take_while(|t| t.start < end).collect();
    let marks = &s.marks[s.marks.partition_point(|m| m.end <= start)..];
    let marks: Vec<_> = marks.iter().take_while(|m| m.start < end).collect();
    let mut cuts = vec![start, end];
    for t in &tokens {
        cuts.extend([t.start.clamp(start, end), t.end.clamp(start, end)]);
    }
    for m in &marks {
        cuts.extend([m.start.clamp(start, end), m.end.clamp(start, end)]);
    }
    cuts.retain(|&c| source.is_char_boundary(c as usize));
    shipshape::sort::plain(&mut cuts);
    cuts.dedup();
    let pieces = cuts.windows(2).map(|w| {
        let (a, b) = (w[0], w[1]);
        let text = &source[a as usize..b as usize];
        let tok = tokens.iter().find(|t| t.start <= a && b <= t.end).map(|t| t.kind.class());
        let mark = marks.iter().find(|m| m.start <= a && b <= m.end).map(|m| m.severity.as_str());
        match (tok, mark) {
            (None, None) => html! { { text } },
            (tok, mark) => {
                let tok = tok.map(|t| format!("tok-{t}")).unwrap_or_default();
                let mark = mark.map(|m| format!("mark {m}")).unwrap_or_default();
                let class = cls(&[&tok, &mark]);
                html! { <span {class}>{ text }</span> }
            }
        }
    });
    html! { <div class="hl-line">{ for pieces }</div> }
}

/// The column a finding starts at on screen (tabs expanded to the tab stop).
fn visual_col(source: &str, s: &Summary, f: &FindingRow) -> usize {
    let ls = s.line_starts[(f.line as usize - 1).min(s.line_starts.len() - 1)] as usize;
    let start = (f.start as usize).clamp(ls, source.len());
    source.get(ls..start).map_or(0, |prefix| {
        prefix.chars().fold(0, |col, c| {
            if c == '\t' {
                col / INDENT.len() * INDENT.len() + INDENT.len()
            } else {
                col + 1
            }
        })
    })
}

/// The byte offset under a point of the text area (x, y in pixels from the text origin).
fn offset_at(source: &str, line_starts: &[u32], x: f64, y: f64, char_px: f64) -> Option<u32> {
    if x < 0.0 || y < 0.0 {
        return None;
    }
    let line = (y / LINE_PX) as usize;
    let start = *line_starts.get(line)? as usize;
    let end = line_starts.get(line + 1).map_or(source.len(), |&e| e as usize - 1);
    let want = (x / char_px) as usize;
    let mut col = 0;
    for (i, c) in source[start..end].char_indices() {
        let next = if c == '\t' { col / INDENT.len() * INDENT.len() + INDENT.len() } else { col + 1 };
        if want < next {
            return Some((start + i) as u32);
        }
        col = next;
    }
    None
}

/// The next (or previous) finding after the caret, wrapping around.
pub fn step(findings: &[FindingRow], caret_u16: u32, back: bool) -> Option<usize> {
    if findings.is_empty() {
        return None;
    }
    let mut order: Vec<usize> = (0..findings.len()).collect();
    shipshape::sort::by_key(&mut order, |&i| (findings[i].start_u16, i));
    let pos = if back {
        order.iter().rev().find(|&&i| findings[i].start_u16 < caret_u16).or(order.last())
    } else {
        order.iter().find(|&&i| findings[i].start_u16 > caret_u16).or(order.first())
    };
    pos.copied()
}

/// Selects a finding's span and scrolls it into view (moving the window to it, if need be).
pub fn select(editor: &EditorRef, f: &FindingRow) {
    let mut win = editor.win.borrow_mut();
    win.all = false;
    win.reveal = Some((f.start_u16, f.end_u16.max(f.start_u16)));
    resync(editor, &mut win);
}

/// The text before a UTF-16 offset.
fn utf16_prefix(text: &str, units: u32) -> &str {
    &text[..window::byte_at(text, units)]
}

/// Inserts text at the caret as if typed, so the browser's undo can take it back.
fn insert_text(ta: &HtmlTextAreaElement, text: &str) {
    let done = ta
        .owner_document()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.exec_command_with_show_ui_and_value("insertText", false, text).ok())
        .unwrap_or(false);
    if !done {
        // Without execCommand: replace the selection and announce the change.
        let (s, e) = (
            ta.selection_start().ok().flatten().unwrap_or(0),
            ta.selection_end().ok().flatten().unwrap_or(0),
        );
        let _ = ta.set_range_text_with_start_and_end_and_mode(text, s, e, "end");
        if let Ok(ev) = web_sys::InputEvent::new("input") {
            let _ = ta.dispatch_event(&ev);
        }
    }
}

/// Tab: indents (or with Shift, outdents) the lines of the selection; with no selection,
/// Tab inserts spaces up to the next tab stop.
fn indent(ta: &HtmlTextAreaElement, outdent: bool) {
    let value = ta.value();
    let s = ta.selection_start().ok().flatten().unwrap_or(0);
    let e = ta.selection_end().ok().flatten().unwrap_or(s);
    let before = utf16_prefix(&value, s);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    if s == e && !outdent {
        let col = before[line_start..].chars().count();
        insert_text(ta, &" ".repeat(INDENT.len() - col % INDENT.len()));
        return;
    }
    // Whole lines from the start of the first to the end of the last.
    let sel_end = utf16_prefix(&value, e).len();
    let block_end = value[sel_end..].find('\n').map_or(value.len(), |i| sel_end + i);
    let block = &value[line_start..block_end];
    let changed: Vec<String> = block
        .split('\n')
        .map(|l| {
            if outdent {
                let n = l.chars().take(INDENT.len()).take_while(|c| *c == ' ').count();
                let n = if n == 0 && l.starts_with('\t') { 1 } else { n };
                l[n..].to_string()
            } else if l.is_empty() {
                String::new()
            } else {
                format!("{INDENT}{l}")
            }
        })
        .collect();
    let new = changed.join("\n");
    if new == block {
        return;
    }
    let u16 = window::utf16_len;
    let a = u16(&value[..line_start]);
    let _ = ta.set_selection_range(a, a + u16(block));
    insert_text(ta, &new);
    let _ = ta.set_selection_range(a, a + u16(&new));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mouse_offsets_and_tabs() {
        let src = "FROM x\n\tRUN y\n";
        let starts = [0, 7, 14];
        // Line 2, column 5 on screen is the R of RUN after a tab (4 columns).
        assert_eq!(offset_at(src, &starts, 4.0 * 8.0 + 1.0, LINE_PX + 1.0, 8.0), Some(8));
        assert_eq!(offset_at(src, &starts, 1.0, 1.0, 8.0), Some(0));
        assert_eq!(offset_at(src, &starts, 100.0 * 8.0, 1.0, 8.0), None);
        assert_eq!(offset_at(src, &starts, 1.0, LINE_PX * 9.0, 8.0), None);
        let s = Summary::of("FROM debian\n\tRUN apt-get install curl\n", &Default::default());
        let f = s.findings.iter().find(|f| f.code == "DL3008").unwrap();
        assert_eq!(visual_col("FROM debian\n\tRUN apt-get install curl\n", &s, f), 4 + 20);
    }

    #[test]
    fn next_and_previous_wrap() {
        let s = Summary::of("FROM debian\nRUN apt-get install curl\nMAINTAINER me\n", &Default::default());
        let starts: Vec<u32> = s.findings.iter().map(|f| f.start_u16).collect();
        assert!(starts.len() >= 3, "{starts:?}");
        let first = step(&s.findings, 0, false).unwrap();
        assert_eq!(s.findings[first].start_u16, *starts.iter().min().unwrap());
        let max = *starts.iter().max().unwrap();
        let last = step(&s.findings, 0, true).unwrap();
        assert_eq!(s.findings[last].start_u16, max);
        // Past the last one, Next wraps to the first.
        assert_eq!(step(&s.findings, max, false), Some(first));
        assert_eq!(step(&[], 0, false), None);
    }

    #[test]
    fn utf16_prefixes() {
        assert_eq!(utf16_prefix("a😀b", 1), "a");
        assert_eq!(utf16_prefix("a😀b", 3), "a😀");
        assert_eq!(utf16_prefix("ab", 9), "ab");
    }
}
