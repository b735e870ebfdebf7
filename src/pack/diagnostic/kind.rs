//! What can be wrong with a pack, as typed values: one variant per kind of
//! problem, carrying what it names. Its words are made in one place, the
//! [`fmt::Display`] of [`DiagnosticKind`]: each says what was found and
//! what to do, in words policy staff read.

use crate::engine::{Date, ExprErrorKind, FactType, Lang, PolicyIdProblem, MAX_CHOICES, MAX_POLICY_ID};
use std::fmt;

/// One kind of problem in a pack, with what it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiagnosticKind {
    // ---- the pack as a whole
    /// Nothing was reported, yet no pack came out.
    Unreadable,
    NoManifest,
    NoFactsFile,
    NoPolicies,
    /// A second policy with an id `first` (a file) has already.
    DuplicatePolicyId {
        id: String,
        first: String,
    },

    // ---- the shape of a TOML file
    /// The TOML parser's own message, passed through.
    Toml(String),
    /// A key not among the table's fields.
    UnknownField {
        key: String,
        allowed: &'static [&'static str],
    },
    /// A top-level key written below a `[table]` header, so inside it.
    InsideTable {
        key: String,
        table: String,
    },
    /// A value of the wrong TOML type; `found` is the type written.
    WrongType {
        field: String,
        expected: TomlShape,
        found: &'static str,
    },
    /// A `[[document]]`, `[[fact]]` or value without its `id`.
    NoId {
        table: &'static str,
    },

    // ---- fields any file has
    MissingField {
        field: String,
    },
    EmptyField {
        field: String,
    },
    /// A text (`{ zh = "…", en = "…" }`) that is not there.
    MissingText {
        field: String,
    },
    EmptyTranslation {
        field: String,
        lang: Lang,
    },
    MissingTranslation {
        field: String,
        lang: Lang,
    },
    NotADate {
        field: String,
    },
    /// A mistake in an expression (`when`, `formula`, `asked_when`, …).
    Expr(ExprErrorKind),

    // ---- the manifest (pack.toml)
    NoRulesAsOf,
    NoLanguages,
    UnsupportedLanguage {
        code: String,
    },
    LanguageLeftOut {
        lang: Lang,
    },
    DuplicateDocumentId {
        id: String,
    },
    NoReportedYear {
        document: String,
    },
    ReportedYearOutOfRange {
        year: i64,
    },
    CoverageNoWhen,

    // ---- the facts (facts.toml)
    BadFactId {
        id: String,
    },
    DuplicateFactId {
        id: String,
    },
    OpeningTwice {
        fact: String,
    },
    OpeningUnknownFact {
        fact: String,
    },
    WordingNoWhen,
    AskedWhenOfItself {
        fact: String,
    },
    NoFactType {
        fact: String,
    },
    UnknownFactType {
        fact: String,
        written: String,
    },
    TakesNoValues {
        fact: String,
        fact_type: FactType,
    },
    TakesNoBounds {
        fact: String,
        fact_type: FactType,
    },
    /// `bound` is `min` or `max`.
    BoundNotWhole {
        fact: String,
        bound: &'static str,
    },
    MissingBound {
        fact: String,
        bound: &'static str,
    },
    MinAboveMax {
        fact: String,
        min: i64,
        max: i64,
    },
    NoValues {
        fact: String,
        fact_type: FactType,
    },
    EmptyValues {
        fact: String,
    },
    TooManyValues {
        fact: String,
        count: usize,
    },
    DuplicateValue {
        fact: String,
        value: String,
    },

    // ---- a policy (rules/*.toml)
    CitesNoDocument,
    BadPolicyId {
        id: String,
        problem: PolicyIdProblem,
    },
    PolicyIdNotFileName {
        id: String,
    },
    LocalNoWhen,
    NoDecision,
    UnknownDecision {
        written: String,
    },
    UntilBeforeFrom {
        from: Date,
        until: Date,
    },
    AmountNoFormula,
    AmountCanBeNegative {
        lowest: i64,
    },
    AmountTooLarge,
    NoBasis,
    UnknownBasis {
        written: String,
    },
    InferredNeedsReading,
    ExampleNeedsReading,
    CriterionNoWhen,
    CriterionReadsNoFact,
    CriterionNeverTrue,
    /// The scope's applicant and place exclude each other.
    ScopeContradictsItself,
    /// The scope and the criteria together exclude every answer.
    ConditionsContradict,

    // ---- a policy's scope
    NoScope,
    ScopeNoApplicant,
    ScopeNoPlace,
    PlaceReadsNoFact,
    PlaceNeverTrue,
    NoApplicantFact,
    UnknownApplicantKind {
        written: String,
        known: Vec<String>,
    },
    NoApplicantKind,

    // ---- sources
    NoSource {
        of: Cited,
    },
    SourceNoDocument,
    UnknownDocument {
        written: String,
        known: Vec<String>,
    },
    NoQuote,
    EmptyQuote,
    EmptyQuoteTranslation,
    /// `policy check --sources`: the document's file is not among them.
    DocumentFileMissing {
        file: String,
    },
    /// `policy check --sources`: the quote is not verbatim in its document.
    QuoteNotInDocument {
        document: String,
        file: String,
    },

    // ---- test cases (tests/*.toml)
    BadSourceAge,
    /// A case that cannot be run, by its name.
    Case {
        name: String,
        problem: CaseProblem,
    },
}

