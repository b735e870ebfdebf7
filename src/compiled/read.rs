//! Reads a compiled pack's payload by hand, in postcard's wire format (the
//! format `encode` writes with serde). serde's derived decoders for these
//! twenty types were about 20 KB of the browser's wasm; this is a fraction,
//! and it trusts nothing: every length is checked against the bytes left,
//! every tag against its variants, and expressions are rebuilt without
//! recursion (see `engine::postfix`). The round-trip tests keep it in step
//! with the encoder.
//!
//! Wire format: integers other than `u8` are LEB128 varints (signed ones
//! zigzag-encoded); a string or list is its length then its items; an option
//! is 0 or 1 then the value; an enum is its variant's index then its fields;
//! structs are their fields in order.
//!
//! A length is read before its items, so a crafted one could ask for any
//! amount of memory. Each kind of item has a fewest number of bytes it can
//! be written in ([`min_size`]); a list whose length times that is more than
//! the bytes left is refused before anything is allocated, and what is
//! reserved ahead is never more than the bytes left. Memory then grows only
//! with items actually read, each of which used up its bytes.

use super::{DecodeError, Listing};
use crate::engine::postfix::{Op, Postfix};
use crate::engine::{
    Amount, ArithOp, Basis, Choice, CmpOp, Coverage, Criterion, Date, Decision, Document, Expr, FactDef, FactKind, Lang, LocalBenefit, Manifest, Pack, Policy,
    Rule, Scope, Source, Text, Validity, Wording,
};

type Read<T> = Result<T, DecodeError>;

fn damaged(why: &str) -> DecodeError {
    DecodeError::Malformed(why.to_string())
}

/// The fewest bytes an item of each kind takes on the wire: a length of 0
/// for every string and list, `None` for every option, the first variant of
/// every enum, and for an expression a count of 1 and the smallest leaf (a
/// tag and one byte). A lower bound is what matters: a bound too high would
/// refuse good packs, and the unit tests check each against the encoder.
pub(super) mod min_size {
    pub const STRING: usize = 1;
    pub const TEXT: usize = 2 * STRING;
    pub const OPTION: usize = 1;
    pub const LIST: usize = 1;
    pub const TAG: usize = 1;
    pub const VARINT: usize = 1;
    pub const OP: usize = TAG;
    pub const EXPR: usize = LIST + TAG + 1;
    pub const SOURCE: usize = VARINT + STRING + OPTION;
    pub const CHOICE: usize = STRING + TEXT;
    pub const WORDING: usize = EXPR + TEXT + OPTION;
    pub const LOCAL: usize = EXPR + TEXT + TEXT + OPTION;
    pub const RULE: usize = EXPR + TEXT + SOURCE;
    pub const CRITERION: usize = RULE + TAG + 2 * OPTION;
    pub const DOCUMENT: usize = 2 * STRING + TEXT + VARINT;
    /// Id, `Bool` kind, question, hint, unit, asked_when, wordings.
    pub const FACT: usize = STRING + TAG + TEXT + 3 * OPTION + LIST;
    /// A split pack's listing: id, name, issuer, region.
    pub const LISTING: usize = STRING + 2 * TEXT + OPTION;
    /// Id, name, issuer, jurisdiction, benefit, summary, keywords, benefit
    /// source, local, apply, scope (two expressions, two texts, an option),
    /// decision, decided_by, validity (two options), amount, criteria.
    pub const POLICY: usize =
        STRING + TEXT + TEXT + STRING + TEXT + 3 * OPTION + LIST + TEXT + (2 * EXPR + 2 * TEXT + OPTION) + TAG + OPTION + 2 * OPTION + OPTION + LIST;
}

pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn byte(&mut self) -> Read<u8> {
        let b = *self.bytes.get(self.at).ok_or_else(|| damaged("it ends in the middle of a value"))?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Read<u64> {
        let mut value = 0u64;
        for shift in (0..70).step_by(7) {
            let b = self.byte()?;
            if shift == 63 && b > 1 {
                break;
            }
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(damaged("a number in it is too long"))
    }

    fn u32(&mut self) -> Read<u32> {
        u32::try_from(self.varint()?).map_err(|_| damaged("a number in it is out of range"))
    }

    fn usize(&mut self) -> Read<usize> {
        usize::try_from(self.varint()?).map_err(|_| damaged("a number in it is out of range"))
    }

    fn i64(&mut self) -> Read<i64> {
        let z = self.varint()?;
        Ok((z >> 1) as i64 ^ -((z & 1) as i64))
    }

    /// A list's length, when `count` items of at least `min` bytes each
    /// (see [`min_size`]) fit in the bytes left: a longer one is damage, not
    /// a reason to allocate.
    fn len(&mut self, what: &'static str, min: usize) -> Read<usize> {
        let count = self.varint()?;
        let left = self.left();
        match usize::try_from(count) {
            Ok(n) if n.checked_mul(min).is_some_and(|bytes| bytes <= left) => Ok(n),
            _ => Err(DecodeError::Oversized { what, count, left }),
        }
    }

    fn tag(&mut self, variants: u32) -> Read<u32> {
        let t = self.u32()?;
        if t >= variants {
            return Err(damaged("it has a value of an unknown kind"));
        }
        Ok(t)
    }

    fn bool(&mut self) -> Read<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(damaged("a yes/no value in it is neither")),
        }
    }

    fn string(&mut self) -> Read<String> {
        let n = self.len("bytes of text", 1)?;
        let bytes = &self.bytes[self.at..self.at + n];
        self.at += n;
        String::from_utf8(bytes.to_vec()).map_err(|_| damaged("a text in it is not valid UTF-8"))
    }

    fn option<T>(&mut self, read: impl FnOnce(&mut Self) -> Read<T>) -> Read<Option<T>> {
        Ok(if self.bool()? { Some(read(self)?) } else { None })
    }

    /// A list of `what` (a plural noun, for the message), each item at least
    /// `min` bytes long.
    fn list<T>(&mut self, what: &'static str, min: usize, mut read: impl FnMut(&mut Self) -> Read<T>) -> Read<Vec<T>> {
        let n = self.len(what, min)?;
        // Reserved ahead: at most as many bytes as are left, whatever the
        // ratio of an item's size in memory to its size on the wire.
        let mut out = Vec::with_capacity(n.min(self.left() / std::mem::size_of::<T>().max(1)));
        for _ in 0..n {
            out.push(read(self)?);
        }
        Ok(out)
    }

    fn text(&mut self) -> Read<Text> {
        Ok(Text { zh: self.string()?, en: self.string()? })
    }

    fn date(&mut self) -> Read<Date> {
        let (year, month, day) = (self.i64()?, self.byte()?, self.byte()?);
        i32::try_from(year).ok().and_then(|y| Date::new(y, month, day)).ok_or_else(|| damaged("a date in it is not a day of the calendar"))
    }

    fn expr(&mut self) -> Read<Expr> {
        let ops = self.list("operations", min_size::OP, |r| {
            Ok(match r.tag(18)? {
                0 => Op::Bool(r.bool()?),
                1 => Op::Int(r.i64()?),
                2 => Op::Date(r.date()?),
                3 => Op::BoolFact(r.u32()?),
                4 => Op::IntFact(r.u32()?),
                5 => Op::DateFact(r.u32()?),
                6 => Op::EnumIn(r.u32()?, r.varint()?),
                7 => Op::SetHasAny(r.u32()?, r.varint()?),
                8 => Op::SetIsEmpty(r.u32()?),
                9 => Op::Not,
                10 => Op::And(r.u32()?),
                11 => Op::Or(r.u32()?),
                12 => Op::BoolEq,
                13 => Op::Cmp([CmpOp::Eq, CmpOp::Ne, CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge][r.tag(6)? as usize]),
                14 => Op::Arith([ArithOp::Add, ArithOp::Sub, ArithOp::Mul][r.tag(3)? as usize]),
                15 => Op::Min(r.u32()?),
                16 => Op::Max(r.u32()?),
                _ => Op::If,
            })
        })?;
        Expr::try_from(Postfix(ops)).map_err(DecodeError::Malformed)
    }

    /// A criterion's or an amount's expression, wording and source.
    fn rule(&mut self) -> Read<Rule> {
        Ok(Rule::new(self.expr()?, self.text()?, self.source()?))
    }

    fn source(&mut self) -> Read<Source> {
        Ok(Source { document: self.usize()?, quote: self.string()?, translation: self.option(Self::string)? })
    }

    fn choices(&mut self) -> Read<Vec<Choice>> {
        self.list("choices", min_size::CHOICE, |r| Ok(Choice { id: r.string()?, label: r.text()? }))
    }

    fn fact(&mut self) -> Read<FactDef> {
        let id = self.string()?;
        let kind = match self.tag(5)? {
            0 => FactKind::Bool,
            1 => FactKind::Int { min: self.i64()?, max: self.i64()? },
            2 => FactKind::Enum(self.choices()?),
            3 => FactKind::Set(self.choices()?),
            _ => FactKind::Date { min: self.option(Self::date)?, max: self.option(Self::date)? },
        };
        Ok(FactDef {
            id,
            kind,
            question: self.text()?,
            hint: self.option(Self::text)?,
            unit: self.option(Self::text)?,
            asked_when: self.option(Self::expr)?,
            wordings: self.list("wordings", min_size::WORDING, |r| Ok(Wording { when: r.expr()?, question: r.text()?, hint: r.option(Self::text)? }))?,
        })
    }

    fn policy(&mut self) -> Read<Policy> {
        Ok(Policy {
            id: self.string()?,
            name: self.text()?,
            issuer: self.text()?,
            jurisdiction: self.string()?,
            benefit: self.text()?,
            summary: self.option(Self::text)?,
            keywords: self.option(Self::text)?,
            benefit_source: self.option(Self::source)?,
            local: self.list("local benefits", min_size::LOCAL, |r| {
                Ok(LocalBenefit { when: r.expr()?, place_label: r.text()?, benefit: r.text()?, apply: r.option(Self::text)? })
            })?,
            apply: self.text()?,
            scope: Scope::new(self.expr()?, self.text()?, self.expr()?, self.text()?, self.option(Self::text)?),
            decision: Decision::ALL[self.tag(4)? as usize],
            decided_by: self.option(Self::text)?,
            validity: Validity { from: self.option(Self::date)?, until: self.option(Self::date)? },
            amount: self.option(|r| Ok(Amount { rule: r.rule()?, unit: r.option(Self::text)? }))?,
            criteria: self.list("criteria", min_size::CRITERION, |r| {
                Ok(Criterion { rule: r.rule()?, basis: Basis::ALL[r.tag(3)? as usize], reading: r.option(Self::text)?, not_met: r.option(Self::text)? })
            })?,
            // Derived from the documents, as the loader does, by Pack::new.
            reported: None,
        })
    }

    /// The whole payload: a pack, and nothing after it. What is derived
    /// rather than stored (the facts each condition reads, the probe
    /// answers) is worked out as the loader does, by the same constructors.
    pub(super) fn pack(mut self) -> Read<Pack> {
        let pack = self.pack_fields()?;
        self.end()?;
        Ok(pack)
    }

    /// Nothing may follow what was read.
    fn end(&self) -> Read<()> {
        if self.left() > 0 {
            return Err(DecodeError::TrailingBytes { expected: self.at, found: self.bytes.len() });
        }
        Ok(())
    }

    /// A split pack's index: its pack (the facts, documents and the policies
    /// every region shares), the fact it is split by, and a line for every
    /// policy of every region.
    pub(super) fn index(mut self) -> Read<(Pack, String, Vec<Listing>)> {
        let pack = self.pack_fields()?;
        let fact = self.string()?;
        let listings = self.list("listed policies", min_size::LISTING, |r| {
            Ok(Listing { id: r.string()?, name: r.text()?, issuer: r.text()?, region: r.option(Self::string)? })
        })?;
        self.end()?;
        Ok((pack, fact, listings))
    }

    /// A split pack's shard: the pack id, version, fact and value it belongs
    /// to, then its policies.
    pub(super) fn shard(mut self) -> Read<([String; 4], Vec<Policy>)> {
        let names = [self.string()?, self.string()?, self.string()?, self.string()?];
        let policies = self.list("policies", min_size::POLICY, Self::policy)?;
        self.end()?;
        Ok((names, policies))
    }

    fn pack_fields(&mut self) -> Read<Pack> {
        let manifest = Manifest {
            id: self.string()?,
            version: self.string()?,
            rules_as_of: self.date()?,
            name: self.text()?,
            region: self.text()?,
            languages: self.list("languages", min_size::TAG, |r| Ok([Lang::Zh, Lang::En][r.tag(2)? as usize]))?,
            coverage: self.option(|r| Ok(Coverage { when: r.expr()?, note: r.text()? }))?,
            opening: self.list("opening questions", min_size::VARINT, Self::usize)?,
        };
        let documents = self.list("documents", min_size::DOCUMENT, |r| {
            Ok(Document {
                id: r.string()?,
                file: r.string()?,
                title: r.text()?,
                reported: i32::try_from(r.i64()?).map_err(|_| damaged("a year in it is out of range"))?,
            })
        })?;
        let facts = self.list("facts", min_size::FACT, Self::fact)?;
        let policies = self.list("policies", min_size::POLICY, Self::policy)?;
        Ok(Pack::new(manifest, documents, facts, policies))
    }
}

