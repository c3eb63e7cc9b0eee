//! Rules of batch c: the structure of a Dockerfile (stages, COPY/ADD, WORKDIR, USER,
//! CMD/ENTRYPOINT/HEALTHCHECK, registries, pragmas).

#[path = "structure.rs"]
pub(crate) mod structure;

#[path = "dl1001.rs"]
pub mod dl1001;
#[path = "dl3000.rs"]
pub mod dl3000;
#[path = "dl3002.rs"]
pub mod dl3002;
#[path = "dl3011.rs"]
pub mod dl3011;
#[path = "dl3012.rs"]
pub mod dl3012;
#[path = "dl3020.rs"]
pub mod dl3020;
#[path = "dl3021.rs"]
pub mod dl3021;
#[path = "dl3022.rs"]
pub mod dl3022;
#[path = "dl3023.rs"]
pub mod dl3023;
#[path = "dl3024.rs"]
pub mod dl3024;
#[path = "dl3025.rs"]
pub mod dl3025;
#[path = "dl3026.rs"]
pub mod dl3026;
#[path = "dl3029.rs"]
pub mod dl3029;
#[path = "dl3043.rs"]
pub mod dl3043;
#[path = "dl3044.rs"]
pub mod dl3044;
#[path = "dl3045.rs"]
pub mod dl3045;
#[path = "dl4000.rs"]
pub mod dl4000;
#[path = "dl4003.rs"]
pub mod dl4003;
#[path = "dl4004.rs"]
pub mod dl4004;

super::batch! {
    dl1001, dl3000, dl3002, dl3011, dl3012, dl3020, dl3021, dl3022, dl3023, dl3024, dl3025, dl3026, dl3029, dl3043, dl3044, dl3045, dl4000, dl4003, dl4004,
}
