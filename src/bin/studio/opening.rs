//! What the user opened, as a pack's files: a folder of pack files, a zip of
//! one (the studio's own, the built-in pack fetched beside studio.html, or
//! any other), or a bundle made by `policy bundle` (written back out as
//! files by `pack::pack_files`; a bundle keeps no comments and no test
//! cases). Plain Rust: the browser's part is reading the files and
//! inflating a zip's entries (web.rs).
//!
//! A zip is read with care, since anyone can craft one: only the pack's own
//! files are unpacked, no more than [`MAX_FILE`] each and [`MAX_TOTAL`] in
//! all; entries with absolute paths or `..` are ignored; the pack is in the
//! folder of the shallowest `pack.toml`.

use policy_explainer::pack::{self, PackFiles};
use policy_explainer::{compiled, engine::Date};

use crate::zipfile::{self, Entry, Packed};

/// A file as the user gave it: its path (inside the chosen folder, when
/// there is one) and its bytes.
pub type Picked = (String, Vec<u8>);

/// The most one pack file may hold unpacked: a pack file is text of a few KB.
pub const MAX_FILE: u64 = 8 << 20;
/// The most a zip's pack files may hold unpacked, together.
pub const MAX_TOTAL: u64 = 32 << 20;

/// A pack opened from the user's files: a name to show, and its files.
#[derive(Debug, PartialEq)]
pub struct Opened {
    pub name: String,
    pub files: PackFiles,
}

/// What opening needs next.
#[derive(Debug)]
pub enum Opening {
    Ready(Opened),
    /// A zip whose pack files must be unpacked (by the browser), then read
    /// by [`Unzipping::finish`].
    Unzip(Unzipping),
}

/// A zip's pack files, still packed.
#[derive(Debug)]
pub struct Unzipping {
    /// The zip's file name, which every message names.
    pub zip: String,
    /// The name to show: the pack's folder, or the zip's name.
    pub shown: String,
    pub bytes: Vec<u8>,
    /// Each pack file's path inside the pack, and its entry.
    pub entries: Vec<(String, Entry)>,
}

pub fn open(picked: Vec<Picked>) -> Result<Opening, String> {
    if let [(name, bytes)] = &picked[..] {
        // A bundle, or (not a pack at all, by its first bytes) perhaps a zip.
        match compiled::decode(bytes) {
            Ok(pack) => return Ok(Opening::Ready(Opened { name: name.clone(), files: PackFiles::from_pairs(pack::pack_files(&pack)) })),
            Err(compiled::DecodeError::NotAPack) => {}
            Err(e) => return Err(format!("{name}: {e}")),
        }
        if bytes.starts_with(b"PK") {
            return unzipping(name, bytes.clone()).map(Opening::Unzip);
        }
    }
    let top = picked.first().and_then(|(p, _)| p.split_once('/')).map_or("", |(top, _)| top).to_string();
    folder(&top, picked.into_iter().map(|(p, b)| (p, Ok(b)))).map(Opening::Ready)
}

/// The folder (ending in `/`, or "" for the top) of the shallowest
/// `pack.toml` among `paths`, or why there is none to choose.
pub fn pack_root<'a>(name: &str, paths: impl Iterator<Item = &'a str>) -> Result<String, String> {
    let mut roots: Vec<&str> = paths.filter_map(|p| p.strip_suffix("pack.toml").filter(|r| r.is_empty() || r.ends_with('/'))).collect();
    roots.sort_by_key(|r| (r.matches('/').count(), *r));
    match &roots[..] {
        [] => Err(format!(
            "{}: no pack.toml here: open the pack's folder (the one that holds pack.toml), its zip, or a bundle (.bin)",
            if name.is_empty() { "?" } else { name }
        )),
        [a, b, ..] if a.matches('/').count() == b.matches('/').count() => {
            Err(format!("{name}: two packs side by side ({a}pack.toml and {b}pack.toml): open one of them"))
        }
        [root, ..] => Ok(root.to_string()),
    }
}

/// The pack in a folder's files (each read, or why not): the folder that
/// holds the shallowest pack.toml (a zip often has one folder around the pack).
fn folder(name: &str, picked: impl Iterator<Item = (String, Result<Vec<u8>, String>)>) -> Result<Opened, String> {
    let picked: Vec<(String, Result<Vec<u8>, String>)> = picked.filter_map(|(p, b)| Some((zipfile::safe_path(&p)?, b))).collect();
    let root = pack_root(name, picked.iter().map(|(p, _)| p.as_str()))?;
    let mut files = Vec::new();
    for (path, bytes) in picked {
        let Some(inner) = path.strip_prefix(&root).filter(|p| pack::PackFiles::is_pack_path(p)) else { continue };
        let text = String::from_utf8(bytes?).map_err(|_| format!("{path}: not UTF-8 text: save it as UTF-8"))?;
        // A textarea holds lines ending in \n only: a file saved on Windows
        // (\r\n) is read as the editor will show it, so that every line and
        // column, and every "edited" mark, agree with what is on screen.
        files.push((inner.to_string(), text.replace("\r\n", "\n")));
    }
    let shown = root.trim_end_matches('/').rsplit('/').next().filter(|r| !r.is_empty()).unwrap_or(name);
    Ok(Opened { name: shown.to_string(), files: PackFiles::from_pairs(files) })
}

