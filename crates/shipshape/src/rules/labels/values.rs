//! Shared helpers of the LABEL rules (DL3048–DL3058): label keys and values as the build
//! sees them (quotes removed), the label schema of the configuration, and the validators
//! of the schema types (URL, RFC 3339 time, SPDX id, git hash, SemVer, e-mail), written to
//! accept what hadolint's libraries accept.

use crate::config::LabelType;
use crate::rules::Cx;
use crate::syntax::lex::{var_refs, Lexer, NoEnv};
use crate::syntax::{Args, Instruction, KeyValue, Word};

/// A word of a LABEL as BuildKit's lexer reads it: quotes and escapes removed, variables
/// left unexpanded (callers check [`has_vars`] first when that matters). Unlike
/// [`crate::shell::queries::unquote`] (one pair of surrounding quotes) and
/// [`crate::analysis::context::drop_quotes`] (hadolint's trim), this is the label's key or
/// value as the image gets it: `"a"'b'` is `ab`, `a\ b` is `a b`.
pub(crate) fn lexed(cx: &Cx, word: &Word) -> String {
    if !word.text.contains(['"', '\'', cx.file.escape]) {
        return word.text.clone();
    }
    let mut lexer = Lexer::new(cx.file.escape);
    lexer.skip_unset_env = true;
    match lexer.process_word(&word.text, &NoEnv) {
        Ok(p) => p.result,
        Err(_) => word.text.clone(),
    }
}

/// Whether a word refers to a variable (its value is only known at build time).
pub(crate) fn has_vars(cx: &Cx, word: &Word) -> bool {
    word.text.contains('$') && !var_refs(&word.text, cx.file.escape).is_empty()
}

/// The key/value pairs of a LABEL instruction (none for anything else).
pub(crate) fn pairs(instr: &Instruction) -> &[KeyValue] {
    match (&instr.keyword, &instr.args) {
        (crate::syntax::Keyword::Label, Args::KeyValues { pairs, .. }) => pairs,
        _ => &[],
    }
}

/// The type the schema gives to a label key, if the schema names it.
pub(crate) fn schema_type(cx: &Cx, key: &str) -> Option<LabelType> {
    cx.config.label_schema.iter().find(|(name, _)| name == key).map(|(_, ty)| *ty)
}

/// The pairs of a LABEL whose key the schema types as `ty` and whose value can be checked
/// (it holds no variable reference): each with its unquoted key and value.
pub(crate) fn typed_values<'a>(
    cx: &Cx,
    instr: &'a Instruction,
    ty: LabelType,
) -> Vec<(&'a KeyValue, String, String)> {
    if cx.config.label_schema.is_empty() {
        return Vec::new();
    }
    pairs(instr)
        .iter()
        .filter_map(|p| {
            let key = lexed(cx, &p.key);
            if schema_type(cx, &key) != Some(ty) || has_vars(cx, &p.value) {
                return None;
            }
            let value = lexed(cx, &p.value);
            Some((p, key, value))
        })
        .collect()
}

// ─── Validators ─────────────────────────────────────────────────────────────────────────

fn is_unreserved(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~')
}

