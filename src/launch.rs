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
    /// `assist=1`: a hall helper's (帮办) desk, where a helper enters a
    /// citizen's answers on one page. Like a kiosk it is shared: nothing is
    /// kept, and "next person" and the idle timeout wipe everything.
    pub assist: bool,
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
    /// `restarts=N`: how many times in a row a kiosk has restarted itself
    /// after a crash; past [`MAX_RESTARTS`] it stops and says so.
    pub restarts: u8,
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
/// A kiosk that crashed this many times in a row stops restarting itself:
/// a failure that comes back at once (a broken pack) must not reload and
/// download without end.
pub const MAX_RESTARTS: u8 = 3;
/// The warning before a kiosk wipes itself lasts at least this long.
pub const WARNING_SECONDS: u32 = 30;

/// The theme colours a host may set, as `--pe-NAME` custom properties.
pub const THEME_COLOURS: [&str; 7] = ["accent", "accent-dark", "text", "muted", "bg", "panel", "focus"];

impl Default for LaunchOptions {
    fn default() -> Self {
        LaunchOptions {
            lang: None,
            kiosk: false,
            assist: false,
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
            restarts: 0,
            open: None,
            rules: None,
            check: false,
        }
    }
}

/// Every option a fragment may carry. Parsing and writing both go through
/// [`Key::name`], so a key is spelt in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Kiosk,
    Assist,
    Idle,
    Embed,
    Host,
    Results,
    Pack,
    Preview,
    Region,
    Facts,
    Theme,
    Share,
    Elder,
    Lang,
    Answers,
    Rules,
    Check,
    SelfTest,
    Restarts,
    Policies,
    Policy,
}

impl Key {
    /// The launch settings, in the order the app writes them back: what
    /// survives a kiosk's wipe. Answers, the page and the self-test do not.
    const SETTINGS: [Key; 14] = [
        Key::Kiosk,
        Key::Assist,
        Key::Idle,
        Key::Embed,
        Key::Host,
        Key::Results,
        Key::Pack,
        Key::Preview,
        Key::Region,
        Key::Facts,
        Key::Theme,
        Key::Share,
        Key::Elder,
        Key::Lang,
    ];
    const OTHERS: [Key; 7] = [Key::Answers, Key::Rules, Key::Check, Key::SelfTest, Key::Restarts, Key::Policies, Key::Policy];

    fn name(self) -> &'static str {
        match self {
            Key::Kiosk => "kiosk",
            Key::Assist => "assist",
            Key::Idle => "idle",
            Key::Embed => "embed",
            Key::Host => "host",
            Key::Results => "results",
            Key::Pack => "pack",
            Key::Preview => "preview",
            Key::Region => "region",
            Key::Facts => "facts",
            Key::Theme => "theme",
            Key::Share => "share",
            Key::Elder => "elder",
            Key::Lang => "lang",
            Key::Answers => "a",
            Key::Rules => "rules",
            Key::Check => "check",
            Key::SelfTest => "selftest",
            Key::Restarts => "restarts",
            Key::Policies => "policies",
            Key::Policy => "policy",
        }
    }

    fn from_name(name: &str) -> Option<Key> {
        Key::SETTINGS.into_iter().chain(Key::OTHERS).find(|k| k.name() == name)
    }
}

impl LaunchOptions {
    /// Reads the options from a URL fragment (with or without the `#`).
    /// Values are percent-decoded by the caller's `decode` function.
    pub fn parse(fragment: &str, decode_component: impl Fn(&str) -> String) -> LaunchOptions {
        let mut o = LaunchOptions::default();
        for part in fragment.trim_start_matches('#').split('&') {
            // A bare `policies` opens the library; any other bare word is noise.
            let Some((name, raw)) = part.split_once('=').or_else(|| (part == Key::Policies.name()).then_some((part, "1"))) else { continue };
            if let Some(key) = Key::from_name(name) {
                o.set(key, decode_component(raw));
            }
        }
        // A share address is for a shared device's QR code alone: on a
        // personal device a link must never hand the answers to another address.
        if !o.shared_device() {
            o.share_base = None;
        }
        o
    }

