import {
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import {
  listTrainingEvents,
  type TrainingEventSummary,
} from "../../core/implementation/training.ts";
import { formatDay, useLanguage } from "../components/implementation-training.tsx";
import { Pager } from "../components/pager.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.training";

/**
 * /implementering/opplaering: the coordinator's training events — upcoming soonest first, and
 * earlier ones a page at a time. Everyone with implementation.view reads; the coordinator adds.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  const url = new URL(request.url);
  const page = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  return loadOr404(() => listTrainingEvents({ database: context.services.database, actor, page }));
}

const T = "implementation.training";

function status(event: TrainingEventSummary): "cancelled" | "done" | "ongoing" | "planned" {
  if (event.cancelled) return "cancelled";
  if (event.over) return "done";
  if (event.started) return "ongoing";
  return "planned";
}

const statusColor = {
  cancelled: "danger",
  done: "neutral",
  ongoing: "info",
  planned: "success",
} as const;

function EventTable(props: { events: TrainingEventSummary[]; caption: string }) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="table-wrapper">
      <Table>
        <caption className="visually-hidden">{props.caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t(`${T}.admin.columns.title`)}</Table.HeaderCell>
            <Table.HeaderCell>{t(`${T}.admin.columns.kind`)}</Table.HeaderCell>
            <Table.HeaderCell>{t(`${T}.admin.columns.when`)}</Table.HeaderCell>
            <Table.HeaderCell>{t(`${T}.admin.columns.registrations`)}</Table.HeaderCell>
            <Table.HeaderCell>{t(`${T}.admin.columns.status`)}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {props.events.map((event) => {
            const state = status(event);
            return (
              <Table.Row key={event.id}>
                <Table.Cell>
                  <DsLink asChild>
                    <Link to={`/implementering/opplaering/${event.id}`}>{event.title}</Link>
                  </DsLink>
                </Table.Cell>
                <Table.Cell>{t(`${T}.kinds.${event.kind}`)}</Table.Cell>
                <Table.Cell>
                  {t(`${T}.facts.whenValue`, {
                    date: formatDay(event.date, language),
                    from: event.startTime,
                    to: event.endTime,
                  })}
                </Table.Cell>
                <Table.Cell>
                  {event.capacity === null
                    ? t(`${T}.admin.registeredUnlimited`, { count: event.registeredCount })
                    : t(`${T}.admin.registeredOf`, {
                        count: event.registeredCount,
                        capacity: event.capacity,
                      })}
                </Table.Cell>
                <Table.Cell>
                  <Tag data-color={statusColor[state]}>{t(`${T}.admin.status.${state}`)}</Tag>
                </Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}

export default function TrainingEventsAdminPage() {
  const t = useT();
  const { upcoming, past, page, pages, canManage } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <title>{`${t(`${T}.admin.title`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`${T}.admin.title`)}
      </Heading>
      <Paragraph>{t(`${T}.admin.intro`)}</Paragraph>
      <div className="actions">
        {canManage ? (
          <Button asChild>
            <Link to="/implementering/opplaering/ny">{t(`${T}.admin.new`)}</Link>
          </Button>
        ) : null}
        {canManage ? (
          <DsLink asChild>
            <Link to="/implementering/kompetanse">{t(`${T}.admin.materialsLink`)}</Link>
          </DsLink>
        ) : null}
        <DsLink asChild>
          <Link to="/opplaering">{t(`${T}.admin.staffPageLink`)}</Link>
        </DsLink>
      </div>

      <section aria-labelledby="upcoming-heading">
        <Heading level={2} data-size="md" id="upcoming-heading">
          {t(`${T}.admin.upcoming`)}
        </Heading>
        {upcoming.length === 0 ? (
          <Paragraph>{t(`${T}.admin.noUpcoming`)}</Paragraph>
        ) : (
          <EventTable events={upcoming} caption={t(`${T}.admin.upcoming`)} />
        )}
      </section>

      <section aria-labelledby="past-heading">
        <Heading level={2} data-size="md" id="past-heading">
          {t(`${T}.admin.past`)}
        </Heading>
        {past.length === 0 ? (
          <Paragraph>{t(`${T}.admin.noPast`)}</Paragraph>
        ) : (
          <EventTable events={past} caption={t(`${T}.admin.past`)} />
        )}
        <Pager
          label={t(`${T}.admin.pager.label`)}
          page={page}
          pages={pages}
          href={(number) =>
            number > 1 ? `/implementering/opplaering?side=${number}` : "/implementering/opplaering"
          }
          previousText={t(`${T}.admin.pager.previous`)}
          nextText={t(`${T}.admin.pager.next`)}
          positionText={t(`${T}.admin.pager.position`, { page, pages })}
        />
      </section>
    </div>
  );
}