fn megabytes(n: u64) -> u64 {
    n.div_ceil(1 << 20)
}

/// A zip's pack files, checked against the caps by the sizes the zip
/// states, before anything is unpacked.
fn unzipping(zip: &str, bytes: Vec<u8>) -> Result<Unzipping, String> {
    let all = zipfile::entries(&bytes).map_err(|e| format!("{zip}: {e}"))?;
    let safe: Vec<(String, Entry)> = all.into_iter().filter_map(|e| Some((zipfile::safe_path(&e.name)?, e))).collect();
    let root = pack_root(zip, safe.iter().map(|(p, _)| p.as_str()))?;
    let entries: Vec<(String, Entry)> =
        safe.into_iter().filter_map(|(p, e)| Some((p.strip_prefix(&root).filter(|p| pack::PackFiles::is_pack_path(p))?.to_string(), e))).collect();
    if let Some((path, e)) = entries.iter().find(|(_, e)| e.size > MAX_FILE) {
        return Err(too_big_file(zip, path, e.size));
    }
    let total: u64 = entries.iter().map(|(_, e)| e.size).sum();
    if total > MAX_TOTAL {
        return Err(too_big_total(zip, total));
    }
    let shown = root.trim_end_matches('/').rsplit('/').next().filter(|r| !r.is_empty()).unwrap_or(zip).to_string();
    Ok(Unzipping { zip: zip.to_string(), shown, bytes, entries })
}

pub fn too_big_file(zip: &str, path: &str, size: u64) -> String {
    format!("{zip}: {path} unpacks to {} MB, over the {} MB a pack file may hold: not a pack file", megabytes(size), MAX_FILE >> 20)
}

pub fn too_big_total(zip: &str, total: u64) -> String {
    format!("{zip}: its pack files unpack to {} MB, over the {} MB a whole pack may hold: refused, as a zip bomb would be", megabytes(total), MAX_TOTAL >> 20)
}

/// An entry that unpacks to more than its zip says, past a cap.
pub fn lying(zip: &str, path: &str) -> String {
    format!("{zip}: {path} unpacks to more than the zip says, past what a pack may hold: refused, as a zip bomb would be")
}

impl Unzipping {
    /// The pack, from each entry's bytes as unpacked (or why not).
    pub fn finish(self, unpacked: Vec<Result<Vec<u8>, String>>) -> Result<Opened, String> {
        let mut opened = folder(&self.zip, self.entries.into_iter().map(|(p, _)| p).zip(unpacked))?;
        opened.name = self.shown;
        Ok(opened)
    }
}