/// What a TOML value must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TomlShape {
    Text,
    WholeNumber,
    Table,
    List,
    ListOfText,
}

/// What a rule without a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cited {
    Benefit,
    Amount,
    Criterion,
}

/// Why a test case cannot be run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseProblem {
    NoDate,
    /// Its facts, as the engine refused them.
    Facts(Vec<crate::engine::FactError>),
    ExpectsNothing,
    UnknownPolicy {
        id: String,
    },
    UnknownStatus {
        written: String,
        policy: String,
    },
}

/// `"a", "b", "c"`.
fn quoted_list(items: &[String]) -> String {
    items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DiagnosticKind as K;
        match self {
            K::Unreadable => f.write_str("the pack could not be read"),
            K::NoManifest => f.write_str("the pack has no pack.toml (its manifest)"),
            K::NoFactsFile => f.write_str("the pack has no facts.toml (its facts and questions)"),
            K::NoPolicies => f.write_str("the pack has no policies: add one file per policy in rules/"),
            K::DuplicatePolicyId { id, first } => write!(f, "duplicate policy id `{id}`: {first} has it already"),

            K::Toml(message) => write!(f, "TOML syntax: {message}"),
            K::UnknownField { key, allowed } => {
                let list = allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
                write!(f, "unknown field `{key}`, expected one of {list}; check the spelling against policies/README.md")
            }
            K::InsideTable { key, table } => write!(
                f,
                "`{key}` is inside [{table}]: in TOML every line after a [{table}] header belongs to that table; move `{key}` above [{table}]"
            ),
            K::WrongType { field, expected, found } => write!(f, "`{field}` must {expected}, found {found}"),
            K::NoId { table } => write!(f, "the {table} has no `id`"),

            K::MissingField { field } => write!(f, "missing `{field}`"),
            K::EmptyField { field } => write!(f, "`{field}` is empty"),
            K::MissingText { field } => write!(f, "missing `{field}`: write it as {field} = {{ zh = \"…\", en = \"…\" }}"),
            K::EmptyTranslation { field, lang } => write!(f, "`{field}.{lang}` is empty"),
            K::MissingTranslation { field, lang } => {
                let language = if *lang == Lang::Zh { "Simplified Chinese" } else { "English" };
                write!(f, "`{field}` has no {language} translation: add {lang} = \"…\"")
            }
            K::NotADate { field } => write!(f, "`{field}` must be a date written YYYY-MM-DD, such as 2025-12-31"),
            K::Expr(kind) => kind.fmt(f),

            K::NoRulesAsOf => f.write_str("missing `rules_as_of`: the date the rules were last checked, e.g. rules_as_of = 2026-11-01"),
            K::NoLanguages => f.write_str("missing `languages`: write languages = [\"zh\", \"en\"]"),
            K::UnsupportedLanguage { code } => write!(f, "unsupported language \"{code}\": the app speaks \"zh\" and \"en\""),
            K::LanguageLeftOut { lang } => write!(f, "`languages` must include \"{lang}\": every text exists in Simplified Chinese and English"),
            K::DuplicateDocumentId { id } => write!(f, "duplicate document id `{id}`"),
            K::NoReportedYear { document } => {
                write!(f, "document `{document}` has no `reported`: the year of the latest events it reports, e.g. reported = 2025")
            }
            K::ReportedYearOutOfRange { year } => write!(f, "`reported` is {year}: write the year the article reports on, e.g. 2025"),
            K::CoverageNoWhen => {
                f.write_str("`[coverage]` has no `when`: where the pack's guidance reaches, e.g. when = 'city in [\"qingdao\", \"zaozhuang\"]'")
            }

            K::BadFactId { id } => write!(f, "fact id `{id}` must be letters, digits and _ (starting with a letter), so that expressions can name it"),
            K::DuplicateFactId { id } => write!(f, "duplicate fact id `{id}`"),
            K::OpeningTwice { fact } => write!(f, "`opening` names `{fact}` twice"),
            K::OpeningUnknownFact { fact } => write!(f, "`opening` names `{fact}`, which is not a fact of this file"),
            K::WordingNoWhen => f.write_str("the wording has no `when`: the answers it is for, e.g. when = 'applicant == \"enterprise\"'"),
            K::AskedWhenOfItself { fact } => write!(f, "`asked_when` of `{fact}` depends on the fact itself, so it could never be asked"),
            K::NoFactType { fact } => write!(f, "fact `{fact}` has no `type`: one of bool, int, enum, set, date"),
            K::UnknownFactType { fact, written } => write!(f, "unknown type \"{written}\" for fact `{fact}`: use bool, int, enum, set or date"),
            K::TakesNoValues { fact, fact_type } => write!(f, "fact `{fact}` is of type {}, which takes no `values`", fact_type.as_str()),
            K::TakesNoBounds { fact, fact_type } => write!(f, "fact `{fact}` is of type {}, which takes no `min` or `max`", fact_type.as_str()),
            K::BoundNotWhole { fact, bound } => write!(f, "`{bound}` of fact `{fact}` must be a whole number"),
            K::MissingBound { fact, bound } => {
                let which = if *bound == "min" { "smallest" } else { "largest" };
                write!(f, "int fact `{fact}` needs `{bound}`: the {which} answer allowed")
            }
            K::MinAboveMax { fact, min, max } => write!(f, "fact `{fact}`: `min` ({min}) is larger than `max` ({max})"),
            K::NoValues { fact, fact_type } => {
                write!(f, "{} fact `{fact}` needs `values`: a list of {{ id = \"…\", zh = \"…\", en = \"…\" }}", fact_type.as_str())
            }
            K::EmptyValues { fact } => write!(f, "fact `{fact}` has no values"),
            K::TooManyValues { fact, count } => write!(f, "fact `{fact}` has {count} values; at most {MAX_CHOICES} are supported"),
            K::DuplicateValue { fact, value } => write!(f, "duplicate value \"{value}\" in fact `{fact}`"),

            K::CitesNoDocument => f.write_str(
                "the policy cites no document: add source = { document = \"…\", quote = \"…\" }, the sentence its benefit comes from",
            ),
            K::BadPolicyId { id, problem: PolicyIdProblem::NotPlain } => {
                write!(f, "policy id `{id}` must be lower-case letters, digits and hyphens, like qd-apprenticeship-subsidy")
            }
            K::BadPolicyId { id, problem: PolicyIdProblem::TooLong } => {
                write!(f, "policy id `{id}` is {} characters long: keep it to {MAX_POLICY_ID}, like qd-apprenticeship-subsidy", id.len())
            }
            // `policy docs` would write its page over the library's own.
            K::BadPolicyId { id, problem: PolicyIdProblem::Reserved } => write!(
                f,
                "policy id `{id}` is the name of the policy library's own page ({id}.html): choose another id, and name the file after it"
            ),
            K::PolicyIdNotFileName { id } => write!(f, "policy id `{id}` does not match the file name: name the file rules/{id}.toml"),
            K::LocalNoWhen => f.write_str("`[[local]]` has no `when`: the place it is for, e.g. when = 'district == \"shinan\"'"),
            K::NoDecision => f.write_str(
                "missing `decision`: how the benefit is granted: \"entitlement\" (on published conditions), \"review\" (an office examines each application), \"selection\" (chosen among candidates) or \"service\" (open to everyone it is for)",
            ),
            K::UnknownDecision { written } => {
                write!(f, "`decision` is \"{written}\"; use \"entitlement\", \"review\", \"selection\" or \"service\"")
            }
            K::UntilBeforeFrom { from, until } => write!(f, "`valid_until` ({until}) is before `valid_from` ({from})"),
            K::AmountNoFormula => f.write_str("the amount has no `formula`: a whole number of yuan, or an expression over facts"),
            K::AmountCanBeNegative { lowest } => write!(f, "the amount can be negative (as low as {lowest} yuan)"),
            K::AmountTooLarge => f.write_str("the amount can be too large to compute: keep it within ±9.2×10^18 yuan"),
            K::NoBasis => f.write_str(
                "the criterion has no `basis`: \"stated\" when the article states this condition, \"inferred\" when it is our reading of whom the article means, \"example\" when the article publishes no condition and this is the kind of person it shows benefiting",
            ),
            K::UnknownBasis { written } => write!(f, "`basis` is \"{written}\"; use \"stated\", \"inferred\" or \"example\""),
            K::InferredNeedsReading => f.write_str("an inferred criterion needs `reading`: why we read the article this way, in words a citizen reads"),
            K::ExampleNeedsReading => f.write_str(
                "an example criterion needs `reading`: what the article does say (its examples and figures, such as how many people it has served), shown when the applicant is not among them",
            ),
            K::CriterionNoWhen => f.write_str("the criterion has no `when`: the condition, e.g. when = 'city == \"qingdao\"'"),
            K::CriterionReadsNoFact => f.write_str("this criterion reads no fact, so no answer could change it: name the fact it is about"),
            K::CriterionNeverTrue => {
                f.write_str("this criterion can never be true, whatever the answers: check the values and the numbers against facts.toml")
            }
            K::ScopeContradictsItself => f.write_str("the scope's applicant and place contradict each other: no answers can meet them all"),
            K::ConditionsContradict => f.write_str("the scope and criteria contradict each other: no answers can meet them all"),

            K::NoScope => f.write_str(
                "missing `[scope]`: who the policy is for, e.g. [scope] applicant = \"individual\", place = 'city == \"qingdao\"', place_label = { zh = \"青岛市\", en = \"Qingdao\" }",
            ),
            K::ScopeNoApplicant => {
                f.write_str("the scope has no `applicant`: \"individual\", \"enterprise\", or both as [\"individual\", \"enterprise\"]")
            }
            K::ScopeNoPlace => f.write_str("the scope has no `place`: the condition on where the applicant is, e.g. place = 'city == \"qingdao\"'"),
            K::PlaceReadsNoFact => f.write_str("the scope's `place` reads no fact: name the place, e.g. city == \"qingdao\""),
            K::PlaceNeverTrue => f.write_str("the scope's `place` can never be true, whatever the answers: check the values against facts.toml"),
            K::NoApplicantFact => f.write_str("the scope names applicant kinds, but facts.toml has no `applicant` fact to ask for them"),
            K::UnknownApplicantKind { written, known } => {
                write!(f, "\"{written}\" is not a kind of applicant; `applicant` allows {}", quoted_list(known))
            }
            K::NoApplicantKind => f.write_str("the scope's `applicant` lists no kind: name at least one"),

            K::NoSource { of } => write!(
                f,
                "{of} has no `source`: every rule cites its document and sentence, as source = {{ document = \"…\", quote = \"…\" }}"
            ),
            K::SourceNoDocument => f.write_str("the source names no `document`"),
            K::UnknownDocument { written, known } => write!(f, "unknown document \"{written}\"; pack.toml lists {}", quoted_list(known)),
            K::NoQuote => f.write_str("the source has no `quote`: copy the sentence the rule comes from"),
            K::EmptyQuote => f.write_str("the source's `quote` is empty: copy the sentence from the document"),
            K::EmptyQuoteTranslation => f.write_str("the source's `translation` is empty: write the quote in English, or leave the field out"),
            K::DocumentFileMissing { file } => write!(f, "cannot check the quote: the document file {file} was not found"),
            K::QuoteNotInDocument { document, file } => {
                write!(f, "the quote is not in {document} ({file}): copy the sentence verbatim, with its punctuation")
            }

            K::BadSourceAge => f.write_str("`source_age` is the year of the old report the result names, such as 2019, or false for none"),
            K::Case { name, problem } => write!(f, "case \"{name}\": {problem}"),
        }
    }
}

impl fmt::Display for TomlShape {
    /// What follows "must" in a message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TomlShape::Text => "be text in quotes",
            TomlShape::WholeNumber => "be a whole number",
            TomlShape::Table => "be a table",
            TomlShape::List => "be a list",
            TomlShape::ListOfText => "list text in quotes",
        })
    }
}

impl fmt::Display for Cited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Cited::Benefit => "the benefit",
            Cited::Amount => "the amount",
            Cited::Criterion => "this criterion",
        })
    }
}

impl fmt::Display for CaseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseProblem::NoDate => f.write_str("`date` must be a date YYYY-MM-DD"),
            CaseProblem::Facts(errors) => f.write_str(&errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")),
            CaseProblem::ExpectsNothing => f.write_str("the case expects nothing: add expect.\"policy-id\" = { status = \"…\" }"),
            CaseProblem::UnknownPolicy { id } => write!(f, "no policy has the id `{id}`"),
            CaseProblem::UnknownStatus { written, policy } => write!(f, "unknown status \"{written}\" for `{policy}`"),
        }
    }
}
