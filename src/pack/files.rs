//! The files of a pack, in memory: read from a folder, embedded in the app,
//! or received as a bundle.

use std::io;
use std::path::Path;

/// A pack's files by path inside the pack (`pack.toml`, `rules/x.toml`),
/// sorted by path so that loading is deterministic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackFiles {
    files: Vec<(String, String)>,
}

impl PackFiles {
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> PackFiles {
        let mut files: Vec<(String, String)> = pairs.into_iter().collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        PackFiles { files }
    }

    /// Whether `path` (inside a pack's folder) is one of the files a pack is
    /// made of: `pack.toml`, `facts.toml`, `rules/*.toml`, `tests/*.toml`.
    /// The rest of a folder (README.md, sources, backups) is not.
    pub fn is_pack_path(path: &str) -> bool {
        matches!(path, "pack.toml" | "facts.toml")
            || ["rules/", "tests/"].iter().any(|dir| path.strip_prefix(dir).is_some_and(|name| !name.contains('/') && name.ends_with(".toml")))
    }

    /// Reads `pack.toml`, `facts.toml`, `rules/*.toml` and `tests/*.toml` from a folder.
    pub fn from_dir(dir: &Path) -> io::Result<PackFiles> {
        let mut pairs = Vec::new();
        for name in ["pack.toml", "facts.toml"] {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => pairs.push((name.to_string(), text)),
                // A missing file is reported by the loader with the others.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
            }
        }
        for sub in ["rules", "tests"] {
            let folder = dir.join(sub);
            let Ok(entries) = std::fs::read_dir(&folder) else { continue };
            for entry in entries {
                let path = entry?.path();
                let inner = format!("{sub}/{}", path.file_name().unwrap_or_default().to_string_lossy());
                if Self::is_pack_path(&inner) {
                    let text = std::fs::read_to_string(&path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
                    pairs.push((inner, text));
                }
            }
        }
        Ok(PackFiles::from_pairs(pairs))
    }

    /// Every file, as (path inside the pack, text), sorted by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(p, t)| (p.as_str(), t.as_str()))
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.iter().find(|(p, _)| p == path).map(|(_, t)| t.as_str())
    }

    /// Files under a folder of the pack (`"rules"`, `"tests"`), sorted by path.
    pub fn under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.files.iter().filter(move |(p, _)| p.strip_prefix(folder).is_some_and(|rest| rest.starts_with('/'))).map(|(p, t)| (p.as_str(), t.as_str()))
    }

    /// Takes the file at `path` out of the pack, returning its text.
    pub fn remove(&mut self, path: &str) -> Option<String> {
        let at = self.files.iter().position(|(p, _)| p == path)?;
        Some(self.files.remove(at).1)
    }

    pub fn insert(&mut self, path: &str, text: &str) {
        self.files.retain(|(p, _)| p != path);
        self.files.push((path.to_string(), text.to_string()));
        self.files.sort_by(|a, b| a.0.cmp(&b.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_removed_is_gone_and_its_text_returned() {
        let mut files = PackFiles::from_pairs([("pack.toml".to_string(), "a".to_string()), ("rules/x.toml".to_string(), "b".to_string())]);
        assert_eq!(files.remove("rules/x.toml").as_deref(), Some("b"));
        assert_eq!(files.remove("rules/x.toml"), None);
        assert_eq!(files.iter().collect::<Vec<_>>(), [("pack.toml", "a")]);
    }
}