/// The pack's files as a zip, in one folder named `folder`, dated `date`,
/// each compressed by `deflate` (the browser's) where that makes it smaller.
pub fn zip_files(folder: &str, files: &PackFiles, date: Date, deflated: &[Vec<u8>]) -> Vec<u8> {
    let packed: Vec<Packed> = files
        .iter()
        .zip(deflated.iter().map(Some).chain(std::iter::repeat(None)))
        .map(|((path, text), small)| {
            let (method, data) = match small {
                Some(small) if small.len() < text.len() => (zipfile::DEFLATED, small.clone()),
                _ => (zipfile::STORED, text.as_bytes().to_vec()),
            };
            Packed { name: format!("{folder}/{path}"), method, data, crc: zipfile::crc32(text.as_bytes()), size: text.len() as u32 }
        })
        .collect();
    zipfile::write(&packed, (u16::try_from(date.year()).unwrap_or(1980), date.month(), date.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready(opening: Result<Opening, String>) -> Opened {
        match opening.unwrap() {
            Opening::Ready(o) => o,
            Opening::Unzip(u) => {
                let unpacked = u.entries.iter().map(|(_, e)| Ok(u.bytes[e.data.clone()].to_vec())).collect();
                u.finish(unpacked).unwrap()
            }
        }
    }

    fn zip(files: &[(&str, &str)]) -> Vec<Picked> {
        let files: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
        vec![("pack.zip".to_string(), zipfile::stored(&files))]
    }

    #[test]
    fn only_the_pack_files_of_the_shallowest_pack_toml_are_taken() {
        let opened = ready(open(zip(&[
            ("laoshan/pack.toml", "m"),
            ("laoshan/rules/a.toml", "a\r\nb"),
            ("laoshan/README.md", "not a pack file"),
            ("laoshan/old/pack.toml", "a deeper pack"),
            ("laoshan/rules/deep/x.toml", "too deep"),
        ])));
        assert_eq!(opened.name, "laoshan");
        assert_eq!(opened.files.iter().collect::<Vec<_>>(), [("pack.toml", "m"), ("rules/a.toml", "a\nb")]);
    }

    #[test]
    fn a_stray_absolute_or_climbing_entry_is_ignored() {
        let opened = ready(open(zip(&[("/abs/pack.toml", "stray"), ("../pack.toml", "climbs"), ("pack/pack.toml", "m"), ("pack/../../rules/x.toml", "x")])));
        assert_eq!(opened.name, "pack");
        assert_eq!(opened.files.iter().collect::<Vec<_>>(), [("pack.toml", "m")]);
    }

    #[test]
    fn two_packs_side_by_side_or_none_are_named() {
        let Err(two) = open(zip(&[("a/pack.toml", "m"), ("b/pack.toml", "m")])) else { panic!() };
        assert_eq!(two, "pack.zip: two packs side by side (a/pack.toml and b/pack.toml): open one of them");
        let Err(none) = open(zip(&[("docs/a.txt", "x")])) else { panic!() };
        assert!(none.starts_with("pack.zip: no pack.toml here"), "{none}");
    }

    #[test]
    fn a_zip_whose_pack_files_are_too_big_is_refused_by_name_before_unpacking() {
        // Each entry says it holds 8 MB (a bomb's entries compress 8 MB of zeros to a few KB).
        let entry = |name: String, size: u32| Packed { name, method: zipfile::STORED, data: b"x".to_vec(), crc: zipfile::crc32(b"x"), size };
        let mut packed = vec![entry("pack.toml".into(), 1)];
        packed.extend((0..5).map(|i| entry(format!("rules/r{i}.toml"), 8 << 20)));
        let bytes = zipfile::write(&packed, (2026, 1, 1));
        let Err(e) = open(vec![("bomb.zip".into(), bytes.clone())]) else { panic!("refused") };
        assert_eq!(e, "bomb.zip: its pack files unpack to 41 MB, over the 32 MB a whole pack may hold: refused, as a zip bomb would be");
        let Err(e) = open(vec![("big.zip".into(), zipfile::write(&[entry("pack.toml".into(), (8 << 20) + 1)], (2026, 1, 1)))]) else { panic!() };
        assert_eq!(e, "big.zip: pack.toml unpacks to 9 MB, over the 8 MB a pack file may hold: not a pack file");
        assert_eq!(
            too_big_file("bomb.zip", "rules/r0.toml", (8 << 20) + 1),
            "bomb.zip: rules/r0.toml unpacks to 9 MB, over the 8 MB a pack file may hold: not a pack file"
        );
        // Files that are not pack files do not count, and are never unpacked.
        let big = vec![0u8; 1 << 20];
        let mut listed: Vec<(&str, &[u8])> = vec![("pack.toml", b"m")];
        let names: Vec<String> = (0..40).map(|i| format!("sources/{i}.pdf")).collect();
        listed.extend(names.iter().map(|n| (n.as_str(), &big[..])));
        let opened = ready(open(vec![("with-sources.zip".into(), zipfile::stored(&listed))]));
        assert_eq!(opened.files.iter().count(), 1);
    }

    #[test]
    fn a_folder_and_a_bundle_open_too() {
        let folder = vec![("laoshan/pack.toml".to_string(), b"m".to_vec()), ("laoshan/notes.txt".to_string(), b"n".to_vec())];
        let opened = ready(open(folder));
        assert_eq!((opened.name.as_str(), opened.files.iter().count()), ("laoshan", 1));
        let bundle = compiled::encode(&policy_explainer::default_pack::pack());
        let opened = ready(open(vec![("seed.bin".into(), bundle)]));
        assert!(opened.files.get("pack.toml").is_some() && opened.files.under("rules").count() > 0);
        let Err(e) = open(vec![("notes.bin".into(), b"PEPK this is not really a pack".to_vec())]) else { panic!() };
        assert!(e.starts_with("notes.bin: "), "{e}");
        let Err(e) = open(vec![("x/pack.toml".into(), vec![0xff, 0xfe])]) else { panic!() };
        assert_eq!(e, "x/pack.toml: not UTF-8 text: save it as UTF-8");
    }

    #[test]
    fn the_published_zip_opens_as_the_same_pack() {
        let files = PackFiles::from_pairs([("pack.toml".to_string(), "m".repeat(50)), ("rules/a.toml".to_string(), "a".to_string())]);
        // "Deflated" here stands for the browser's output: only used when smaller.
        let bytes = zip_files("p-1.0.0", &files, Date::parse("2026-12-01").unwrap(), &[vec![1, 2], vec![1, 2, 3]]);
        let list = zipfile::entries(&bytes).unwrap();
        assert_eq!(list.iter().map(|e| (e.name.as_str(), e.method)).collect::<Vec<_>>(), [("p-1.0.0/pack.toml", 8), ("p-1.0.0/rules/a.toml", 0)]);
        let stored = zip_files("p-1.0.0", &files, Date::parse("2026-12-01").unwrap(), &[]);
        assert_eq!(ready(open(vec![("p.zip".into(), stored)])).files, files);
    }
}
