//! The app's state: which page is showing and the journey, shared with every
//! component through one `Copy` context. All eligibility logic lives in the
//! engine and `journey`; this only moves between pages.

use super::browser;
use leptos::prelude::*;
use policy_explainer::engine::{Date, FactIx, Lang, Pack};
use policy_explainer::journey::{compare_places, decode, encode, Answer, DecodeProblem, DecodeReason, Journey, Place, Progress};
use policy_explainer::launch::{LaunchOptions, Opening};

/// Where answering a question leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Return {
    /// The next question the engine picks, then the answers check.
    Flow,
    /// Back to the answers check (a Change link).
    Review,
    /// The remaining questions of one possible policy, then the results.
    Policy(usize),
    /// A library page's "does this apply to me": the questions the engine
    /// picks for that one policy, then back to its page with the verdict.
    Sheet(usize),
    /// The questions one place of "compare places" still needs (its index
    /// there), then back to the results with the comparison open.
    Place(usize),
}

/// The page showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Start,
    Question {
        fact: FactIx,
        then: Return,
    },
    Review,
    Results,
    /// Every policy of the pack, to browse and search.
    Library,
    /// One policy's page (index in the pack).
    Policy(usize),
    /// The helper's (帮办) sheet: every open question on one page.
    Helper,
}

impl Step {
    /// The step as this tab saves it: `start`, `q:<fact id>`, `review`,
    /// `results`, `library`, `policy:<policy id>`.
    fn encode(self, pack: &Pack) -> String {
        match self {
            Step::Start => "start".into(),
            Step::Question { fact, .. } => format!("q:{}", pack.facts[fact].id),
            Step::Review => "review".into(),
            Step::Results => "results".into(),
            Step::Library => "library".into(),
            Step::Policy(p) => format!("policy:{}", pack.policies[p].id),
            Step::Helper => "helper".into(),
        }
    }

    /// The library page this step is, as a link opens it.
    fn opening(self, pack: &Pack) -> Option<Opening> {
        match self {
            Step::Library => Some(Opening::Library),
            Step::Policy(p) => Some(Opening::Policy(pack.policies[p].id.clone())),
            _ => None,
        }
    }

    /// A saved step; `None` for anything else (a question the pack no longer has).
    fn decode(text: &str, pack: &Pack) -> Option<Step> {
        match text {
            "start" => Some(Step::Start),
            "review" => Some(Step::Review),
            "results" => Some(Step::Results),
            "library" => Some(Step::Library),
            _ if text.starts_with("policy:") => pack.policy_ix(&text["policy:".len()..]).map(Step::Policy),
            _ => Some(Step::Question { fact: pack.fact_ix(text.strip_prefix("q:")?)?, then: Return::Flow }),
        }
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub pack: &'static Pack,
    /// How the app was launched (kiosk, embedded, presets).
    pub options: &'static LaunchOptions,
    /// Elder-friendly mode: extra-large text and high contrast.
    pub elder: RwSignal<bool>,
    /// Read-aloud switched on: each question and result shows its control
    /// (where the browser has a local voice). On from the start in a kiosk
    /// and in elder mode.
    pub read_aloud: RwSignal<bool>,
    /// Whether the results' "compare places" is open (it is worked out only then).
    pub places_open: RwSignal<bool>,
    /// The evaluation date: today in China.
    pub date: Date,
    pub journey: RwSignal<Journey>,
    pub lang: RwSignal<Lang>,
    pub step: RwSignal<Step>,
    /// Verdicts and next question, recomputed when the answers change.
    pub progress: Memo<Progress>,
    /// A message shown once at the top of the next page (restore problems, "cleared").
    pub notice: RwSignal<Option<String>>,
    /// What the host preset (a region, known facts): where every person starts.
    preset: &'static Journey,
    /// How many times the answers were cleared: whatever a person agreed
    /// to (sending results to a host) belongs to the session it was given in.
    pub session: StoredValue<u32>,
    /// At a helper's desk: whether the helper has confirmed that this
    /// citizen agreed to a helper entering their answers. Until then no
    /// route leads past the start page to a question; a wipe resets it.
    pub consented: RwSignal<bool>,
}

impl AppState {
    pub fn new(pack: &'static Pack, options: &'static LaunchOptions, date: Date) -> AppState {
        let journey = RwSignal::new(Journey::new());
        let progress = Memo::new(move |_| journey.with(|j| j.progress(pack, date)));
        let preset: &'static Journey = Box::leak(Box::new(options.initial_journey_without_answers(pack).0));
        AppState {
            pack,
            options,
            elder: RwSignal::new(options.elder),
            read_aloud: RwSignal::new(options.kiosk || options.elder),
            places_open: RwSignal::new(false),
            date,
            journey,
            lang: RwSignal::new(options.lang.unwrap_or_default()),
            step: RwSignal::new(Step::Start),
            progress,
            notice: RwSignal::new(None),
            preset,
            session: StoredValue::new(0),
            consented: RwSignal::new(false),
        }
    }

