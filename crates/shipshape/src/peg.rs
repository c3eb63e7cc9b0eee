//! The engine's pest back end: it runs a pest grammar that `build.rs` compiled into static
//! tables, instead of the code `pest_derive` would generate for it.
//!
//! Why: `pest_derive` writes one Rust function per rule and one closure per operator, and
//! every closure is a separate copy of pest's combinators once compiled. For our two
//! grammars that was 198 KB of the playground's wasm (15 %). The same grammars as data
//! plus this interpreter are a small fraction of that, at a small cost in speed (see
//! BENCHMARKS.md).
//!
//! What stays pest: the grammars are the `.pest` files in `grammar/`, read at build time by
//! `pest_meta` (pest's own grammar parser, validator and optimiser, the same steps
//! `pest_derive` runs), and parsing runs on pest's `ParserState`, so the pairs, spans and
//! errors are pest's own. The interpreter makes exactly the calls the generated code makes
//! (`pest_generator`'s `generate_rule` and `generate_expr_atomic`). A test
//! (`tests/peg_equivalence.rs`) parses the corpus with both and requires the same tokens
//! and the same errors.
//!
//! Neither grammar defines `WHITESPACE` or `COMMENT`, so implicit skipping is a no-op
//! and the build script refuses a grammar that defines them.

use pest::error::Error;
use pest::iterators::Pairs;
use pest::{Atomicity, MatchDir, ParseResult, ParserState, RuleType};

type State<'i, R> = Box<ParserState<'i, R>>;
type Step<'i, R> = ParseResult<State<'i, R>>;

