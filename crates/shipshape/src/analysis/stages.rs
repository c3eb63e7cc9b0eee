//! Stages: which stage an instruction belongs to, the stages a stage is built on, and the
//! stage that is the image being built.

use super::{Analysis, Base};
use crate::syntax::{Dockerfile, Instruction, Word};

// ─── Stages ─────────────────────────────────────────────────────────────────────────────

/// The index of the stage that the instruction at `index` belongs to.
pub(crate) fn stage_at(file: &Dockerfile, index: usize) -> Option<usize> {
    file.stages.iter().position(|s| s.instructions.contains(&index))
}

impl Analysis {
    /// The earlier stage that `stage` is built FROM (by name, after the global ARGs are
    /// expanded), if any.
    pub(crate) fn parent_stage(&self, stage: usize) -> Option<usize> {
        match self.stages.get(stage)?.base {
            Base::Stage(p) => Some(p),
            _ => None,
        }
    }

    /// The stages a stage is built on, root first, the stage itself last.
    pub(crate) fn ancestry(&self, stage: usize) -> Vec<usize> {
        let mut out = vec![stage];
        let mut at = stage;
        // A parent is always an earlier stage (the filter keeps that so), so this ends.
        while let Some(p) = self.parent_stage(at).filter(|&p| p < at) {
            out.push(p);
            at = p;
        }
        out.reverse();
        out
    }

    /// The image word at the root of a stage's ancestry (the FROM of its first ancestor).
    pub(crate) fn root_image<'f>(&self, file: &'f Dockerfile, stage: usize) -> Option<&'f Word> {
        let root = *self.ancestry(stage).first()?;
        file.stages.get(root)?.base.as_ref()
    }

    /// The instructions of a stage and of the stages it is built on, in build order.
    pub(crate) fn lineage<'f>(
        &self,
        file: &'f Dockerfile,
        stage: usize,
    ) -> impl Iterator<Item = &'f Instruction> + 'f {
        self.ancestry(stage)
            .into_iter()
            .filter_map(move |s| file.stages.get(s))
            .flat_map(move |s| file.stage_instructions(s).iter())
    }
}

/// The last stage: the image the build produces by default.
pub(crate) fn last_stage(file: &Dockerfile) -> Option<usize> {
    file.stages.len().checked_sub(1)
}

/// Whether hadolint counts what a stage leaves in its layers (DL3009, DL3060): the stage
/// has the same FROM line as the last stage (the image being built), or its name is used
/// as the image of some FROM. A RUN before any FROM counts as in a `FROM scratch` stage.
pub(crate) fn stage_reaches_image(file: &crate::syntax::Dockerfile, stage: Option<usize>) -> bool {
    use crate::syntax::image::ImageRef;
    fn opt(w: &Option<Word>) -> Option<&str> {
        w.as_ref().map(|w| w.text.as_str())
    }
    let stages = &file.stages;
    let Some(last) = stages.last() else { return true };
    let Some(s) = stage.and_then(|i| stages.get(i)) else {
        return opt(&last.base) == Some("scratch") && last.name.is_none() && last.platform.is_none();
    };
    let same_from = opt(&s.base) == opt(&last.base)
        && opt(&s.name) == opt(&last.name)
        && opt(&s.platform) == opt(&last.platform);
    same_from
        || s.name.as_ref().is_some_and(|n| {
            stages.iter().filter_map(|t| t.base.as_ref()).any(|b| ImageRef::parse(&b.text).name() == n.text)
        })
}