    /// Whether the person has answered anything beyond the host's presets:
    /// only then is there something to resume, clear or protect.
    pub fn has_own_answers(&self) -> bool {
        self.journey.with(|j| j != self.preset)
    }

    pub fn kiosk(&self) -> bool {
        self.options.kiosk
    }

    /// A kiosk or a helper's desk: nothing is kept, and it wipes itself.
    pub fn shared_device(&self) -> bool {
        self.options.shared_device()
    }

    /// The first page after Start, or after an answer in the normal flow.
    fn next_in_flow(&self) -> Step {
        match self.progress.with_untracked(|p| p.next) {
            Some(fact) => Step::Question { fact, then: Return::Flow },
            None => Step::Review,
        }
    }

    pub fn go(&self, step: Step) {
        self.notice.set(None);
        self.step.set(self.gated(step));
    }

    /// `step`, or the start page where a helper's desk has no consent yet
    /// for a page that asks or shows a citizen's answers (a link, the
    /// library's "check all policies" and its "does this apply to me", a
    /// policy's verdict for a link's answers).
    fn gated(&self, step: Step) -> Step {
        let shows_answers = match step {
            Step::Question { .. } | Step::Helper | Step::Review | Step::Results => true,
            // A policy's page shows a verdict once there are answers (a link's).
            Step::Policy(_) => untrack(|| self.has_own_answers()),
            Step::Start | Step::Library => false,
        };
        if self.options.assist && !self.consented.get_untracked() && shows_answers {
            Step::Start
        } else {
            step
        }
    }

    pub fn begin(&self) {
        // At a helper's desk, every question on one page.
        self.go(if self.options.assist { Step::Helper } else { self.next_in_flow() });
    }

    /// Records an answer and moves on as `then` says.
    pub fn answer(&self, fact: FactIx, answer: Answer, then: Return) {
        // From the answer to the next page on screen, for scripts/measure.mjs.
        browser::mark("pe:answer");
        browser::after_next_frame(|| browser::measure("pe:answer-to-update", "pe:answer"));
        self.journey.update(|j| {
            j.answer(fact, answer);
            j.prune_unaskable(self.pack);
        });
        let step = match then {
            Return::Flow => self.next_in_flow(),
            Return::Review => Step::Review,
            Return::Policy(p) => match self.next_for_policy(p, Some(fact)) {
                Some(f) => Step::Question { fact: f, then },
                None => Step::Results,
            },
            Return::Sheet(p) => match self.next_for_sheet(p) {
                Some(f) => Step::Question { fact: f, then },
                None => Step::Policy(p),
            },
            Return::Place(ix) => match self.places().get(ix).and_then(|place| place.questions.first().copied()) {
                Some(f) => Step::Question { fact: f, then },
                None => Step::Results,
            },
        };
        self.go(step);
    }

    /// The next question that policy `p` still needs, other than `just_asked`.
    /// Questions answered "I don't know" may be asked again here: the applicant
    /// chose to answer them.
    pub fn next_for_policy(&self, p: usize, just_asked: Option<FactIx>) -> Option<FactIx> {
        self.progress.with_untracked(|progress| {
            progress
                .verdicts
                .get(p)?
                .missing
                .iter()
                .copied()
                .find(|&f| Some(f) != just_asked && policy_explainer::engine::is_askable(self.pack, &progress.facts, f))
        })
    }

    /// The next question for policy `p` alone, as the engine picks it,
    /// never one declined before (the library's "does this apply to me").
    pub fn next_for_sheet(&self, p: usize) -> Option<FactIx> {
        self.progress.with_untracked(|progress| self.journey.with_untracked(|j| j.next_for_policy(self.pack, progress, p)))
    }

    /// "Compare places": the same answers at each place the pack covers.
    pub fn places(&self) -> Vec<Place> {
        self.progress.with(|p| self.journey.with(|j| compare_places(self.pack, &p.facts, &p.verdicts, &j.declined(), self.date)))
    }

    /// The page before the question about `fact`.
    pub fn back_from(&self, fact: FactIx) {
        let prev = self.journey.with_untracked(|j| j.previous(Some(fact)).or_else(|| if j.get(fact).is_none() { j.previous(None) } else { None }));
        self.go(match prev {
            Some(f) => Step::Question { fact: f, then: Return::Flow },
            None => Step::Start,
        });
    }

    /// Wipes every answer, here and in storage, and returns to the start.
    /// A kiosk also returns to its launch language and size, and takes any
    /// waiting app update now, between two people.
    pub fn clear(&self) {
        self.session.update_value(|n| *n += 1);
        browser::read_aloud_stop();
        self.places_open.set(false);
        self.journey.set(self.preset.clone());
        browser::forget_saved(&self.options.settings_fragment());
        self.step.set(Step::Start);
        if self.shared_device() {
            self.notice.set(None);
            self.lang.set(self.options.lang.unwrap_or_default());
            self.elder.set(self.options.elder);
            self.read_aloud.set(self.options.kiosk || self.options.elder);
            self.consented.set(false);
            browser::apply_waiting_update();
        } else {
            self.notice.set(Some(super::i18n::ui(self.lang.get_untracked()).cleared.to_string()));
        }
    }

