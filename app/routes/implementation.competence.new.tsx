import { Heading, Link as DsLink } from "@digdir/designsystemet-react";
import { Link, redirect, useActionData, useLoaderData } from "react-router";
import {
  createCompetenceMaterial,
  materialFormOptions,
} from "../../core/implementation/competence.ts";
import { MaterialForm } from "../components/implementation-training.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.competence.new";

/** /implementering/kompetanse/ny: new learning material (multipart: a document may come along). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  return loadOr404(() => materialFormOptions({ database: context.services.database, actor }));
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const upload = form.get("file");
  const file =
    upload && typeof upload !== "string" && upload.size > 0
      ? { bytes: new Uint8Array(await upload.arrayBuffer()), name: upload.name }
      : null;
  return runAction(values, async () => {
    const material = await createCompetenceMaterial({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
      file,
    });
    return redirect(
      withNotice(
        `/implementering/kompetanse/${material.id}`,
        "implementation.training.materials.saved",
      ),
    );
  });
}

export default function NewMaterialPage() {
  const t = useT();
  const { components } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <title>{`${t("implementation.training.materials.newTitle")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("implementation.training.materials.newTitle")}
      </Heading>
      <div className="actions">
        <DsLink asChild>
          <Link to="/implementering/kompetanse">
            {t("implementation.training.materials.backToList")}
          </Link>
        </DsLink>
      </div>
      <MaterialForm
        failure={isFailure(actionData) ? actionData : undefined}
        components={components}
        submitLabel={t("implementation.training.materials.create")}
        cancelHref="/implementering/kompetanse"
      />
    </div>
  );
}
