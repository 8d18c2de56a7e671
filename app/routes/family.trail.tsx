import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { useLoaderData } from "react-router";
import { familyTrailAction } from "../../core/relay-log/family-trail-text.ts";
import { getFamilyAccessTrail } from "../../core/relay-log/family-trail.ts";
import { htmlLang, type Language } from "../../i18n/index.ts";
import { FamilyLayout, familyPath } from "../components/family-layout.tsx";
import { Pager } from "../components/pager.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requireCitizen } from "../lib/route-helpers.ts";
import type { Route } from "./+types/family.trail";

/**
 * /familie/:logId/innsyn: who has read or changed the log, and when (the family's view of the
 * access trail), newest first, 50 to a page. A list, not a table, so it reads well at 320 px.
 * Viewing it is itself audited (view family_trail).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireCitizen(context, request);
  const url = new URL(request.url);
  const requested = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  const trail = await loadOr404(() =>
    getFamilyAccessTrail({
      database: context.services.database,
      actor,
      meta: context.meta,
      logId: params.logId,
      page: Number.isFinite(requested) ? requested : 1,
    }),
  );
  const language = context.language;
  return {
    header: trail.header,
    page: trail.page,
    pageCount: trail.pageCount,
    total: trail.total,
    entries: trail.entries.map((entry) => ({
      id: entry.id,
      occurredAt: entry.occurredAt,
      date: dateText(entry.occurredAt, language),
      time: timeText(entry.occurredAt, language),
      eventType: entry.eventType,
      view: entry.view,
      self: entry.self,
      actorKind: entry.actorKind,
      actorName: entry.actorName,
      unitName: entry.unitName,
      relation: entry.relation,
      roles: entry.roles,
    })),
  };
}

function dateText(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(htmlLang[language], {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "Europe/Oslo",
  }).format(new Date(iso));
}

function timeText(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(htmlLang[language], {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "Europe/Oslo",
  })
    .format(new Date(iso))
    .replace(":", ".");
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["entries"][number];

export default function FamilyTrailPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const path = familyPath(data.header.id, "trail");
  const k = (key: string, options?: Record<string, unknown>) =>
    t(`family.rights.trail.${key}`, options);

  const who = (entry: Entry) => {
    if (entry.self) return k("you");
    const name = entry.actorName || k(`actor.${entry.actorKind}`);
    if (entry.actorKind !== "staff") return name;
    // Staff: their unit in this log, or what they are to the log and their role.
    const where =
      entry.unitName ??
      [
        entry.relation === "holder" ||
        entry.relation === "participant" ||
        entry.relation === "former"
          ? k(`relation.${entry.relation}`)
          : k("relation.other"),
        ...entry.roles.map((role) => t(`roles.${role}`)),
      ].join(", ");
    return `${name} (${where})`;
  };

  return (
    <FamilyLayout header={data.header} current="trail">
      <section aria-labelledby="innsyn-heading" className="family-trail">
        <Heading level={2} data-size="md" id="innsyn-heading">
          {k("title")}
        </Heading>
        <Paragraph>{k("intro")}</Paragraph>
        {data.entries.length === 0 ? (
          <Paragraph>{k("empty")}</Paragraph>
        ) : (
          <>
            <Paragraph>{k("total", { count: data.total })}</Paragraph>
            <ol className="family-trail__list" aria-label={k("listLabel")}>
              {data.entries.map((entry) => (
                <li key={entry.id} className="family-trail__item">
                  {k("sentence", {
                    who: who(entry),
                    action: familyTrailAction(t, entry),
                    date: entry.date,
                    time: entry.time,
                  })}
                </li>
              ))}
            </ol>
            <Pager
              label={k("pagination")}
              page={data.page}
              pages={data.pageCount}
              href={(page) => `${path}?side=${page}`}
              previousText={k("previous")}
              nextText={k("next")}
              positionText={k("page", { page: data.page, count: data.pageCount })}
            />
          </>
        )}
      </section>
    </FamilyLayout>
  );
}
