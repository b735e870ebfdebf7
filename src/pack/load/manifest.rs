//! The manifest, pack.toml: the pack's id, version, date, names and
//! languages, its documents, and where its guidance reaches.

use super::{FileCx, Loader};
use crate::engine::{Coverage, Document, ExprType, FactDef, Lang, Manifest};
use crate::pack::{
    diagnostic::DiagnosticKind as K,
    schema::{CoverageToml, ManifestToml},
};
use toml::Spanned;

impl Loader<'_> {
    /// The manifest (its coverage still unread) and the documents it lists.
    pub(super) fn manifest(&mut self, file: &FileCx, m: ManifestToml) -> (Option<Manifest>, Option<Spanned<CoverageToml>>, Vec<Document>) {
        let top = 0..0;
        let id = self.required_string(file, "id", m.id, &top);
        let version = self.required_string(file, "version", m.version, &top);
        let rules_as_of = match &m.rules_as_of {
            Some(v) => self.date(file, "rules_as_of", v),
            None => {
                self.error(file, &top, K::NoRulesAsOf);
                None
            }
        };
        let name = self.text(file, "name", m.name, &top);
        let region = self.text(file, "region", m.region, &top);
        let mut languages = Vec::new();
        match m.languages {
            None => self.error(file, &top, K::NoLanguages),
            Some(list) => {
                for l in list.get_ref() {
                    match Lang::from_code(l.get_ref()) {
                        Some(lang) => languages.push(lang),
                        None => self.error(file, &l.span(), K::UnsupportedLanguage { code: l.get_ref().clone() }),
                    }
                }
                for lang in Lang::ALL {
                    if !languages.contains(&lang) {
                        self.error(file, &list.span(), K::LanguageLeftOut { lang });
                    }
                }
            }
        }
        let mut documents: Vec<Document> = Vec::new();
        for d in m.document {
            let span = d.span();
            let d = d.into_inner();
            if documents.iter().any(|x| x.id == *d.id.get_ref()) {
                self.error(file, &d.id.span(), K::DuplicateDocumentId { id: d.id.get_ref().clone() });
                continue;
            }
            let file_name = self.required_string(file, "file", d.file, &span).unwrap_or_default();
            let title = self.text(file, "title", d.title, &span);
            let reported = match d.reported {
                None => {
                    self.error(file, &span, K::NoReportedYear { document: d.id.get_ref().clone() });
                    0
                }
                Some(year) if !(1900..=2200).contains(year.get_ref()) => {
                    self.error(file, &year.span(), K::ReportedYearOutOfRange { year: *year.get_ref() });
                    0
                }
                Some(year) => *year.get_ref() as i32,
            };
            documents.push(Document { id: d.id.into_inner(), file: file_name, title, reported });
        }
        let meta = match (id, version, rules_as_of) {
            (Some(id), Some(version), Some(rules_as_of)) => {
                Some(Manifest { id, version, rules_as_of, name, region, languages, coverage: None, opening: Vec::new() })
            }
            _ => None,
        };
        (meta, m.coverage, documents)
    }

    pub(super) fn coverage(&mut self, file: &FileCx, c: Spanned<CoverageToml>, facts: &[FactDef]) -> Option<Coverage> {
        let span = c.span();
        let c = c.into_inner();
        let note = self.text(file, "coverage.note", c.note, &span);
        let Some(when) = c.when else {
            self.error(file, &span, K::CoverageNoWhen);
            return None;
        };
        let when = self.expression(file, &when, facts, ExprType::Bool)?;
        Some(Coverage { when, note })
    }
}
