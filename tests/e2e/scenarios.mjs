// The answers of the named journeys, by fact id (see Journey.answerAll): a
// choice index, a list of indices for a set, or text for a number. Anything a
// journey does not list is answered "I don't know".
import { loadChoices } from './support.mjs';

export const C = loadChoices();
const YES = 0;
const NO = 1;

/**
 * A Laoshan overseas talent with no talent titles. Catalogue revision 2: Laoshan
 * talent housing asks for a high-level title (the article's case is a
 * 海外国家级高层次人才); coming from overseas alone is not enough, so this
 * applicant is now not eligible for it.
 */
export const laoshanOverseasTalent = {
  applicant: C.applicant.individual,
  city: C.city.qingdao,
  district: C.district.laoshan,
  overseas_talent: YES,
  talent_titles: [],
  age: '38',
  retired: NO,
  education: C.education.doctorate,
  role: C.role.professional_technical,
  craftsman_titles: [],
  five_olds: [],
  employer_kinds: [],
  innovation_track: C.innovation_track.none,
  new_business_form_worker: NO,
  founded_enterprise: NO,
  team_lead: NO,
  labor_dispute: NO,
};

/**
 * A Qingdao enterprise training ten class-A senior apprentices for three years,
 * in the "enterprise and school, work and study" model the article states
 * (revision 2 made it a criterion: without it the subsidy is not certain).
 */
export const qingdaoApprenticeEnterprise = {
  applicant: C.applicant.enterprise,
  city: C.city.qingdao,
  district: C.district.other,
  apprentice_occupation_class: C.apprentice_occupation_class.A,
  apprentice_level: C.apprentice_level.senior,
  apprentice_hours_per_year: '600',
  apprentice_years: '3',
  apprentice_count: '10',
  apprentice_dual_system: YES,
};

/** A retired Qingdao resident who does not give an age. */
export const elderlyAgeUnknown = {
  applicant: C.applicant.individual,
  city: C.city.qingdao,
  district: C.district.other,
  age: null,
  retired: YES,
  talent_titles: [],
  craftsman_titles: [],
  role: C.role.other,
  innovation_track: C.innovation_track.none,
};

/**
 * An enterprise registered in Shinan District, Qingdao, that hosts a talent
 * team and trains four class-B intermediate apprentices for two years in the
 * dual system. Only an enterprise's questions should be asked.
 */
export const shinanTeamEnterprise = {
  city: C.city.qingdao,
  applicant: C.applicant.enterprise,
  district: C.district.shinan,
  team_lead: YES,
  apprentice_occupation_class: C.apprentice_occupation_class.B,
  apprentice_level: C.apprentice_level.intermediate,
  apprentice_hours_per_year: '520',
  apprentice_years: '2',
  apprentice_count: '4',
  apprentice_dual_system: YES,
  innovation_track: C.innovation_track.none,
};

/** The questions only a person can answer: never put to an enterprise. */
export const PERSONAL_FACTS = ['age', 'retired', 'education', 'talent_titles', 'overseas_talent', 'craftsman_titles', 'five_olds',
  'role', 'employer_kinds', 'new_business_form_worker', 'founded_enterprise', 'labor_dispute'];

/** A person who works outside Shandong Province. */
export const outsideShandong = {
  city: C.city.other,
  applicant: C.applicant.individual,
};

/** A person in another city of Shandong (say Jinan) with the State Council special allowance. */
export const shandongOtherAllowance = {
  city: C.city.shandong_other,
  applicant: C.applicant.individual,
  talent_titles: [C.talent_titles.state_council_allowance],
};