#[cfg(test)]
mod tests {
    use super::min_size;
    use crate::engine::{
        Basis, Choice, Criterion, Decision, Document, Expr, FactDef, FactKind, LocalBenefit, Policy, Rule, Scope, Source, Text, Validity, Wording,
    };

    fn wire<T: serde::Serialize>(value: &T) -> usize {
        postcard::to_allocvec(value).unwrap().len()
    }

    fn leaf() -> Expr {
        Expr::Bool(false)
    }

    fn source() -> Source {
        Source { document: 0, quote: String::new(), translation: None }
    }

    fn rule() -> Rule {
        Rule::new(leaf(), Text::default(), source())
    }

    /// A bound above the real minimum would refuse good packs; one below it
    /// would let a crafted length through: each is exactly what the encoder
    /// writes for the smallest item of its kind.
    #[test]
    fn each_minimum_size_is_what_the_encoder_writes_for_the_smallest_item() {
        let fact = FactDef { id: String::new(), kind: FactKind::Bool, question: Text::default(), hint: None, unit: None, asked_when: None, wordings: vec![] };
        let policy = Policy {
            id: String::new(),
            name: Text::default(),
            issuer: Text::default(),
            jurisdiction: String::new(),
            benefit: Text::default(),
            summary: None,
            keywords: None,
            benefit_source: None,
            local: vec![],
            apply: Text::default(),
            scope: Scope::new(leaf(), Text::default(), leaf(), Text::default(), None),
            decision: Decision::ALL[0],
            decided_by: None,
            validity: Validity { from: None, until: None },
            amount: None,
            criteria: vec![],
            reported: None,
        };
        let listing = super::Listing { id: String::new(), name: Text::default(), issuer: Text::default(), region: None };
        let rows: [(&str, usize, usize); 12] = [
            ("string", wire(&String::new()), min_size::STRING),
            ("text", wire(&Text::default()), min_size::TEXT),
            ("expression", wire(&leaf()), min_size::EXPR),
            ("source", wire(&source()), min_size::SOURCE),
            ("choice", wire(&Choice { id: String::new(), label: Text::default() }), min_size::CHOICE),
            ("wording", wire(&Wording { when: leaf(), question: Text::default(), hint: None }), min_size::WORDING),
            ("local benefit", wire(&LocalBenefit { when: leaf(), place_label: Text::default(), benefit: Text::default(), apply: None }), min_size::LOCAL),
            ("criterion", wire(&Criterion { rule: rule(), basis: Basis::ALL[0], reading: None, not_met: None }), min_size::CRITERION),
            ("document", wire(&Document { id: String::new(), file: String::new(), title: Text::default(), reported: 0 }), min_size::DOCUMENT),
            ("fact", wire(&fact), min_size::FACT),
            ("policy", wire(&policy), min_size::POLICY),
            ("listing", wire(&listing), min_size::LISTING),
        ];
        for (kind, written, bound) in rows {
            assert_eq!(written, bound, "the smallest {kind}");
        }
    }
}
