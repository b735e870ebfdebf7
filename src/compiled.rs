//! A checked pack in its compiled form: what `policy bundle` writes, what the
//! app embeds for its default pack, and what a host names with `data-pack`.
//!
//! A pack is checked once, by whoever publishes it (`policy check`, the
//! build); a visitor's browser only decodes it. Decoding trusts nothing: the
//! bytes may be truncated, altered, made by another version or crafted.
//! Every such case is an error that says what is wrong, never a panic.
//!
//! Layout (integers little-endian):
//!
//! ```text
//! 0   "PEPK"            magic: this is a policy-explainer pack
//! 4   u16               format version (FORMAT_VERSION)
//! 6   u32               payload length in bytes
//! 10  u64               FNV-1a 64 checksum of the payload
//! 18  payload           the pack, in postcard (serde) encoding
//! ```

use crate::engine::{ExprType, FactKind, Pack};
use std::fmt;

/// The format this build writes and reads.
pub const FORMAT_VERSION: u16 = 1;
const MAGIC: &[u8; 4] = b"PEPK";
const HEADER: usize = 18;

/// Why bytes are not a usable pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not a compiled pack at all (an HTML error page, a JSON file).
    NotAPack,
    /// A compiled pack of another format version.
    Version(u16),
    /// Fewer bytes than the header says.
    Truncated { expected: usize, found: usize },
    /// The payload was altered.
    Checksum,
    /// The payload does not decode, or decodes to a pack that contradicts itself.
    Malformed(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotAPack => f.write_str("not a compiled policy pack: make one with `policy bundle --out FILE`"),
            DecodeError::Version(v) => write!(f, "a compiled pack of format {v}, but this app reads format {FORMAT_VERSION}: rebuild it with this version's `policy bundle`"),
            DecodeError::Truncated { expected, found } => write!(f, "the compiled pack is cut short: {found} of {expected} bytes"),
            DecodeError::Checksum => f.write_str("the compiled pack is damaged: its checksum does not match its contents"),
            DecodeError::Malformed(why) => write!(f, "the compiled pack is damaged: {why}"),
        }
    }
}

/// FNV-1a, 64 bits: enough to catch damage in transit (not an authenticity check).
fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Compiles a checked pack.
pub fn encode(pack: &Pack) -> Vec<u8> {
    // Plain data with no map keys or floats: serialising it cannot fail.
    let payload = postcard::to_allocvec(pack).unwrap_or_default();
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&u32::try_from(payload.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// Decodes a compiled pack, checking its structure (every fact, document and
/// choice it refers to exists, and every condition has the right type), so
/// that nothing downstream can index out of range.
pub fn decode(bytes: &[u8]) -> Result<Pack, DecodeError> {
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        return Err(DecodeError::NotAPack);
    }
    let field = |range: std::ops::Range<usize>| bytes.get(range).ok_or(DecodeError::Truncated { expected: HEADER, found: bytes.len() });
    let version = u16::from_le_bytes(field(4..6)?.try_into().unwrap_or_default());
    if version != FORMAT_VERSION {
        return Err(DecodeError::Version(version));
    }
    let length = u32::from_le_bytes(field(6..10)?.try_into().unwrap_or_default()) as usize;
    let sum = u64::from_le_bytes(field(10..18)?.try_into().unwrap_or_default());
    let payload = &bytes[HEADER..];
    if payload.len() < length {
        return Err(DecodeError::Truncated { expected: HEADER.saturating_add(length), found: bytes.len() });
    }
    let payload = &payload[..length];
    if checksum(payload) != sum {
        return Err(DecodeError::Checksum);
    }
    let mut pack: Pack = postcard::from_bytes(payload).map_err(|e| DecodeError::Malformed(payload_error(&e).into()))?;
    check_structure(&pack).map_err(DecodeError::Malformed)?;
    pack.derive();
    Ok(pack)
}

/// A payload decoding error in words (postcard drops the detail of a value
/// refused by its own check, such as an over-deep expression or a bad date).
fn payload_error(e: &postcard::Error) -> &'static str {
    match e {
        postcard::Error::DeserializeUnexpectedEnd => "it ends in the middle of a value",
        postcard::Error::SerdeDeCustom => "an expression or a date in it is malformed",
        postcard::Error::DeserializeBadUtf8 => "a text in it is not valid UTF-8",
        _ => "its contents are not a pack of this format",
    }
}

