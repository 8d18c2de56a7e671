import { Card, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { data, Link, useLoaderData } from "react-router";
import { useT } from "../lib/i18n.tsx";
import { requireStaff } from "../lib/route-helpers.ts";
import type { Route } from "./+types/evaluation";

/**
 * /evaluering: what the evaluation module holds, per permission — surveys and their results
 * (the coordinator), indicators, the invisible-children estimate, the reports and the revision
 * report (report readers), and the feedback inbox (guide editors).
 */
type HubItem = { to: string; title: string; text: string };

export async function loader({ context, request }: Route.LoaderArgs) {
  requireStaff(context, request);
  const has = (permission: Parameters<typeof context.permissions.includes>[0]) =>
    context.permissions.includes(permission);
  const manage = has("evaluation.manage");
  const read = has("reports.view") || manage;
  if (!read) throw data({ messageKey: "errors.forbidden" }, { status: 403 });
  return { manage, read, feedback: has("guide.edit") };
}

const H = "evaluation.reports.hub";

export default function EvaluationHubPage() {
  const t = useT();
  const { manage, read, feedback } = useLoaderData<typeof loader>();
  const items: HubItem[] = [
    ...(manage
      ? [
          {
            to: "/evaluering/undersokelser",
            title: t(`${H}.surveys`),
            text: t(`${H}.surveysText`),
          },
          {
            to: "/evaluering/undersokelser",
            title: t(`${H}.results`),
            text: t(`${H}.resultsText`),
          },
        ]
      : []),
    ...(read
      ? [
          {
            to: "/evaluering/indikatorer",
            title: t(`${H}.indicators`),
            text: t(`${H}.indicatorsText`),
          },
          {
            to: "/evaluering/usynlige-barn",
            title: t(`${H}.invisible`),
            text: t(`${H}.invisibleText`),
          },
          {
            to: "/evaluering/rapporter",
            title: t(`${H}.reports`),
            text: manage ? t(`${H}.reportsText`) : t(`${H}.reportsTextReader`),
          },
          {
            to: "/evaluering/rapporter?type=revision",
            title: t(`${H}.revision`),
            text: t(`${H}.revisionText`),
          },
        ]
      : []),
    ...(feedback
      ? [{ to: "/admin/tilbakemeldinger", title: t(`${H}.feedback`), text: t(`${H}.feedbackText`) }]
      : []),
  ];
  return (
    <div className="page">
      <title>{`${t(`${H}.title`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`${H}.title`)}
      </Heading>
      <Paragraph>{t(`${H}.intro`)}</Paragraph>
      {items.length === 0 ? (
        <Paragraph>{t(`${H}.nothing`)}</Paragraph>
      ) : (
        <ul className="cards">
          {items.map((item) => (
            <li key={item.title}>
              <Card data-color="neutral">
                <Heading level={2} data-size="xs">
                  <DsLink asChild>
                    <Link to={item.to}>{item.title}</Link>
                  </DsLink>
                </Heading>
                <Paragraph data-size="sm">{item.text}</Paragraph>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
