import { Alert, Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  arenaForm,
  createArena,
  deleteArena,
  reopenArena,
  updateArena,
} from "../../core/organisation/arenas.ts";
import { osloDate } from "../../core/platform/dates.ts";
import { CsrfField } from "../components/forms.tsx";
import {
  ArenaForm,
  arenaEditPath,
  arenaPath,
  arenaReviewPath,
  ARENAS_PATH,
  ArenasLayout,
} from "../components/organisation-arenas.tsx";
import { formatDate } from "../components/worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/organisation.arenas.form";

/**
 * /organisering/arenaer/ny and /organisering/arenaer/:arenaId/endre (implementation.manage):
 * the coordinator registers or changes an arena; on the edit page a closed arena can be opened
 * again, and an arena without reviews deleted behind a confirmation (`?bekreft=slett`).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const arenaId = "arenaId" in params ? params.arenaId : undefined;
  const form = await loadOr404(() =>
    arenaForm({ database: context.services.database, actor, meta: context.meta, arenaId }),
  );
  return { ...form, year: Number(osloDate().slice(0, 4)) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const arenaId = "arenaId" in params ? params.arenaId : undefined;
  const common = { database: context.services.database, actor, meta: context.meta };
  return runAction(values, async () => {
    if (arenaId && intent === "delete") {
      const removed = await deleteArena({ ...common, arenaId });
      return redirect(
        withNotice(ARENAS_PATH, "organisation.arenas.notices.deleted", { navn: removed.name }),
      );
    }
    if (arenaId && intent === "reopen") {
      await reopenArena({ ...common, arenaId });
      return redirect(withNotice(arenaPath(arenaId), "organisation.arenas.notices.reopened"));
    }
    if (arenaId) {
      await updateArena({ ...common, arenaId, values });
      return redirect(withNotice(arenaPath(arenaId), "organisation.arenas.notices.updated"));
    }
    const created = await createArena({ ...common, values });
    return redirect(
      withNotice(arenaPath(created.id), "organisation.arenas.notices.created", {
        navn: created.name,
      }),
    );
  });
}

export default function ArenaFormPage() {
  const t = useT();
  const { arena, reviewCount, leaderOptions, unitOptions, year } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const heading = arena
    ? t("organisation.arenas.form.editTitle", { name: arena.name })
    : t("organisation.arenas.form.newTitle");
  const back = arena
    ? { to: arenaPath(arena.id), text: t("organisation.arenas.backToArena", { name: arena.name }) }
    : { to: ARENAS_PATH, text: t("organisation.arenas.backToList") };
  // A refused delete (the arena got a review meanwhile) comes back as a message without fields.
  const refused = failure && Object.keys(failure.fieldErrors).length === 0;
  return (
    <ArenasLayout section={arena ? null : "register"} heading={heading} back={back}>
      {refused ? (
        <Alert data-color="danger" role="alert">
          {t(failure.messageKey)}
        </Alert>
      ) : null}
      <ArenaForm
        failure={refused ? undefined : failure}
        stored={arena}
        leaderOptions={leaderOptions}
        unitOptions={unitOptions}
        cancelTo={back.to}
      />
      {arena && !arena.active && arena.closedOn ? (
        <section aria-labelledby="arena-reopen-heading" className="arenas-section">
          <Heading level={2} data-size="sm" id="arena-reopen-heading">
            {t("organisation.arenas.reopen.heading")}
          </Heading>
          <Paragraph>
            {t("organisation.arenas.reopen.text", { date: formatDate(arena.closedOn) })}
          </Paragraph>
          <Form method="post" className="actions">
            <CsrfField />
            <Button type="submit" name="intent" value="reopen" variant="secondary">
              {t("organisation.arenas.reopen.button")}
            </Button>
          </Form>
        </section>
      ) : null}
      {arena ? (
        <section aria-labelledby="delete-heading" className="arenas-section">
          <Heading level={2} data-size="sm" id="delete-heading">
            {t("organisation.arenas.deleteSection.heading")}
          </Heading>
          {reviewCount > 0 ? (
            <>
              <Paragraph>{t("organisation.arenas.deleteSection.hasReviews")}</Paragraph>
              <Paragraph>
                <DsLink asChild>
                  <Link to={arenaReviewPath(arena.id, year)}>
                    {t("organisation.arenas.deleteSection.reviewLink", { year })}
                  </Link>
                </DsLink>
              </Paragraph>
            </>
          ) : params.get("bekreft") === "slett" ? (
            <Alert data-color="warning">
              <Paragraph>
                {t("organisation.arenas.deleteSection.question", { name: arena.name })}
              </Paragraph>
              <Form method="post" className="form__actions">
                <CsrfField />
                <Button type="submit" name="intent" value="delete" data-color="danger">
                  {t("organisation.arenas.deleteSection.confirm")}
                </Button>
                <Button asChild variant="tertiary">
                  <Link to={arenaEditPath(arena.id)}>
                    {t("organisation.arenas.deleteSection.cancel")}
                  </Link>
                </Button>
              </Form>
            </Alert>
          ) : (
            <div className="actions">
              <Button asChild variant="secondary" data-color="danger">
                <Link to="?bekreft=slett#delete-heading">
                  {t("organisation.arenas.deleteSection.button")}
                </Link>
              </Button>
            </div>
          )}
        </section>
      ) : null}
    </ArenasLayout>
  );
}
