//! Which part of the text the editor's textarea holds.
//!
//! Chromium lays out every line of a textarea whenever its text is set or pasted into:
//! 5,000 lines take it 100–260 ms on the build machine, even in an empty page
//! (BENCHMARKS.md). So a file of more than [`LARGE`] lines is edited through a window: the
//! textarea holds about [`SPAN`] whole lines around the view, placed at their own height
//! in a scroller as tall as the whole file, and the highlight layer draws every line in
//! view as usual. When the view comes within [`EDGE`] lines of the window's edge, the
//! window moves. Smaller files are held whole, so everything the browser does for a
//! textarea (undo, select all, find) works on them as usual.
//!
//! This module is the arithmetic; `editor.rs` applies it to the page.

/// Files with more lines than this are edited through a window.
pub const LARGE: usize = 2_000;
/// Lines in a window.
pub const SPAN: usize = 1_000;
/// The window moves when the view comes this close (in lines) to one of its edges.
pub const EDGE: usize = 150;

/// Whole lines of a text: bytes `start..end`, lines `first..last` (the lines that start
/// inside it). `end` is the start of line `last`, or the end of the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    pub start: usize,
    pub end: usize,
    pub first: usize,
    pub last: usize,
}

impl Window {
    /// The window of `text` from byte `start` (a line start, line `first`) to `end`.
    pub fn new(text: &str, start: usize, end: usize, first: usize) -> Self {
        let newlines = text.as_bytes()[start..end].iter().filter(|&&b| b == b'\n').count();
        let last = first + newlines + usize::from(end == text.len());
        Window { start, end, first, last }
    }

    /// All of `text`.
    pub fn whole(text: &str) -> Self {
        Window::new(text, 0, text.len(), 0)
    }

    /// Lines in the textarea (a window that ends with a newline shows one more, empty).
    pub fn lines(&self) -> usize {
        self.last - self.first
    }
}

/// The byte offset where each line starts.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

/// The line (from 0) that byte offset `byte` is on, given the line starts.
pub fn line_of(starts: &[usize], byte: usize) -> usize {
    starts.partition_point(|&s| s <= byte).saturating_sub(1)
}

/// Whether a text of `lines` lines is edited through a window.
pub fn is_large(lines: usize) -> bool {
    lines > LARGE
}

/// The window of [`SPAN`] lines centred on `line`.
pub fn around(text: &str, starts: &[usize], line: usize) -> Window {
    let n = starts.len();
    let first = line.saturating_sub(SPAN / 2).min(n.saturating_sub(SPAN));
    let last = (first + SPAN).min(n);
    let end = starts.get(last).copied().unwrap_or(text.len());
    Window::new(text, starts[first], end, first)
}

/// Whether `window` still serves a view of lines `view.0..view.1` of an `n`-line text:
/// the view is at least [`EDGE`] lines inside it (or the window reaches that end of the
/// text), and it has not grown past twice its size (a paste into it).
pub fn serves(window: &Window, n: usize, view: (usize, usize)) -> bool {
    let top = window.first == 0 || view.0 >= window.first + EDGE;
    let bottom = window.last >= n || view.1 + EDGE <= window.last;
    top && bottom && window.lines() <= 2 * SPAN
}

/// The same window in `new`, a changed copy of `old`, when the change left the text
/// before and after it alone (and its ends are still line starts).
pub fn keep(old: &str, window: Window, new: &str) -> Option<Window> {
    let after = old.len() - window.end;
    if new.len() < window.start + after {
        return None;
    }
    let end = new.len() - after;
    let same = old.as_bytes()[..window.start] == new.as_bytes()[..window.start]
        && old.as_bytes()[window.end..] == new.as_bytes()[end..];
    let boundary = end == new.len() || new.as_bytes()[end - 1] == b'\n';
    (same && boundary && end >= window.start).then(|| Window::new(new, window.start, end, window.first))
}

/// The UTF-16 length of a text (the unit of the textarea's selection). It counts bytes:
/// every byte that starts a character is one unit, and a 4-byte character is two (this
/// runs over whole 5,000-line texts, where `chars()` was several milliseconds).
pub fn utf16_len(text: &str) -> u32 {
    text.bytes().map(|b| u32::from((b as i8) >= -0x40) + u32::from(b >= 0xF0)).sum()
}

/// The byte offset of a UTF-16 offset (clamped to the text; one inside a surrogate pair,
/// which a browser's caret never is, goes to the next character).
pub fn byte_at(text: &str, units: u32) -> usize {
    let mut n = 0u32;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if (b as i8) >= -0x40 {
            // The first byte of a character.
            if n >= units {
                return i;
            }
            n += 1 + u32::from(b >= 0xF0);
        }
    }
    text.len()
}

/// The widest line in columns (a tab to the next multiple of `tab`).
pub fn widest(text: &str, tab: usize) -> usize {
    text.split('\n')
        .map(|line| {
            if line.is_ascii() && !line.contains('\t') {
                line.len()
            } else {
                line.chars().fold(0, |col, c| if c == '\t' { col / tab * tab + tab } else { col + 1 })
            }
        })
        .max()
        .unwrap_or(0)
}

