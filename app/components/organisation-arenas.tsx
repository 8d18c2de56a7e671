import "./organisation-arenas.css";
import { Button } from "@digdir/designsystemet-react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { Form, Link } from "react-router";
import {
  ARENA_FREQUENCY_NOTE_MAX,
  ARENA_LEADER_NAME_MAX,
  ARENA_NAME_MAX,
  ARENA_PARTICIPANTS_MAX,
  ARENA_PURPOSE_MAX,
  arenaBtiLevels,
  arenaFrequencies,
  arenaServices,
  arenaTargetGroups,
  decisionKey,
  frequencyKey,
  REVIEW_CHANGES_MAX,
  REVIEW_REASONS_MAX,
  reviewDecisions,
  reviewNeededAnswers,
  reviewWorksAnswers,
  serviceKey,
  targetGroupKey,
} from "../../core/organisation/arena-kinds.ts";
import { useT } from "../lib/i18n.tsx";
import { OrganisationPage } from "./organisation-page.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import {
  CheckboxGroup,
  CsrfField,
  FormErrors,
  RadioGroup,
  SelectField,
  TextField,
  valueOf,
  valuesOf,
} from "./forms.tsx";
import { DateField, TextAreaField } from "./relay-log-plan-fields.tsx";
import { formatDate } from "./worry-fields.tsx";

/**
 * The collaboration arenas' shared parts (issue 8): the frame of the area's pages with its
 * sub-navigation, the texts built from codes («Nivå 0, 1», «Gjennomgått 2026: Beholdes»), and
 * the two forms (the arena and its yearly review). Forms refill from what was typed after a
 * failed post, else from the stored record.
 */

export const ARENAS_PATH = "/organisering/arenaer";
export const ARENA_REVIEWS_PATH = `${ARENAS_PATH}/gjennomgang`;
export const ARENA_OVERLAPS_PATH = `${ARENAS_PATH}/overlapp`;
export const ARENAS_GUIDE_PATH = "/veileder/rutine-samhandlingsarenaer";

export const arenaPath = (id: string) => `${ARENAS_PATH}/${id}`;
export const arenaEditPath = (id: string) => `${ARENAS_PATH}/${id}/endre`;
export const arenaReviewPath = (id: string, year?: number) =>
  `${ARENAS_PATH}/${id}/gjennomgang${year === undefined ? "" : `?ar=${year}`}`;

export type ArenaSection = "register" | "reviews" | "overlaps" | null;

const sections: { key: Exclude<ArenaSection, null>; path: string }[] = [
  { key: "register", path: ARENAS_PATH },
  { key: "reviews", path: ARENA_REVIEWS_PATH },
  { key: "overlaps", path: ARENA_OVERLAPS_PATH },
];

/** One page of the area, with its sub-navigation (register, yearly review, overlaps). */
export function ArenasLayout(props: {
  section: ArenaSection;
  heading: string;
  back?: { to: string; text: string };
  notice?: string | null;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <OrganisationPage
      className="arenas-area"
      heading={props.heading}
      back={props.back}
      nav={{
        label: t("organisation.arenas.nav.label"),
        items: sections.map((section) => ({
          to: section.path,
          text: t(`organisation.arenas.nav.${section.key}`),
          current: section.key === props.section,
        })),
      }}
      notice={props.notice}
      help={{ to: ARENAS_GUIDE_PATH, text: t("organisation.arenas.help") }}
    >
      {props.children}
    </OrganisationPage>
  );
}

// ---------------------------------------------------------------- texts from codes

/** Codes as their words, joined with commas: «Barneskole, Ungdomsskole». */
export function codesText(t: TFunction, codes: readonly string[], key: (code: string) => string) {
  return codes.map((code) => t(key(code))).join(", ");
}

export const targetGroupsText = (t: TFunction, codes: readonly string[]) =>
  codesText(t, codes, targetGroupKey);
export const servicesText = (t: TFunction, codes: readonly string[]) =>
  codesText(t, codes, serviceKey);

/** «Nivå 0, 1». */
export function levelsText(t: TFunction, levels: readonly number[]): string {
  if (levels.length === 0) return t("organisation.arenas.noLevels");
  return t("organisation.arenas.levels", { levels: levels.join(", ") });
}

/** «Hver måned (første tirsdag)». */
export function frequencyText(
  t: TFunction,
  arena: { frequency: string; frequencyNote: string },
): string {
  const frequency = t(frequencyKey(arena.frequency));
  return arena.frequencyNote
    ? t("organisation.arenas.frequencyWithNote", { frequency, note: arena.frequencyNote })
    : frequency;
}

/** The staff member's name with the role in words, or the name/role alone, or «Ikke oppgitt». */
export function leaderText(
  t: TFunction,
  arena: { leaderUserName: string | null; leaderName: string },
): string {
  if (arena.leaderUserName && arena.leaderName) {
    return t("organisation.arenas.leaderWithRole", {
      name: arena.leaderUserName,
      role: arena.leaderName,
    });
  }
  return arena.leaderUserName ?? (arena.leaderName || t("organisation.arenas.noLeader"));
}

