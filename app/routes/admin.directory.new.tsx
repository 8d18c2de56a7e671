import { Heading } from "@digdir/designsystemet-react";
import { redirect, useActionData, useLoaderData } from "react-router";
import { createDirectoryEntry } from "../../core/guide/directory.ts";
import { listUnits } from "../../core/units/units.ts";
import { DirectoryForm } from "../components/directory-form.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/admin.directory.new";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const units = await listUnits({ database: context.services.database, actor });
  return { units: units.map((unit) => ({ id: unit.id, name: unit.name })) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "guide.edit");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const entry = await createDirectoryEntry({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(
      withNotice("/admin/tjenester", "directory.admin.created", { navn: entry.name }),
    );
  });
}

export default function NewDirectoryEntryPage() {
  const t = useT();
  const { units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <title>{`${t("directory.admin.newTitle")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("directory.admin.newTitle")}
      </Heading>
      <DirectoryForm failure={isFailure(actionData) ? actionData : undefined} units={units} />
    </div>
  );
}