/// Where two texts first differ, in bytes (on a character boundary of both): where the
/// caret goes after an undo.
pub fn first_difference(a: &str, b: &str) -> usize {
    let mut i = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(i) || !b.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: usize) -> String {
        (0..lines).map(|i| format!("RUN echo {i}\n")).collect()
    }

    #[test]
    fn windows_are_whole_lines_around_a_line() {
        let t = text(5_000);
        let starts = line_starts(&t);
        assert_eq!(starts.len(), 5_001, "the empty line after the last newline counts");
        assert_eq!(line_of(&starts, 0), 0);
        assert_eq!(line_of(&starts, starts[2_500]), 2_500);
        assert_eq!(line_of(&starts, starts[2_500] - 1), 2_499, "a line's newline is on that line");
        assert_eq!(line_of(&starts, t.len()), 5_000);
        let w = around(&t, &starts, 2_500);
        assert_eq!((w.first, w.last), (2_000, 3_000));
        assert!(t[w.start..w.end].starts_with("RUN echo 2000\n"));
        assert!(t[w.start..w.end].ends_with("RUN echo 2999\n"));
        // Near the ends the window is clamped, and reaches the end of the text.
        let top = around(&t, &starts, 10);
        assert_eq!((top.first, top.last, top.start), (0, 1_000, 0));
        let bottom = around(&t, &starts, 4_990);
        assert_eq!((bottom.first, bottom.last, bottom.end), (4_001, 5_001, t.len()));
        assert_eq!(Window::whole(&t).lines(), 5_001);
        assert_eq!(Window::whole("").lines(), 1);
    }

    #[test]
    fn a_window_serves_views_well_inside_it() {
        let w = Window { start: 0, end: 0, first: 2_000, last: 3_000 };
        assert!(serves(&w, 5_001, (2_400, 2_440)));
        assert!(!serves(&w, 5_001, (2_100, 2_140)), "too close to the top");
        assert!(!serves(&w, 5_001, (2_830, 2_870)), "too close to the bottom");
        assert!(!serves(&w, 5_001, (4_000, 4_040)), "outside");
        // At the ends of the text there is no edge to come close to.
        assert!(serves(&Window { first: 0, last: 1_000, ..w }, 5_001, (0, 40)));
        assert!(serves(&Window { first: 4_001, last: 5_001, ..w }, 5_001, (4_960, 5_001)));
        // A window that a paste made too long is replaced.
        assert!(!serves(&Window { first: 0, last: 2_500, ..w }, 5_001, (0, 40)));
    }

    #[test]
    fn windows_survive_edits_inside_them() {
        let t = text(3_000);
        let w = around(&t, &line_starts(&t), 1_500);
        // Typing a line break inside the window: the same start, one more line.
        let mid = w.start + 5;
        let typed = format!("{}\n{}", &t[..mid], &t[mid..]);
        let k = keep(&t, w, &typed).unwrap();
        assert_eq!((k.start, k.end, k.first, k.last), (w.start, w.end + 1, w.first, w.last + 1));
        // An edit before the window, or one that joins its last line with the next, does not.
        assert_eq!(keep(&t, w, &format!("#{t}")), None);
        let joined = format!("{}{}", &t[..w.end - 1], &t[w.end..]);
        assert_eq!(keep(&t, w, &joined), None);
        // A window at the end of the text keeps reaching it.
        let tail = around(&t, &line_starts(&t), 2_990);
        let appended = format!("{t}RUN more");
        assert_eq!(keep(&t, tail, &appended).map(|k| (k.end, k.last)), Some((appended.len(), tail.last)));
        // Deleting all of it.
        assert_eq!(keep(&t, Window::whole(&t), ""), Some(Window::whole("")));
    }

    #[test]
    fn offsets_and_widths() {
        assert_eq!(utf16_len("a😀é"), 4);
        assert_eq!(byte_at("a😀é", 3), 5);
        assert_eq!(byte_at("a😀é", 99), 7);
        // Inside a surrogate pair: the next character.
        assert_eq!(byte_at("a😀é", 2), 5);
        // The same as counting characters, on every prefix of a mixed text.
        let text = "FROM é\tx 😀 \u{7ff}\u{800}\u{ffff}\u{10000} end";
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let units: u32 = text[..i].chars().map(|c| c.len_utf16() as u32).sum();
            assert_eq!(utf16_len(&text[..i]), units);
            assert_eq!(byte_at(text, units), i);
        }
        assert_eq!(widest("é\tx\nab", 4), 5);
        assert_eq!(widest("ab\n\tx\nabcdef", 4), 6);
        assert_eq!(widest("\t\tx", 4), 9);
        assert_eq!(first_difference("FROM a\nRUN x", "FROM a\nRUN y"), 11);
        assert_eq!(first_difference("é", "è"), 0);
        assert_eq!(first_difference("ab", "abc"), 2);
    }
}