/** «Gjennomgått 2026: Beholdes» or «Ikke gjennomgått i 2026». */
export function reviewStatusText(
  t: TFunction,
  arena: { reviewedThisYear: { decision: string } | null },
  year: number,
): string {
  return arena.reviewedThisYear
    ? t("organisation.arenas.reviewed", {
        year,
        decision: t(decisionKey(arena.reviewedThisYear.decision)),
      })
    : t("organisation.arenas.notReviewed", { year });
}

/** «Sist gjennomgått 2025: Legges ned», for an arena not reviewed this year. */
export function lastReviewText(
  t: TFunction,
  arena: {
    reviewedThisYear: unknown;
    latestReview: { year: number; decision: string } | null;
  },
): string | null {
  if (arena.reviewedThisYear || !arena.latestReview) return null;
  return t("organisation.arenas.lastReviewed", {
    year: arena.latestReview.year,
    decision: t(decisionKey(arena.latestReview.decision)),
  });
}

export function statusText(t: TFunction, arena: { active: boolean; closedOn: string | null }) {
  return arena.active || !arena.closedOn
    ? t("organisation.arenas.active")
    : t("organisation.arenas.closedOn", { date: formatDate(arena.closedOn) });
}

/** A list of words as a list (screen readers count the items). */
export function WordList({ items }: { items: string[] }) {
  if (items.length === 0) return <>–</>;
  return (
    <ul className="arenas-words">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------- the arena form

export interface StoredArena {
  name: string;
  purpose: string;
  targetGroups: string[];
  services: string[];
  participants: string;
  frequency: string;
  frequencyNote: string;
  leaderUserId: string | null;
  leaderName: string;
  btiLevels: number[];
  unitId: string | null;
}

export function ArenaForm(props: {
  failure: ActionFailure | undefined;
  stored: StoredArena | null;
  leaderOptions: { id: string; name: string }[];
  unitOptions: { id: string; name: string; active: boolean }[];
  cancelTo: string;
}) {
  const t = useT();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  const value = (name: keyof StoredArena, storedValue?: string | null) =>
    valueOf(failure, name, storedValue ?? null);
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="name"
          label={t("organisation.arenas.form.name")}
          help={t("organisation.arenas.form.nameHelp")}
          required
          maxLength={ARENA_NAME_MAX}
          defaultValue={value("name", stored?.name)}
          error={errors.name}
        />
        <TextAreaField
          name="purpose"
          label={t("organisation.arenas.form.purpose")}
          help={t("organisation.arenas.form.purposeHelp")}
          required
          maxLength={ARENA_PURPOSE_MAX}
          defaultValue={value("purpose", stored?.purpose)}
          error={errors.purpose}
        />
        <CheckboxGroup
          name="targetGroups"
          legend={t("organisation.arenas.form.targetGroups")}
          description={t("organisation.arenas.form.targetGroupsHelp")}
          required
          options={arenaTargetGroups.map((code) => ({
            value: code,
            label: t(targetGroupKey(code)),
          }))}
          checked={valuesOf(failure, "targetGroups", stored?.targetGroups ?? [])}
          error={errors.targetGroups}
        />
        <CheckboxGroup
          name="services"
          legend={t("organisation.arenas.form.services")}
          description={t("organisation.arenas.form.servicesHelp")}
          required
          options={arenaServices.map((code) => ({ value: code, label: t(serviceKey(code)) }))}
          checked={valuesOf(failure, "services", stored?.services ?? [])}
          error={errors.services}
        />
        <TextAreaField
          name="participants"
          label={t("organisation.arenas.form.participants")}
          help={t("organisation.arenas.form.participantsHelp")}
          maxLength={ARENA_PARTICIPANTS_MAX}
          rows={3}
          defaultValue={value("participants", stored?.participants)}
          error={errors.participants}
        />
        <RadioGroup
          name="frequency"
          legend={t("organisation.arenas.form.frequency")}
          required
          options={arenaFrequencies.map((code) => ({ value: code, label: t(frequencyKey(code)) }))}
          checked={value("frequency", stored?.frequency)}
          error={errors.frequency}
        />
        <TextField
          name="frequencyNote"
          label={t("organisation.arenas.form.frequencyNote")}
          help={t("organisation.arenas.form.frequencyNoteHelp")}
          maxLength={ARENA_FREQUENCY_NOTE_MAX}
          defaultValue={value("frequencyNote", stored?.frequencyNote)}
          error={errors.frequencyNote}
        />
        <SelectField
          name="leaderUserId"
          label={t("organisation.arenas.form.leaderUserId")}
          help={t("organisation.arenas.form.leaderUserIdHelp")}
          options={[
            { value: "", label: t("organisation.arenas.form.leaderNone") },
            ...props.leaderOptions.map((leader) => ({ value: leader.id, label: leader.name })),
          ]}
          defaultValue={value("leaderUserId", stored?.leaderUserId) ?? ""}
          error={errors.leaderUserId}
        />
        <TextField
          name="leaderName"
          label={t("organisation.arenas.form.leaderName")}
          help={t("organisation.arenas.form.leaderNameHelp")}
          maxLength={ARENA_LEADER_NAME_MAX}
          defaultValue={value("leaderName", stored?.leaderName)}
          error={errors.leaderName}
        />
        <CheckboxGroup
          name="btiLevels"
          legend={t("organisation.arenas.form.btiLevels")}
          description={t("organisation.arenas.form.btiLevelsHelp")}
          required
          options={arenaBtiLevels.map((level) => ({
            value: String(level),
            label: t(`organisation.arenas.levelName.${level}`),
          }))}
          checked={valuesOf(failure, "btiLevels", (stored?.btiLevels ?? []).map(String))}
          error={errors.btiLevels}
        />
        <SelectField
          name="unitId"
          label={t("organisation.arenas.form.unitId")}
          help={t("organisation.arenas.form.unitIdHelp")}
          options={[
            { value: "", label: t("organisation.arenas.form.unitNone") },
            ...props.unitOptions.map((unit) => ({
              value: unit.id,
              label: unit.active
                ? unit.name
                : t("organisation.arenas.form.inactiveUnit", { name: unit.name }),
            })),
          ]}
          defaultValue={value("unitId", stored?.unitId) ?? ""}
          error={errors.unitId}
        />
        <div className="form__actions">
          <Button type="submit">
            {stored ? t("organisation.arenas.form.save") : t("organisation.arenas.form.create")}
          </Button>
          <Button asChild variant="tertiary">
            <Link to={props.cancelTo}>{t("organisation.arenas.form.cancel")}</Link>
          </Button>
        </div>
      </Form>
    </>
  );
}

// ---------------------------------------------------------------- the review form

export interface StoredReview {
  id: string;
  year: number;
  reviewedOn: string;
  needed: string;
  works: string;
  decision: string;
  reasons: string;
  changes: string;
}

export function ReviewForm(props: {
  failure: ActionFailure | undefined;
  stored: StoredReview | null;
  year: number;
  years: number[];
  today: string;
  cancelTo: string;
}) {
  const t = useT();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  const value = (name: keyof StoredReview, storedValue?: string | null) =>
    valueOf(failure, name, storedValue ?? null);
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="reviewId" value={stored?.id ?? ""} />
        <SelectField
          name="year"
          label={t("organisation.arenas.review.year")}
          required
          options={props.years.map((year) => ({ value: String(year), label: String(year) }))}
          defaultValue={value("year", String(stored?.year ?? props.year))}
          error={errors.year}
        />
        <DateField
          name="reviewedOn"
          label={t("organisation.arenas.review.reviewedOn")}
          help={t("organisation.arenas.review.reviewedOnHelp")}
          required
          max={props.today}
          defaultValue={value("reviewedOn", stored?.reviewedOn ?? props.today)}
          error={errors.reviewedOn}
        />
        <RadioGroup
          name="needed"
          legend={t("organisation.arenas.review.needed")}
          required
          options={reviewNeededAnswers.map((code) => ({
            value: code,
            label: t(`organisation.arenas.needed.${code}`),
          }))}
          checked={value("needed", stored?.needed)}
          error={errors.needed}
        />
        <RadioGroup
          name="works"
          legend={t("organisation.arenas.review.works")}
          required
          options={reviewWorksAnswers.map((code) => ({
            value: code,
            label: t(`organisation.arenas.works.${code}`),
          }))}
          checked={value("works", stored?.works)}
          error={errors.works}
        />
        <RadioGroup
          name="decision"
          legend={t("organisation.arenas.review.decision")}
          description={t("organisation.arenas.review.decisionHelp")}
          required
          options={reviewDecisions.map((code) => ({
            value: code,
            label: t(`organisation.arenas.decisionChoice.${code}`),
          }))}
          checked={value("decision", stored?.decision)}
          error={errors.decision}
        />
        <TextAreaField
          name="reasons"
          label={t("organisation.arenas.review.reasons")}
          help={t("organisation.arenas.review.reasonsHelp")}
          required
          maxLength={REVIEW_REASONS_MAX}
          defaultValue={value("reasons", stored?.reasons)}
          error={errors.reasons}
        />
        <TextAreaField
          name="changes"
          label={t("organisation.arenas.review.changes")}
          help={t("organisation.arenas.review.changesHelp")}
          maxLength={REVIEW_CHANGES_MAX}
          defaultValue={value("changes", stored?.changes)}
          error={errors.changes}
        />
        <div className="form__actions">
          <Button type="submit">{t("organisation.arenas.review.save")}</Button>
          <Button asChild variant="tertiary">
            <Link to={props.cancelTo}>{t("organisation.arenas.review.cancel")}</Link>
          </Button>
        </div>
      </Form>
    </>
  );
}

/** Decision words for a review row: «Beholdes». */
export function decisionText(t: TFunction, decision: string): string {
  return t(decisionKey(decision));
}
