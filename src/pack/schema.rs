//! The shape of pack files as TOML, with the location of every value kept so
//! that the loader can point at it. Fields the loader checks itself (required
//! texts, sources) are optional here, so one file can report many problems.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A text in every language: `{ zh = "…", en = "…" }`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct TextToml {
    pub zh: Option<Spanned<String>>,
    pub en: Option<Spanned<String>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ManifestToml {
    pub id: Option<Spanned<String>>,
    pub version: Option<Spanned<String>>,
    pub rules_as_of: Option<Spanned<toml::Value>>,
    pub languages: Option<Spanned<Vec<Spanned<String>>>>,
    pub name: Option<Spanned<TextToml>>,
    pub region: Option<Spanned<TextToml>>,
    #[serde(default)]
    pub document: Vec<Spanned<DocumentToml>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct DocumentToml {
    pub id: Spanned<String>,
    pub file: Option<Spanned<String>>,
    pub title: Option<Spanned<TextToml>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FactsToml {
    #[serde(default)]
    pub fact: Vec<Spanned<FactToml>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FactToml {
    pub id: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<String>>,
    pub question: Option<Spanned<TextToml>>,
    pub hint: Option<Spanned<TextToml>>,
    pub unit: Option<Spanned<TextToml>>,
    pub min: Option<Spanned<toml::Value>>,
    pub max: Option<Spanned<toml::Value>>,
    pub values: Option<Spanned<Vec<Spanned<ChoiceToml>>>>,
    pub asked_when: Option<Spanned<String>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ChoiceToml {
    pub id: Spanned<String>,
    pub zh: Option<Spanned<String>>,
    pub en: Option<Spanned<String>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct PolicyToml {
    pub id: Option<Spanned<String>>,
    pub name: Option<Spanned<TextToml>>,
    pub issuer: Option<Spanned<TextToml>>,
    pub jurisdiction: Option<Spanned<String>>,
    pub benefit: Option<Spanned<TextToml>>,
    pub apply: Option<Spanned<TextToml>>,
    pub criteria_status: Option<Spanned<String>>,
    pub valid_from: Option<Spanned<toml::Value>>,
    pub valid_until: Option<Spanned<toml::Value>>,
    pub amount: Option<Spanned<AmountToml>>,
    #[serde(default)]
    pub criterion: Vec<Spanned<CriterionToml>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct AmountToml {
    pub formula: Option<Spanned<String>>,
    pub label: Option<Spanned<TextToml>>,
    pub source: Option<Spanned<SourceToml>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct CriterionToml {
    pub when: Option<Spanned<String>>,
    pub label: Option<Spanned<TextToml>>,
    pub source: Option<Spanned<SourceToml>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct SourceToml {
    pub document: Option<Spanned<String>>,
    pub quote: Option<Spanned<String>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct CasesToml {
    #[serde(default)]
    pub case: Vec<Spanned<CaseToml>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct CaseToml {
    pub name: String,
    pub date: Spanned<toml::Value>,
    #[serde(default)]
    pub facts: toml::Table,
    #[serde(default)]
    pub expect: BTreeMap<String, Spanned<ExpectToml>>,
    pub next_question: Option<Spanned<String>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ExpectToml {
    pub status: Spanned<String>,
    pub max_amount: Option<i64>,
    pub missing: Option<Vec<String>>,
    pub failed: Option<usize>,
}
