//! How the app was launched: the options a host page, a kiosk or a shared
//! link sets in the URL fragment (`#kiosk=1&lang=en&a=…`). The fragment never
//! reaches a server, so neither answers nor presets ever travel in a query
//! string. Every option is untrusted text: anything invalid is ignored, never
//! fatal.

use crate::engine::{Lang, Pack};
use crate::journey::{decode, Answer, DecodeProblem, DecodeReason, Journey};

/// The options, with their defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaunchOptions {
    /// `lang=zh|en`. Default: Simplified Chinese.
    pub lang: Option<Lang>,
    /// `kiosk=1`: a shared touch screen in a service hall.
    pub kiosk: bool,
    /// `idle=SECONDS`: kiosk idle time before the warning. Default 90, 15 to 3600.
    pub idle_seconds: u32,
    /// `embed=1`: running in a host page's iframe (set by embed.js).
    pub embedded: bool,
    /// `host=ORIGIN`: the embedding page's origin, the only target of messages.
    pub host_origin: Option<String>,
    /// `results=1`: the host asks to receive results (sent only with consent).
    pub send_results: bool,
    /// `pack=URL`: a pack bundle to load instead of the built-in pack; a
    /// relative URL on the app's own origin (the CSP allows nothing else).
    pub pack_url: Option<String>,
    /// `preview=1`: the pack comes from the pack studio (studio.html, the
    /// same origin) that shows this app in an iframe as its preview.
    pub preview: bool,
    /// `region=ID`: a preset region, a value of a fact (`laoshan`, `zaozhuang`).
    pub region: Option<String>,
    /// `facts=CODE`: answers the host already knows, in share-code form.
    pub preset: Option<String>,
    /// `theme=accent:#0b5cad,text:#222`: colours for the CSS custom properties.
    pub theme: Vec<(String, String)>,
    /// `share=URL`: the public address the kiosk's QR code points at.
    pub share_base: Option<String>,
    /// `elder=1`: start in the elder-friendly large-text, high-contrast mode.
    pub elder: bool,
    /// `a=CODE`: answers from a shared link.
    pub answers: Option<String>,
    /// `rules=ID@VERSION`: the pack the answers were given to, so that a link
    /// opened after the rules changed can say so.
    pub rules: Option<String>,
    /// `selftest=panic`: a kiosk self-test that crashes on purpose, to check
    /// that the kiosk recovers by itself.
    pub self_test_panic: bool,
    /// `policies` or `policy=ID`: open the policy library, or one policy's
    /// page, instead of the start page (a link from a site's own article).
    pub open: Option<Opening>,
    /// `check=1` with `policy=ID`: start that policy's questions at once
    /// (the static page's "check whether this applies to me").
    pub check: bool,
}

/// A page a link opens instead of the start page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opening {
    /// `#policies`: every policy of the pack.
    Library,
    /// `#policy=ID`: one policy's page. The id is whatever the link says, at
    /// most 64 characters; the app says so when the pack has no such policy.
    Policy(String),
}

impl Opening {
    /// The fragment part that opens this page.
    pub fn fragment_part(&self) -> String {
        match self {
            Opening::Library => "policies".into(),
            Opening::Policy(id) => format!("policy={}", encode_component(id)),
        }
    }
}

pub const DEFAULT_IDLE_SECONDS: u32 = 90;
/// The warning before a kiosk wipes itself lasts at least this long.
pub const WARNING_SECONDS: u32 = 30;

/// The theme colours a host may set, as `--pe-NAME` custom properties.
pub const THEME_COLOURS: [&str; 7] = ["accent", "accent-dark", "text", "muted", "bg", "panel", "focus"];

impl Default for LaunchOptions {
    fn default() -> Self {
        LaunchOptions {
            lang: None,
            kiosk: false,
            idle_seconds: DEFAULT_IDLE_SECONDS,
            embedded: false,
            host_origin: None,
            send_results: false,
            pack_url: None,
            preview: false,
            region: None,
            preset: None,
            theme: Vec::new(),
            share_base: None,
            elder: false,
            answers: None,
            self_test_panic: false,
            open: None,
            rules: None,
            check: false,
        }
    }
}