fn is_sub_delim(c: u8) -> bool {
    matches!(c, b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=')
}

/// Every byte of `s` is allowed by `ok` or starts a `%XX` escape.
fn uri_chars(s: &[u8], ok: impl Fn(u8) -> bool) -> bool {
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' {
            if i + 2 >= s.len() || !(s[i + 1].is_ascii_hexdigit() && s[i + 2].is_ascii_hexdigit()) {
                return false;
            }
            i += 3;
        } else if ok(s[i]) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

fn is_pchar(c: u8) -> bool {
    is_unreserved(c) || is_sub_delim(c) || matches!(c, b':' | b'@')
}

fn is_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

fn is_ipv6(s: &str) -> bool {
    // Split off an embedded IPv4 address at the end.
    let (head, v4_groups) = match s.rfind(':') {
        Some(i) if s[i + 1..].contains('.') => {
            if !is_ipv4(&s[i + 1..]) {
                return false;
            }
            // Keep the colon when it is part of a `::`.
            let head = if s[..i].ends_with(':') { &s[..=i] } else { &s[..i] };
            (head, 2)
        }
        _ => (s, 0),
    };
    let hex = |g: &str| !g.is_empty() && g.len() <= 4 && g.bytes().all(|b| b.is_ascii_hexdigit());
    let max = 8 - v4_groups;
    match head.find("::") {
        Some(i) => {
            let (a, b) = (&head[..i], &head[i + 2..]);
            if b.contains("::") {
                return false;
            }
            let count = |p: &str| -> Option<usize> {
                if p.is_empty() {
                    return Some(0);
                }
                let groups: Vec<&str> = p.split(':').collect();
                groups.iter().all(|g| hex(g)).then_some(groups.len())
            };
            match (count(a), count(b)) {
                (Some(x), Some(y)) => x + y < max,
                _ => false,
            }
        }
        None => {
            if head.is_empty() {
                return false;
            }
            let groups: Vec<&str> = head.split(':').collect();
            groups.len() == max && groups.iter().all(|g| hex(g))
        }
    }
}

fn is_ip_literal(s: &str) -> bool {
    if let Some(rest) = s.strip_prefix(['v', 'V']) {
        let Some((ver, addr)) = rest.split_once('.') else { return false };
        return !ver.is_empty()
            && ver.bytes().all(|b| b.is_ascii_hexdigit())
            && !addr.is_empty()
            && addr.bytes().all(|b| is_unreserved(b) || is_sub_delim(b) || b == b':');
    }
    is_ipv6(s)
}

fn is_authority(a: &str) -> bool {
    let host_port = match a.split_once('@') {
        Some((user, rest)) => {
            if !uri_chars(user.as_bytes(), |c| is_unreserved(c) || is_sub_delim(c) || c == b':') {
                return false;
            }
            rest
        }
        None => a,
    };
    let (host, port) = if let Some(inner) = host_port.strip_prefix('[') {
        let Some(end) = inner.find(']') else { return false };
        if !is_ip_literal(&inner[..end]) {
            return false;
        }
        let after = &inner[end + 1..];
        match after.strip_prefix(':') {
            Some(p) => ("", Some(p)),
            None if after.is_empty() => ("", None),
            None => return false,
        }
    } else {
        match host_port.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    uri_chars(host.as_bytes(), |c| is_unreserved(c) || is_sub_delim(c))
        && port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// An absolute URI (RFC 3986): `scheme:[//authority]path[?query][#fragment]`.
pub(crate) fn is_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let sb = scheme.as_bytes();
    if sb.is_empty()
        || !sb[0].is_ascii_alphabetic()
        || !sb.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
    {
        return false;
    }
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (rest, None),
    };
    let (hier, query) = match rest.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (rest, None),
    };
    let query_ok = |q: &str| uri_chars(q.as_bytes(), |c| is_pchar(c) || c == b'/' || c == b'?');
    if !fragment.is_none_or(query_ok) || !query.is_none_or(query_ok) {
        return false;
    }
    let path = match hier.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            if !is_authority(&after[..end]) {
                return false;
            }
            &after[end..]
        }
        None => hier,
    };
    uri_chars(path.as_bytes(), |c| is_pchar(c) || c == b'/')
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// A date-time as RFC 3339 writes it: `2024-05-01T12:00:00Z`, `…T12:00:00.5+02:00`.
/// The year may have any number of digits, `t` and `z` may be lower case (as hadolint's
/// parser allows).
pub(crate) fn is_rfc3339(s: &str) -> bool {
    let Some((date, time)) = s.split_once(['T', 't']) else { return false };
    let mut d = date.splitn(3, '-');
    let (Some(y), Some(m), Some(day)) = (d.next(), d.next(), d.next()) else { return false };
    if y.is_empty() || !y.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let (Some(m), Some(day)) = (digits(m, 2), digits(day, 2)) else { return false };
    let year: u64 = y.parse().unwrap_or(1);
    let divides = |by: u64| year.checked_rem(by) == Some(0);
    let leap = divides(4) && (!divides(100) || divides(400));
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days || time.len() < 8 {
        return false;
    }
    let (hms, rest) = time.split_at(8);
    let b = hms.as_bytes();
    if b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(h), Some(mi), Some(sec)) = (digits(&hms[..2], 2), digits(&hms[3..5], 2), digits(&hms[6..], 2))
    else {
        return false;
    };
    if h > 23 || mi > 59 || sec > 60 {
        return false;
    }
    let zone = match rest.strip_prefix('.') {
        Some(r) => r.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => rest,
    };
    if zone == "Z" || zone == "z" {
        return true;
    }
    let Some(off) = zone.strip_prefix(['+', '-']) else { return false };
    let off = off.replacen(':', "", usize::from(off.len() == 5 && off.as_bytes()[2] == b':'));
    digits(&off, 4).is_some()
}

