import { Alert, Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  deleteCompetenceMaterial,
  getCompetenceMaterialForEdit,
  updateCompetenceMaterial,
} from "../../core/implementation/competence.ts";
import { CsrfField, Notice } from "../components/forms.tsx";
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
import type { Route } from "./+types/implementation.competence.edit";

/**
 * /implementering/kompetanse/:materialId: edit a material (a new document replaces the old one;
 * leaving the file empty keeps it), or delete it behind a confirmation step.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  return loadOr404(() =>
    getCompetenceMaterialForEdit({
      database: context.services.database,
      actor,
      materialId: params.materialId,
    }),
  );
}

const M = "implementation.training.materials";

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const form = await request.formData();
  const values = formToObject(form);
  const common = {
    database: context.services.database,
    actor,
    meta: context.meta,
    materialId: params.materialId,
  };
  return runAction(values, async () => {
    if (form.get("intent") === "delete") {
      const deleted = await deleteCompetenceMaterial(common);
      return redirect(
        withNotice("/implementering/kompetanse", `${M}.deleted`, { navn: deleted.title }),
      );
    }
    const upload = form.get("file");
    const file =
      upload && typeof upload !== "string" && upload.size > 0
        ? { bytes: new Uint8Array(await upload.arrayBuffer()), name: upload.name }
        : null;
    await updateCompetenceMaterial({ ...common, values, file });
    return redirect(withNotice(`/implementering/kompetanse/${params.materialId}`, `${M}.saved`));
  });
}

export default function EditMaterialPage() {
  const t = useT();
  const { material, components } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const confirming = params.get("bekreft") === "slett";
  const path = `/implementering/kompetanse/${material.id}`;
  return (
    <div className="page">
      <title>{`${t(`${M}.editTitle`)} – ${material.title} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`${M}.editTitle`)}: {material.title}
      </Heading>
      {params.get("melding") === `${M}.saved` ? <Notice>{t(`${M}.saved`)}</Notice> : null}
      <div className="actions">
        <DsLink asChild>
          <Link to="/implementering/kompetanse">{t(`${M}.backToList`)}</Link>
        </DsLink>
        <DsLink asChild>
          <Link to={`/kompetanse/${material.id}`}>{t(`${M}.viewInPortal`)}</Link>
        </DsLink>
      </div>
      <MaterialForm
        failure={isFailure(actionData) ? actionData : undefined}
        stored={material}
        components={components}
        submitLabel={t(`${M}.save`)}
        cancelHref={path}
      />
      <section aria-labelledby="delete-heading" className="page">
        <Heading level={2} data-size="sm" id="delete-heading">
          {t(`${M}.deleteHeading`)}
        </Heading>
        {confirming ? (
          <Alert data-color="warning">
            <Paragraph>{t(`${M}.deleteQuestion`, { title: material.title })}</Paragraph>
            <Form method="post" className="form__actions">
              <CsrfField />
              <Button type="submit" name="intent" value="delete" data-color="danger">
                {t(`${M}.deleteConfirm`)}
              </Button>
              <Button asChild variant="tertiary">
                <Link to={path}>{t(`${M}.deleteKeep`)}</Link>
              </Button>
            </Form>
          </Alert>
        ) : (
          <div className="actions">
            <Button asChild variant="secondary" data-color="danger">
              <Link to="?bekreft=slett">{t(`${M}.delete`)}</Link>
            </Button>
          </div>
        )}
      </section>
    </div>
  );
}
