//! A pack split by region: an index every visitor downloads and one shard
//! per value of an enum fact (`city-c03.bin`), so that a visitor's cost
//! follows their region rather than the province (`policy bundle
//! --split-by FACT --out DIR`).
//!
//! The index is a compiled pack (the facts, documents, coverage and the
//! policies whose scope does not confine the fact to one value, such as a
//! provincial card), then the fact it is split by and a line for every
//! policy of the pack (id, name, issuer, region) for the library. A shard
//! names the pack id, version, fact and value it belongs to, then its
//! policies, which refer to the index's facts and documents. Each file has
//! the compiled pack's header (its own magic, the format version, its
//! length and checksum):
//!
//! ```text
//! index  "PEPX" … payload: pack, fact id, [listing]
//! shard  "PEPS" … payload: pack id, version, fact id, value id, [policy]
//! ```

use super::{check_structure, from_file_start, read::Reader, unseal, DecodeError};
use crate::engine::{truth, FactIx, Facts, Manifest, Pack, Policy, Text, Truth, Value};
use std::fmt;

const INDEX_MAGIC: &[u8; 4] = b"PEPX";
const SHARD_MAGIC: &[u8; 4] = b"PEPS";

/// Why bytes are not a usable part of a split pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitError {
    /// Damaged, cut, of another format version: as for a whole bundle.
    Decode(DecodeError),
    /// Not the part of a split pack that was asked for (`index` or `shard`).
    NotPart(&'static str),
    /// A shard of another pack, version or split than its index: what the
    /// shard says it belongs to, and what the index is.
    ForeignShard { shard: String, index: String },
}

impl From<DecodeError> for SplitError {
    fn from(e: DecodeError) -> Self {
        SplitError::Decode(e)
    }
}

impl fmt::Display for SplitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SplitError::Decode(e) => e.fmt(f),
            SplitError::NotPart(part) => write!(f, "not a split pack's {part}: make one with `policy bundle --split-by FACT --out DIR`"),
            SplitError::ForeignShard { shard, index } => {
                write!(
                    f,
                    "this shard belongs to {shard}, not to the index's {index}: serve the index and shards written together by one `policy bundle --split-by`"
                )
            }
        }
    }
}

/// The payload of a split pack's part that begins with `magic`.
fn part<'a>(bytes: &'a [u8], magic: &[u8; 4], name: &'static str) -> Result<&'a [u8], SplitError> {
    if !bytes.starts_with(magic) {
        return Err(SplitError::NotPart(name));
    }
    Ok(unseal(bytes, magic)?)
}

/// A policy as the library lists it before its region is loaded.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Listing {
    pub id: String,
    pub name: Text,
    pub issuer: Text,
    /// The value of the split fact whose shard holds it; `None`: the index.
    pub region: Option<String>,
}

/// The file a shard is served as: `FACT-VALUE.bin`.
pub fn shard_file(fact: &str, value: &str) -> String {
    format!("{fact}-{value}.bin")
}

/// The value of `fact` a policy's place confines it to, if exactly one:
/// every other value makes its place false.
fn confined_to(pack: &Pack, policy: &Policy, fact: FactIx) -> Option<u8> {
    let mut facts = Facts::unknown(&pack.facts);
    let mut open = (0..pack.facts[fact].kind.choices().len() as u8).filter(|&v| {
        facts.set(fact, Some(Value::Enum(v)));
        truth(&policy.scope.place, &facts) != Truth::False
    });
    match (open.next(), open.next()) {
        (Some(v), None) => Some(v),
        _ => None,
    }
}

/// A split pack's files: the index's bytes, then each shard's file name and bytes.
#[cfg(any(not(target_arch = "wasm32"), feature = "studio"))]
pub struct Split {
    pub index: Vec<u8>,
    pub shards: Vec<(String, Vec<u8>)>,
}

