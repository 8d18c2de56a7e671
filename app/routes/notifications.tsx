import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useLoaderData, useSearchParams } from "react-router";
import { implementationReminderKinds } from "../../core/relay-log/reminder-kinds.ts";
import {
  listNotifications,
  markAllRead,
  markNotificationRead,
} from "../../core/relay-log/reminders.ts";
import {
  listFamilyNotifications,
  markAllFamilyRead,
  markFamilyNotificationRead,
} from "../../core/relay-log/family-notify.ts";
import { FamilyNotifications } from "../components/family-notifications.tsx";
import { htmlLang, type Language } from "../../i18n/index.ts";
import { CsrfField, Notice } from "../components/forms.tsx";
import { Pager } from "../components/pager.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import { formToObject, requireStaff, runAction, withNotice } from "../lib/route-helpers.ts";
import type { Route } from "./+types/notifications";

const PATH = "/varsler";
const knownNotices = new Set([
  "relayLog.close.reminders.markedRead",
  "relayLog.close.reminders.allMarkedRead",
]);

/** A citizen (guardian or young person) sees their own family notices (family-notify.ts). */
async function familyLoader({ context, request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const page = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  const result = await listFamilyNotifications({
    database: context.services.database,
    actor: context.actor,
    meta: context.meta,
    page: Number.isFinite(page) ? page : 1,
  });
  return {
    family: {
      ...result,
      items: result.items.map((item) => ({
        ...item,
        createdAt: formatDateTime(item.createdAt, context.language),
      })),
    },
  };
}

function formatDay(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(htmlLang[language], {
    dateStyle: "medium",
    timeZone: "UTC",
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

function pageHref(page: number): string {
  return page > 1 ? `${PATH}?side=${page}` : PATH;
}

/** «Varsler»: the user's own reminders from the relay logs, newest first, 25 a page. */
export async function loader(args: Route.LoaderArgs) {
  if (args.context.actor?.kind === "citizen") return familyLoader(args);
  const { context, request } = args;
  const actor = requireStaff(context, request);
  const url = new URL(request.url);
  const page = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  const result = await listNotifications({
    database: context.services.database,
    actor,
    meta: context.meta,
    page: Number.isFinite(page) ? page : 1,
  });
  const language = context.language;
  return {
    page: result.page,
    pages: result.pages,
    total: result.total,
    unread: result.unread,
    items: result.items.map((item) => ({
      id: item.id,
      kind: item.kind,
      date: item.due
        ? item.kind === "meeting"
          ? formatDateTime(item.due, language)
          : formatDay(item.due, language)
        : "",
      overdue: item.overdue,
      read: item.read,
      createdAt: formatDateTime(item.createdAt, language),
      logTitle: item.logTitle,
      logKind: item.logKind,
      link: item.link,
    })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const citizen = context.actor?.kind === "citizen" ? context.actor : null;
  const actor = citizen ?? requireStaff(context, request);
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const page = Number.parseInt(String(values.side ?? "1"), 10);
  const back = pageHref(Number.isFinite(page) ? page : 1);
  const database = context.services.database;
  return runAction(values, async () => {
    if (citizen) {
      if (intent === "readAll") await markAllFamilyRead({ database, actor: citizen });
      else {
        const notificationId = String(values.id ?? "");
        await markFamilyNotificationRead({ database, actor: citizen, notificationId });
      }
      return redirect(
        withNotice(
          back,
          intent === "readAll"
            ? "relayLog.close.reminders.allMarkedRead"
            : "relayLog.close.reminders.markedRead",
        ),
      );
    }
    if (intent === "readAll") {
      await markAllRead({ database, actor });
      return redirect(withNotice(back, "relayLog.close.reminders.allMarkedRead"));
    }
    await markNotificationRead({ database, actor, notificationId: String(values.id ?? "") });
    return redirect(withNotice(back, "relayLog.close.reminders.markedRead"));
  });
}

export default function NotificationsPage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("melding");
  if ("family" in loaded) {
    return (
      <FamilyNotifications
        data={loaded.family}
        notice={notice && knownNotices.has(notice) ? notice : null}
      />
    );
  }
  const data = loaded;
  const k = (key: string, options?: Record<string, unknown>) =>
    t(`relayLog.close.reminders.${key}`, options);
  const title =
    data.pages > 1
      ? `${k("title")} (${k("pageOf", { page: data.page, pages: data.pages })})`
      : k("title");
  return (
    <div className="page">
      <title>{`${title} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {k("title")}
      </Heading>
      {notice && knownNotices.has(notice) ? <Notice>{t(notice)}</Notice> : null}
      <Paragraph>{k("intro")}</Paragraph>
      {data.total === 0 ? (
        <Paragraph role="status">{k("empty")}</Paragraph>
      ) : (
        <>
          <div className="notifications__summary">
            <Paragraph role="status">
              {k("total", { count: data.total })}, {k("unreadCount", { count: data.unread })}
            </Paragraph>
            {data.unread > 0 ? (
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="intent" value="readAll" />
                <input type="hidden" name="side" value={data.page} />
                <Button type="submit" variant="secondary" data-size="sm">
                  {k("markAllRead")}
                </Button>
              </Form>
            ) : null}
          </div>
          <ul className="notifications" aria-label={k("listLabel")}>
            {data.items.map((item) => {
              const headingId = `varsel-${item.id}`;
              const about = item.logTitle
                ? item.logKind === "anonymous"
                  ? k("about.anonymous", { name: item.logTitle })
                  : k("about.log", { name: item.logTitle })
                : item.kind === "next_of_kin_follow_up"
                  ? k("about.nextOfKin")
                  : item.kind === "survey_invitation" || item.kind === "survey_reminder"
                    ? k("about.evaluation")
                    : implementationReminderKinds.has(item.kind)
                      ? k("about.implementation")
                      : k("about.hidden");
              return (
                <li
                  key={item.id}
                  className={item.read ? "notification" : "notification notification--unread"}
                >
                  <Heading level={2} data-size="xs" id={headingId} className="notification__title">
                    <span className="notification__state">
                      {item.read ? k("read") : k("unread")}
                      {item.overdue ? ` · ${k("overdue")}` : ""}
                    </span>{" "}
                    {k(`kinds.${item.kind}`, { date: item.date })}
                  </Heading>
                  <Paragraph data-size="sm">{about}</Paragraph>
                  <Paragraph data-size="sm" className="notification__time">
                    {k("createdAt", { date: item.createdAt })}
                  </Paragraph>
                  <div className="notification__actions">
                    {item.link ? (
                      <DsLink asChild>
                        <Link to={item.link} aria-describedby={headingId}>
                          {k("open")}
                        </Link>
                      </DsLink>
                    ) : (
                      <Paragraph data-size="sm">{k("noLink")}</Paragraph>
                    )}
                    {item.read ? null : (
                      <Form method="post">
                        <CsrfField />
                        <input type="hidden" name="intent" value="read" />
                        <input type="hidden" name="id" value={item.id} />
                        <input type="hidden" name="side" value={data.page} />
                        <Button
                          type="submit"
                          variant="tertiary"
                          data-size="sm"
                          aria-describedby={headingId}
                        >
                          {k("markRead")}
                        </Button>
                      </Form>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          <Pager
            label={k("pagination")}
            page={data.page}
            pages={data.pages}
            href={pageHref}
            previousText={k("previous")}
            nextText={k("next")}
            positionText={k("pageOf", { page: data.page, pages: data.pages })}
          />
        </>
      )}
    </div>
  );
}
