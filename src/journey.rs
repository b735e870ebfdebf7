//! What the questionnaire remembers; filled in by the app issue.
