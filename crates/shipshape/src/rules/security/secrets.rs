//! Secrets in text: the value scanner of SS5007 and SS5009, placeholders that are not
//! secrets, and masking a secret before it is shown.

use std::ops::Range;

/// A secret for a message: four characters at each end of long values, the first two of
/// medium ones (10 to 15 characters), none of short ones (`AKIAIOSFODNN7EXAMPLE` → `AKIA************MPLE`).
pub(crate) fn mask(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    let n = chars.len();
    let (head, tail) = match n {
        16.. => (4, 4),
        10..=15 => (2, 0),
        _ => (0, 0),
    };
    let mut out: String = chars[..head].iter().collect();
    out.extend(std::iter::repeat_n('*', n - head - tail));
    out.extend(&chars[n - tail..]);
    out
}

/// Whether a password value is a placeholder or an empty default rather than a secret.
pub(crate) fn placeholder(value: &str) -> bool {
    let v = value.trim().to_ascii_lowercase();
    let distinct = {
        let mut cs: Vec<char> = v.chars().collect();
        crate::sort::plain(&mut cs);
        cs.dedup();
        cs.len()
    };
    v.len() < 2
        || distinct < 2
        || v.starts_with(['$', '%', '<', '{', '`', '-', '('])
        || v.contains(['$', '*'])
        || v.contains("{{")
        || matches!(
            v.as_str(),
            "changeme"
                | "change_me"
                | "change-me"
                | "changeit"
                | "password"
                | "passwd"
                | "pass"
                | "secret"
                | "example"
                | "none"
                | "null"
                | "nil"
                | "empty"
                | "true"
                | "false"
                | "todo"
                | "redacted"
                | "your_password"
                | "yourpassword"
                | "your-password"
                | "mypassword"
                | "my_password"
                | "placeholder"
                | "xxx"
                | "xxxx"
                | "xxxxxx"
        )
        || v.starts_with("your")
}

/// What kind of secret was found, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SecretKind {
    AwsAccessKeyId,
    AwsSecretKey,
    GitHubToken,
    GitLabToken,
    SlackToken,
    PrivateKey,
    Password,
}

impl SecretKind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            SecretKind::AwsAccessKeyId => "an AWS access key id",
            SecretKind::AwsSecretKey => "an AWS secret access key",
            SecretKind::GitHubToken => "a GitHub token",
            SecretKind::GitLabToken => "a GitLab personal access token",
            SecretKind::SlackToken => "a Slack token",
            SecretKind::PrivateKey => "a private key",
            SecretKind::Password => "a password",
        }
    }
}

/// A secret found in a text: its byte range and kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub range: Range<usize>,
    pub kind: SecretKind,
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// The length of the run of bytes from `at` that satisfy `ok`.
fn run_len(b: &[u8], at: usize, ok: impl Fn(u8) -> bool) -> usize {
    b[at.min(b.len())..].iter().take_while(|&&c| ok(c)).count()
}

/// Whether the token body looks random rather than a filler (`xxxx…`, `0000…`).
fn varied(body: &[u8]) -> bool {
    let mut seen = [false; 256];
    let mut n = 0;
    for &c in body {
        if !seen[c as usize] {
            seen[c as usize] = true;
            n += 1;
        }
    }
    n >= 6
}

