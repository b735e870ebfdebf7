//! Publishing an edited pack: the next version number, and the new version
//! and "rules as of" date written into `pack.toml` with every comment (also
//! one after either value) and every other line kept as staff wrote them
//! (the pack studio's publish).

use crate::engine::Date;

/// The version after `version`: its last number plus one (`2.0.0` → `2.0.1`,
/// `2026.3` → `2026.4`); a version that does not end in a number gets `.1`.
pub fn next_version(version: &str) -> String {
    let digits = version.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (head, tail) = version.split_at(version.len() - digits);
    match tail.parse::<u64>() {
        Ok(n) => format!("{head}{}", n.saturating_add(1)),
        Err(_) if version.is_empty() => "1".into(),
        Err(_) => format!("{version}.1"),
    }
}

/// `pack.toml`'s text with its top-level `version` and `rules_as_of` lines
/// replaced. Only the manifest's own lines (before its first `[table]`) are
/// touched, so a document's or the coverage's fields never are. An error
/// says what is missing or which character the version cannot hold.
pub fn set_release(manifest: &str, version: &str, rules_as_of: Date) -> Result<String, String> {
    if version.trim().is_empty() {
        return Err("the new version is empty".into());
    }
    if let Some(c) = version.chars().find(|c| c.is_control() || matches!(c, '"' | '\\')) {
        return Err(format!("a version cannot contain {c:?}"));
    }
    let (mut version_set, mut date_set, mut in_tables) = (false, false, false);
    let mut out = String::with_capacity(manifest.len() + 16);
    for line in manifest.split_inclusive('\n') {
        let key = line.trim_start();
        in_tables |= key.starts_with('[');
        let ending = &line[line.trim_end_matches(['\r', '\n']).len()..];
        if !in_tables && is_key(key, "version") {
            out.push_str(&format!("version = \"{version}\"{}{ending}", trailing_comment(line)));
            version_set = true;
        } else if !in_tables && is_key(key, "rules_as_of") {
            out.push_str(&format!("rules_as_of = {rules_as_of}{}{ending}", trailing_comment(line)));
            date_set = true;
        } else {
            out.push_str(line);
        }
    }
    match (version_set, date_set) {
        (true, true) => Ok(out),
        (false, _) => Err("pack.toml has no `version = ` line before its first [table]".into()),
        (_, false) => Err("pack.toml has no `rules_as_of = ` line before its first [table]".into()),
    }
}

/// A line's `# comment` after its value, with the spaces before it; `""`
/// when it has none. A `#` inside a quoted value is not a comment.
fn trailing_comment(line: &str) -> &str {
    let line = line.trim_end_matches(['\r', '\n']);
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') => return &line[line[..i].trim_end().len()..],
            _ => {}
        }
    }
    ""
}

/// Whether a line (its indentation removed) sets `key`.
fn is_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{load, PackFiles};

    #[test]
    fn the_next_version_counts_up_its_last_number() {
        assert_eq!(next_version("2.0.0"), "2.0.1");
        assert_eq!(next_version("2026.9"), "2026.10");
        assert_eq!(next_version("1.0-rc"), "1.0-rc.1");
        assert_eq!(next_version("7"), "8");
        assert_eq!(next_version(""), "1");
    }

    #[test]
    fn a_release_rewrites_two_lines_and_keeps_every_other() {
        let files = crate::default_pack::files();
        let manifest = files.get("pack.toml").expect("the default pack has a manifest");
        let date = Date::new(2027, 1, 5).unwrap();
        let released = set_release(manifest, "2.1.0", date).unwrap();
        let changed: Vec<(&str, &str)> = manifest.lines().zip(released.lines()).filter(|(a, b)| a != b).collect();
        assert_eq!(changed.len(), 2, "only the version and date lines change: {changed:?}");
        assert_eq!(manifest.lines().count(), released.lines().count());
        let pairs = files.iter().map(|(p, t)| (p.to_string(), if p == "pack.toml" { released.clone() } else { t.to_string() }));
        let pack = load(&PackFiles::from_pairs(pairs)).expect("the released pack checks");
        assert_eq!((pack.version.as_str(), pack.rules_as_of), ("2.1.0", date));
    }

    #[test]
    fn a_release_refuses_what_it_cannot_write() {
        let date = Date::new(2027, 1, 5).unwrap();
        assert!(set_release("id = \"x\"\nversion = \"1\"\nrules_as_of = 2026-01-01\n", "1\"; x = \"", date).is_err());
        assert!(set_release("id = \"x\"\nversion = \"1\"\n", "2", date).unwrap_err().contains("rules_as_of"));
        // A table's own `version` is never the manifest's.
        let nested = "id = \"x\"\nrules_as_of = 2026-01-01\n[thing]\nversion = \"1\"\n";
        assert!(set_release(nested, "2", date).unwrap_err().contains("version"));
        assert_eq!(set_release("version=\"1\"\r\nrules_as_of=2026-01-01\r\n", "2", date).unwrap(), "version = \"2\"\r\nrules_as_of = 2027-01-05\r\n");
        // A comment after a value stays; a `#` inside the old version is not one.
        let commented = "version = \"1#a\"  # bump me\nrules_as_of = 2026-01-01 # checked\n";
        assert_eq!(set_release(commented, "2", date).unwrap(), "version = \"2\"  # bump me\nrules_as_of = 2027-01-05 # checked\n");
    }
}
