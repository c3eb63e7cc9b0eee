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
