//! Small string routines that reproduce BuildKit's (Go's) behaviour exactly.

/// Go's `strconv.Quote`: a double-quoted string with Go escapes. Printable characters,
/// non-ASCII ones included, are kept as they are.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{07}' => out.push_str("\\a"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0B}' => out.push_str("\\v"),
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's `unicode.IsPrint`: letters, marks, numbers, punctuation,
/// symbols and the ASCII space. Control, format, separator and private-use characters are
/// not printable.
fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F
        | 0xD800..=0xF8FF | 0xFEFF | 0xFFF9..=0xFFFB | 0xFFFE | 0xFFFF
        | 0xE0001 | 0xE0020..=0xE007F | 0xF0000..=0x10FFFF)
}

/// A flag word after BuildKit's `extractBuilderFlags`: quotes group and are removed, and a
/// backslash keeps the next character (a backslash at the very end is dropped).
pub fn process_flag_word(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut quote: Option<char> = None;
    let mut it = raw.chars().peekable();
    while let Some(c) = it.next() {
        match quote {
            None => match c {
                '\'' | '"' => quote = Some(c),
                '\\' => {
                    if let Some(n) = it.next() {
                        out.push(n);
                    }
                }
                c => out.push(c),
            },
            Some(q) => {
                if c == q {
                    quote = None;
                } else if c == '\\' {
                    if let Some(n) = it.next() {
                        out.push(n);
                    }
                } else {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Decodes the inside of a JSON string that the grammar has already checked.
/// Lone surrogates become U+FFFD, as in Go's encoding/json.
pub fn json_unescape(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut it = inner.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{08}'),
            Some('f') => out.push('\u{0C}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hi = hex4(&mut it);
                if (0xD800..0xDC00).contains(&hi) {
                    // A high surrogate: only valid if a low one follows as `\uXXXX`.
                    let mut look = it.clone();
                    if look.next() == Some('\\') && look.next() == Some('u') {
                        let lo = hex4(&mut look);
                        if (0xDC00..0xE000).contains(&lo) {
                            it = look;
                            let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                            continue;
                        }
                    }
                    out.push('\u{FFFD}');
                } else {
                    out.push(char::from_u32(hi).unwrap_or('\u{FFFD}'));
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

fn hex4(it: &mut std::str::Chars<'_>) -> u32 {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + it.next().and_then(|c| c.to_digit(16)).unwrap_or(0);
    }
    v
}

/// Whether `s` is one valid JSON document (Go's `json.Unmarshal` rules: white space around
/// it allowed, nesting up to 10000 levels). Iterative, so any input is safe.
pub fn is_valid_json(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let ws = |i: &mut usize| {
        while *i < b.len() && matches!(b[*i], b' ' | b'\t' | b'\n' | b'\r') {
            *i += 1;
        }
    };
    // Stack of open containers: true = object, false = array.
    let mut stack: Vec<bool> = Vec::new();
    ws(&mut i);
    loop {
        // Expect a value.
        ws(&mut i);
        if i >= b.len() {
            return false;
        }
        match b[i] {
            b'{' | b'[' => {
                let obj = b[i] == b'{';
                if stack.len() >= 10000 {
                    return false;
                }
                i += 1;
                ws(&mut i);
                let close = if obj { b'}' } else { b']' };
                if i < b.len() && b[i] == close {
                    i += 1;
                } else {
                    stack.push(obj);
                    if obj && !json_key(b, &mut i, &ws) {
                        return false;
                    }
                    continue;
                }
            }
            b'"' => {
                if !json_string(b, &mut i) {
                    return false;
                }
            }
            b't' if b[i..].starts_with(b"true") => i += 4,
            b'f' if b[i..].starts_with(b"false") => i += 5,
            b'n' if b[i..].starts_with(b"null") => i += 4,
            b'-' | b'0'..=b'9' => {
                if !json_number(b, &mut i) {
                    return false;
                }
            }
            _ => return false,
        }
        // After a value: close containers or move to the next element.
        loop {
            ws(&mut i);
            let Some(&top) = stack.last() else {
                return i == b.len();
            };
            if i >= b.len() {
                return false;
            }
            match b[i] {
                b',' => {
                    i += 1;
                    if top && !json_key(b, &mut i, &ws) {
                        return false;
                    }
                    break;
                }
                b']' if !top => {
                    i += 1;
                    stack.pop();
                }
                b'}' if top => {
                    i += 1;
                    stack.pop();
                }
                _ => return false,
            }
        }
    }
}

fn json_key(b: &[u8], i: &mut usize, ws: &dyn Fn(&mut usize)) -> bool {
    ws(i);
    if *i >= b.len() || b[*i] != b'"' || !json_string(b, i) {
        return false;
    }
    ws(i);
    if *i < b.len() && b[*i] == b':' {
        *i += 1;
        true
    } else {
        false
    }
}

fn json_string(b: &[u8], i: &mut usize) -> bool {
    *i += 1;
    while *i < b.len() {
        match b[*i] {
            b'"' => {
                *i += 1;
                return true;
            }
            b'\\' => {
                *i += 1;
                match b.get(*i) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => *i += 1,
                    Some(b'u') => {
                        if b.len() < *i + 5 || !b[*i + 1..*i + 5].iter().all(u8::is_ascii_hexdigit) {
                            return false;
                        }
                        *i += 5;
                    }
                    _ => return false,
                }
            }
            c if c < 0x20 => return false,
            _ => *i += 1,
        }
    }
    false
}

fn json_number(b: &[u8], i: &mut usize) -> bool {
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > s
    };
    if b[*i] == b'-' {
        *i += 1;
    }
    if *i < b.len() && b[*i] == b'0' {
        *i += 1;
    } else if !digits(i) {
        return false;
    }
    if *i < b.len() && b[*i] == b'.' {
        *i += 1;
        if !digits(i) {
            return false;
        }
    }
    if *i < b.len() && (b[*i] == b'e' || b[*i] == b'E') {
        *i += 1;
        if *i < b.len() && (b[*i] == b'+' || b[*i] == b'-') {
            *i += 1;
        }
        if !digits(i) {
            return false;
        }
    }
    true
}

/// Levenshtein distance, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// OSA distance (Levenshtein with adjacent transpositions counting one), for typos.
pub fn typo_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// BuildKit's `suggest.WrapError`: the closest option at distance < 3, re-cased like the
/// input when matching ignores case.
pub fn suggest<'a>(
    value: &str,
    options: impl IntoIterator<Item = &'a str>,
    case_sensitive: bool,
) -> Option<String> {
    let cmp = |s: &str| {
        if case_sensitive {
            s.to_string()
        } else {
            s.to_ascii_lowercase()
        }
    };
    let v = cmp(value);
    let v_len = v.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for opt in options {
        let o = cmp(opt);
        // The distance is at least the difference in length, and only distances below 3 count.
        if v_len.abs_diff(o.chars().count()) >= 3 {
            continue;
        }
        let d = edit_distance(&v, &o);
        if d == 0 {
            return None;
        }
        if d < 3 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, opt));
        }
    }
    let (_, opt) = best?;
    Some(if case_sensitive {
        opt.to_string()
    } else if value.chars().all(|c| !c.is_uppercase()) {
        opt.to_ascii_lowercase()
    } else if value.chars().all(|c| !c.is_lowercase()) {
        opt.to_ascii_uppercase()
    } else {
        opt.to_string()
    })
}

/// The 1-based line number of a byte offset.
pub fn line_of(source: &str, offset: u32) -> usize {
    source[..offset as usize].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_like_go() {
        assert_eq!(go_quote("a\"b\\c\n\t\u{0}♥"), "\"a\\\"b\\\\c\\n\\t\\x00♥\"");
        assert_eq!(go_quote("\u{a0}\u{feff}"), "\"\\u00a0\\ufeff\"");
    }

    #[test]
    fn flag_words() {
        assert_eq!(process_flag_word(r#"--a="b c"\ d"#), "--a=b c d");
        assert_eq!(process_flag_word(r"--x='\''"), "--x='");
    }

    #[test]
    fn json_validity() {
        for ok in ["[]", " [1, \"a\", [true, null], {\"k\": -1.5e3}] ", "\"x\"", "0"] {
            assert!(is_valid_json(ok), "{ok}");
        }
        for bad in ["[", "[1,]", "['a']", "[\"a\"] x", "{\"a\"}", "[01]", "[\"\\x\"]", ""] {
            assert!(!is_valid_json(bad), "{bad}");
        }
        assert!(!is_valid_json(&"[".repeat(20000)));
    }

    #[test]
    fn json_strings() {
        assert_eq!(
            json_unescape(r#"\" \\ \/ \b \f \n \r \t \u0000 \u00e9 \ud83d\ude00 \ud800"#),
            "\" \\ / \u{8} \u{c} \n \r \t \u{0} é 😀 \u{fffd}"
        );
    }

    #[test]
    fn suggestions() {
        let names = ["ADD", "COPY", "RUN"];
        assert_eq!(suggest("RUNN", names, false).as_deref(), Some("RUN"));
        assert_eq!(suggest("runn", names, false).as_deref(), Some("run"));
        assert_eq!(suggest("XYZZY", names, false), None);
        assert_eq!(suggest("form", ["from", "chown"], true).as_deref(), Some("from"));
    }

    #[test]
    fn typos() {
        assert_eq!(typo_distance("PAHT", "PATH"), 1);
        assert_eq!(typo_distance("abc", "abd"), 1);
        assert_eq!(typo_distance("abc", "xyz"), 3);
    }
}
