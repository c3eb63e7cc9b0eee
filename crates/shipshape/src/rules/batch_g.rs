//! Rules of batch g: security checks (SS5001–SS5012).

#[path = "security.rs"]
pub(crate) mod security;

#[path = "ss5001.rs"]
pub mod ss5001;
#[path = "ss5002.rs"]
pub mod ss5002;
#[path = "ss5003.rs"]
pub mod ss5003;
#[path = "ss5004.rs"]
pub mod ss5004;
#[path = "ss5005.rs"]
pub mod ss5005;
#[path = "ss5006.rs"]
pub mod ss5006;
#[path = "ss5007.rs"]
pub mod ss5007;
#[path = "ss5008.rs"]
pub mod ss5008;
#[path = "ss5009.rs"]
pub mod ss5009;
#[path = "ss5010.rs"]
pub mod ss5010;
#[path = "ss5011.rs"]
pub mod ss5011;
#[path = "ss5012.rs"]
pub mod ss5012;

super::batch! {
    ss5001, ss5002, ss5003, ss5004, ss5005, ss5006, ss5007, ss5008, ss5009, ss5010, ss5011, ss5012,
}
