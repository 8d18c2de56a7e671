import { Alert, Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  getDirectoryEntry,
  setDirectoryEntryActive,
  updateDirectoryEntry,
} from "../../core/guide/directory.ts";
import { listUnits } from "../../core/units/units.ts";
import { DirectoryForm } from "../components/directory-form.tsx";
import { CsrfField, Notice } from "../components/forms.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/admin.directory.edit";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const database = context.services.database;
  const entry = await loadOr404(() =>
    getDirectoryEntry({
      database,
      tenantId: actor.tenantId,
      viewer: actor,
      entryId: params.entryId,
    }),
  );
  const units = await listUnits({ database, actor });
  return {
    entry: {
      id: entry.id,
      name: entry.name,
      description: entry.description,
      offers: entry.offers,
      topics: entry.topics,
      ageFrom: entry.ageFrom,
      ageTo: entry.ageTo,
      phone: entry.phone,
      email: entry.email,
      website: entry.website,
      address: entry.address,
      howToRefer: entry.howToRefer,
      openingHours: entry.openingHours,
      public: entry.public,
      active: entry.active,
      unitId: entry.unitId,
    },
    units: units.map((unit) => ({ id: unit.id, name: unit.name })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const form = await request.formData();
  const values = formToObject(form);
  const intent = form.get("intent");
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    entryId: params.entryId,
  };
  return runAction(values, async () => {
    if (intent === "deactivate" || intent === "reactivate") {
      const entry = await setDirectoryEntryActive({ ...common, active: intent === "reactivate" });
      const key =
        intent === "reactivate" ? "directory.admin.reactivated" : "directory.admin.deactivated";
      return redirect(withNotice("/admin/tjenester", key, { navn: entry.name }));
    }
    await updateDirectoryEntry({ ...common, values });
    return redirect(withNotice(`/admin/tjenester/${params.entryId}`, "directory.admin.saved"));
  });
}

export default function EditDirectoryEntryPage() {
  const t = useT();
  const { entry, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const confirming = params.get("bekreft") === "deaktiver";
  return (
    <div className="page">
      <title>{`${t("directory.admin.editTitle")} – ${entry.name} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("directory.admin.editTitle")}: {entry.name}
      </Heading>
      {params.get("melding") === "directory.admin.saved" ? (
        <Notice>{t("directory.admin.saved")}</Notice>
      ) : null}
      <div className="actions">
        <DsLink asChild>
          <Link to="/admin/tjenester">{t("directory.admin.backToList")}</Link>
        </DsLink>
        {entry.active ? (
          <DsLink asChild>
            <Link to={`/hvem-kan-hjelpe/${entry.id}`}>{t("directory.admin.viewPublic")}</Link>
          </DsLink>
        ) : null}
      </div>
      <DirectoryForm
        failure={isFailure(actionData) ? actionData : undefined}
        stored={entry}
        units={units}
      />

      <section aria-labelledby="status-heading" className="page">
        <Heading level={2} data-size="sm" id="status-heading">
          {t("directory.admin.status")}:{" "}
          {entry.active ? t("directory.admin.active") : t("directory.admin.inactive")}
        </Heading>
        {entry.active && confirming ? (
          <Alert data-color="warning">
            <Paragraph>{t("directory.admin.deactivateConfirm", { name: entry.name })}</Paragraph>
            <Form method="post" className="form__actions">
              <CsrfField />
              <Button type="submit" name="intent" value="deactivate" data-color="danger">
                {t("directory.admin.confirmDeactivate")}
              </Button>
              <Button asChild variant="tertiary">
                <Link to={`/admin/tjenester/${entry.id}`}>{t("directory.admin.cancel")}</Link>
              </Button>
            </Form>
          </Alert>
        ) : entry.active ? (
          <div className="actions">
            <Button asChild variant="secondary" data-color="danger">
              <Link to="?bekreft=deaktiver">{t("directory.admin.deactivate")}</Link>
            </Button>
          </div>
        ) : (
          <Form method="post" className="actions">
            <CsrfField />
            <Button type="submit" name="intent" value="reactivate" variant="secondary">
              {t("directory.admin.reactivate")}
            </Button>
          </Form>
        )}
      </section>
    </div>
  );
}
