import "./implementation-plan.css";
import {
  Alert,
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Tag,
} from "@digdir/designsystemet-react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { Form, Link } from "react-router";
import type { MilestoneStatus } from "../../core/implementation/plan-rules.ts";
import { addDays } from "../../core/platform/dates.ts";
import { useT } from "../lib/i18n.tsx";
import { CsrfField, Notice } from "./forms.tsx";
import { formatDate } from "./worry-fields.tsx";

/**
 * The frame and small parts shared by the implementation plan area's pages (plan, core
 * components and dosing, responsibilities, risks): the sub-navigation, the delete step, the
 * up/down buttons, status tags and period texts.
 */

export type PlanSection = "plan" | "components" | "responsibilities" | "risks";

export const planPaths: Record<PlanSection, string> = {
  plan: "/implementering/plan",
  components: "/implementering/kjernekomponenter",
  responsibilities: "/implementering/ansvar",
  risks: "/implementering/risiko",
};

const sections: PlanSection[] = ["plan", "components", "responsibilities", "risks"];

export const GUIDE_PATH = "/veileder/rutine-implementeringsplan";

/**
 * One page of the area: <title>, the level-1 heading, the sub-navigation and a flash notice.
 * `notice` is a catalog key (from `?melding=`) that the page has already checked.
 */
export function PlanLayout(props: {
  section: PlanSection;
  heading: string;
  notice?: string | null;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className="page plan-area">
      <title>{`${props.heading} – ${t("implementation.common.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {props.heading}
      </Heading>
      <nav aria-label={t("implementation.plan.nav.label")} className="plan-nav">
        <ul>
          {sections.map((section) => (
            <li key={section}>
              <Link
                to={planPaths[section]}
                aria-current={section === props.section ? "page" : undefined}
              >
                {t(`implementation.plan.nav.${section}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {props.notice ? <Notice>{props.notice}</Notice> : null}
      {props.children}
      <Paragraph data-size="sm" className="plan-area__help">
        <DsLink asChild>
          <Link to={GUIDE_PATH}>{t("implementation.plan.help")}</Link>
        </DsLink>
      </Paragraph>
    </div>
  );
}

/** The notice key from `?melding=` when it is one of the given ones, else null. */
export function noticeFrom(params: URLSearchParams, allowed: readonly string[]): string | null {
  const key = params.get("melding");
  return key && allowed.includes(key) ? key : null;
}

const statusColor: Record<MilestoneStatus, "success" | "info" | "danger" | "neutral"> = {
  done: "success",
  ongoing: "info",
  overdue: "danger",
  planned: "neutral",
};

/** The status as a word in a tag: the colour only repeats what the text says. */
export function MilestoneStatusTag({ status }: { status: MilestoneStatus }) {
  const t = useT();
  return (
    <Tag data-color={statusColor[status]} className={`plan-status plan-status--${status}`}>
      {t(`implementation.plan.milestones.status.${status}`)}
    </Tag>
  );
}

function monthText(t: TFunction, isoDate: string): string {
  return t("implementation.plan.monthYear", {
    month: t(`implementation.plan.months.m${Number(isoDate.slice(5, 7))}`),
    year: isoDate.slice(0, 4),
  });
}

const isMonthStart = (isoDate: string) => isoDate.endsWith("-01");
const isMonthEnd = (isoDate: string) => addDays(isoDate, 1).endsWith("-01");

/**
 * A period as people say it: whole months by name ("mars 2026", "oktober 2026 – februar 2027"),
 * other spans by date ("14.03.2026 – 02.04.2026"), a continuous one from its start.
 */
export function periodText(
  t: TFunction,
  period: { startsOn: string; endsOn: string; continuous?: boolean },
): string {
  if (period.continuous) {
    return t("implementation.plan.milestones.continuousFrom", {
      start: isMonthStart(period.startsOn)
        ? monthText(t, period.startsOn)
        : formatDate(period.startsOn),
    });
  }
  if (isMonthStart(period.startsOn) && isMonthEnd(period.endsOn)) {
    const from = monthText(t, period.startsOn);
    const to = monthText(t, period.endsOn);
    return from === to ? from : t("implementation.plan.monthRange", { from, to });
  }
  if (period.startsOn === period.endsOn) return formatDate(period.startsOn);
  return t("implementation.plan.dateRange", {
    from: formatDate(period.startsOn),
    to: formatDate(period.endsOn),
  });
}

/**
 * The delete step of an edit page, as on the admin pages: a link to `?bekreft=slett`, then a
 * warning with the question (and, as children, what goes with it), the real delete button
 * (intent=delete) and "Avbryt". Works without JavaScript.
 */
export function DeleteSection(props: {
  confirming: boolean;
  selfPath: string;
  texts: { heading: string; button: string; question: string; confirm: string };
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <section aria-labelledby="delete-heading" className="plan-delete">
      <Heading level={2} data-size="sm" id="delete-heading">
        {props.texts.heading}
      </Heading>
      {props.confirming ? (
        <Alert data-color="warning">
          <Paragraph>{props.texts.question}</Paragraph>
          {props.children}
          <Form method="post" action={props.selfPath} className="form__actions">
            <CsrfField />
            <Button type="submit" name="intent" value="delete" data-color="danger">
              {props.texts.confirm}
            </Button>
            <Button asChild variant="tertiary">
              <Link to={props.selfPath}>{t("implementation.plan.cancel")}</Link>
            </Button>
          </Form>
        </Alert>
      ) : (
        <div className="actions">
          <Button asChild variant="secondary" data-color="danger">
            <Link to={`${props.selfPath}?bekreft=slett#delete-heading`}>{props.texts.button}</Link>
          </Button>
        </div>
      )}
    </section>
  );
}

/** "Flytt opp" / "Flytt ned" for one row of an ordered list: plain posts, intent=move. */
export function MoveButtons(props: {
  id: string;
  first: boolean;
  last: boolean;
  texts: { up: string; down: string; upNamed: string; downNamed: string };
}) {
  return (
    <Form method="post" className="plan-move">
      <CsrfField />
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="id" value={props.id} />
      {props.first ? null : (
        <Button
          type="submit"
          name="direction"
          value="up"
          variant="tertiary"
          data-size="sm"
          aria-label={props.texts.upNamed}
        >
          {props.texts.up}
        </Button>
      )}
      {props.last ? null : (
        <Button
          type="submit"
          name="direction"
          value="down"
          variant="tertiary"
          data-size="sm"
          aria-label={props.texts.downNamed}
        >
          {props.texts.down}
        </Button>
      )}
    </Form>
  );
}

/**
 * A table's horizontal scroll box. It is focusable and named, so keyboard users can scroll a
 * wide table even when it holds no links (the read-only view).
 */
export function TableScroll(props: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrapper" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}

/** A short name for aria-labels: long titles are cut with an ellipsis. */
export function shortName(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
