//! Texts that exist in every language the app speaks.

use std::fmt;

/// A language of the app and of every pack text. Simplified Chinese first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The code used in packs, URLs and the `--lang` option.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for the HTML `lang` attribute.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hans",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One text in Simplified Chinese and in English.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text { zh: zh.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A quote without the pinyin glosses a corrupted source put after some
/// characters ("業(yè)態(tài)" becomes "業態"), or `None` when it has none. The
/// quote is still checked verbatim against its document; this is only how
/// it is shown, with a note that the glosses were left out.
pub fn without_glosses(quote: &str) -> Option<String> {
    const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";
    let is_pinyin = |c: char| c.is_ascii_lowercase() || TONED.contains(c);
    let mut out = String::with_capacity(quote.len());
    let mut rest = quote;
    let mut found = false;
    while let Some(open) = rest.find('(') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let follows_han = before.chars().next_back().is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        match after[1..].find(')') {
            Some(close) if follows_han && close > 0 && after[1..1 + close].chars().all(is_pinyin) => {
                found = true;
                rest = &after[close + 2..];
            }
            _ => {
                out.push('(');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::without_glosses;

    #[test]
    fn pinyin_glosses_are_left_out_and_nothing_else() {
        assert_eq!(without_glosses("新業(yè)態(tài)新模式").as_deref(), Some("新業態新模式"));
        assert_eq!(without_glosses("實施意見(2023年-2025年)》"), None, "a year in brackets is text");
        assert_eq!(without_glosses("發(fā)放省市惠才卡(共577張)").as_deref(), Some("發放省市惠才卡(共577張)"));
        assert_eq!(without_glosses("(yè) at the start"), None);
        assert_eq!(without_glosses("plain"), None);
    }
}
