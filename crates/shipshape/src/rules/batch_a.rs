//! Rules of batch a: package managers (apt lists, pip, npm, apk, gem, yum, zypper, dnf,
//! yarn, go).

#[path = "fix_fpm.rs"]
pub(crate) mod fix_fpm;
#[path = "pkg.rs"]
pub(crate) mod pkg;

#[path = "dl3009.rs"]
pub mod dl3009;
#[path = "dl3013.rs"]
pub mod dl3013;
#[path = "dl3016.rs"]
pub mod dl3016;
#[path = "dl3018.rs"]
pub mod dl3018;
#[path = "dl3019.rs"]
pub mod dl3019;
#[path = "dl3027.rs"]
pub mod dl3027;
#[path = "dl3028.rs"]
pub mod dl3028;
#[path = "dl3030.rs"]
pub mod dl3030;
#[path = "dl3032.rs"]
pub mod dl3032;
#[path = "dl3033.rs"]
pub mod dl3033;
#[path = "dl3034.rs"]
pub mod dl3034;
#[path = "dl3035.rs"]
pub mod dl3035;
#[path = "dl3036.rs"]
pub mod dl3036;
#[path = "dl3037.rs"]
pub mod dl3037;
#[path = "dl3038.rs"]
pub mod dl3038;
#[path = "dl3040.rs"]
pub mod dl3040;
#[path = "dl3041.rs"]
pub mod dl3041;
#[path = "dl3042.rs"]
pub mod dl3042;
#[path = "dl3060.rs"]
pub mod dl3060;
#[path = "dl3062.rs"]
pub mod dl3062;

super::batch! {
    dl3009, dl3013, dl3016, dl3018, dl3019, dl3027, dl3028, dl3030, dl3032, dl3033, dl3034, dl3035, dl3036,
    dl3037, dl3038, dl3040, dl3041, dl3042, dl3060, dl3062,
}
