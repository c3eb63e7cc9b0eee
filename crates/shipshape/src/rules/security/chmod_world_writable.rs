//! SS5002: files or directories made writable by everyone (`chmod 777`, `a+rwx`).

use crate::shell::queries::program;
use crate::shell::spans::text_span;
use crate::rules::prelude::*;

declare_rule! {
    ChmodWorldWritable {
        code: "SS5002",
        name: "chmod-world-writable",
        severity: Warning,
        category: Security,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: "Do not make files or directories writable by every user",
        why: "A world-writable file or directory (`chmod 777`, `a+rwx`, `COPY --chmod=666`) lets \
              any process in the container, whatever its user, replace programs, configuration \
              or data, which turns a small compromise into a full one. Give ownership to the \
              user that needs to write (`chown`, `COPY --chown`) and keep the mode at 755 or \
              644; shared scratch directories use the sticky bit (`1777`), which is not \
              reported. The check is droast's DF034.",
        bad: "FROM debian:bookworm\nRUN mkdir -p /srv/data && chmod -R 777 /srv/data\n",
        good: "FROM debian:bookworm\nRUN mkdir -p /srv/data && chown -R 10001:10001 /srv/data && chmod -R 755 /srv/data\n",
    }
}

/// Whether a `chmod` mode lets others write: octal with the others' write bit (and no
/// sticky bit), or a symbolic clause adding `w` for `o` or `a`.
pub(crate) fn world_writable(mode: &str) -> bool {
    if !mode.is_empty() && mode.len() <= 4 && mode.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        let digits: Vec<u8> = mode.bytes().map(|b| b - b'0').collect();
        let others = digits[digits.len() - 1];
        let sticky = digits.len() == 4 && digits[0] & 1 == 1;
        return others & 2 != 0 && !sticky;
    }
    if mode.contains('t') || mode.contains('$') {
        return false;
    }
    mode.split(',').any(|clause| {
        let who_len = clause.bytes().take_while(|b| b"ugoa".contains(b)).count();
        let who = &clause[..who_len];
        if !(who.contains('o') || who.contains('a')) {
            return false;
        }
        // Each operator applies to the permission letters after it.
        let mut op = ' ';
        clause[who_len..].chars().any(|c| {
            if matches!(c, '+' | '-' | '=') {
                op = c;
                false
            } else {
                c == 'w' && matches!(op, '+' | '=')
            }
        })
    })
}

#[derive(Default)]
pub struct ChmodWorldWritable;

impl Rule for ChmodWorldWritable {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let mut found: Vec<(Span, String)> = Vec::new();
        if matches!(instr.keyword, Keyword::Copy | Keyword::Add) {
            if let Some(v) = instr.flag("chmod").and_then(|f| f.value.as_ref()) {
                if world_writable(&v.text) {
                    found.push((v.span, v.text.clone()));
                }
            }
        }
        if let Some(script) = cx.script {
            for cmd in &script.commands {
                let Some((name, args)) = program(cmd) else { continue };
                let mode = match name {
                    "chmod" if !args.iter().any(|w| w.text().starts_with("--reference")) => {
                        args.iter().find(|w| !w.text().starts_with('-'))
                    }
                    "mkdir" | "install" => mode_option(args),
                    _ => None,
                };
                let Some(w) = mode else { continue };
                let t = w.text();
                let (text, range) = match t.strip_prefix("--mode=") {
                    Some(m) => (m, 7..t.len()),
                    None => match t.strip_prefix("-m").filter(|m| !m.is_empty()) {
                        Some(m) => (m, 2..t.len()),
                        None => (t, 0..t.len()),
                    },
                };
                if world_writable(text) {
                    let span = if w.value.as_deref() == Some(w.raw.as_str()) {
                        text_span(cx.source, w.span, &w.raw, range)
                    } else {
                        w.span
                    };
                    found.push((span, text.to_string()));
                }
            }
        }
        for (span, mode) in found {
            cx.report(span, format!("Mode `{mode}` makes this writable by every user of the container"))
                .with_help(
                    "Give the files to the user that writes them (`chown`, `--chown`) and use 755 or 644.",
                );
        }
    }
}

/// The `-m MODE`, `-mMODE` or `--mode=MODE` argument of `mkdir` and `install`: the word
/// that holds the mode.
fn mode_option(args: &[ShWord]) -> Option<&ShWord> {
    for (i, w) in args.iter().enumerate() {
        let t = w.text();
        if t == "-m" || t == "--mode" {
            return args.get(i + 1);
        }
        if t.starts_with("--mode=") || (t.starts_with("-m") && t.len() > 2 && !t.starts_with("--")) {
            return Some(w);
        }
    }
    None
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nRUN chmod 777 /app", &["777"]),
    Case::fires("FROM debian:12\nRUN chmod -R 0777 /var/lib/app && chmod -R a+rwx /srv", &["0777", "a+rwx"]),
    Case::fires("FROM debian:12\nRUN chmod u+rwx,o+w /data; chmod 666 /etc/app.conf", &["u+rwx,o+w", "666"]),
    Case::fires(
        "FROM debian:12\nRUN mkdir -p -m 777 /cache && install -m0777 app /usr/local/bin/",
        &["777", "0777"],
    ),
    Case::fires("FROM debian:12\nCOPY --chmod=777 app /usr/local/bin/app", &["777"]),
    Case::fires("FROM debian:12\nRUN sudo chmod ugo=rwx /data", &["ugo=rwx"]),
    Case::quiet("FROM debian:12\nRUN chmod 1777 /tmp/cache && chmod -R 755 /app && chmod +x /entrypoint.sh"),
    Case::quiet("FROM debian:12\nRUN chmod a+rx,o-w /app && chmod g+w /shared && chmod o+t /x"),
    Case::quiet("FROM debian:12\nRUN chmod \"$MODE\" /app && chmod 775 /app && chmod a+rwxt /tmp/x"),
    Case::quiet("FROM debian:12\nCOPY --chmod=755 app /usr/local/bin/app"),
    Case::quiet("FROM debian:12\nRUN mkdir -m 755 /x && echo 777"),
    Case::quiet("FROM debian:12\nRUN chmod 664 /srv/app.db && chmod 2775 /srv/shared"),
    Case::quiet("FROM debian:12\nRUN sed -i 's/0777/0755/' /etc/app.conf"),
    Case::quiet("FROM debian:12\nRUN chmod --reference=/etc/hosts /app/hosts"),
    Case::quiet("FROM debian:12\nRUN chmod u=rwx,g=rwx,o=rx /srv/app && chmod -R a+rX /srv/www"),
    Case::quiet("FROM debian:12\nRUN chmod a=r,u+w /etc/app.conf"),
    Case::quiet("FROM debian:12\nRUN chmod +w /app/config.yml"),
    Case::quiet("FROM debian:12\nRUN install -m 0755 app /usr/local/bin/ && install -d -m 1777 /scratch"),
    Case::quiet("FROM debian:12\nRUN mkdir --mode=0750 /srv/app && install --mode=644 app.conf /etc/app/"),
    Case::quiet("FROM debian:12\nADD --chmod=0644 https://example.com/app.conf /etc/app.conf"),
    Case::quiet("FROM debian:12\nRUN chown -R 777:777 /data"),
];
