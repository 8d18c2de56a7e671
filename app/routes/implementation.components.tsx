import {
  Button,
  Heading,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Link, redirect, useLoaderData, useSearchParams } from "react-router";
import { listComponents, moveComponent } from "../../core/implementation/components.ts";
import { directionOf } from "../../core/implementation/plan-common.ts";
import {
  MoveButtons,
  noticeFrom,
  periodText,
  planPaths,
  PlanLayout,
  TableScroll,
  shortName,
} from "../components/implementation-plan-ui.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.components";

/**
 * Core components in the municipality's order (the coordinator moves them up and down) and the
 * dosing periods: which component is in focus when, the current one marked "I fokus nå".
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  return loadOr404(() => listComponents({ database: context.services.database, actor }));
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  return runAction(values, async () => {
    if (form.get("intent") === "move") {
      await moveComponent({
        database: context.services.database,
        actor,
        meta: context.meta,
        componentId: String(form.get("id") ?? ""),
        direction: directionOf(form.get("direction")),
      });
      return redirect(withNotice(planPaths.components, "implementation.plan.moved"));
    }
    return redirect(planPaths.components);
  });
}

const notices = [
  "implementation.plan.moved",
  "implementation.plan.components.created",
  "implementation.plan.components.deleted",
  "implementation.plan.dosing.created",
  "implementation.plan.dosing.saved",
  "implementation.plan.dosing.deleted",
];

export default function CoreComponentsPage() {
  const t = useT();
  const { components, dosing, canManage, today } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = noticeFrom(params, notices);
  const inFocus = dosing.filter((period) => period.inFocus);
  return (
    <PlanLayout
      section="components"
      heading={t("implementation.plan.components.title")}
      notice={notice ? t(notice, { title: params.get("tittel") ?? "" }) : null}
    >
      <Paragraph>{t("implementation.plan.components.intro")}</Paragraph>
      {canManage ? null : <Paragraph>{t("implementation.plan.readOnly")}</Paragraph>}

      <section aria-labelledby="components-heading" className="plan-area">
        <Heading level={2} data-size="md" id="components-heading">
          {t("implementation.plan.components.heading")}
        </Heading>
        {canManage ? (
          <div className="actions">
            <Button asChild>
              <Link to={`${planPaths.components}/ny`}>
                {t("implementation.plan.components.new")}
              </Link>
            </Button>
          </div>
        ) : null}
        {components.length === 0 ? (
          <Paragraph>{t("implementation.plan.components.empty")}</Paragraph>
        ) : (
          <ol className="plan-ordered" aria-label={t("implementation.plan.components.listLabel")}>
            {components.map((component, index) => (
              <li key={component.id}>
                <Heading level={3} data-size="xs">
                  {component.title}
                </Heading>
                {component.description ? (
                  <Paragraph className="plan-pre-line">{component.description}</Paragraph>
                ) : null}
                {canManage ? (
                  <div className="plan-row-actions">
                    <DsLink asChild>
                      <Link
                        to={`${planPaths.components}/${component.id}`}
                        aria-label={t("implementation.plan.components.editNamed", {
                          title: shortName(component.title),
                        })}
                      >
                        {t("implementation.plan.edit")}
                      </Link>
                    </DsLink>
                    <MoveButtons
                      id={component.id}
                      first={index === 0}
                      last={index === components.length - 1}
                      texts={{
                        up: t("implementation.plan.components.moveUp"),
                        down: t("implementation.plan.components.moveDown"),
                        upNamed: t("implementation.plan.components.moveUpNamed", {
                          title: shortName(component.title),
                        }),
                        downNamed: t("implementation.plan.components.moveDownNamed", {
                          title: shortName(component.title),
                        }),
                      }}
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="dosing-heading" className="plan-area">
        <Heading level={2} data-size="md" id="dosing-heading">
          {t("implementation.plan.dosing.heading")}
        </Heading>
        <Paragraph>{t("implementation.plan.dosing.intro")}</Paragraph>
        <Paragraph>
          <strong>
            {inFocus.length > 0
              ? t("implementation.plan.dosing.currentFocus", {
                  titles: inFocus.map((period) => period.componentTitle).join(", "),
                })
              : t("implementation.plan.dosing.noCurrentFocus")}
          </strong>
        </Paragraph>
        {canManage ? (
          components.length > 0 ? (
            <div className="actions">
              <Button asChild variant="secondary">
                <Link to={`${planPaths.components}/dosering/ny`}>
                  {t("implementation.plan.dosing.new")}
                </Link>
              </Button>
            </div>
          ) : (
            <Paragraph>{t("implementation.plan.dosing.needsComponents")}</Paragraph>
          )
        ) : null}
        {dosing.length === 0 ? (
          <Paragraph>{t("implementation.plan.dosing.empty")}</Paragraph>
        ) : (
          <TableScroll label={t("implementation.plan.dosing.caption")}>
            <Table>
              <caption>{t("implementation.plan.dosing.caption")}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>
                    {t("implementation.plan.dosing.columns.period")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("implementation.plan.dosing.columns.component")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("implementation.plan.dosing.columns.note")}
                  </Table.HeaderCell>
                  <Table.HeaderCell>
                    {t("implementation.plan.dosing.columns.status")}
                  </Table.HeaderCell>
                  {canManage ? (
                    <Table.HeaderCell>
                      {t("implementation.plan.dosing.columns.actions")}
                    </Table.HeaderCell>
                  ) : null}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {dosing.map((period) => {
                  const status = period.inFocus
                    ? "inFocus"
                    : period.startsOn > today
                      ? "upcoming"
                      : "ended";
                  return (
                    <Table.Row
                      key={period.id}
                      className={period.inFocus ? "plan-focus-row" : undefined}
                    >
                      <Table.Cell>{periodText(t, period)}</Table.Cell>
                      <Table.Cell>
                        {period.inFocus ? (
                          <strong>{period.componentTitle}</strong>
                        ) : (
                          period.componentTitle
                        )}
                      </Table.Cell>
                      <Table.Cell className="plan-pre-line">{period.note || "–"}</Table.Cell>
                      <Table.Cell>
                        <Tag data-color={status === "inFocus" ? "success" : "neutral"}>
                          {t(`implementation.plan.dosing.${status}`)}
                        </Tag>
                      </Table.Cell>
                      {canManage ? (
                        <Table.Cell>
                          <DsLink asChild>
                            <Link
                              to={`${planPaths.components}/dosering/${period.id}`}
                              aria-label={t("implementation.plan.dosing.editNamed", {
                                title: shortName(period.componentTitle),
                                period: periodText(t, period),
                              })}
                            >
                              {t("implementation.plan.edit")}
                            </Link>
                          </DsLink>
                        </Table.Cell>
                      ) : null}
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </TableScroll>
        )}
      </section>
    </PlanLayout>
  );
}