/// Splits a checked pack by the enum fact `fact`: one shard for every value
/// (empty where no policy is confined to it), the rest in the index.
#[cfg(any(not(target_arch = "wasm32"), feature = "studio"))]
pub fn split(pack: &Pack, fact: &str) -> Result<Split, String> {
    let ix = pack.fact_ix(fact).ok_or_else(|| format!("the pack has no fact `{fact}` to split by"))?;
    let crate::engine::FactKind::Enum(values) = &pack.facts[ix].kind else {
        return Err(format!("`{fact}` is not a single-choice (enum) fact: a pack can be split only by one"));
    };
    let regions: Vec<Option<u8>> = pack.policies.iter().map(|p| confined_to(pack, p, ix)).collect();
    let listings: Vec<Listing> = pack
        .policies
        .iter()
        .zip(&regions)
        .map(|(p, r)| Listing { id: p.id.clone(), name: p.name.clone(), issuer: p.issuer.clone(), region: r.map(|v| values[v as usize].id.clone()) })
        .collect();
    let shared: Vec<&Policy> = pack.policies.iter().zip(&regions).filter(|(_, r)| r.is_none()).map(|(p, _)| p).collect();
    let index_pack = Pack { policies: shared.into_iter().cloned().collect(), ..pack.clone() };
    // Plain data with no map keys or floats: serialising it cannot fail.
    let index = super::seal(INDEX_MAGIC, &postcard::to_allocvec(&(&index_pack, fact, &listings)).unwrap_or_default());
    let shards = values
        .iter()
        .enumerate()
        .map(|(v, value)| {
            let own: Vec<&Policy> = pack.policies.iter().zip(&regions).filter(|(_, r)| **r == Some(v as u8)).map(|(p, _)| p).collect();
            let payload = postcard::to_allocvec(&(&pack.id, &pack.version, fact, &value.id, &own)).unwrap_or_default();
            (shard_file(fact, &value.id), super::seal(SHARD_MAGIC, &payload))
        })
        .collect();
    Ok(Split { index, shards })
}

/// A split pack as loaded so far: the index's pack with the policies of the
/// shards added to it, and what the index lists.
#[derive(Debug)]
pub struct SplitPack {
    pub pack: Pack,
    /// The fact the pack is split by.
    pub fact: FactIx,
    /// Every policy of every region, for the library.
    pub listings: Vec<Listing>,
    /// The values whose shards are loaded.
    pub loaded: Vec<u8>,
}

impl SplitPack {
    /// Decodes an index, as trusting nothing as [`super::decode`].
    pub fn decode_index(bytes: &[u8]) -> Result<SplitPack, SplitError> {
        let (pack, fact, listings) = Reader::new(part(bytes, INDEX_MAGIC, "index")?).index().map_err(from_file_start)?;
        check_structure(&pack).map_err(DecodeError::Malformed)?;
        let fact = pack
            .fact_ix(&fact)
            .filter(|&f| matches!(pack.facts[f].kind, crate::engine::FactKind::Enum(_)))
            .ok_or_else(|| DecodeError::Malformed("it is split by a fact it does not have, or by one that is not single-choice".into()))?;
        Ok(SplitPack { pack, fact, listings, loaded: Vec::new() })
    }

    /// The file that holds the policies of value `value` of the split fact.
    pub fn shard_file(&self, value: u8) -> Option<String> {
        let def = &self.pack.facts[self.fact];
        Some(shard_file(&def.id, &def.kind.choices().get(value as usize)?.id))
    }

    /// Adds a shard's policies; returns the value it is for. A shard of
    /// another pack, version or split is refused by name, and one already
    /// loaded changes nothing.
    pub fn add_shard(&mut self, bytes: &[u8]) -> Result<u8, SplitError> {
        let ([id, version, fact, value], policies) = Reader::new(part(bytes, SHARD_MAGIC, "shard")?).shard().map_err(from_file_start)?;
        let def = &self.pack.facts[self.fact];
        let ours = format!("{}@{} split by {}", self.pack.id, self.pack.version, def.id);
        let theirs = format!("{id}@{version} split by {fact}");
        let v = def.kind.choice_ix(&value).filter(|_| theirs == ours).ok_or(SplitError::ForeignShard { shard: format!("{theirs} ({value})"), index: ours })?;
        let v = v as u8;
        if self.loaded.contains(&v) {
            return Ok(v);
        }
        if let Some(p) = policies.iter().find(|p| confined_to(&self.pack, p, self.fact) != Some(v)) {
            return Err(DecodeError::Malformed(format!("policy `{}` of the shard for {value} is not confined to it", p.id)).into());
        }
        // Its policies refer to the index's facts and documents: checked
        // against them before they join the pack.
        let alone = Pack::new(empty_manifest(), self.pack.documents.clone(), self.pack.facts.clone(), policies);
        check_structure(&alone).map_err(DecodeError::Malformed)?;
        let Pack { id, version, rules_as_of, name, region, languages, coverage, opening, documents, facts, policies: mut all, .. } =
            std::mem::replace(&mut self.pack, alone);
        all.append(&mut self.pack.policies);
        self.pack = Pack::new(Manifest { id, version, rules_as_of, name, region, languages, coverage, opening }, documents, facts, all);
        self.loaded.push(v);
        Ok(v)
    }
}

fn empty_manifest() -> Manifest {
    Manifest {
        id: String::new(),
        version: String::new(),
        rules_as_of: crate::engine::Date::new(2000, 1, 1).unwrap_or_else(|| unreachable!()),
        name: Text::default(),
        region: Text::default(),
        languages: Vec::new(),
        coverage: None,
        opening: Vec::new(),
    }
}
