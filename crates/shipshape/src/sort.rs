//! One sort for the engine and the playground.
//!
//! Every `sort_by_key` on a new element type makes the compiler emit a new copy of the
//! standard library's sorting code (a few kilobytes each). In the browser build that came
//! to 120 KB of wasm over about 30 call sites. These helpers sort a list of indices with a
//! comparator behind `dyn`, so the sorting code exists once, then move the elements into
//! place. They are stable, like `slice::sort_by`.

use std::cmp::Ordering;

/// The order of `0..len` under `cmp`, ties kept in index order (the only sort compiled).
#[inline(never)]
fn order(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..len).collect();
    idx.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    idx
}

/// Puts `v[order[i]]` at `i`, following the permutation's cycles with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for i in 0..order.len() {
        if order[i] == usize::MAX {
            continue;
        }
        let mut cur = i;
        loop {
            let next = order[cur];
            order[cur] = usize::MAX;
            if next == i {
                break;
            }
            v.swap(cur, next);
            cur = next;
        }
    }
}

/// A stable sort with a comparator (`slice::sort_by`).
pub fn by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let o = order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, o);
}

/// A stable sort by a key (`slice::sort_by_key`).
pub fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// A stable sort of `Ord` values (`slice::sort`).
pub fn plain<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standard_sort() {
        // A small LCG: varied lengths, many ties, no dependency.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as u32
        };
        for len in [0usize, 1, 2, 3, 7, 31, 100, 1000] {
            let v: Vec<(u32, usize)> = (0..len).map(|i| (next() % 13, i)).collect();
            let mut ours = v.clone();
            by_key(&mut ours, |p| p.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "stable order, length {len}");
            let mut desc = v.clone();
            by(&mut desc, |a, b| b.cmp(a));
            let mut std = v;
            std.sort_by(|a, b| b.cmp(a));
            assert_eq!(desc, std);
        }
        let mut words = vec!["pear", "apple", "fig", "apple"];
        plain(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
    }
}
