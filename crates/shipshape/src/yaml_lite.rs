//! A small YAML reader for what `.hadolint.yaml` files use: block mappings and sequences
//! by indentation, flow sequences and mappings on one line, plain and quoted scalars, and
//! comments. The CLI reads YAML with yaml-rust2 (the `yaml` feature); the browser build
//! uses this reader instead, which keeps 50 KB of parser out of the wasm. Both produce a
//! [`Value`], and one function maps it onto the configuration, so the keys mean the same
//! in both; a test checks that the two readers agree on a set of configurations.
//!
//! What it does not read (anchors, tags, multi-line scalars, several documents) is an
//! error that says so, never a silent misreading.

/// A YAML value, as far as a hadolint configuration needs one.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Seq(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// One meaningful line: its indentation and its text without the comment.
struct Line<'a> {
    number: usize,
    indent: usize,
    text: &'a str,
}

pub fn parse(text: &str) -> Result<Value, String> {
    let mut lines = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.contains('\t') && raw.trim_start().len() + raw.find('\t').unwrap_or(0) == raw.len() {
            return Err(format!("line {}: tabs cannot indent YAML", i + 1));
        }
        let body = strip_comment(raw);
        let trimmed = body.trim_end();
        if trimmed.trim().is_empty() || trimmed == "---" {
            continue;
        }
        if trimmed == "..." {
            break;
        }
        let indent = trimmed.len() - trimmed.trim_start().len();
        lines.push(Line { number: i + 1, indent, text: trimmed.trim_start() });
    }
    if lines.is_empty() {
        return Ok(Value::Null);
    }
    let mut at = 0;
    let value = block(&lines, &mut at, lines[0].indent)?;
    if let Some(l) = lines.get(at) {
        return Err(format!("line {}: unexpected indentation", l.number));
    }
    Ok(value)
}

/// A block node whose lines are indented by `indent`.
fn block(lines: &[Line], at: &mut usize, indent: usize) -> Result<Value, String> {
    let first = &lines[*at];
    if first.text == "-" || first.text.starts_with("- ") {
        let mut items = Vec::new();
        while let Some(l) = lines.get(*at).filter(|l| l.indent == indent) {
            let Some(rest) = l.text.strip_prefix('-') else { break };
            if !rest.is_empty() && !rest.starts_with(' ') {
                break;
            }
            let rest = rest.trim();
            *at += 1;
            if rest.is_empty() {
                items.push(nested(lines, at, indent)?.unwrap_or(Value::Null));
            } else if key_value(rest).is_some() {
                return Err(format!("line {}: mappings inside a list are not read here", l.number));
            } else {
                items.push(scalar_or_flow(rest, l.number)?);
            }
        }
        return Ok(Value::Seq(items));
    }
    if key_value(first.text).is_some() {
        let mut entries = Vec::new();
        while let Some(l) = lines.get(*at).filter(|l| l.indent == indent) {
            let Some((key, rest)) = key_value(l.text) else {
                return Err(format!("line {}: expected `key: value`", l.number));
            };
            *at += 1;
            let value = if rest.is_empty() {
                // A nested block, or a list at the same indentation as its key.
                match nested(lines, at, indent)? {
                    Some(v) => v,
                    None if lines.get(*at).is_some_and(|n| n.indent == indent && n.text.starts_with('-')) => {
                        block(lines, at, indent)?
                    }
                    None => Value::Null,
                }
            } else {
                scalar_or_flow(rest, l.number)?
            };
            entries.push((unquote(key, l.number)?, value));
        }
        return Ok(Value::Map(entries));
    }
    *at += 1;
    let v = scalar_or_flow(first.text, first.number)?;
    Ok(v)
}

/// The block under a line, if the next line is indented deeper.
fn nested(lines: &[Line], at: &mut usize, indent: usize) -> Result<Option<Value>, String> {
    match lines.get(*at) {
        Some(next) if next.indent > indent => block(lines, at, next.indent).map(Some),
        _ => Ok(None),
    }
}

/// `key: rest` (the colon must be followed by a space or the end), outside quotes.
fn key_value(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') if i == 0 => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'[' | b'{') if i == 0 => return None,
            (None, b':') if i + 1 == bytes.len() || bytes[i + 1] == b' ' => {
                return Some((text[..i].trim(), text[i + 1..].trim()));
            }
            _ => {}
        }
    }
    None
}

/// Drops a `#` comment (one that starts the line or follows a blank, outside quotes).
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (Some(b'"'), b'\\') => {}
            (None, b'#') if i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t' => return &line[..i],
            _ => {}
        }
    }
    line
}

fn scalar_or_flow(text: &str, line: usize) -> Result<Value, String> {
    let t = text.trim();
    if t.starts_with('[') || t.starts_with('{') {
        let mut chars = t.char_indices().peekable();
        let v = flow(t, &mut chars, line)?;
        if chars.any(|(_, c)| !c.is_whitespace()) {
            return Err(format!("line {line}: text after the closing bracket"));
        }
        return Ok(v);
    }
    scalar(t, line)
}

fn scalar(t: &str, line: usize) -> Result<Value, String> {
    if t.starts_with('&') || t.starts_with('*') || t.starts_with('!') {
        return Err(format!("line {line}: anchors, aliases and tags are not read here"));
    }
    if t.starts_with('|') || t.starts_with('>') {
        return Err(format!("line {line}: multi-line strings are not read here"));
    }
    if t.starts_with('"') || t.starts_with('\'') {
        return unquote(t, line).map(Value::Str);
    }
    Ok(match t {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => match t.parse::<i64>() {
            Ok(n) => Value::Int(n),
            Err(_) => Value::Str(t.to_string()),
        },
    })
}