/// One node of an optimised pest expression (pest_meta's `OptimizedExpr`, with the
/// built-in rules resolved and sequences and choices flattened).
// The grammars use a part of pest; the interpreter covers all of it, so a new operator in a
// grammar works at once.
#[allow(dead_code)]
#[derive(Debug)]
pub(crate) enum Expr {
    /// `"text"`
    Str(&'static str),
    /// `^"text"` (ASCII case-insensitive)
    Insens(&'static str),
    /// `'a'..'z'` (both ends included)
    Range(char, char),
    /// A rule of the grammar, by its index in [`Grammar::rules`].
    Call(u16),
    /// `EOI`, which is a rule of its own in the pairs.
    Eoi,
    /// `ANY`
    Any,
    /// `SOI`
    Soi,
    /// `PEEK`
    Peek,
    /// `PEEK_ALL`
    PeekAll,
    /// `POP`
    Pop,
    /// `POP_ALL`
    PopAll,
    /// `DROP`
    Drop,
    /// A Unicode property such as `WHITE_SPACE`.
    CharBy(fn(char) -> bool),
    /// `PEEK[start..end]`
    PeekSlice(i32, Option<i32>),
    /// `&e`
    PosPred(&'static Expr),
    /// `!e`
    NegPred(&'static Expr),
    /// `a ~ b ~ …`
    Seq(&'static [Expr]),
    /// `a | b | …`
    Choice(&'static [Expr]),
    /// `e?`
    Opt(&'static Expr),
    /// `e*`
    Rep(&'static Expr),
    /// `e+`
    RepOnce(&'static Expr),
    /// `PUSH(e)`
    Push(&'static Expr),
    /// `PUSH_LITERAL("text")`
    PushLiteral(&'static str),
    /// `(!("a" | "b") ~ ANY)*`, which pest's optimiser turns into a search.
    Skip(&'static [&'static str]),
    /// `#tag = e`
    Tag(&'static Expr, &'static str),
    /// The optimiser's wrapper that undoes stack changes when `e` fails.
    RestoreOnErr(&'static Expr),
}

/// The five kinds of pest rule: `{}`, `_{}`, `@{}`, `${}` and `!{}`.
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Normal,
    Silent,
    Atomic,
    CompoundAtomic,
    NonAtomic,
}

/// One rule: the variant it produces in the pairs, its kind and its expression.
#[derive(Debug)]
pub(crate) struct RuleDef<R: 'static> {
    pub rule: R,
    pub kind: Kind,
    pub expr: Expr,
}

/// A compiled grammar: its rules in the order of the `Rule` enum (after `EOI`).
#[derive(Debug)]
pub(crate) struct Grammar<R: 'static> {
    pub eoi: R,
    pub rules: &'static [RuleDef<R>],
}

impl<R: RuleType> Grammar<R> {
    /// Parses `input` from the rule at `index`, as `pest::Parser::parse` does.
    pub(crate) fn parse<'i>(
        &'static self,
        index: Option<usize>,
        input: &'i str,
    ) -> Result<Pairs<'i, R>, Error<R>> {
        pest::state(input, |state| match index {
            Some(index) => self.call(index, state),
            None => self.eoi(state),
        })
    }

    fn eoi<'i>(&'static self, state: State<'i, R>) -> Step<'i, R> {
        state.rule(self.eoi, |state| state.end_of_input())
    }

    fn call<'i>(&'static self, index: usize, state: State<'i, R>) -> Step<'i, R> {
        let def = &self.rules[index];
        let expr = &def.expr;
        match def.kind {
            Kind::Normal => state.rule(def.rule, |state| self.expr(expr, state)),
            Kind::Silent => self.expr(expr, state),
            Kind::Atomic => {
                state.rule(def.rule, |state| state.atomic(Atomicity::Atomic, |state| self.expr(expr, state)))
            }
            Kind::CompoundAtomic => state.atomic(Atomicity::CompoundAtomic, |state| {
                state.rule(def.rule, |state| self.expr(expr, state))
            }),
            Kind::NonAtomic => state
                .atomic(Atomicity::NonAtomic, |state| state.rule(def.rule, |state| self.expr(expr, state))),
        }
    }

    fn expr<'i>(&'static self, expr: &'static Expr, state: State<'i, R>) -> Step<'i, R> {
        match *expr {
            Expr::Str(text) => state.match_string(text),
            Expr::Insens(text) => state.match_insensitive(text),
            Expr::Range(start, end) => state.match_range(start..end),
            Expr::Call(index) => self.call(usize::from(index), state),
            Expr::Eoi => self.eoi(state),
            Expr::Any => state.skip(1),
            Expr::Soi => state.start_of_input(),
            Expr::Peek => state.stack_peek(),
            Expr::PeekAll => state.stack_match_peek(),
            Expr::Pop => state.stack_pop(),
            Expr::PopAll => state.stack_match_pop(),
            Expr::Drop => state.stack_drop(),
            Expr::CharBy(property) => state.match_char_by(property),
            Expr::PeekSlice(start, end) => state.stack_match_peek_slice(start, end, MatchDir::BottomToTop),
            Expr::PosPred(inner) => state.lookahead(true, |state| self.expr(inner, state)),
            Expr::NegPred(inner) => state.lookahead(false, |state| self.expr(inner, state)),
            Expr::Seq(items) => state.sequence(|mut state| {
                for item in items {
                    state = self.expr(item, state)?;
                }
                Ok(state)
            }),
            Expr::Choice(items) => {
                let mut state = state;
                for item in items {
                    match self.expr(item, state) {
                        Ok(done) => return Ok(done),
                        Err(back) => state = back,
                    }
                }
                Err(state)
            }
            Expr::Opt(inner) => state.optional(|state| self.expr(inner, state)),
            Expr::Rep(inner) => state.repeat(|state| self.expr(inner, state)),
            Expr::RepOnce(inner) => state.sequence(|state| {
                self.expr(inner, state)
                    .and_then(|state| state.repeat(|state| state.sequence(|state| self.expr(inner, state))))
            }),
            Expr::Push(inner) => state.stack_push(|state| self.expr(inner, state)),
            Expr::PushLiteral(text) => state.stack_push_literal(text),
            Expr::Skip(strings) => state.skip_until(strings),
            Expr::Tag(inner, tag) => self.expr(inner, state).and_then(|state| state.tag_node(tag)),
            Expr::RestoreOnErr(inner) => state.restore_on_err(|state| self.expr(inner, state)),
        }
    }
}
