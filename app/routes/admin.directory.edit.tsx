import { Heading, Link as DsLink } from "@digdir/designsystemet-react";
import { ActiveStatusSection } from "../components/active-status.tsx";
import { Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  getDirectoryEntry,
  setDirectoryEntryActive,
  updateDirectoryEntry,
} from "../../core/guide/directory.ts";
import { listUnits } from "../../core/units/units.ts";
import { DirectoryForm } from "../components/directory-form.tsx";
import { Notice } from "../components/forms.tsx";
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

      <ActiveStatusSection
        active={entry.active}
        confirming={confirming}
        selfPath={`/admin/tjenester/${entry.id}`}
        texts={{
          heading: `${t("directory.admin.status")}: ${entry.active ? t("directory.admin.active") : t("directory.admin.inactive")}`,
          confirmQuestion: t("directory.admin.deactivateConfirm", { name: entry.name }),
          confirm: t("directory.admin.confirmDeactivate"),
          cancel: t("directory.admin.cancel"),
          deactivate: t("directory.admin.deactivate"),
          reactivate: t("directory.admin.reactivate"),
        }}
      />
    </div>
  );
}
