//! Every rule, registered by batch: each batch file declares its rule modules and lists
//! them with `batch!`, which makes the constructors, the metadata list and the test cases.

use super::{Rule, RuleMeta};

/// Makes what the registry needs of a batch's rule modules (which the batch file declares
/// with `#[path = "dl3008.rs"] pub mod dl3008;`, the files sitting next to it).
macro_rules! batch {
    ($($m:ident),* $(,)?) => {

        #[allow(unused_variables)]
        pub(super) fn new_rules(out: &mut Vec<Box<dyn $crate::rules::Rule>>) {
            $(out.push(Box::new(<$m::Check as Default>::default()));)*
        }

        pub(super) static METAS: &[&$crate::rules::RuleMeta] = &[$(&$m::META),*];

        #[cfg(test)]
        #[allow(unused_variables)]
        pub(super) fn cases(out: &mut Vec<(&'static $crate::rules::RuleMeta, &'static [$crate::rules::testing::Case])>) {
            $(out.push((&$m::META, $m::TESTS));)*
        }
    };
}
pub(crate) use batch;

#[path = "batch_a.rs"]
mod batch_a;
#[path = "batch_b.rs"]
mod batch_b;
#[path = "batch_c.rs"]
mod batch_c;
#[path = "batch_core.rs"]
mod batch_core;
#[path = "batch_d.rs"]
mod batch_d;
#[path = "batch_e.rs"]
mod batch_e;
/// Shared by the BuildKit checks and the size estimator (global ARG defaults, platforms).
pub(crate) use batch_e::buildkit_common;
#[path = "batch_f.rs"]
mod batch_f;
#[path = "batch_g.rs"]
mod batch_g;

/// Fresh instances of every rule, for one file.
pub fn new_rules() -> Vec<Box<dyn Rule>> {
    let mut out = Vec::new();
    batch_core::new_rules(&mut out);
    batch_a::new_rules(&mut out);
    batch_b::new_rules(&mut out);
    batch_c::new_rules(&mut out);
    batch_d::new_rules(&mut out);
    batch_e::new_rules(&mut out);
    batch_f::new_rules(&mut out);
    batch_g::new_rules(&mut out);
    out
}

/// Metadata of every rule, in registry order.
pub fn all_metas() -> &'static [&'static RuleMeta] {
    static ALL: std::sync::OnceLock<Vec<&'static RuleMeta>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        [
            batch_core::METAS,
            batch_a::METAS,
            batch_b::METAS,
            batch_c::METAS,
            batch_d::METAS,
            batch_e::METAS,
            batch_f::METAS,
            batch_g::METAS,
        ]
        .concat()
    })
}

/// The rule a code (or alias, or name) names.
pub fn find_meta(code: &str) -> Option<&'static RuleMeta> {
    all_metas().iter().copied().find(|m| m.answers_to(code))
}

#[cfg(test)]
pub(crate) fn all_cases() -> Vec<(&'static RuleMeta, &'static [super::testing::Case])> {
    let mut out = Vec::new();
    batch_core::cases(&mut out);
    batch_a::cases(&mut out);
    batch_b::cases(&mut out);
    batch_c::cases(&mut out);
    batch_d::cases(&mut out);
    batch_e::cases(&mut out);
    batch_f::cases(&mut out);
    batch_g::cases(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique() {
        let metas = all_metas();
        for (i, a) in metas.iter().enumerate() {
            for b in &metas[i + 1..] {
                assert!(!b.answers_to(a.code) && !a.answers_to(b.code), "{} and {} overlap", a.code, b.code);
                assert_ne!(a.name, b.name);
            }
        }
    }
}
