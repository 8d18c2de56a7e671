import { Button, Heading, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Link, useLoaderData, useSearchParams } from "react-router";
import { listMyWorryNotes, osloDate } from "../../core/guide/worry.ts";
import { Notice } from "../components/forms.tsx";
import { formatDate, useDeadlineLabel, WorryReminders } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import { requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/worry.mine";

/** "Mine bekymringer": the employee's own worry notes with their deadlines. Nobody else sees them. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "guide.read");
  const notes = await listMyWorryNotes({ database: context.services.database, actor });
  return {
    today: osloDate(),
    notes: notes.map((note) => ({
      id: note.id,
      pseudonym: note.pseudonym,
      deadline: note.deadline,
      decision: note.decision,
      reminded: note.reminderSentAt !== null && note.decision === null,
    })),
  };
}

export default function MyWorries() {
  const t = useT();
  const { notes, today } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const deadlineLabel = useDeadlineLabel();
  const reminded = notes.filter((note) => note.reminded);
  return (
    <div className="page">
      <title>{`${t("worry.mine.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("worry.mine.title")}
      </Heading>
      {notice === "worry.deleted" ? <Notice>{t(notice)}</Notice> : null}
      {reminded.length > 0 ? <WorryReminders reminders={reminded} today={today} /> : null}
      <Paragraph>{t("worry.mine.intro")}</Paragraph>
      <div className="actions">
        <Button asChild>
          <Link to="/bekymring">{t("worry.mine.start")}</Link>
        </Button>
      </div>
      {notes.length === 0 ? (
        <Paragraph>{t("worry.mine.empty")}</Paragraph>
      ) : (
        <div className="table-wrapper">
          <Table>
            <caption className="visually-hidden">{t("worry.mine.title")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("worry.mine.pseudonym")}</Table.HeaderCell>
                <Table.HeaderCell>{t("worry.mine.deadline")}</Table.HeaderCell>
                <Table.HeaderCell>{t("worry.mine.status")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {notes.map((note) => (
                <Table.Row key={note.id}>
                  <Table.Cell>
                    <DsLink href={`/mine-bekymringer/${note.id}`}>{note.pseudonym}</DsLink>
                  </Table.Cell>
                  <Table.Cell>
                    {formatDate(note.deadline)}
                    {note.decision ? null : (
                      <>
                        {" – "}
                        {deadlineLabel(note.deadline, today)}
                      </>
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    {note.decision ? t(`worry.decision.${note.decision}`) : t("worry.mine.open")}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </div>
  );
}