/// A quoted scalar's text (plain text is returned as it is).
fn unquote(t: &str, line: usize) -> Result<String, String> {
    let unterminated = || format!("line {line}: a quoted string is not closed");
    if let Some(inner) = t.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'').ok_or_else(unterminated)?;
        return Ok(inner.replace("''", "'"));
    }
    if let Some(inner) = t.strip_prefix('"') {
        // YAML's double-quoted escapes include JSON's: the JSON decoder reads them.
        return Ok(crate::syntax::text::json_unescape(inner.strip_suffix('"').ok_or_else(unterminated)?));
    }
    Ok(t.to_string())
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// A flow collection: `[a, "b"]` or `{k: v}` (nested ones too).
fn flow(text: &str, chars: &mut Chars, line: usize) -> Result<Value, String> {
    let (_, open) = chars.next().ok_or_else(|| format!("line {line}: empty"))?;
    let close = if open == '[' { ']' } else { '}' };
    let mut items = Vec::new();
    let mut entries = Vec::new();
    loop {
        skip_blanks(chars);
        match chars.peek() {
            None => return Err(format!("line {line}: `{open}` is not closed on its line")),
            Some(&(_, c)) if c == close => {
                chars.next();
                break;
            }
            _ => {}
        }
        let item = flow_item(text, chars, line, close)?;
        skip_blanks(chars);
        if open == '{' {
            let Value::Str(key) = item else {
                return Err(format!("line {line}: a mapping key must be text"));
            };
            match chars.next() {
                Some((_, ':')) => {}
                _ => return Err(format!("line {line}: expected `:` after `{key}`")),
            }
            skip_blanks(chars);
            entries.push((key, flow_item(text, chars, line, close)?));
            skip_blanks(chars);
        } else {
            items.push(item);
        }
        match chars.peek() {
            Some(&(_, ',')) => {
                chars.next();
            }
            Some(&(_, c)) if c == close => {}
            None => return Err(format!("line {line}: `{open}` is not closed on its line")),
            _ => return Err(format!("line {line}: expected `,` or `{close}`")),
        }
    }
    Ok(if open == '[' { Value::Seq(items) } else { Value::Map(entries) })
}

fn flow_item(text: &str, chars: &mut Chars, line: usize, close: char) -> Result<Value, String> {
    let Some(&(start, c)) = chars.peek() else { return Err(format!("line {line}: cut short")) };
    if c == '[' || c == '{' {
        return flow(text, chars, line);
    }
    if c == '"' || c == '\'' {
        chars.next();
        let mut prev = ' ';
        for (i, ch) in chars.by_ref() {
            if ch == c && !(c == '"' && prev == '\\') {
                return unquote(&text[start..=i], line).map(Value::Str);
            }
            prev = if prev == '\\' && ch == '\\' { ' ' } else { ch };
        }
        return Err(format!("line {line}: a quoted string is not closed"));
    }
    let mut end = start;
    while let Some(&(i, ch)) = chars.peek() {
        let key_colon = ch == ':' && text[i + 1..].starts_with([' ', ',', ']', '}']);
        if ch == ',' || ch == close || key_colon {
            break;
        }
        end = i + ch.len_utf8();
        chars.next();
    }
    scalar(text[start..end].trim(), line)
}

fn skip_blanks(chars: &mut Chars) {
    while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
        chars.next();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::Str(v.into())
    }

    #[test]
    fn block_and_flow() {
        let v = parse(
            "# a comment\n---\nignored: [DL3008, \"SC2086\"]  # trailing\noverride:\n  error:\n    - DL3015\n  info: ['DL3057']\n\
             trustedRegistries:\n- docker.io\n- \"*.gcr.io\"\nlabel-schema: {maintainer: text, 'a.b': url}\nstrict-labels: true\nn: 3\nempty:\n",
        )
        .unwrap();
        assert_eq!(
            v,
            Value::Map(vec![
                ("ignored".into(), Value::Seq(vec![s("DL3008"), s("SC2086")])),
                (
                    "override".into(),
                    Value::Map(vec![
                        ("error".into(), Value::Seq(vec![s("DL3015")])),
                        ("info".into(), Value::Seq(vec![s("DL3057")])),
                    ])
                ),
                ("trustedRegistries".into(), Value::Seq(vec![s("docker.io"), s("*.gcr.io")])),
                (
                    "label-schema".into(),
                    Value::Map(vec![("maintainer".into(), s("text")), ("a.b".into(), s("url"))])
                ),
                ("strict-labels".into(), Value::Bool(true)),
                ("n".into(), Value::Int(3)),
                ("empty".into(), Value::Null),
            ])
        );
    }

    #[test]
    fn clear_errors() {
        assert_eq!(parse("").unwrap(), Value::Null);
        assert_eq!(parse("# only a comment\n").unwrap(), Value::Null);
        assert!(parse("a: [x, y\n").unwrap_err().contains("not closed"));
        assert!(parse("a: &anchor x\n").unwrap_err().contains("anchors"));
        assert!(parse("a: |\n  text\n").unwrap_err().contains("multi-line"));
        assert!(parse("a: 1\n   b: 2\n").is_err());
        assert!(parse("a: \"open\n").unwrap_err().contains("not closed"));
        assert_eq!(
            parse("url: http://x#y # c\n").unwrap(),
            Value::Map(vec![("url".into(), s("http://x#y"))])
        );
    }
}