/// What a checked pack always satisfies and the engine relies on.
fn check_structure(pack: &Pack) -> Result<(), String> {
    let facts = &pack.facts;
    for f in facts {
        match &f.kind {
            FactKind::Enum(c) | FactKind::Set(c) if c.is_empty() || c.len() > crate::engine::MAX_CHOICES => return Err(format!("fact `{}` has {} choices", f.id, c.len())),
            FactKind::Int { min, max } if min > max => return Err(format!("fact `{}` has min {min} above max {max}", f.id)),
            _ => {}
        }
        let at = |what: &str| format!("fact `{}`, {what}", f.id);
        if let Some(gate) = &f.asked_when {
            expect(gate, facts, ExprType::Bool).map_err(|e| format!("{}: {e}", at("asked_when")))?;
        }
        for w in &f.wordings {
            expect(&w.when, facts, ExprType::Bool).map_err(|e| format!("{}: {e}", at("wording")))?;
        }
    }
    if let Some(c) = &pack.coverage {
        expect(&c.when, facts, ExprType::Bool).map_err(|e| format!("coverage: {e}"))?;
    }
    let documents = pack.documents.len();
    for p in &pack.policies {
        let at = |what: &str| format!("policy `{}`, {what}", p.id);
        expect(&p.scope.applicant, facts, ExprType::Bool).map_err(|e| format!("{}: {e}", at("scope")))?;
        expect(&p.scope.place, facts, ExprType::Bool).map_err(|e| format!("{}: {e}", at("scope")))?;
        for (i, c) in p.criteria.iter().enumerate() {
            let what = at(&format!("criterion {}", i + 1));
            expect(&c.when, facts, ExprType::Bool).map_err(|e| format!("{what}: {e}"))?;
            if c.source.document >= documents {
                return Err(format!("{what}: cites document #{}, which the pack does not have", c.source.document));
            }
        }
        if let Some(a) = &p.amount {
            expect(&a.formula, facts, ExprType::Int).map_err(|e| format!("{}: {e}", at("amount")))?;
            if a.source.document >= documents {
                return Err(format!("{}: cites document #{}, which the pack does not have", at("amount"), a.source.document));
            }
        }
    }
    Ok(())
}

fn expect(e: &crate::engine::Expr, facts: &[crate::engine::FactDef], want: ExprType) -> Result<(), String> {
    match type_of(e, facts)? {
        t if t == want => Ok(()),
        t => Err(format!("is {t} where {want} is needed")),
    }
}

/// The type of a decoded expression, or what is wrong with it. Recursion is
/// bounded: the postfix decoder refuses deep trees.
fn type_of(e: &crate::engine::Expr, facts: &[crate::engine::FactDef]) -> Result<ExprType, String> {
    use crate::engine::Expr as E;
    let kind = |f: usize| facts.get(f).map(|d| &d.kind).ok_or_else(|| format!("reads fact #{f}, which the pack does not have"));
    let within = |mask: u64, n: usize| n >= 64 || mask >> n == 0;
    let all = |items: &[E], t: ExprType| -> Result<(), String> {
        for i in items {
            if type_of(i, facts)? != t {
                return Err(format!("mixes types in a list of {t}"));
            }
        }
        Ok(())
    };
    Ok(match e {
        E::Bool(_) => ExprType::Bool,
        E::Int(_) => ExprType::Int,
        E::Date(_) => ExprType::Date,
        E::BoolFact(f) => match kind(*f)? {
            FactKind::Bool => ExprType::Bool,
            _ => return Err(format!("reads fact #{f} as yes/no, which it is not")),
        },
        E::IntFact(f) => match kind(*f)? {
            FactKind::Int { .. } => ExprType::Int,
            _ => return Err(format!("reads fact #{f} as a number, which it is not")),
        },
        E::DateFact(f) => match kind(*f)? {
            FactKind::Date { .. } => ExprType::Date,
            _ => return Err(format!("reads fact #{f} as a date, which it is not")),
        },
        E::EnumIn(f, mask) => match kind(*f)? {
            FactKind::Enum(c) if within(*mask, c.len()) => ExprType::Bool,
            _ => return Err(format!("reads fact #{f} as one choice among others that it does not have")),
        },
        E::SetHasAny(f, mask) => match kind(*f)? {
            FactKind::Set(c) if within(*mask, c.len()) => ExprType::Bool,
            _ => return Err(format!("reads fact #{f} as a set of choices that it does not have")),
        },
        E::SetIsEmpty(f) => match kind(*f)? {
            FactKind::Set(_) => ExprType::Bool,
            _ => return Err(format!("reads fact #{f} as a set, which it is not")),
        },
        E::Not(a) => {
            all(std::slice::from_ref(a), ExprType::Bool)?;
            ExprType::Bool
        }
        E::And(items) | E::Or(items) => {
            all(items, ExprType::Bool)?;
            ExprType::Bool
        }
        E::BoolEq(a, b) => {
            all(&[(**a).clone(), (**b).clone()], ExprType::Bool)?;
            ExprType::Bool
        }
        E::Cmp(_, a, b) => {
            let (x, y) = (type_of(a, facts)?, type_of(b, facts)?);
            if x != y || x == ExprType::Bool {
                return Err("compares values of different types".into());
            }
            ExprType::Bool
        }
        E::Arith(_, a, b) => {
            if (type_of(a, facts)?, type_of(b, facts)?) != (ExprType::Int, ExprType::Int) {
                return Err("does arithmetic on something that is not a number".into());
            }
            ExprType::Int
        }
        E::Min(items) | E::Max(items) => {
            if items.is_empty() {
                return Err("takes the smallest or largest of nothing".into());
            }
            all(items, ExprType::Int)?;
            ExprType::Int
        }
        E::If(c, a, b) => {
            if type_of(c, facts)? != ExprType::Bool {
                return Err("has an `if` whose condition is not true or false".into());
            }
            let (x, y) = (type_of(a, facts)?, type_of(b, facts)?);
            if x != y {
                return Err("has an `if` whose branches differ in type".into());
            }
            x
        }
    })
}
