//! Pages as HTML text: the policy library (a policy's sheet and the list,
//! shared by the app's library page and the static pages) and the results
//! (the app's results page, its printout and the kiosk receipt, and a
//! policy page's verdict). Written from the engine's explanations and
//! `engine::wording`'s words, natively tested; in the app each is set as
//! the inner HTML of a container with one delegated click listener, since
//! plain markup costs far less wasm than the same tree as Leptos views.
//!
//! Every pack text goes through [`esc`]: a pack a host serves is untrusted.

mod library;
mod places;
mod results;

pub use library::{list_html, sheet_html};
pub use places::places_html;
pub use results::{card_html, results_html, ResultsHtml};

use crate::engine::{without_glosses, Lang};

/// Text for HTML content and double-quoted attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A quote in its own language (`zh-Hant` for the Traditional source),
/// shown without the pinyin glosses a corrupted source carries (with a note
/// saying so), and for English readers with our translation beside it.
pub(crate) fn quote_html(quote: &str, quote_lang: &str, translation: Option<&str>, lang: Lang) -> String {
    use crate::engine::wording;
    let shown = without_glosses(quote);
    let mut out = format!("<q lang=\"{quote_lang}\">{}</q>", esc(shown.as_deref().unwrap_or(quote)));
    if shown.is_some() {
        out.push_str(&format!(" <span class=\"gloss-note\">{}</span>", esc(wording::glosses_left_out(lang))));
    }
    if let (Lang::En, Some(t)) = (lang, translation) {
        out.push_str(&format!(" <span class=\"translation\" lang=\"en\">{}{}</span>", esc(wording::our_translation(lang)), esc(t)));
    }
    out
}