/// A git commit hash: 40 or 7 lower-case hex digits.
pub(crate) fn is_git_hash(s: &str) -> bool {
    (s.len() == 40 || s.len() == 7) && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A semantic version `MAJOR.MINOR.PATCH[-pre][+build]`, as hadolint's SemVer parser
/// reads it (leading zeros are accepted, and so is an empty pre-release or build part).
pub(crate) fn is_semver(s: &str) -> bool {
    let (rest, build) = match s.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (s, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let ids = |p: &str| {
        p.is_empty()
            || p.split('.')
                .all(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && pre.is_none_or(ids)
        && build.is_none_or(ids)
}

/// Reads an e-mail address (RFC 5322 `addr-spec`, with the comments and folding white
/// space it allows around atoms).
struct Email<'a> {
    s: &'a [u8],
    i: usize,
}

impl Email<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// Comments and white space.
    fn cfws(&mut self) -> bool {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\r' | b'\n') => self.i += 1,
                Some(b'(') => {
                    if !self.comment() {
                        return false;
                    }
                }
                _ => return true,
            }
        }
    }

    fn comment(&mut self) -> bool {
        self.i += 1;
        loop {
            match self.peek() {
                None => return false,
                Some(b')') => {
                    self.i += 1;
                    return true;
                }
                Some(b'(') => {
                    if !self.comment() {
                        return false;
                    }
                }
                Some(b'\\') => self.i += 2,
                Some(_) => self.i += 1,
            }
        }
    }

    fn atom(&mut self) -> bool {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&c)) {
            self.i += 1;
        }
        self.i > start
    }

    fn quoted(&mut self) -> bool {
        self.i += 1;
        loop {
            match self.peek() {
                None => return false,
                Some(b'"') => {
                    self.i += 1;
                    return true;
                }
                Some(b'\\') => {
                    if self.s.get(self.i + 1).is_none_or(|c| !(b' '..=b'~').contains(c) && *c != b'\t') {
                        return false;
                    }
                    self.i += 2;
                }
                Some(c) if c == b' ' || c == b'\t' || (33..=126).contains(&c) => self.i += 1,
                Some(_) => return false,
            }
        }
    }

    fn local(&mut self) -> bool {
        loop {
            if !self.cfws() {
                return false;
            }
            let ok = if self.peek() == Some(b'"') { self.quoted() } else { self.atom() };
            if !ok || !self.cfws() {
                return false;
            }
            if self.peek() != Some(b'.') {
                return true;
            }
            self.i += 1;
        }
    }

    fn label(&mut self) -> bool {
        if !self.cfws() {
            return false;
        }
        let start = self.i;
        if !self.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == b'-') {
            self.i += 1;
        }
        let label = &self.s[start..self.i];
        label.len() <= 63 && label.last() != Some(&b'-') && self.cfws()
    }

    fn domain(&mut self) -> bool {
        if !self.cfws() {
            return false;
        }
        if self.peek() == Some(b'[') {
            self.i += 1;
            while self.peek().is_some_and(|c| {
                c != b']' && c != b'[' && c != b'\\' && (33..=126).contains(&c) || c == b' ' || c == b'\t'
            }) {
                self.i += 1;
            }
            if self.peek() != Some(b']') {
                return false;
            }
            self.i += 1;
            return self.cfws();
        }
        let start = self.i;
        loop {
            if !self.label() {
                return false;
            }
            if self.peek() != Some(b'.') {
                break;
            }
            self.i += 1;
            // A trailing dot ends the domain.
            if self.i == self.s.len() {
                break;
            }
        }
        self.i - start <= 254
    }
}

