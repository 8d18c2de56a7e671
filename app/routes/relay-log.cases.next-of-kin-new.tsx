import { Alert, Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { createNextOfKinCase, nextOfKinFormOptions } from "../../core/relay-log/next-of-kin.ts";
import { CsrfField } from "../components/forms.tsx";
import { NextOfKinFields } from "../components/next-of-kin-form.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/relay-log.cases.next-of-kin-new";

/** /barn-som-parorende/ny: register that a client has minor children (adult services first). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  return nextOfKinFormOptions({ database: context.services.database, actor });
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "relaylog.use");
  const values = formToObject(await request.formData());
  return runAction(values, async () => {
    const created = await createNextOfKinCase({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(
      withNotice(`/barn-som-parorende/${created.id}`, "relayLog.cases.nextOfKin.created"),
    );
  });
}

export default function NewNextOfKinCase() {
  const t = useT();
  const { units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  return (
    <div className="page relay-log-cases">
      <title>{`${t("relayLog.cases.nextOfKin.newTitle")} – ${t("app.name")}`}</title>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to="/barn-som-parorende">{t("relayLog.cases.nextOfKin.backToList")}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("relayLog.cases.nextOfKin.newTitle")}
      </Heading>
      <Paragraph>{t("relayLog.cases.nextOfKin.newIntro")}</Paragraph>
      <Paragraph>
        <DsLink asChild>
          <Link to="/veileder/rutine-barn-som-parorende">
            {t("relayLog.cases.nextOfKin.routineLink")}
          </Link>
        </DsLink>
      </Paragraph>
      {units.length === 0 ? (
        <Alert data-color="warning">{t("relayLog.cases.noUnits")}</Alert>
      ) : (
        <Form method="post" className="form" noValidate>
          <CsrfField />
          <NextOfKinFields failure={failure} units={units} />
          <div className="form__actions">
            <Button type="submit">{t("relayLog.cases.nextOfKin.create")}</Button>
          </div>
        </Form>
      )}
    </div>
  );
}
