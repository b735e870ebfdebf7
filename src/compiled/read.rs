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

use crate::engine::postfix::{Op, Postfix};
use crate::engine::{
    Amount, ArithOp, Basis, Choice, CmpOp, Coverage, Criterion, Date, Decision, Document, Expr, FactDef, FactKind, Lang, LocalBenefit, Manifest, Pack, Policy,
    Rule, Scope, Source, Text, Validity, Wording,
};

type Read<T> = Result<T, String>;

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
        let b = *self.bytes.get(self.at).ok_or("it ends in the middle of a value")?;
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
        Err("a number in it is too long".into())
    }

    fn u32(&mut self) -> Read<u32> {
        u32::try_from(self.varint()?).map_err(|_| "a number in it is out of range".into())
    }

    fn usize(&mut self) -> Read<usize> {
        usize::try_from(self.varint()?).map_err(|_| "a number in it is out of range".into())
    }

    fn i64(&mut self) -> Read<i64> {
        let z = self.varint()?;
        Ok((z >> 1) as i64 ^ -((z & 1) as i64))
    }

    /// A list's length: each item takes at least one byte, so a length beyond
    /// the bytes left is damage, not a reason to allocate.
    fn len(&mut self) -> Read<usize> {
        let n = self.usize()?;
        if n > self.left() {
            return Err("a list in it is longer than the pack".into());
        }
        Ok(n)
    }

    fn tag(&mut self, variants: u32) -> Read<u32> {
        let t = self.u32()?;
        if t >= variants {
            return Err("it has a value of an unknown kind".into());
        }
        Ok(t)
    }

    fn bool(&mut self) -> Read<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err("a yes/no value in it is neither".into()),
        }
    }

    fn string(&mut self) -> Read<String> {
        let n = self.len()?;
        let bytes = &self.bytes[self.at..self.at + n];
        self.at += n;
        String::from_utf8(bytes.to_vec()).map_err(|_| "a text in it is not valid UTF-8".into())
    }

    fn option<T>(&mut self, read: impl FnOnce(&mut Self) -> Read<T>) -> Read<Option<T>> {
        Ok(if self.bool()? { Some(read(self)?) } else { None })
    }

    fn list<T>(&mut self, mut read: impl FnMut(&mut Self) -> Read<T>) -> Read<Vec<T>> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n);
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
        i32::try_from(year).ok().and_then(|y| Date::new(y, month, day)).ok_or_else(|| "a date in it is not a day of the calendar".into())
    }

    fn expr(&mut self) -> Read<Expr> {
        let ops = self.list(|r| {
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
        Expr::try_from(Postfix(ops))
    }

    /// A criterion's or an amount's expression, wording and source.
    fn rule(&mut self) -> Read<Rule> {
        Ok(Rule::new(self.expr()?, self.text()?, self.source()?))
    }

    fn source(&mut self) -> Read<Source> {
        Ok(Source { document: self.usize()?, quote: self.string()?, translation: self.option(Self::string)? })
    }

    fn choices(&mut self) -> Read<Vec<Choice>> {
        self.list(|r| Ok(Choice { id: r.string()?, label: r.text()? }))
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
            wordings: self.list(|r| Ok(Wording { when: r.expr()?, question: r.text()?, hint: r.option(Self::text)? }))?,
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
            local: self.list(|r| Ok(LocalBenefit { when: r.expr()?, place_label: r.text()?, benefit: r.text()?, apply: r.option(Self::text)? }))?,
            apply: self.text()?,
            scope: Scope::new(self.expr()?, self.text()?, self.expr()?, self.text()?, self.option(Self::text)?),
            decision: Decision::ALL[self.tag(4)? as usize],
            decided_by: self.option(Self::text)?,
            validity: Validity { from: self.option(Self::date)?, until: self.option(Self::date)? },
            amount: self.option(|r| Ok(Amount { rule: r.rule()?, unit: r.option(Self::text)? }))?,
            criteria: self.list(|r| {
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
        let manifest = Manifest {
            id: self.string()?,
            version: self.string()?,
            rules_as_of: self.date()?,
            name: self.text()?,
            region: self.text()?,
            languages: self.list(|r| Ok([Lang::Zh, Lang::En][r.tag(2)? as usize]))?,
            coverage: self.option(|r| Ok(Coverage { when: r.expr()?, note: r.text()? }))?,
            opening: self.list(Self::usize)?,
        };
        let documents = self.list(|r| {
            Ok(Document {
                id: r.string()?,
                file: r.string()?,
                title: r.text()?,
                reported: i32::try_from(r.i64()?).map_err(|_| "a year in it is out of range".to_string())?,
            })
        })?;
        let facts = self.list(Self::fact)?;
        let policies = self.list(Self::policy)?;
        if self.left() > 0 {
            return Err("it has bytes after the pack".into());
        }
        Ok(Pack::new(manifest, documents, facts, policies))
    }
}