impl LaunchOptions {
    /// Reads the options from a URL fragment (with or without the `#`).
    /// Values are percent-decoded by the caller's `decode` function.
    pub fn parse(fragment: &str, decode_component: impl Fn(&str) -> String) -> LaunchOptions {
        let mut o = LaunchOptions::default();
        for part in fragment.trim_start_matches('#').split('&') {
            let Some((key, raw)) = part.split_once('=') else {
                if part == "policies" {
                    o.open = Some(Opening::Library);
                }
                continue;
            };
            let value = decode_component(raw);
            let flag = value == "1" || value == "true";
            match key {
                "lang" => o.lang = Lang::from_code(&value),
                "kiosk" => o.kiosk = flag,
                "idle" => {
                    if let Ok(n) = value.parse::<u32>() {
                        o.idle_seconds = n.clamp(15, 3600);
                    }
                }
                "embed" => o.embedded = flag,
                "host" => o.host_origin = is_origin(&value).then_some(value),
                "results" => o.send_results = flag,
                "pack" => o.pack_url = is_same_origin_path(&value).then_some(value),
                "preview" => o.preview = flag,
                "region" => o.region = (value.len() <= 64 && crate::engine::is_identifier(&value)).then_some(value),
                "facts" => o.preset = Some(value),
                "theme" => o.theme = parse_theme(&value),
                "share" => o.share_base = is_http_url(&value).then_some(value),
                "elder" => o.elder = flag,
                "a" => o.answers = Some(value),
                "check" => o.check = flag,
                "rules" => o.rules = (value.len() <= 100).then_some(value),
                "selftest" => o.self_test_panic = value == "panic",
                "policies" if flag => o.open = Some(Opening::Library),
                "policy" => o.open = Some(Opening::Policy(value.chars().take(64).collect())),
                _ => {}
            }
        }
        o
    }

