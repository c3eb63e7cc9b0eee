//! Rules of batch b: hadolint's shell rules (commands in RUN, pipes, consecutive RUNs)
//! and shipshape's equivalents of the most frequent ShellCheck findings.

#[path = "fix_fstruct.rs"]
pub(crate) mod fix_fstruct;
#[path = "shellcheck_common.rs"]
pub(crate) mod shellcheck_common;

#[path = "dl3001.rs"]
pub mod dl3001;
#[path = "dl3003.rs"]
pub mod dl3003;
#[path = "dl3004.rs"]
pub mod dl3004;
#[path = "dl3010.rs"]
pub mod dl3010;
#[path = "dl3046.rs"]
pub mod dl3046;
#[path = "dl3047.rs"]
pub mod dl3047;
#[path = "dl3059.rs"]
pub mod dl3059;
#[path = "dl4001.rs"]
pub mod dl4001;
#[path = "dl4005.rs"]
pub mod dl4005;
#[path = "dl4006.rs"]
pub mod dl4006;
#[path = "ss2016.rs"]
pub mod ss2016;
#[path = "ss2046.rs"]
pub mod ss2046;
#[path = "ss2086.rs"]
pub mod ss2086;
#[path = "ss2115.rs"]
pub mod ss2115;
#[path = "ss2155.rs"]
pub mod ss2155;
#[path = "ss2164.rs"]
pub mod ss2164;
#[path = "ss2251.rs"]
pub mod ss2251;
#[path = "ss3037.rs"]
pub mod ss3037;

super::batch! {
    dl3001, dl3003, dl3004, dl3010, dl3046, dl3047, dl3059, dl4001, dl4005, dl4006,
    ss2016, ss2046, ss2086, ss2115, ss2155, ss2164, ss2251, ss3037,
}