    /// Sets one option from its decoded value; anything invalid is ignored.
    fn set(&mut self, key: Key, value: String) {
        let flag = value == "1" || value == "true";
        match key {
            Key::Lang => self.lang = Lang::from_code(&value),
            Key::Kiosk => self.kiosk = flag,
            Key::Assist => self.assist = flag,
            Key::Idle => {
                if let Ok(n) = value.parse::<u32>() {
                    self.idle_seconds = n.clamp(15, 3600);
                }
            }
            Key::Embed => self.embedded = flag,
            Key::Host => self.host_origin = is_origin(&value).then_some(value),
            Key::Results => self.send_results = flag,
            Key::Pack => self.pack_url = is_same_origin_path(&value).then_some(value),
            Key::Preview => self.preview = flag,
            Key::Region => self.region = (value.len() <= 64 && crate::engine::is_identifier(&value)).then_some(value),
            Key::Facts => self.preset = Some(value),
            Key::Theme => self.theme = parse_theme(&value),
            Key::Share => self.share_base = is_https_url(&value).then_some(value),
            Key::Elder => self.elder = flag,
            Key::Answers => self.answers = Some(value),
            Key::Check => self.check = flag,
            Key::Rules => self.rules = (value.len() <= 100).then_some(value),
            Key::SelfTest => self.self_test_panic = value == "panic",
            Key::Restarts => self.restarts = value.parse::<u8>().unwrap_or(0).min(MAX_RESTARTS),
            Key::Policies => {
                if flag {
                    self.open = Some(Opening::Library);
                }
            }
            Key::Policy => self.open = Some(Opening::Policy(value.chars().take(64).collect())),
        }
    }

    /// A launch setting's value as the fragment carries it (encoded), or
    /// `None` where it is the default and is left out.
    fn setting(&self, key: Key) -> Option<String> {
        let flag = |on: bool| on.then(|| "1".to_string());
        match key {
            Key::Kiosk => flag(self.kiosk),
            Key::Assist => flag(self.assist),
            Key::Idle => (self.idle_seconds != DEFAULT_IDLE_SECONDS).then(|| self.idle_seconds.to_string()),
            Key::Embed => flag(self.embedded),
            Key::Host => self.host_origin.as_deref().map(encode_component),
            Key::Results => flag(self.send_results),
            Key::Pack => self.pack_url.as_deref().map(encode_component),
            Key::Preview => flag(self.preview),
            Key::Region => self.region.clone(),
            Key::Facts => self.preset.as_deref().map(encode_component),
            Key::Theme => (!self.theme.is_empty()).then(|| encode_component(&self.theme.iter().map(|(k, v)| format!("{k}:{v}")).collect::<Vec<_>>().join(","))),
            // Only a kiosk keeps one (see `parse`): its start address is the
            // operator's, and a wipe or a crash returns to it.
            Key::Share => self.share_base.as_deref().filter(|_| self.shared_device()).map(encode_component),
            Key::Elder => flag(self.elder),
            Key::Lang => self.lang.map(|l| l.to_string()),
            Key::Answers | Key::Rules | Key::Check | Key::SelfTest | Key::Restarts | Key::Policies | Key::Policy => None,
        }
    }

    /// A kiosk or a helper's desk: a device many people use in a day, which
    /// keeps nothing (no storage, no answers in the address) and wipes itself.
    pub fn shared_device(&self) -> bool {
        self.kiosk || self.assist
    }

    /// The fragment that relaunches with the same settings but no answers
    /// and no self-test: where a kiosk returns after a wipe or a crash.
    pub fn settings_fragment(&self) -> String {
        let parts: Vec<String> = Key::SETTINGS.into_iter().filter_map(|k| Some(format!("{}={}", k.name(), self.setting(k)?))).collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("#{}", parts.join("&"))
        }
    }

    /// Where a kiosk restarts after a crash: its settings and one more
    /// restart in a row; `None` once it has restarted [`MAX_RESTARTS`] times.
    pub fn restart_fragment(&self) -> Option<String> {
        (self.restarts < MAX_RESTARTS).then(|| {
            let settings = self.settings_fragment();
            let sep = if settings.is_empty() { '#' } else { '&' };
            format!("{settings}{sep}{}={}", Key::Restarts.name(), self.restarts + 1)
        })
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

/// An `https:` address with a host, in plain printable ASCII: what a
/// kiosk's QR code may open (never `http:`, which anyone on the hall's
/// network could read or rewrite).
fn is_https_url(s: &str) -> bool {
    s.strip_prefix("https://").is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && s.len() <= 2000
        && s.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '`'))
}

