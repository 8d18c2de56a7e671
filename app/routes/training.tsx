import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { can } from "../../core/access/policy.ts";
import { listMyTraining, type MyTrainingEvent } from "../../core/implementation/training.ts";
import { formatDay, StateTag, useLanguage } from "../components/implementation-training.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/training";

/**
 * /opplaering: the staff's training page — upcoming events their units are invited to, with
 * where they stand (registered, full, deadline passed …), earlier events they took part in
 * (with the evaluation still to give), and the way to the competence portal and the onboarding
 * checklist.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "competence.use");
  const training = await loadOr404(() =>
    listMyTraining({ database: context.services.database, actor }),
  );
  return { ...training, canView: can(actor, "implementation.view") };
}

const T = "implementation.training";

function EventList({ events }: { events: MyTrainingEvent[] }) {
  const t = useT();
  const language = useLanguage();
  return (
    <ul>
      {events.map((event) => (
        <li key={event.id}>
          <Heading level={3} data-size="xs">
            <DsLink asChild>
              <Link to={`/opplaering/${event.id}`}>{event.title}</Link>
            </DsLink>
          </Heading>
          <Paragraph data-size="sm">
            {t(`${T}.kinds.${event.kind}`)} ·{" "}
            {t(`${T}.facts.whenValue`, {
              date: formatDay(event.date, language),
              from: event.startTime,
              to: event.endTime,
            })}{" "}
            · {event.place}
          </Paragraph>
          <Paragraph data-size="sm">
            <StateTag state={event.state} />
            {event.mayEvaluate ? <> {t(`${T}.staff.evaluateHint`)}</> : null}
          </Paragraph>
        </li>
      ))}
    </ul>
  );
}

export default function TrainingPage() {
  const t = useT();
  const { upcoming, past, canView } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <title>{`${t(`${T}.title`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`${T}.title`)}
      </Heading>
      <Paragraph>{t(`${T}.staff.intro`)}</Paragraph>
      <ul>
        <li>
          <DsLink asChild>
            <Link to="/kompetanse">{t(`${T}.staff.portalLink`)}</Link>
          </DsLink>
        </li>
        <li>
          <DsLink asChild>
            <Link to="/opplaering/min-sjekkliste">{t(`${T}.staff.checklistLink`)}</Link>
          </DsLink>
        </li>
        {canView ? (
          <li>
            <DsLink asChild>
              <Link to="/implementering/opplaering">{t(`${T}.staff.adminLink`)}</Link>
            </DsLink>
          </li>
        ) : null}
      </ul>

      <section aria-labelledby="upcoming-heading">
        <Heading level={2} data-size="md" id="upcoming-heading">
          {t(`${T}.staff.upcoming`)}
        </Heading>
        {upcoming.length === 0 ? (
          <Paragraph>{t(`${T}.staff.noUpcoming`)}</Paragraph>
        ) : (
          <EventList events={upcoming} />
        )}
      </section>

      {past.length > 0 ? (
        <section aria-labelledby="past-heading">
          <Heading level={2} data-size="md" id="past-heading">
            {t(`${T}.staff.past`)}
          </Heading>
          <EventList events={past} />
        </section>
      ) : null}
    </div>
  );
}
