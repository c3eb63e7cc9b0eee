//! Line diffs of a file before and after its fixes: Myers' O((N+M)·D) algorithm over
//! lines, as a list of operations (for the playground's diff view) and as a unified diff
//! (for `shipshape check --diff`).

/// One line of a diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffLine<'a> {
    /// In both texts: (line number before, line number after), 1-based.
    Same(u32, u32, &'a str),
    /// Only before (line number before).
    Removed(u32, &'a str),
    /// Only after (line number after).
    Added(u32, &'a str),
}

/// Splits into lines, each with its line break (the last may have none).
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The line diff of `before` and `after`. Lines keep their line breaks, so a change of
/// line ending or of the final newline shows too.
pub fn diff_lines<'a>(before: &'a str, after: &'a str) -> Vec<DiffLine<'a>> {
    let a = lines(before);
    let b = lines(after);
    // Common prefix and suffix first: fixes touch few lines.
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut out = Vec::with_capacity(a.len().max(b.len()) + 4);
    for (i, line) in a[..prefix].iter().enumerate() {
        out.push(DiffLine::Same(i as u32 + 1, i as u32 + 1, line));
    }
    let (mut i, mut j) = (prefix, prefix);
    for op in myers(am, bm) {
        match op {
            Op::Same => {
                out.push(DiffLine::Same(i as u32 + 1, j as u32 + 1, a[i]));
                i += 1;
                j += 1;
            }
            Op::Del => {
                out.push(DiffLine::Removed(i as u32 + 1, a[i]));
                i += 1;
            }
            Op::Ins => {
                out.push(DiffLine::Added(j as u32 + 1, b[j]));
                j += 1;
            }
        }
    }
    for k in 0..suffix {
        out.push(DiffLine::Same((i + k) as u32 + 1, (j + k) as u32 + 1, a[i + k]));
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Same,
    Del,
    Ins,
}

/// Myers' shortest edit script between `a` and `b`.
fn myers(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    if max == 0 {
        return Vec::new();
    }
    let offset = max as isize;
    let mut v = vec![0isize; 2 * max + 2];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    'outer: for d in 0..=max as isize {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let idx = (k + offset) as usize;
            let mut x =
                if k == -d || (k != d && v[idx - 1] < v[idx + 1]) { v[idx + 1] } else { v[idx - 1] + 1 };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n && y >= m {
                break 'outer;
            }
            k += 2;
        }
    }
    // Walk back through the saved frontiers.
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (0..trace.len() as isize).rev() {
        let v = &trace[d as usize];
        let k = x - y;
        let idx = (k + offset) as usize;
        let prev_k = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) { k + 1 } else { k - 1 };
        let prev_x = if d == 0 { 0 } else { v[(prev_k + offset) as usize] };
        let prev_y = prev_x - prev_k;
        while x > prev_x.max(0) && y > prev_y.max(0) && x > 0 && y > 0 {
            ops.push(Op::Same);
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            if x == prev_x {
                ops.push(Op::Ins);
                y -= 1;
            } else {
                ops.push(Op::Del);
                x -= 1;
            }
        }
    }
    while x > 0 && y > 0 {
        ops.push(Op::Same);
        x -= 1;
        y -= 1;
    }
    ops.reverse();
    ops
}

