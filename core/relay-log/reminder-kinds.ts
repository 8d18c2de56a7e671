/**
 * The kinds of reminder rows in `notifications`, apart from core/relay-log/reminders.ts so the
 * notifications page can tell kinds apart in the browser without the database code.
 */
export const reminderKinds = [
  "evaluation_due",
  "measure_overdue",
  "consent_expiring",
  "consent_expired",
  "handover_pending",
  "join_request",
  "meeting",
  "retention_due",
  "next_of_kin_follow_up",
  // The family asked for a correction (core/relay-log/family-corrections.ts); holder only.
  "correction_requested",
  // A guardian or the young person wrote in the log (core/relay-log/family-log.ts); holder only.
  "family_contribution",
  // The family gave or withdrew digital consent, or the young person answered on the guardians'
  // access (core/relay-log/family-consent.ts); holder only.
  "family_consent_given",
  "family_consent_withdrawn",
  "family_guardian_access",
  // The implementation module (issue 6): no log, no child. The unit's BTS contacts are told an
  // onboarding is due; staff are told they are invited to training, asked to evaluate an event
  // they attended, and reminded of a BTS network meeting.
  "onboarding_due",
  "training_invitation",
  "training_evaluation",
  "network_meeting",
  // The evaluation module (issue 7): staff are asked to answer a survey, and reminded while they
  // have not (core/evaluation); about staff work, never about a child.
  "survey_invitation",
  "survey_reminder",
  // The organisation module (issue 8): the grant's contact person (or the coordinators) is
  // reminded that a report to the grant giver is due (core/organisation).
  "grant_report_due",
] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/** Reminders from the implementation module: about staff work, never about a child. */
export const implementationReminderKinds: ReadonlySet<ReminderKind> = new Set([
  "onboarding_due",
  "training_invitation",
  "training_evaluation",
  "network_meeting",
  "survey_invitation",
  "survey_reminder",
  "grant_report_due",
]);