/// Finds credentials with a recognisable shape in `text`: AWS key ids and secret keys,
/// GitHub, GitLab and Slack tokens, private key blocks and `password=` literals.
pub(crate) fn find_secrets(text: &str) -> Vec<Found> {
    let b = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    let lb = lower.as_bytes();
    let mut out: Vec<Found> = Vec::new();
    let boundary_before = |i: usize| i == 0 || !(is_alnum(b[i - 1]) || b[i - 1] == b'_');
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        // AWS access key ids: AKIA/ASIA + 16 upper-case letters or digits.
        if (rest.starts_with(b"AKIA") || rest.starts_with(b"ASIA")) && boundary_before(i) {
            let n = run_len(b, i + 4, |c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if n == 16 && !b.get(i + 20).is_some_and(|&c| is_alnum(c)) {
                out.push(Found { range: i..i + 20, kind: SecretKind::AwsAccessKeyId });
                i += 20;
                continue;
            }
        }
        // GitHub tokens: ghp_, gho_, ghu_, ghs_, ghr_ + 36, github_pat_ + 22 or more.
        if rest.len() > 4
            && rest.starts_with(b"gh")
            && matches!(rest[2], b'p' | b'o' | b'u' | b's' | b'r')
            && rest[3] == b'_'
            && boundary_before(i)
        {
            let n = run_len(b, i + 4, is_alnum);
            if n >= 36 && varied(&b[i + 4..i + 4 + n]) {
                out.push(Found { range: i..i + 4 + n, kind: SecretKind::GitHubToken });
                i += 4 + n;
                continue;
            }
        }
        if rest.starts_with(b"github_pat_") && boundary_before(i) {
            let n = run_len(b, i + 11, |c| is_alnum(c) || c == b'_');
            if n >= 22 && varied(&b[i + 11..i + 11 + n]) {
                out.push(Found { range: i..i + 11 + n, kind: SecretKind::GitHubToken });
                i += 11 + n;
                continue;
            }
        }
        // GitLab personal access tokens.
        if rest.starts_with(b"glpat-") && boundary_before(i) {
            let n = run_len(b, i + 6, |c| is_alnum(c) || c == b'_' || c == b'-');
            if n >= 20 && varied(&b[i + 6..i + 6 + n]) {
                out.push(Found { range: i..i + 6 + n, kind: SecretKind::GitLabToken });
                i += 6 + n;
                continue;
            }
        }
        // Slack tokens: xoxb-123…-…
        if rest.len() > 5
            && rest.starts_with(b"xox")
            && matches!(rest[3], b'a' | b'b' | b'p' | b'r' | b's')
            && rest[4] == b'-'
            && boundary_before(i)
        {
            let digits = run_len(b, i + 5, |c| c.is_ascii_digit());
            let n = run_len(b, i + 5, |c| is_alnum(c) || c == b'-');
            if digits >= 6 && b.get(i + 5 + digits) == Some(&b'-') && n >= digits + 7 {
                out.push(Found { range: i..i + 5 + n, kind: SecretKind::SlackToken });
                i += 5 + n;
                continue;
            }
        }
        // Private key blocks: from the BEGIN line to the END line (or the BEGIN line alone).
        if rest.starts_with(b"-----BEGIN ") {
            let header_end = text[i + 11..].find("-----").map(|e| i + 11 + e);
            if let Some(e) = header_end {
                let label = &text[i + 11..e];
                if label.ends_with("PRIVATE KEY")
                    && label.bytes().all(|c| c.is_ascii_uppercase() || c == b' ')
                {
                    let begin_end = e + 5;
                    let end_marker = text[begin_end..].find("-----END ").map(|s| begin_end + s);
                    let end = end_marker
                        .and_then(|at| text[at + 9..].find("-----").map(|t| at + 9 + t + 5))
                        .unwrap_or(begin_end);
                    // Only a block with key material in it (not `sed '/-----BEGIN …/,/…/p'`).
                    let body_end = end_marker.unwrap_or_else(|| (begin_end + 200).min(text.len()));
                    // Key material is base64 in long runs (64 per line); a path such as
                    // `/etc/ssl/private/*.key` after a grep pattern is not.
                    let longest_run = text.as_bytes()[begin_end..body_end]
                        .split(|&c| !(is_alnum(c) || c == b'+' || c == b'/' || c == b'='))
                        .map(<[u8]>::len)
                        .max()
                        .unwrap_or(0);
                    if longest_run >= 32 {
                        out.push(Found { range: i..end, kind: SecretKind::PrivateKey });
                        i = end;
                        continue;
                    }
                }
            }
        }
        // aws_secret_access_key = <40 characters>
        if lb[i..].starts_with(b"aws_secret_access_key") && boundary_before(i) {
            let mut j = i + 21;
            let sep = run_len(b, j, |c| matches!(c, b' ' | b'\t' | b'=' | b':' | b'"' | b'\'' | b'\\'));
            j += sep;
            let n = run_len(b, j, |c| is_alnum(c) || c == b'/' || c == b'+');
            if (1..=6).contains(&sep) && n == 40 && varied(&b[j..j + n]) {
                out.push(Found { range: j..j + 40, kind: SecretKind::AwsSecretKey });
                i = j + 40;
                continue;
            }
        }
        // password=literal, passwd=literal (the key may have a prefix: DB_PASSWORD=).
        if (lb[i..].starts_with(b"password") || lb[i..].starts_with(b"passwd")) && i < b.len() {
            let word_len = if lb[i..].starts_with(b"password") { 8 } else { 6 };
            let key_end = i + word_len;
            if b.get(key_end) == Some(&b'=') && !(i > 0 && b[i - 1] == b'$') && !preceded_by_brace(b, i) {
                if let Some(range) = literal_after(text, key_end + 1) {
                    if !placeholder(&text[range.clone()]) {
                        out.push(Found { range: range.clone(), kind: SecretKind::Password });
                        i = range.end;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// Whether the key at `i` is a variable reference (`${DB_PASSWORD=…}`, `${password=x}`).
fn preceded_by_brace(b: &[u8], i: usize) -> bool {
    let mut k = i;
    while k > 0 && (is_alnum(b[k - 1]) || b[k - 1] == b'_') {
        k -= 1;
    }
    k >= 2 && b[k - 1] == b'{' && b[k - 2] == b'$'
}

/// The range of the literal value that starts at `at`: quoted (`"…"`, `'…'`, `\"…\"`)
/// or bare up to white space or a shell operator.
fn literal_after(text: &str, at: usize) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let rest = &text[at..];
    let (start, close): (usize, &str) = if rest.starts_with("\\\"") {
        (at + 2, "\\\"")
    } else if rest.starts_with('"') {
        (at + 1, "\"")
    } else if rest.starts_with('\'') {
        (at + 1, "'")
    } else {
        let n = run_len(b, at, |c| {
            !c.is_ascii_whitespace()
                && !matches!(c, b';' | b'&' | b'|' | b')' | b'"' | b'\'' | b'`' | b',' | b'\\' | b'/')
        });
        return (n > 0).then_some(at..at + n);
    };
    let end = text[start..].find(close).map(|e| start + e)?;
    (end > start && !text[start..end].contains('\n')).then_some(start..end)
}
