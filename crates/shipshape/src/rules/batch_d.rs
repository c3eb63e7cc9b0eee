//! Rules of batch d: labels and the label schema (DL3048–DL3058), HEALTHCHECK (DL3057)
//! and hadolint 2.15's newer rules (DL3061, DL3063–DL3067).

#[path = "labels.rs"]
pub(crate) mod labels;

#[path = "dl3048.rs"]
pub mod dl3048;
#[path = "dl3049.rs"]
pub mod dl3049;
#[path = "dl3050.rs"]
pub mod dl3050;
#[path = "dl3051.rs"]
pub mod dl3051;
#[path = "dl3052.rs"]
pub mod dl3052;
#[path = "dl3053.rs"]
pub mod dl3053;
#[path = "dl3054.rs"]
pub mod dl3054;
#[path = "dl3055.rs"]
pub mod dl3055;
#[path = "dl3056.rs"]
pub mod dl3056;
#[path = "dl3057.rs"]
pub mod dl3057;
#[path = "dl3058.rs"]
pub mod dl3058;
#[path = "dl3061.rs"]
pub mod dl3061;
#[path = "dl3063.rs"]
pub mod dl3063;
#[path = "dl3064.rs"]
pub mod dl3064;
#[path = "dl3065.rs"]
pub mod dl3065;
#[path = "dl3066.rs"]
pub mod dl3066;
#[path = "dl3067.rs"]
pub mod dl3067;

super::batch! {
    dl3048, dl3049, dl3050, dl3051, dl3052, dl3053, dl3054, dl3055, dl3056, dl3057, dl3058, dl3061, dl3063,
    dl3064, dl3065, dl3066, dl3067,
}
