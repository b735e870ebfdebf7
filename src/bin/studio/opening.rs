//! What the user opened, as a pack's files: a folder of pack files, a zip of
//! one (the studio's own or any other), or a bundle made by `policy bundle`
//! (written back out as files by `pack::pack_files`; a bundle keeps no
//! comments and no test cases).

use crate::web::{top_folder, Picked};
use policy_explainer::{compiled, pack};
use std::io::{Cursor, Read, Write};

/// A pack opened from the user's files: a name to show, and its files.
pub fn pack_from(picked: Vec<Picked>) -> Result<(String, Vec<(String, String)>), String> {
    if let [(name, bytes)] = &picked[..] {
        // A bundle, or (not a pack at all, by its first bytes) perhaps a zip.
        match compiled::decode(bytes) {
            Ok(pack) => return Ok((name.clone(), pack::pack_files(&pack))),
            Err(compiled::DecodeError::NotAPack) => {}
            Err(e) => return Err(format!("{name}: {e}")),
        }
        if bytes.starts_with(b"PK") {
            return folder(name, unzip(name, bytes)?);
        }
    }
    folder(&top_folder(&picked), picked)
}

/// The pack in a folder's files: the folder that holds `pack.toml`, at any
/// depth (a zip often has one folder around the pack).
fn folder(name: &str, picked: Vec<Picked>) -> Result<(String, Vec<(String, String)>), String> {
    let Some(root) =
        picked.iter().filter_map(|(p, _)| p.strip_suffix("pack.toml").filter(|r| r.is_empty() || r.ends_with('/'))).min_by_key(|r| r.len()).map(str::to_string)
    else {
        return Err(format!(
            "{}: no pack.toml here: open the pack's folder (the one that holds pack.toml), its zip, or a bundle (.bin)",
            if name.is_empty() { "?" } else { name }
        ));
    };
    let mut files = Vec::new();
    for (path, bytes) in picked {
        let Some(inner) = path.strip_prefix(&root).filter(|p| pack::PackFiles::is_pack_path(p)) else { continue };
        let text = String::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8 text: save it as UTF-8"))?;
        // A textarea holds lines ending in \n only: a file saved on Windows
        // (\r\n) is read as the editor will show it, so that every line and
        // column, and every "edited" mark, agree with what is on screen.
        files.push((inner.to_string(), text.replace("\r\n", "\n")));
    }
    files.sort();
    let shown = root.trim_end_matches('/').rsplit('/').next().filter(|r| !r.is_empty()).unwrap_or(name);
    Ok((shown.to_string(), files))
}

/// The most a file in a zip may hold when unpacked.
const MAX_ENTRY: u64 = 8 << 20;

fn unzip(name: &str, bytes: &[u8]) -> Result<Vec<Picked>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("{name}: not a zip that can be read ({e})"))?;
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| format!("{name}: {e}"))?;
        if !entry.is_file() {
            continue;
        }
        let path = entry.name().map_err(|e| format!("{name}: {e}"))?.replace('\\', "/");
        // A pack file is text of a few KB; read no more than a generous cap,
        // so a crafted zip cannot fill the browser's memory.
        let mut data = Vec::new();
        (&mut entry).take(MAX_ENTRY + 1).read_to_end(&mut data).map_err(|e| format!("{name}: {path}: {e}"))?;
        if data.len() as u64 > MAX_ENTRY {
            return Err(format!("{name}: {path} is over {} MB: not a pack file", MAX_ENTRY >> 20));
        }
        out.push((path, data));
    }
    Ok(out)
}

/// The pack's files as a zip, in one folder named `folder`, dated `date`.
pub fn zip_files(folder: &str, files: &[(String, String)], date: policy_explainer::engine::Date) -> Result<Vec<u8>, String> {
    let stamp = zip::DateTime::from_date_and_time(u16::try_from(date.year()).unwrap_or(1980), date.month(), date.day(), 0, 0, 0).unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).last_modified_time(stamp);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (path, text) in files {
        writer.start_file(format!("{folder}/{path}"), options).map_err(|e| e.to_string())?;
        writer.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(writer.finish().map_err(|e| e.to_string())?.into_inner())
}