/// An e-mail address `local@domain` (no display name, no angle brackets).
pub(crate) fn is_email(s: &str) -> bool {
    let mut p = Email { s: s.as_bytes(), i: 0 };
    if !p.local() || p.peek() != Some(b'@') {
        return false;
    }
    p.i += 1;
    p.domain() && p.i == p.s.len()
}

/// A compact list of SPDX license identifiers: the ones found in practice, not the whole
/// SPDX list (hadolint embeds the full list; an id missing here is reported as unknown).
/// Deprecated ids such as `GPL-3.0` are left out, as hadolint does.
const SPDX_IDS: &[&str] = &[
    "0BSD",
    "AAL",
    "AFL-1.1",
    "AFL-1.2",
    "AFL-2.0",
    "AFL-2.1",
    "AFL-3.0",
    "AGPL-1.0-only",
    "AGPL-1.0-or-later",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Apache-1.0",
    "Apache-1.1",
    "Apache-2.0",
    "APSL-2.0",
    "Artistic-1.0",
    "Artistic-1.0-Perl",
    "Artistic-2.0",
    "Beerware",
    "BlueOak-1.0.0",
    "BSD-1-Clause",
    "BSD-2-Clause",
    "BSD-2-Clause-Patent",
    "BSD-3-Clause",
    "BSD-3-Clause-Clear",
    "BSD-3-Clause-LBNL",
    "BSD-4-Clause",
    "BSL-1.0",
    "BUSL-1.1",
    "bzip2-1.0.6",
    "CC-BY-1.0",
    "CC-BY-2.0",
    "CC-BY-2.5",
    "CC-BY-3.0",
    "CC-BY-4.0",
    "CC-BY-NC-4.0",
    "CC-BY-NC-ND-4.0",
    "CC-BY-NC-SA-4.0",
    "CC-BY-ND-4.0",
    "CC-BY-SA-3.0",
    "CC-BY-SA-4.0",
    "CC0-1.0",
    "CDDL-1.0",
    "CDDL-1.1",
    "CECILL-2.1",
    "CPAL-1.0",
    "CPL-1.0",
    "curl",
    "ECL-2.0",
    "EFL-2.0",
    "Elastic-2.0",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "FSFAP",
    "FTL",
    "GFDL-1.3-only",
    "GFDL-1.3-or-later",
    "GPL-1.0-only",
    "GPL-1.0-or-later",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "HPND",
    "ICU",
    "IJG",
    "ImageMagick",
    "IPL-1.0",
    "ISC",
    "JSON",
    "LGPL-2.0-only",
    "LGPL-2.0-or-later",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "Libpng",
    "libtiff",
    "LPPL-1.3c",
    "MIT",
    "MIT-0",
    "MirOS",
    "MPL-1.0",
    "MPL-1.1",
    "MPL-2.0",
    "MPL-2.0-no-copyleft-exception",
    "MS-PL",
    "MS-RL",
    "MulanPSL-2.0",
    "NCSA",
    "NTP",
    "ODbL-1.0",
    "OFL-1.1",
    "OpenSSL",
    "OSL-3.0",
    "PHP-3.0",
    "PHP-3.01",
    "PostgreSQL",
    "PSF-2.0",
    "Python-2.0",
    "Ruby",
    "SISSL",
    "Sleepycat",
    "SSPL-1.0",
    "TCL",
    "Unicode-DFS-2016",
    "Unlicense",
    "UPL-1.0",
    "Vim",
    "W3C",
    "WTFPL",
    "X11",
    "Xnet",
    "Zlib",
    "ZPL-2.0",
    "ZPL-2.1",
];

