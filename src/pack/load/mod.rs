//! From pack files to a checked [`Pack`], collecting every problem: the
//! pack assembled here, from its files read each by their own module
//! (`manifest` for pack.toml, `facts` for facts.toml, `policy` for
//! rules/*.toml), with the fields every file has read by `fields`.

mod facts;
mod fields;
mod manifest;
mod policy;

use super::{
    diagnostic::{Diagnostic, DiagnosticKind as K},
    schema::{read_file, FactsToml, ManifestToml, PolicyToml, Problems, Table},
    PackFiles,
};
use crate::engine::{Pack, Policy};
use std::collections::HashMap;
use std::ops::Range;

/// Reads and checks a pack. On success, a pack every policy of which can be
/// evaluated; otherwise every problem found, sorted by file and line.
pub fn load(files: &PackFiles) -> Result<Pack, Vec<Diagnostic>> {
    load_with(files, None)
}

/// Like [`load`], and also checks that every quoted source sentence appears,
/// verbatim, in its document. `documents` maps a document's `file` name to its
/// text; a document missing from it is an error.
pub fn load_checking_quotes(files: &PackFiles, documents: &HashMap<String, String>) -> Result<Pack, Vec<Diagnostic>> {
    load_with(files, Some(documents))
}

fn load_with(files: &PackFiles, document_texts: Option<&HashMap<String, String>>) -> Result<Pack, Vec<Diagnostic>> {
    let mut loader = Loader { diagnostics: Vec::new(), document_texts };
    let pack = loader.load(files);
    let mut diagnostics = loader.diagnostics;
    if diagnostics.is_empty() {
        if let Some(pack) = pack {
            return Ok(pack);
        }
        diagnostics.push(Diagnostic::at("pack.toml", "", 0, K::Unreadable));
    }
    diagnostics.sort();
    diagnostics.dedup();
    Err(diagnostics)
}

/// One file being read: its name, its text, and where to record problems.
struct FileCx<'a> {
    name: &'a str,
    text: &'a str,
}

struct Loader<'d> {
    diagnostics: Vec<Diagnostic>,
    /// When set, quotes are checked against these document texts.
    document_texts: Option<&'d HashMap<String, String>>,
}

impl Loader<'_> {
    fn error(&mut self, file: &FileCx, span: &Range<usize>, kind: K) {
        self.diagnostics.push(Diagnostic::at_span(file.name, file.text, span, kind));
    }

    /// Reads one TOML file with `read`, recording every problem found.
    fn parse<T>(&mut self, file: &FileCx, read: impl FnOnce(&Table, &mut Problems) -> T) -> Option<T> {
        let (value, problems) = read_file(file.text, read);
        for (span, kind) in problems {
            self.error(file, &span, kind);
        }
        value
    }

    fn load(&mut self, files: &PackFiles) -> Option<Pack> {
        let manifest_file = FileCx { name: "pack.toml", text: files.get("pack.toml").unwrap_or("") };
        let facts_file = FileCx { name: "facts.toml", text: files.get("facts.toml").unwrap_or("") };
        if files.get("pack.toml").is_none() {
            self.error(&manifest_file, &(0..0), K::NoManifest);
        }
        if files.get("facts.toml").is_none() {
            self.error(&facts_file, &(0..0), K::NoFactsFile);
        }
        let manifest = files.get("pack.toml").and_then(|_| self.parse(&manifest_file, ManifestToml::read));
        let mut facts_toml = files.get("facts.toml").and_then(|_| self.parse(&facts_file, FactsToml::read));
        let opening = facts_toml.as_mut().and_then(|f| f.opening.take());

        let (meta, coverage, documents) = match manifest {
            Some(m) => self.manifest(&manifest_file, m),
            None => (None, None, Vec::new()),
        };
        let facts = facts_toml.map(|f| self.facts(&facts_file, f)).unwrap_or_default();
        let opening = opening.map(|list| self.opening(&facts_file, list, &facts)).unwrap_or_default();
        // The coverage condition names facts, so it is read once they are known.
        let coverage = coverage.and_then(|c| self.coverage(&manifest_file, c, &facts));

        let mut policies: Vec<Policy> = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut any_rule = false;
        for (path, text) in files.under("rules") {
            any_rule = true;
            let file = FileCx { name: path, text };
            let Some(toml) = self.parse(&file, PolicyToml::read) else { continue };
            if let Some(policy) = self.policy(&file, toml, &facts, &documents) {
                if let Some(first) = seen.get(&policy.id) {
                    self.error(&file, &(0..0), K::DuplicatePolicyId { id: policy.id.clone(), first: first.clone() });
                    continue;
                }
                seen.insert(policy.id.clone(), path.to_string());
                policies.push(policy);
            }
        }
        if !any_rule {
            self.error(&manifest_file, &(0..0), K::NoPolicies);
        }
        let mut manifest = meta?;
        manifest.coverage = coverage;
        manifest.opening = opening;
        policies.sort_by(|a, b| a.id.cmp(&b.id));
        Some(Pack::new(manifest, documents, facts, policies))
    }
}
