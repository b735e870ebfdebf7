//! A checked pack in its compiled form: what `policy bundle` writes, what the
//! app embeds for its default pack, and what a host names with `data-pack`.
//!
//! A pack is checked once, by whoever publishes it (`policy check`, the
//! build); a visitor's browser only decodes it. Decoding trusts nothing: the
//! bytes may be truncated, altered, made by another version or crafted.
//! Every such case is an error that says what is wrong, never a panic, and
//! no count in the bytes makes it set aside more memory than the bytes left
//! could fill (see `read`).
//!
//! Layout (integers little-endian):
//!
//! ```text
//! 0   "PEPK"            magic: this is a policy-explainer pack
//! 4   u16               format version (FORMAT_VERSION)
//! 6   u32               payload length in bytes
//! 10  u64               FNV-1a 64 checksum of the payload
//! 18  payload           the pack, in postcard's wire format
//! ```
//!
//! Nothing may follow the payload, and nothing may follow the pack inside it.
//!
//! The payload begins with the pack's id and version, then its rules. It is
//! written with serde and postcard (`encode`) and read by a small
//! hand-written reader (`read`) that checks every length and tag.

mod read;
mod split;

#[cfg(any(not(target_arch = "wasm32"), feature = "studio"))]
pub use split::{split, Split};
pub use split::{Listing, SplitError, SplitPack};

use crate::engine::{ExprType, FactKind, Pack};
use std::fmt;

/// The format this build writes and reads.
/// 2: catalogue revision 3 (the basis `example`, documents' `reported`
/// year, a policy's benefit source, local benefits and out-of-scope line).
pub const FORMAT_VERSION: u16 = 2;
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
    /// More bytes than the pack: something was appended, or two files were
    /// joined. `expected` is where the pack ends.
    TrailingBytes { expected: usize, found: usize },
    /// The payload was altered.
    Checksum,
    /// A list or text says it has more items than the bytes left could hold
    /// (crafted, or damaged with a valid checksum): refused before any
    /// memory is set aside for it.
    Oversized { what: &'static str, count: u64, left: usize },
    /// The payload does not decode, or decodes to a pack that contradicts itself.
    Malformed(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotAPack => f.write_str("not a compiled policy pack: make one with `policy bundle --out FILE`"),
            DecodeError::Version(v) => {
                write!(f, "a compiled pack of format {v}, but this app reads format {FORMAT_VERSION}: rebuild it with this version's `policy bundle`")
            }
            DecodeError::Truncated { expected, found } => write!(f, "the compiled pack is cut short: {found} of {expected} bytes"),
            DecodeError::TrailingBytes { expected, found } => {
                write!(
                    f,
                    "the compiled pack has {} bytes after its end (it ends at byte {expected} of {found}): it was altered or joined to another file",
                    found - expected
                )
            }
            DecodeError::Checksum => f.write_str("the compiled pack is damaged: its checksum does not match its contents"),
            DecodeError::Oversized { what, count, left } => {
                write!(f, "the compiled pack is damaged: it says {count} {what} follow, but the {left} bytes left cannot hold that many")
            }
            DecodeError::Malformed(why) => write!(f, "the compiled pack is damaged: {why}"),
        }
    }
}

