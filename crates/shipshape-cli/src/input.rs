//! Reading inputs.

use std::io::Read;

/// The text of a file, or of standard input for `-`. Invalid UTF-8 is replaced, so a stray
/// byte is one odd character rather than a refusal.
pub fn read(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let res = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)).map(|_| ())
    };
    res.map_err(|e| format!("{path}: {e}"))?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Whether a file name is a Dockerfile's, as `check DIR` finds them: `Dockerfile` and
/// `Containerfile` (any case), `*.Dockerfile` and `*.Containerfile` (any case), and
/// `Dockerfile.*` and `Containerfile.*` as usually spelt (so `dockerfile.pest` is not one),
/// leaving out a build context's `.dockerignore` and files whose extension says they are
/// something else (Markdown, text, data, scripts, editor backups).
pub fn is_dockerfile_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if ["dockerfile", "containerfile"].iter().any(|b| lower == *b || lower.ends_with(&format!(".{b}"))) {
        return true;
    }
    let Some(ext) = ["Dockerfile.", "Containerfile."].iter().find_map(|b| name.strip_prefix(b)) else {
        return false;
    };
    let last = ext.rsplit('.').next().unwrap_or(ext).to_ascii_lowercase();
    const NOT: &[&str] =
        &["dockerignore", "md", "txt", "json", "yaml", "yml", "sh", "py", "orig", "rej", "bak", "swp"];
    !ext.is_empty() && !NOT.contains(&last.as_str())
}

/// The files to lint for the command line's paths: a file as named (whatever its name), a
/// directory searched for Dockerfiles (hidden directories and `node_modules` left out,
/// symbolic links to directories not followed), sorted by path. Also returns the
/// directories that held none, for a warning.
pub fn expand(paths: &[String]) -> (Vec<String>, Vec<String>) {
    let mut files = Vec::new();
    let mut empty = Vec::new();
    for p in paths {
        let path = std::path::Path::new(p);
        if p == "-" || !path.is_dir() {
            files.push(p.clone());
            continue;
        }
        let mut found = Vec::new();
        walk(path, &mut found);
        found.sort();
        if found.is_empty() {
            empty.push(p.clone());
        }
        // `check .` names `dist/Dockerfile`, not `./dist/Dockerfile`.
        let shown = |f: &std::path::Path| match f.strip_prefix(".") {
            Ok(rest) if p == "." => rest.to_string_lossy().into_owned(),
            _ => f.to_string_lossy().into_owned(),
        };
        files.extend(found.iter().map(|f| shown(f)));
    }
    (files, empty)
}

fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            if !name.starts_with('.') && name != "node_modules" {
                walk(&entry.path(), out);
            }
        } else if is_dockerfile_name(&name) && (kind.is_file() || entry.path().is_file()) {
            out.push(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_names() {
        for yes in [
            "Dockerfile",
            "dockerfile",
            "Containerfile",
            "api.Dockerfile",
            "Dockerfile.dev",
            "Dockerfile.j2",
            "x.containerfile",
        ] {
            assert!(is_dockerfile_name(yes), "{yes}");
        }
        for no in [
            "Dockerfile.dockerignore",
            ".dockerignore",
            "Dockerfile.md",
            "README.md",
            "Dockerfiles",
            "mydockerfile",
            "build.sh",
        ] {
            assert!(!is_dockerfile_name(no), "{no}");
        }
    }
}
