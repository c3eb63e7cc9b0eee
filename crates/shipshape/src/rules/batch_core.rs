//! The first rules, written with the engine as their model.

#[path = "dl3006.rs"]
pub mod dl3006;
#[path = "dl3007.rs"]
pub mod dl3007;
#[path = "dl3008.rs"]
pub mod dl3008;
#[path = "dl3014.rs"]
pub mod dl3014;
#[path = "dl3015.rs"]
pub mod dl3015;

super::batch! {
    dl3006, dl3007, dl3008, dl3014, dl3015,
}
