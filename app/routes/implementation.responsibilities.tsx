import { Button, Link as DsLink, Paragraph, Table } from "@digdir/designsystemet-react";
import { Link, redirect, useLoaderData, useSearchParams } from "react-router";
import { directionOf } from "../../core/implementation/plan-common.ts";
import {
  listResponsibilities,
  moveResponsibility,
} from "../../core/implementation/responsibilities.ts";
import {
  MoveButtons,
  noticeFrom,
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
import type { Route } from "./+types/implementation.responsibilities";

/** The responsibility matrix ("Hvem gjør det?") as a real table: who → role → how. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.view");
  return loadOr404(() => listResponsibilities({ database: context.services.database, actor }));
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  return runAction(values, async () => {
    if (form.get("intent") === "move") {
      await moveResponsibility({
        database: context.services.database,
        actor,
        meta: context.meta,
        responsibilityId: String(form.get("id") ?? ""),
        direction: directionOf(form.get("direction")),
      });
      return redirect(withNotice(planPaths.responsibilities, "implementation.plan.moved"));
    }
    return redirect(planPaths.responsibilities);
  });
}

const notices = [
  "implementation.plan.moved",
  "implementation.plan.responsibilities.created",
  "implementation.plan.responsibilities.deleted",
];

export default function ResponsibilitiesPage() {
  const t = useT();
  const { rows, canManage } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = noticeFrom(params, notices);
  return (
    <PlanLayout
      section="responsibilities"
      heading={t("implementation.plan.responsibilities.title")}
      notice={notice ? t(notice, { holder: params.get("hvem") ?? "" }) : null}
    >
      <Paragraph>{t("implementation.plan.responsibilities.intro")}</Paragraph>
      {canManage ? (
        <div className="actions">
          <Button asChild>
            <Link to={`${planPaths.responsibilities}/ny`}>
              {t("implementation.plan.responsibilities.new")}
            </Link>
          </Button>
        </div>
      ) : (
        <Paragraph>{t("implementation.plan.readOnly")}</Paragraph>
      )}
      {rows.length === 0 ? (
        <Paragraph>{t("implementation.plan.responsibilities.empty")}</Paragraph>
      ) : (
        <TableScroll label={t("implementation.plan.responsibilities.caption")}>
          <Table>
            <caption>{t("implementation.plan.responsibilities.caption")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>
                  {t("implementation.plan.responsibilities.columns.holder")}
                </Table.HeaderCell>
                <Table.HeaderCell>
                  {t("implementation.plan.responsibilities.columns.duty")}
                </Table.HeaderCell>
                <Table.HeaderCell>
                  {t("implementation.plan.responsibilities.columns.how")}
                </Table.HeaderCell>
                {canManage ? (
                  <Table.HeaderCell>
                    {t("implementation.plan.responsibilities.columns.actions")}
                  </Table.HeaderCell>
                ) : null}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map((row, index) => (
                <Table.Row key={row.id}>
                  <Table.HeaderCell scope="row">{row.holder}</Table.HeaderCell>
                  <Table.Cell>{row.duty}</Table.Cell>
                  <Table.Cell>
                    {row.points.length === 0 ? (
                      "–"
                    ) : (
                      <ul className="plan-points">
                        {row.points.map((point, pointIndex) => (
                          <li key={pointIndex}>{point}</li>
                        ))}
                      </ul>
                    )}
                  </Table.Cell>
                  {canManage ? (
                    <Table.Cell>
                      <div className="plan-row-actions">
                        <DsLink asChild>
                          <Link
                            to={`${planPaths.responsibilities}/${row.id}`}
                            aria-label={t("implementation.plan.responsibilities.editNamed", {
                              holder: shortName(row.holder),
                            })}
                          >
                            {t("implementation.plan.edit")}
                          </Link>
                        </DsLink>
                        <MoveButtons
                          id={row.id}
                          first={index === 0}
                          last={index === rows.length - 1}
                          texts={{
                            up: t("implementation.plan.responsibilities.moveUp"),
                            down: t("implementation.plan.responsibilities.moveDown"),
                            upNamed: t("implementation.plan.responsibilities.moveUpNamed", {
                              holder: shortName(row.holder),
                            }),
                            downNamed: t("implementation.plan.responsibilities.moveDownNamed", {
                              holder: shortName(row.holder),
                            }),
                          }}
                        />
                      </div>
                    </Table.Cell>
                  ) : null}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
    </PlanLayout>
  );
}