/// A unified diff (`--- old_label`, `+++ new_label`, hunks with `context` lines around
/// each change), or the empty string when the texts are equal.
pub fn unified(before: &str, after: &str, old_label: &str, new_label: &str, context: usize) -> String {
    if before == after {
        return String::new();
    }
    let ops = diff_lines(before, after);
    let changed: Vec<usize> =
        ops.iter().enumerate().filter(|(_, o)| !matches!(o, DiffLine::Same(..))).map(|(i, _)| i).collect();
    // Group changes whose context windows touch into hunks.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &c in &changed {
        let (start, end) = (c.saturating_sub(context), (c + context + 1).min(ops.len()));
        match hunks.last_mut() {
            Some(h) if start <= h.1 => h.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    let mut out = format!("--- {old_label}\n+++ {new_label}\n");
    for (start, end) in hunks {
        let slice = &ops[start..end];
        let first_a = slice.iter().find_map(|o| match o {
            DiffLine::Same(a, _, _) | DiffLine::Removed(a, _) => Some(*a),
            DiffLine::Added(..) => None,
        });
        let first_b = slice.iter().find_map(|o| match o {
            DiffLine::Same(_, b, _) | DiffLine::Added(b, _) => Some(*b),
            DiffLine::Removed(..) => None,
        });
        let count_a = slice.iter().filter(|o| !matches!(o, DiffLine::Added(..))).count();
        let count_b = slice.iter().filter(|o| !matches!(o, DiffLine::Removed(..))).count();
        // An empty side starts at the line before (0 when at the top), as diff(1) does.
        let start_a = first_a.unwrap_or_else(|| before_line(&ops[..start], true));
        let start_b = first_b.unwrap_or_else(|| before_line(&ops[..start], false));
        out.push_str(&format!("@@ -{} +{} @@\n", range(start_a, count_a), range(start_b, count_b)));
        for o in slice {
            let (sign, line) = match o {
                DiffLine::Same(_, _, l) => (' ', *l),
                DiffLine::Removed(_, l) => ('-', *l),
                DiffLine::Added(_, l) => ('+', *l),
            };
            out.push(sign);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// The last line number of one side among `ops` (0 when none).
fn before_line(ops: &[DiffLine], side_a: bool) -> u32 {
    ops.iter()
        .rev()
        .find_map(|o| match (o, side_a) {
            (DiffLine::Same(a, _, _), true) | (DiffLine::Removed(a, _), true) => Some(*a),
            (DiffLine::Same(_, b, _), false) | (DiffLine::Added(b, _), false) => Some(*b),
            _ => None,
        })
        .unwrap_or(0)
}

fn range(start: u32, count: usize) -> String {
    if count == 1 {
        start.to_string()
    } else {
        format!("{start},{count}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rebuilds both texts from the diff.
    fn sides(ops: &[DiffLine]) -> (String, String) {
        let (mut a, mut b) = (String::new(), String::new());
        for o in ops {
            match o {
                DiffLine::Same(_, _, l) => {
                    a.push_str(l);
                    b.push_str(l);
                }
                DiffLine::Removed(_, l) => a.push_str(l),
                DiffLine::Added(_, l) => b.push_str(l),
            }
        }
        (a, b)
    }

    #[test]
    fn diffs_rebuild_both_sides_and_are_minimal() {
        let cases = [
            ("", ""),
            ("a\n", ""),
            ("", "a\n"),
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("a\nb\nc\nd\ne\n", "a\nc\nd\nx\ne\ny\n"),
            ("x\ny", "x\ny\n"),
            ("a\nb\na\nb\n", "b\na\nb\na\n"),
        ];
        for (a, b) in cases {
            let ops = diff_lines(a, b);
            assert_eq!(sides(&ops), (a.to_string(), b.to_string()), "{a:?} → {b:?}");
        }
        let ops = diff_lines("a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(ops.iter().filter(|o| !matches!(o, DiffLine::Same(..))).count(), 2);
    }

    /// Against a dynamic-programming LCS on many small random inputs: the diff rebuilds
    /// both texts and changes as few lines as possible.
    #[test]
    fn minimal_on_random_inputs() {
        let mut seed = 0x2545_f491_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..2000 {
            let mut text =
                |n: u64| -> String { (0..next() % n).map(|_| format!("{}\n", next() % 4)).collect() };
            let (a, b) = (text(9), text(9));
            let ops = diff_lines(&a, &b);
            assert_eq!(sides(&ops), (a.clone(), b.clone()));
            let (la, lb) = (lines(&a), lines(&b));
            let mut dp = vec![vec![0usize; lb.len() + 1]; la.len() + 1];
            for i in (0..la.len()).rev() {
                for j in (0..lb.len()).rev() {
                    dp[i][j] =
                        if la[i] == lb[j] { dp[i + 1][j + 1] + 1 } else { dp[i + 1][j].max(dp[i][j + 1]) };
                }
            }
            let same = ops.iter().filter(|o| matches!(o, DiffLine::Same(..))).count();
            assert_eq!(same, dp[0][0], "{a:?} → {b:?}");
        }
    }

    #[test]
    fn unified_diff() {
        let before = "FROM debian\nRUN apt-get install curl\nCMD x\n";
        let after = "FROM debian\nRUN apt-get install -y curl\nCMD x\n";
        assert_eq!(
            unified(before, after, "a/Dockerfile", "b/Dockerfile", 3),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n FROM debian\n-RUN apt-get install curl\n+RUN apt-get install -y curl\n CMD x\n"
        );
        assert_eq!(unified(before, before, "a/Dockerfile", "b/Dockerfile", 3), "");
        let long: String = (1..=20).map(|i| format!("l{i}\n")).collect();
        let changed = long.replace("l2\n", "L2\n").replace("l18\n", "L18\n");
        let d = unified(&long, &changed, "a/f", "b/f", 1);
        assert!(d.contains("@@ -1,3 +1,3 @@\n l1\n-l2\n+L2\n l3\n"), "{d}");
        assert!(d.contains("@@ -17,3 +17,3 @@\n l17\n-l18\n+L18\n l19\n"), "{d}");
        assert_eq!(unified("a", "b", "a/f", "b/f", 3), "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n");
        assert_eq!(unified("a\n", "", "a/f", "b/f", 3), "--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-a\n");
    }
}
