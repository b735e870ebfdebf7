//! Zip files, read and written by hand: the central directory read into a
//! list of entries (nothing is unpacked here), and a zip written from
//! entries already compressed. Inflating and deflating are the browser's own
//! (`DecompressionStream` and `CompressionStream`, "deflate-raw"; see
//! web.rs), so no deflate code ships in the studio's wasm.

/// One file in a zip, as its central directory describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Its path, with `/` between folders, as the zip names it.
    pub name: String,
    /// 0: stored; 8: deflated.
    pub method: u16,
    pub crc: u32,
    /// Where its compressed bytes lie in the zip.
    pub data: std::ops::Range<usize>,
    /// What the zip says it holds unpacked (a crafted zip may lie: the
    /// unpacking counts too).
    pub size: u64,
}

/// A zip's compression methods that the studio reads.
pub const STORED: u16 = 0;
pub const DEFLATED: u16 = 8;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Every file entry of a zip (folders are left out), or why it cannot be
/// read. Nothing is unpacked.
pub fn entries(bytes: &[u8]) -> Result<Vec<Entry>, String> {
    const END: u32 = 0x0605_4b50;
    const CENTRAL: u32 = 0x0201_4b50;
    const LOCAL: u32 = 0x0403_4b50;
    let bad = |what: &str| format!("not a zip that can be read ({what})");
    // The end record is the last 22 bytes, before a comment of up to 64 KB.
    let end = (0..=bytes.len().saturating_sub(22)).rev().take(65_536 + 22).find(|&at| u32_at(bytes, at) == Some(END)).ok_or_else(|| bad("no end record"))?;
    let count = usize::from(u16_at(bytes, end + 10).ok_or_else(|| bad("end record"))?);
    let mut at = u32_at(bytes, end + 16).ok_or_else(|| bad("end record"))? as usize;
    let mut out = Vec::new();
    for _ in 0..count {
        if u32_at(bytes, at) != Some(CENTRAL) {
            return Err(bad("central directory"));
        }
        let field = |off: usize| u16_at(bytes, at + off).ok_or_else(|| bad("central directory"));
        let word = |off: usize| u32_at(bytes, at + off).ok_or_else(|| bad("central directory"));
        let (flags, method, crc) = (field(8)?, field(10)?, word(16)?);
        let (packed, size) = (word(20)? as usize, u64::from(word(24)?));
        let (name_len, extra_len, comment_len) = (usize::from(field(28)?), usize::from(field(30)?), usize::from(field(32)?));
        let local = word(42)? as usize;
        let name = bytes.get(at + 46..at + 46 + name_len).ok_or_else(|| bad("central directory"))?;
        let name = String::from_utf8_lossy(name).replace('\\', "/");
        at += 46 + name_len + extra_len + comment_len;
        if name.ends_with('/') {
            continue;
        }
        if flags & 1 != 0 {
            return Err(format!("{name} is encrypted: zip the pack without a password"));
        }
        if u32_at(bytes, local) != Some(LOCAL) {
            return Err(bad("local header"));
        }
        let start = local + 30 + usize::from(u16_at(bytes, local + 26).unwrap_or(0)) + usize::from(u16_at(bytes, local + 28).unwrap_or(0));
        let data = start..start.checked_add(packed).filter(|e| *e <= bytes.len()).ok_or_else(|| bad("an entry runs past the end"))?;
        out.push(Entry { name, method, crc, data, size });
    }
    Ok(out)
}

/// A zip's path made safe to use as a path inside a pack, or `None` for
/// one that is absolute (`/abs/pack.toml`, `C:/x`) or climbs out (`..`),
/// which is ignored.
pub fn safe_path(name: &str) -> Option<String> {
    let name = name.replace('\\', "/");
    let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    let absolute = name.starts_with('/') || parts.first().is_some_and(|p| p.contains(':'));
    (!absolute && !parts.is_empty() && !parts.contains(&"..")).then(|| parts.join("/"))
}

/// The CRC-32 a zip keeps of each file (the IEEE polynomial).
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// A file to write into a zip: its path, its bytes as compressed with
/// `method`, and the CRC-32 and size of its bytes unpacked.
pub struct Packed {
    pub name: String,
    pub method: u16,
    pub data: Vec<u8>,
    pub crc: u32,
    pub size: u32,
}

/// A zip of `files`, each dated (year, month, day) at midnight, with UTF-8 names.
pub fn write(files: &[Packed], (year, month, day): (u16, u8, u8)) -> Vec<u8> {
    let date = (year.saturating_sub(1980) << 9) | (u16::from(month) << 5) | u16::from(day);
    let mut out = Vec::new();
    let mut central = Vec::new();
    for f in files {
        let offset = out.len() as u32;
        // Version 2.0, UTF-8 names, the method, time 00:00 and the date.
        let common = |v: &mut Vec<u8>| {
            for n in [20u16, 1 << 11, f.method, 0, date] {
                v.extend(n.to_le_bytes());
            }
            for n in [f.crc, f.data.len() as u32, f.size] {
                v.extend(n.to_le_bytes());
            }
            v.extend((f.name.len() as u16).to_le_bytes());
            v.extend(0u16.to_le_bytes());
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(f.name.as_bytes());
        out.extend(&f.data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        common(&mut central);
        // No comment, disk 0, no attributes, and where the file is.
        central.extend([0u8; 10]);
        central.extend(offset.to_le_bytes());
        central.extend(f.name.as_bytes());
    }
    let (start, size, count) = (out.len() as u32, central.len() as u32, files.len() as u16);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(size.to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A zip of `files` stored as they are, for tests.
#[cfg(test)]
pub fn stored(files: &[(&str, &[u8])]) -> Vec<u8> {
    let packed: Vec<Packed> = files
        .iter()
        .map(|(name, data)| Packed { name: name.to_string(), method: STORED, data: data.to_vec(), crc: crc32(data), size: data.len() as u32 })
        .collect();
    write(&packed, (2026, 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_zip_reads_back() {
        let zip = stored(&[("pack/pack.toml", b"id = 1"), ("pack/rules/a.toml", "名 = 2".as_bytes())]);
        let list = entries(&zip).unwrap();
        assert_eq!(list.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["pack/pack.toml", "pack/rules/a.toml"]);
        assert_eq!(&zip[list[1].data.clone()], "名 = 2".as_bytes());
        assert_eq!(list[1].size, "名 = 2".len() as u64);
        assert_eq!(list[1].crc, crc32("名 = 2".as_bytes()));
        assert_eq!(list[0].method, STORED);
    }

    #[test]
    fn the_crc_is_the_zip_one() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn absolute_and_climbing_paths_are_not_safe() {
        for bad in ["/abs/pack.toml", "\\abs\\pack.toml", "C:/pack.toml", "c:pack.toml", "../pack.toml", "pack/../../x.toml", "a/..", "", "/"] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
        assert_eq!(safe_path("pack/rules/a.toml").as_deref(), Some("pack/rules/a.toml"));
        assert_eq!(safe_path("./pack//rules\\a.toml").as_deref(), Some("pack/rules/a.toml"));
    }

    #[test]
    fn damaged_zips_are_refused_with_a_reason() {
        let zip = stored(&[("pack.toml", b"id = 1")]);
        for cut in [zip.len() - 1, 40, 4, 0] {
            assert!(entries(&zip[..cut]).is_err(), "cut at {cut}");
        }
        let mut lying = zip.clone();
        // The entry's compressed size, in its central record, past the end.
        let central = lying.len() - 22 - 46 - "pack.toml".len();
        lying[central + 20..central + 24].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(entries(&lying).unwrap_err().contains("past the end"));
    }
}
