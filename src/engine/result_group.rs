//! The groups results are shown in, in the order shown: the results page,
//! the live summary, the printout and the kiosk receipt all group by this
//! one enum, so a status can never land in different groups on two screens.
//! The groups follow the statuses: a result that rests on our reading is
//! never grouped with one an office reviews, nor "unlikely" or "unclear"
//! with "you do not qualify".

use super::Status;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ResultGroup {
    /// "You qualify": stated conditions met, an entitlement or a service.
    Eligible,
    /// The published conditions are met; an office reviews or selects.
    MeetsConditions,
    /// Every condition holds as we read the article: confirm with the office.
    Likely,
    /// Could still go either way: more answers needed.
    Possible,
    /// The article publishes no conditions that settle it: ask the office.
    Unclear,
    /// By our reading, probably not for you.
    Unlikely,
    /// A stated condition is not met.
    Ineligible,
    /// Outside its dates.
    NotInForce,
    /// Not for this kind of applicant or place: collapsed, one line each.
    NotForYou,
}

impl ResultGroup {
    /// Every group, in the order shown.
    pub const ALL: [ResultGroup; 9] = [
        ResultGroup::Eligible,
        ResultGroup::MeetsConditions,
        ResultGroup::Likely,
        ResultGroup::Possible,
        ResultGroup::Unclear,
        ResultGroup::Unlikely,
        ResultGroup::Ineligible,
        ResultGroup::NotInForce,
        ResultGroup::NotForYou,
    ];

    pub fn of(status: Status) -> ResultGroup {
        match status {
            Status::Eligible => ResultGroup::Eligible,
            Status::MeetsConditions => ResultGroup::MeetsConditions,
            Status::Likely => ResultGroup::Likely,
            Status::Undetermined => ResultGroup::Possible,
            Status::Unclear => ResultGroup::Unclear,
            Status::Unlikely => ResultGroup::Unlikely,
            Status::Ineligible => ResultGroup::Ineligible,
            Status::Expired | Status::NotYetEffective => ResultGroup::NotInForce,
            Status::NotApplicable => ResultGroup::NotForYou,
        }
    }

    /// The group's name in class names, test ids and element ids.
    pub fn as_str(self) -> &'static str {
        match self {
            ResultGroup::Eligible => "eligible",
            ResultGroup::MeetsConditions => "meets-conditions",
            ResultGroup::Likely => "likely",
            ResultGroup::Possible => "possible",
            ResultGroup::Unclear => "unclear",
            ResultGroup::Unlikely => "unlikely",
            ResultGroup::Ineligible => "ineligible",
            ResultGroup::NotInForce => "not-in-force",
            ResultGroup::NotForYou => "not-for-you",
        }
    }

    /// A symbol for the group; the status is always also written out, so
    /// nothing depends on the symbol or its colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            ResultGroup::Eligible => "✓",
            ResultGroup::MeetsConditions | ResultGroup::Likely => "☑",
            ResultGroup::Possible | ResultGroup::Unclear => "?",
            ResultGroup::Ineligible => "✗",
            ResultGroup::Unlikely | ResultGroup::NotInForce | ResultGroup::NotForYou => "–",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_holds_some_status_and_not_applicable_is_never_a_near_miss() {
        assert_eq!(ResultGroup::of(Status::NotApplicable), ResultGroup::NotForYou);
        assert_eq!(ResultGroup::of(Status::MeetsConditions), ResultGroup::MeetsConditions);
        // Our reading is never grouped with an office's review, nor a
        // result the article cannot settle with "you do not qualify".
        assert_ne!(ResultGroup::of(Status::Likely), ResultGroup::of(Status::MeetsConditions));
        assert_ne!(ResultGroup::of(Status::Unlikely), ResultGroup::of(Status::Ineligible));
        assert_ne!(ResultGroup::of(Status::Unclear), ResultGroup::of(Status::Ineligible));
        for g in ResultGroup::ALL {
            assert!(Status::ALL.iter().any(|s| ResultGroup::of(*s) == g), "{g:?} holds no status");
        }
    }

    #[test]
    fn names_are_distinct() {
        let mut names: Vec<&str> = ResultGroup::ALL.iter().map(|g| g.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ResultGroup::ALL.len());
    }
}