    /// The share code of the answers so far.
    pub fn share_code(&self) -> String {
        self.journey.with(|j| encode(j, self.pack))
    }

    /// Starts from the launch options (a host's presets, a shared link's
    /// answers) or, on a personal device, from this tab's session storage.
    pub fn restore(&self) {
        // The fragment's answers are this tab's own after a reload (they match
        // what was saved): then carry on where the applicant was. Otherwise
        // they come from a shared link, which opens on the results.
        let saved = if self.shared_device() { None } else { browser::saved_answers() };
        let reloaded = saved.as_ref().is_some_and(|(code, _)| self.options.answers.as_deref() == Some(code.as_str()));
        let saved = if self.options.answers.is_some() && !reloaded { None } else { saved };
        if !self.shared_device() && self.options.lang.is_none() {
            if let Some(lang) = browser::saved_lang() {
                self.lang.set(lang);
            }
        }
        let (mut journey, mut problems) = self.options.initial_journey(self.pack);
        let mut step = None;
        if let Some((code, saved_step)) = saved {
            let decoded = decode(&code, self.pack);
            journey.merge(&decoded.journey);
            if !reloaded {
                problems.extend(decoded.problems);
            }
            journey.prune_unaskable(self.pack);
            step = Some(saved_step);
        }
        if !problems.is_empty() {
            self.notice.set(Some(self.describe_problems(&problems)));
        }
        // A link made with other rules: its answers are judged by today's.
        if let Some(rules) = self.options.rules.as_deref().filter(|r| self.options.answers.is_some() && *r != self.pack.label()) {
            let changed = (super::i18n::ui(self.lang.get_untracked()).rules_changed)(rules, &self.pack.label());
            self.notice.update(|n| *n = Some(n.take().map_or(changed.clone(), |n| format!("{changed} {n}"))));
        }
        let from_link = self.options.answers.is_some() && !reloaded && !journey.is_empty();
        self.journey.set(journey);
        let step = match step {
            Some(saved) => Step::decode(&saved, self.pack).unwrap_or(Step::Start),
            None if from_link => Step::Results,
            None => Step::Start,
        };
        // A link to the library or to one policy opens that page, over any
        // saved step; the answers stay.
        let step = match &self.options.open {
            None => step,
            Some(Opening::Library) => Step::Library,
            Some(Opening::Policy(id)) => match self.pack.policy_ix(id) {
                // `check=1`: straight to the policy's first question.
                Some(p) => match self.options.check.then(|| self.next_for_sheet(p)).flatten() {
                    Some(fact) => Step::Question { fact, then: Return::Sheet(p) },
                    None => Step::Policy(p),
                },
                None => {
                    self.notice.set(Some((super::i18n::ui(self.lang.get_untracked()).unknown_policy)(id)));
                    Step::Library
                }
            },
        };
        self.step.set(self.gated(step));
    }

    /// The link problems in the applicant's language, each naming its entry
    /// and, where there is one, the question in words.
    fn describe_problems(&self, problems: &[DecodeProblem]) -> String {
        let lang = self.lang.get_untracked();
        let ui = super::i18n::ui(lang);
        // A handful, then a count: a crafted link must not flood the page.
        const SHOWN: usize = 5;
        let mut list: Vec<String> = problems
            .iter()
            .take(SHOWN)
            .map(|p| {
                let question = match p.reason {
                    DecodeReason::InvalidAnswer(f) => self.pack.facts.get(f).map_or("", |d| d.question.get(lang)),
                    _ => "",
                };
                format!("{} ({})", p.entry, (ui.link_problem)(&p.reason, question))
            })
            .collect();
        if problems.len() > SHOWN {
            list.push((ui.and_more)(problems.len() - SHOWN));
        }
        format!("{} {}", ui.restored_with_problems, list.join(if lang == Lang::Zh { "；" } else { "; " }))
    }

    /// Keeps the tab's session storage in step with the answers, and the URL
    /// fragment with the language and the page. A kiosk or a helper's desk
    /// writes nothing anywhere: the next person must find no trace in
    /// storage or in the address.
    pub fn persist(&self) {
        if self.shared_device() {
            return;
        }
        let code = self.journey.with_untracked(|j| encode(j, self.pack));
        let step = self.step.get_untracked();
        let page = step.opening(self.pack);
        let lang = self.lang.get_untracked();
        if self.journey.with_untracked(|j| j == self.preset) {
            // Nothing of the person's to keep: leave no trace, not even empty keys.
            browser::forget_saved(&self.options.fragment_with(lang, page.as_ref(), None));
        } else {
            browser::save(&code, &step.encode(self.pack), lang);
            // Never the answers: an address is kept in the browser's history
            // and can be seen over a shoulder. A link carries them only when
            // the person takes the one the results page offers.
            browser::write_fragment(&self.options.fragment_with(lang, page.as_ref(), None));
        }
    }
}