    /// The fragment that relaunches with the same settings but no answers
    /// and no self-test: where a kiosk returns after a wipe or a crash.
    pub fn settings_fragment(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.kiosk {
            parts.push("kiosk=1".into());
        }
        if self.idle_seconds != DEFAULT_IDLE_SECONDS {
            parts.push(format!("idle={}", self.idle_seconds));
        }
        if self.embedded {
            parts.push("embed=1".into());
        }
        if let Some(h) = &self.host_origin {
            parts.push(format!("host={}", encode_component(h)));
        }
        if self.send_results {
            parts.push("results=1".into());
        }
        if let Some(p) = &self.pack_url {
            parts.push(format!("pack={}", encode_component(p)));
        }
        if self.preview {
            parts.push("preview=1".into());
        }
        if let Some(r) = &self.region {
            parts.push(format!("region={r}"));
        }
        if let Some(f) = &self.preset {
            parts.push(format!("facts={}", encode_component(f)));
        }
        if !self.theme.is_empty() {
            let t = self.theme.iter().map(|(k, v)| format!("{k}:{v}")).collect::<Vec<_>>().join(",");
            parts.push(format!("theme={}", encode_component(&t)));
        }
        if let Some(s) = &self.share_base {
            parts.push(format!("share={}", encode_component(s)));
        }
        if self.elder {
            parts.push("elder=1".into());
        }
        if let Some(l) = self.lang {
            parts.push(format!("lang={l}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("#{}", parts.join("&"))
        }
    }

    /// The fragment for the current language, page and answers, keeping the
    /// launch settings: what the address bar shows on a personal device, so
    /// that it is a link to the library page showing.
    /// `answers` is the share code and the pack's `id@version` it was made with.
    pub fn fragment_with(&self, lang: Lang, page: Option<&Opening>, answers: Option<(&str, &str)>) -> String {
        let settings = LaunchOptions {
            lang: (lang != Lang::Zh).then_some(lang),
            answers: None,
            rules: None,
            self_test_panic: false,
            open: None,
            check: false,
            ..self.clone()
        };
        let mut fragment = settings.settings_fragment();
        if let Some(page) = page {
            fragment.push(if fragment.is_empty() { '#' } else { '&' });
            fragment.push_str(&page.fragment_part());
        }
        if let Some((code, rules)) = answers {
            fragment.push(if fragment.is_empty() { '#' } else { '&' });
            fragment.push_str("a=");
            fragment.push_str(&encode_component(code));
            fragment.push_str("&rules=");
            fragment.push_str(&encode_component(rules));
        }
        fragment
    }

    /// The host's presets only: where a kiosk starts each new person.
    pub fn initial_journey_without_answers(&self, pack: &Pack) -> (Journey, Vec<DecodeProblem>) {
        LaunchOptions { answers: None, ..self.clone() }.initial_journey(pack)
    }

    /// The answers to start with: the host's region and facts, then a shared
    /// link's answers. Entries that do not fit the pack are reported.
    pub fn initial_journey(&self, pack: &Pack) -> (Journey, Vec<DecodeProblem>) {
        let mut journey = Journey::new();
        let mut problems = Vec::new();
        if let Some(region) = &self.region {
            match pack.region(region) {
                Some(answers) => answers.into_iter().for_each(|(f, v)| journey.answer(f, Answer::Known(v))),
                None => problems.push(DecodeProblem { entry: format!("region={region}"), reason: DecodeReason::UnknownRegion }),
            }
        }
        for code in [&self.preset, &self.answers].into_iter().flatten() {
            let decoded = decode(code, pack);
            journey.merge(&decoded.journey);
            problems.extend(decoded.problems);
        }
        journey.prune_unaskable(pack);
        (journey, problems)
    }
}

fn parse_theme(value: &str) -> Vec<(String, String)> {
    value
        .split(',')
        .filter_map(|pair| pair.split_once(':'))
        .filter(|(name, colour)| THEME_COLOURS.contains(name) && is_hex_colour(colour))
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect()
}

/// `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa`: nothing that could smuggle CSS.
fn is_hex_colour(s: &str) -> bool {
    let Some(hex) = s.strip_prefix('#') else { return false };
    matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// `https://host[:port]` or `http://…`, nothing after.
fn is_origin(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")) else { return false };
    !rest.is_empty() && rest.len() <= 253 && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

fn is_http_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && s.len() <= 2000 && !s.chars().any(|c| c.is_whitespace() || c == '"' || c == '<')
}

/// A path on the app's own origin: no scheme (so no `javascript:`), no `//host`.
fn is_same_origin_path(s: &str) -> bool {
    !s.is_empty() && s.len() <= 1000 && !s.contains(':') && !s.starts_with("//") && !s.contains('\\') && !s.chars().any(char::is_whitespace)
}

/// Percent-encodes what would end a fragment option.
pub fn encode_component(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        // '&' separates options, so it is never in the safe set.
        if b.is_ascii_alphanumeric() || b"-_.~:/;+,!*'()@?".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_pack;

    fn parse(s: &str) -> LaunchOptions {
        LaunchOptions::parse(s, |v| v.replace("%23", "#").replace("%2C", ","))
    }

    #[test]
    fn reads_every_option() {
        let o = parse("#kiosk=1&idle=120&lang=en&embed=1&host=https://example.gov.cn&results=1&pack=packs/a.json&region=laoshan&theme=accent:%230b5cad,text:%23222&elder=1&a=age:61");
        assert!(o.kiosk && o.embedded && o.send_results && o.elder);
        assert_eq!(o.idle_seconds, 120);
        assert_eq!(o.lang, Some(Lang::En));
        assert_eq!(o.host_origin.as_deref(), Some("https://example.gov.cn"));
        assert_eq!(o.pack_url.as_deref(), Some("packs/a.json"));
        assert_eq!(o.theme, vec![("accent".into(), "#0b5cad".into()), ("text".into(), "#222".into())]);
        assert_eq!(o.answers.as_deref(), Some("age:61"));
    }

    #[test]
    fn opens_the_library_or_one_policy_and_never_keeps_that_in_the_settings() {
        assert_eq!(parse("#policies").open, Some(Opening::Library));
        assert_eq!(parse("#lang=en&policies=1&kiosk=1").open, Some(Opening::Library));
        let o = parse("#embed=1&policy=sd-huicai-card&lang=en");
        assert_eq!(o.open, Some(Opening::Policy("sd-huicai-card".into())));
        assert!(o.embedded && !o.check);
        assert!(parse("#policy=sd-huicai-card&check=1").check);
        // A kiosk returns to its start page after a wipe, not to the link's page.
        assert!(!o.settings_fragment().contains("policy"));
        // Whatever a link says is kept, capped, for the app to report.
        let long = "x".repeat(200);
        assert_eq!(parse(&format!("policy={long}")).open, Some(Opening::Policy("x".repeat(64))));
        assert_eq!(parse("#policy=").open, Some(Opening::Policy(String::new())));
        // Round trip through the fragment the app writes.
        let page = Opening::Policy("a b&c=d".into());
        let written = LaunchOptions::default().fragment_with(Lang::Zh, Some(&page), None);
        let percent_decode = |v: &str| {
            let (mut out, mut bytes) = (Vec::new(), v.bytes());
            while let Some(b) = bytes.next() {
                match b {
                    b'%' => out.push(u8::from_str_radix(&String::from_utf8(vec![bytes.next().unwrap(), bytes.next().unwrap()]).unwrap(), 16).unwrap()),
                    b => out.push(b),
                }
            }
            String::from_utf8(out).unwrap()
        };
        assert_eq!(LaunchOptions::parse(&written, percent_decode).open, Some(page));
    }

    #[test]
    fn ignores_what_could_be_abused() {
        let o = parse("pack=javascript:alert(1)&host=https://x.cn/path&theme=accent:red;background:url(x)&region=<b>&idle=1&share=javascript:1");
        assert_eq!(o.pack_url, None);
        assert_eq!(o.host_origin, None);
        assert_eq!(o.theme, vec![]);
        assert_eq!(o.region, None);
        assert_eq!(o.share_base, None);
        assert_eq!(o.idle_seconds, 15, "idle is clamped, never instant");
        assert_eq!(parse("pack=//evil.example/p.json").pack_url, None);
    }

    #[test]
    fn a_district_region_also_sets_its_city() {
        let pack = default_pack::pack();
        let (j, problems) = parse("region=laoshan").initial_journey(&pack);
        assert!(problems.is_empty());
        assert_eq!(crate::journey::encode(&j, &pack), "district:laoshan;city:qingdao");
        let (j, _) = parse("region=zaozhuang").initial_journey(&pack);
        assert_eq!(crate::journey::encode(&j, &pack), "city:zaozhuang", "a city's question depends on nothing");
        let (_, problems) = parse("region=atlantis&facts=age:61;nope:1").initial_journey(&pack);
        assert_eq!(problems.len(), 2);
        let (j, problems) = parse("region=other").initial_journey(&pack);
        assert!(j.is_empty() && problems.len() == 1, "\"other\" is a city, a district and a role: no region");
    }

    #[test]
    fn the_address_keeps_settings_and_carries_answers_only_in_the_fragment() {
        let o = parse("embed=1&host=https://a.cn&a=old");
        assert_eq!(o.fragment_with(Lang::En, None, Some(("age:61;titles:a+b", "p@1.0"))), "#embed=1&host=https://a.cn&lang=en&a=age:61;titles:a+b&rules=p@1.0");
        assert_eq!(LaunchOptions::default().fragment_with(Lang::Zh, None, None), "");
        let page = Opening::Policy("sd-huicai-card".into());
        assert_eq!(o.fragment_with(Lang::Zh, Some(&page), Some(("age:61", "p@1.0"))), "#embed=1&host=https://a.cn&policy=sd-huicai-card&a=age:61&rules=p@1.0");
        assert_eq!(parse("#a=age:61&rules=p@1.0").rules.as_deref(), Some("p@1.0"));
    }

    #[test]
    fn the_studio_preview_keeps_its_mode_in_the_address() {
        let o = parse("#preview=1&lang=en");
        assert!(o.preview && o.pack_url.is_none());
        assert_eq!(o.settings_fragment(), "#preview=1&lang=en");
        assert!(!parse("#preview=0").preview);
    }

    #[test]
    fn settings_survive_a_wipe_but_answers_do_not() {
        let o = parse("kiosk=1&idle=60&a=age:61&selftest=panic&lang=en");
        assert_eq!(o.settings_fragment(), "#kiosk=1&idle=60&lang=en");
    }
}