/// FNV-1a, 64 bits: enough to catch damage in transit (not an authenticity
/// check), and for the pack studio to tell one version of a file from another.
pub fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Compiles a checked pack (for tools, the build and the pack studio; the
/// citizen app only decodes).
#[cfg(any(not(target_arch = "wasm32"), feature = "studio"))]
pub fn encode(pack: &Pack) -> Vec<u8> {
    // Plain data with no map keys or floats: serialising it cannot fail.
    seal(MAGIC, &postcard::to_allocvec(pack).unwrap_or_default())
}

/// The header (`magic`, format version, length, checksum) and the payload.
#[cfg(any(not(target_arch = "wasm32"), feature = "studio"))]
fn seal(magic: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&u32::try_from(payload.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(&checksum(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Decodes a compiled pack, checking its structure (every fact, document and
/// choice it refers to exists, and every condition has the right type), so
/// that nothing downstream can index out of range.
pub fn decode(bytes: &[u8]) -> Result<Pack, DecodeError> {
    let pack = read::Reader::new(unseal(bytes, MAGIC)?).pack().map_err(from_file_start)?;
    check_structure(&pack).map_err(DecodeError::Malformed)?;
    Ok(pack)
}

/// The reader counts from the payload's start; a message, from the file's.
fn from_file_start(e: DecodeError) -> DecodeError {
    match e {
        DecodeError::TrailingBytes { expected, found } => DecodeError::TrailingBytes { expected: HEADER + expected, found: HEADER + found },
        other => other,
    }
}

/// The payload of a file that begins with `magic`, once its version,
/// length and checksum are right.
fn unseal<'a>(bytes: &'a [u8], magic: &[u8; 4]) -> Result<&'a [u8], DecodeError> {
    if !bytes.starts_with(magic) {
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
    if payload.len() > length {
        return Err(DecodeError::TrailingBytes { expected: HEADER + length, found: bytes.len() });
    }
    if checksum(payload) != sum {
        return Err(DecodeError::Checksum);
    }
    Ok(payload)
}

/// What a checked pack always satisfies and the engine relies on. Messages
/// are fixed texts with the place they concern: formatting code costs wasm.
fn check_structure(pack: &Pack) -> Result<(), String> {
    use crate::engine::Expr;
    let facts = &pack.facts;
    let at = |place: String, why: &str| format!("{place}: {why}");
    let condition = |e: &Expr, want: ExprType, place: &dyn Fn() -> String| expect(e, facts, want).map_err(|why| at(place(), why));
    for f in facts {
        let place = || format!("fact `{}`", f.id);
        match &f.kind {
            FactKind::Enum(c) | FactKind::Set(c) if c.is_empty() || c.len() > crate::engine::MAX_CHOICES => {
                return Err(at(place(), "too few or too many choices"))
            }
            FactKind::Int { min, max } if min > max => return Err(at(place(), "its lowest answer is above its highest")),
            _ => {}
        }
        for gate in f.asked_when.iter().chain(f.wordings.iter().map(|w| &w.when)) {
            condition(gate, ExprType::Bool, &place)?;
        }
    }
    if pack.opening.iter().any(|&f| f >= facts.len()) {
        return Err("the questionnaire opens with a fact the pack does not have".into());
    }
    if let Some(c) = &pack.coverage {
        condition(&c.when, ExprType::Bool, &|| "coverage".into())?;
    }
    let documents = pack.documents.len();
    for p in &pack.policies {
        let place = || format!("policy `{}`", p.id);
        // The id names its page and its address: a crafted one could name
        // the library's index or a path.
        if !crate::engine::is_policy_id(&p.id) {
            return Err(at(place(), "its id is not a policy id (lower-case letters, digits and hyphens, not `index`)"));
        }
        condition(&p.scope.applicant, ExprType::Bool, &place)?;
        condition(&p.scope.place, ExprType::Bool, &place)?;
        for c in &p.criteria {
            condition(&c.rule.expr, ExprType::Bool, &place)?;
        }
        for l in &p.local {
            condition(&l.when, ExprType::Bool, &place)?;
        }
        if let Some(a) = &p.amount {
            condition(&a.rule.expr, ExprType::Int, &place)?;
        }
        if p.sources().any(|s| s.document >= documents) {
            return Err(at(place(), "cites a document the pack does not have"));
        }
    }
    Ok(())
}

fn expect(e: &crate::engine::Expr, facts: &[crate::engine::FactDef], want: ExprType) -> Result<(), &'static str> {
    if type_of(e, facts)? == want {
        Ok(())
    } else {
        Err("a condition or amount has the wrong type")
    }
}

/// The type of a decoded expression, or what is wrong with it. Recursion is
/// bounded: the reader refuses deep trees.
fn type_of(e: &crate::engine::Expr, facts: &[crate::engine::FactDef]) -> Result<ExprType, &'static str> {
    use crate::engine::Expr as E;
    const NO_FACT: &str = "reads a fact the pack does not have";
    const WRONG_KIND: &str = "reads a fact as a kind of answer it does not take";
    let kind = |f: usize| facts.get(f).map(|d| &d.kind).ok_or(NO_FACT);
    let within = |mask: u64, n: usize| n >= 64 || mask >> n == 0;
    let all = |items: &[E], t: ExprType| -> Result<(), &'static str> {
        for i in items {
            if type_of(i, facts)? != t {
                return Err("mixes types in one expression");
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
            _ => return Err(WRONG_KIND),
        },
        E::IntFact(f) => match kind(*f)? {
            FactKind::Int { .. } => ExprType::Int,
            _ => return Err(WRONG_KIND),
        },
        E::DateFact(f) => match kind(*f)? {
            FactKind::Date { .. } => ExprType::Date,
            _ => return Err(WRONG_KIND),
        },
        E::EnumIn(f, mask) => match kind(*f)? {
            FactKind::Enum(c) if within(*mask, c.len()) => ExprType::Bool,
            _ => return Err(WRONG_KIND),
        },
        E::SetHasAny(f, mask) => match kind(*f)? {
            FactKind::Set(c) if within(*mask, c.len()) => ExprType::Bool,
            _ => return Err(WRONG_KIND),
        },
        E::SetIsEmpty(f) => match kind(*f)? {
            FactKind::Set(_) => ExprType::Bool,
            _ => return Err(WRONG_KIND),
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
            all(std::slice::from_ref(a), ExprType::Bool)?;
            all(std::slice::from_ref(b), ExprType::Bool)?;
            ExprType::Bool
        }
        E::Cmp(_, a, b) => {
            let (x, y) = (type_of(a, facts)?, type_of(b, facts)?);
            if x != y || x == ExprType::Bool {
                return Err("compares values of different types");
            }
            ExprType::Bool
        }
        E::Arith(_, a, b) => {
            if (type_of(a, facts)?, type_of(b, facts)?) != (ExprType::Int, ExprType::Int) {
                return Err("does arithmetic on something that is not a number");
            }
            ExprType::Int
        }
        E::Min(items) | E::Max(items) => {
            if items.is_empty() {
                return Err("takes the smallest or largest of nothing");
            }
            all(items, ExprType::Int)?;
            ExprType::Int
        }
        E::If(c, a, b) => {
            if type_of(c, facts)? != ExprType::Bool {
                return Err("has an `if` whose condition is not true or false");
            }
            let (x, y) = (type_of(a, facts)?, type_of(b, facts)?);
            if x != y {
                return Err("has an `if` whose branches differ in type");
            }
            x
        }
    })
}
