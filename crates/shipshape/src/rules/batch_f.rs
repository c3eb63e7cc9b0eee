//! Rules of batch f: the best practices of the seed guide that neither hadolint nor
//! BuildKit check (SS4001–SS4015).

#[path = "practice.rs"]
pub(crate) mod practice;

#[path = "ss4001.rs"]
pub mod ss4001;
#[path = "ss4002.rs"]
pub mod ss4002;
#[path = "ss4003.rs"]
pub mod ss4003;
#[path = "ss4004.rs"]
pub mod ss4004;
#[path = "ss4005.rs"]
pub mod ss4005;
#[path = "ss4006.rs"]
pub mod ss4006;
#[path = "ss4007.rs"]
pub mod ss4007;
#[path = "ss4008.rs"]
pub mod ss4008;
#[path = "ss4009.rs"]
pub mod ss4009;
#[path = "ss4010.rs"]
pub mod ss4010;
#[path = "ss4011.rs"]
pub mod ss4011;
#[path = "ss4012.rs"]
pub mod ss4012;
#[path = "ss4013.rs"]
pub mod ss4013;
#[path = "ss4014.rs"]
pub mod ss4014;
#[path = "ss4015.rs"]
pub mod ss4015;

super::batch! {
    ss4001, ss4002, ss4003, ss4004, ss4005, ss4006, ss4007, ss4008, ss4009, ss4010, ss4011, ss4012, ss4013,
    ss4014, ss4015,
}