/// One SPDX license identifier (not an expression: `MIT OR Apache-2.0` is not one).
pub(crate) fn is_spdx(s: &str) -> bool {
    SPDX_IDS.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for ok in [
            "https://example.com/a?b=c#d",
            "localhost:8080",
            "http://[::1]:80/x",
            "http://user:pw@host:99/",
            "https://",
            "a+b:",
            "http://a/%41",
            "http://a/x?y?z",
            "http://[v1.x]/",
            "http://1.2.3.4:/",
            "HTTP://A",
            "mailto:a@b",
            "http://[::ffff:1.2.3.4]/",
        ] {
            assert!(is_url(ok), "{ok}");
        }
        for bad in [
            "",
            "example.com",
            "http://x.com/a b",
            "http://x:y/",
            "http://%zz",
            "http://a/{x}",
            "http://a/|",
            "http://a/#x#y",
            "http://a/^",
            "http://a/[x]",
            "http://a@b@c/",
            "1a:x",
            "http://[zz]/",
            "http://ä.com/",
            "http://a/%4",
            "http:x y",
            "http://a/\"",
        ] {
            assert!(!is_url(bad), "{bad}");
        }
    }

    #[test]
    fn times() {
        for ok in [
            "2020-01-01T00:00:00Z",
            "2020-01-01t00:00:00z",
            "2020-01-01T00:00:00.123+0100",
            "2020-01-01T00:00:00.Z",
            "2020-01-01T00:00:00+25:00",
            "2020-02-29T00:00:00Z",
            "99-01-01T00:00:00-00:00",
            "2020-01-01T00:00:60Z",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "2020-01-01 00:00:00+01:00",
            "2020-02-30T00:00:00Z",
            "2020-01-01T24:00:00Z",
            "2020-01-01T00:00:00UTC",
            "2020-01-01T00:00Z",
            "2020-1-1T00:00:00Z",
            "2020-01-01T00:00:00+01",
            "2021-02-29T00:00:00Z",
            "2020-01-01T00:00:00,5Z",
            "2020-01-01T00:00:00",
            "2020-01-01T00:00:00+1:00",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }

    #[test]
    fn semvers_hashes_spdx() {
        for ok in
            ["1.2.3", "01.2.3", "1.2.3-01", "1.2.3-rc.1+b.01", "1.2.3-", "1.2.3+", "1.2.3--", "1.2.3-a-b"]
        {
            assert!(is_semver(ok), "{ok}");
        }
        for bad in
            ["v1.2.3", "1.2", "1.2.3.4", "1.2.3-a..b", "1.2.3-a_b", "1.2.3-.", "1.2.3+a+b", "a.b.c", ""]
        {
            assert!(!is_semver(bad), "{bad}");
        }
        assert!(is_git_hash("abcdef1") && is_git_hash(&"a".repeat(40)));
        assert!(!is_git_hash("ABCDEF1") && !is_git_hash("abcdef") && !is_git_hash(""));
        assert!(is_spdx("MIT") && is_spdx("Apache-2.0"));
        assert!(
            !is_spdx("mit") && !is_spdx("GPL-3.0") && !is_spdx("MIT OR Apache-2.0") && !is_spdx("GPL-3.0+")
        );
    }

    #[test]
    fn emails() {
        for ok in [
            "a@b",
            "a@b.c.",
            "a@b.c-d",
            "a+b@c.d",
            "a@1.2",
            "A@B.COM",
            "a@b.c ",
            "a(c)@b",
            "\"a b\"@x.y",
            "a@[1.2.3.4]",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "a@b..c",
            "a@.b",
            "a@b-.c",
            "a@-b.c",
            "a@_b",
            "a b@c",
            "a@b c",
            ".a@b",
            "a@",
            "@b",
            "a@b@c",
            "a..b@c",
            "a.@b",
            "me <a@b.c>",
            "",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
