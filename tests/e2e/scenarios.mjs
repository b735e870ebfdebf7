// The answers of the named journeys, by fact id (see Journey.answerAll): a
// choice index, a list of indices for a set, or text for a number. Anything a
// journey does not list is answered "I don't know".
import { loadChoices } from './support.mjs';

export const C = loadChoices();
const YES = 0;
const NO = 1;

/** A Laoshan overseas talent with no talent titles. */
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

/** A Qingdao enterprise training ten class-A senior apprentices for three years. */
export const qingdaoApprenticeEnterprise = {
  applicant: C.applicant.enterprise,
  city: C.city.qingdao,
  district: C.district.other,
  apprentice_occupation_class: C.apprentice_occupation_class.A,
  apprentice_level: C.apprentice_level.senior,
  apprentice_hours_per_year: '600',
  apprentice_years: '3',
  apprentice_count: '10',
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
