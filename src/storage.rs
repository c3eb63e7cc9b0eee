//! localStorage: the autosaved Dockerfile and settings, the theme and lesson progress.
//! Storage can be missing or full (private windows, quotas): reads then give nothing and
//! writes are dropped, and the page works on without them.

pub const SOURCE: &str = "shipshape.source";
pub const SETTINGS: &str = "shipshape.settings";
pub const THEME: &str = "shipshape.theme";
pub const LESSONS_DONE: &str = "shipshape.lessons.done";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The draft of a lesson's Dockerfile.
pub fn lesson_key(id: &str) -> String {
    format!("shipshape.lesson.{id}")
}