/// A path on the app's own origin, in plain printable ASCII: no scheme (so
/// no `javascript:`), no `//host`, no control character or backslash that
/// a URL parser would drop or turn into `/`. The app also resolves it with
/// the browser's URL parser and checks the result's origin and path.
fn is_same_origin_path(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 1000
        && s.chars().all(|c| c.is_ascii_graphic())
        && !s.contains(':')
        && !s.contains('\\')
        && !s.trim_start_matches(['/', '.']).is_empty()
        && !s.starts_with("//")
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
    fn a_helpers_desk_is_a_shared_device_that_keeps_its_setting_and_share_address_across_a_wipe() {
        let o = parse("#assist=1&share=https://zwfw.example.gov.cn/policy/&a=age:61");
        assert!(o.assist && o.shared_device() && !o.kiosk);
        assert_eq!(o.settings_fragment(), "#assist=1&share=https://zwfw.example.gov.cn/policy/", "the next person starts at the desk, with no answers");
        assert!(!parse("#assist=0").shared_device());
        assert!(!parse("#assist=yes").assist, "only 1 or true switches it on");
    }

    #[test]
    fn a_share_address_is_a_kiosks_alone_and_only_https() {
        // A link crafted to send a person's answers elsewhere: ignored.
        assert_eq!(parse("share=https://another.example/collect.html").share_base, None);
        assert_eq!(parse("share=http://another.example/collect.html").share_base, None);
        assert_eq!(parse("kiosk=1&share=http://hall.example/").share_base, None, "never http:, readable on the hall's network");
        for bad in ["https://", "https:///x", "https://a.example/\u{1}x", "https://a.example/ x", "https://a.example/\"<"] {
            assert_eq!(parse(&format!("kiosk=1&share={bad}")).share_base, None, "{bad:?}");
        }
        let o = parse("kiosk=1&share=https://zwfw.example.gov.cn/policy/");
        assert_eq!(o.share_base.as_deref(), Some("https://zwfw.example.gov.cn/policy/"));
        assert_eq!(o.settings_fragment(), "#kiosk=1&share=https://zwfw.example.gov.cn/policy/", "a kiosk returns to its own start address");
        // Written by hand into a personal device's options, it is still never written back.
        let personal = LaunchOptions { share_base: Some("https://another.example/".into()), ..LaunchOptions::default() };
        assert_eq!(personal.settings_fragment(), "");
        assert_eq!(personal.fragment_with(Lang::Zh, None, Some(("age:61", "p@1"))), "#a=age:61&rules=p@1");
    }

    #[test]
    fn a_pack_address_is_a_plain_path_on_this_origin() {
        for bad in [
            "%01//localhost/p.bin",
            "\u{1}//localhost/p.bin",
            "\u{7f}//evil/p",
            "/\\evil/p",
            "\\\\evil/p",
            "//evil/p",
            "///evil/p",
            "https://evil/p",
            "p.bin\n",
            "packs/é.bin",
            "/",
            "..",
            "./",
        ] {
            let decoded = bad.replace("%01", "\u{1}");
            assert_eq!(parse(&format!("pack={}", decoded)).pack_url, None, "{bad:?}");
        }
        for good in ["packs/a.bin", "/policy/packs/a.bin", "./a.bin", "../packs/a.bin"] {
            assert_eq!(parse(&format!("pack={good}")).pack_url.as_deref(), Some(good));
        }
    }

    #[test]
    fn every_key_is_spelt_once_and_round_trips() {
        let o = parse("#kiosk=1&idle=60&embed=1&host=https://a.cn&results=1&pack=p.bin&preview=1&region=laoshan&facts=age:61&theme=accent:%230b5cad&share=https://a.cn/&elder=1&lang=en");
        let written = o.settings_fragment();
        assert_eq!(parse(&written.replace("%3A", ":").replace("%23", "#")), o, "{written}");
        let names: Vec<&str> = Key::SETTINGS.into_iter().chain(Key::OTHERS).map(Key::name).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "no key twice: {names:?}");
        assert!(names.iter().all(|n| Key::from_name(n).is_some_and(|k| k.name() == *n)));
        // Bare words other than `policies` are noise, not empty values.
        assert_eq!(parse("#a&kiosk").answers, None);
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
    fn a_kiosk_that_keeps_crashing_stops_restarting() {
        let mut o = parse("kiosk=1&selftest=panic");
        let mut restarts = 0;
        while let Some(next) = o.restart_fragment() {
            restarts += 1;
            assert!(restarts <= MAX_RESTARTS as usize);
            assert!(!next.contains("selftest"), "the self-test crashes once, not on every restart");
            o = parse(&next);
        }
        assert_eq!(restarts, MAX_RESTARTS as usize);
        assert_eq!(o.settings_fragment(), "#kiosk=1", "a wipe between people starts the count afresh");
        assert_eq!(parse("kiosk=1&restarts=250").restarts, MAX_RESTARTS, "a crafted count cannot wrap around");
    }

    #[test]
    fn settings_survive_a_wipe_but_answers_do_not() {
        let o = parse("kiosk=1&idle=60&a=age:61&selftest=panic&lang=en");
        assert_eq!(o.settings_fragment(), "#kiosk=1&idle=60&lang=en");
    }
}
