import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { createNetwork, networkForm, updateNetwork } from "../../core/implementation/networks.ts";
import {
  NETWORK_DESCRIPTION_MAX,
  NETWORK_NAME_MAX,
} from "../../core/implementation/networks-rules.ts";
import {
  CheckboxGroup,
  CsrfField,
  FormErrors,
  RadioGroup,
  SelectField,
  TextField,
  valueOf,
  valuesOf,
} from "../components/forms.tsx";
import { LongTextField } from "../components/relay-log-meeting-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.networks.form";

/**
 * /implementering/nettverk/ny and /implementering/nettverk/:networkId/endre: the coordinator
 * creates or changes a network — name (unique in the municipality), description, leader,
 * member units and, when editing, whether it is active.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const networkId = "networkId" in params ? params.networkId : undefined;
  return loadOr404(() => networkForm({ database: context.services.database, actor, networkId }));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const values = formToObject(await request.formData());
  const networkId = "networkId" in params ? params.networkId : undefined;
  const common = { database: context.services.database, actor, meta: context.meta, values };
  return runAction(values, async () => {
    if (networkId) {
      await updateNetwork({ ...common, networkId });
      return redirect(
        withNotice(
          `/implementering/nettverk/${networkId}`,
          "implementation.networks.notices.updated",
        ),
      );
    }
    const { id } = await createNetwork(common);
    return redirect(
      withNotice(`/implementering/nettverk/${id}`, "implementation.networks.notices.created", {
        navn: String(values.name ?? "").trim(),
      }),
    );
  });
}

export default function NetworkFormPage() {
  const t = useT();
  const { network, leaderOptions, unitOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const title = network
    ? t("implementation.networks.form.editTitle", { name: network.name })
    : t("implementation.networks.form.newTitle");
  const back = network ? `/implementering/nettverk/${network.id}` : "/implementering/nettverk";
  return (
    <div className="page">
      <title>{`${title} – ${t("app.name")}`}</title>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to={back}>
            {network
              ? t("implementation.networks.backToNetwork", { name: network.name })
              : t("implementation.networks.backToList")}
          </Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <FormErrors failure={failure} />
        <TextField
          name="name"
          label={t("implementation.networks.form.name")}
          help={t("implementation.networks.form.nameHelp")}
          required
          maxLength={NETWORK_NAME_MAX}
          defaultValue={valueOf(failure, "name", network?.name)}
          error={failure?.fieldErrors.name}
        />
        <LongTextField
          name="description"
          label={t("implementation.networks.form.description")}
          help={t("implementation.networks.form.descriptionHelp")}
          maxLength={NETWORK_DESCRIPTION_MAX}
          defaultValue={valueOf(failure, "description", network?.description)}
          error={failure?.fieldErrors.description}
        />
        <SelectField
          name="leaderUserId"
          label={t("implementation.networks.form.leader")}
          help={t("implementation.networks.form.leaderHelp")}
          placeholder={t("implementation.networks.form.leaderPlaceholder")}
          required
          options={leaderOptions.map((leader) => ({ value: leader.id, label: leader.name }))}
          defaultValue={valueOf(failure, "leaderUserId", network?.leaderUserId)}
          error={failure?.fieldErrors.leaderUserId}
        />
        <CheckboxGroup
          name="unitIds"
          legend={t("implementation.networks.form.units")}
          description={t("implementation.networks.form.unitsHelp")}
          required
          options={unitOptions.map((unit) => ({
            value: unit.id,
            label: unit.active
              ? unit.name
              : t("implementation.networks.form.inactiveUnit", { name: unit.name }),
          }))}
          checked={valuesOf(failure, "unitIds", network?.unitIds ?? [])}
          error={failure?.fieldErrors.unitIds}
        />
        {network ? (
          <RadioGroup
            name="active"
            legend={t("implementation.networks.form.status")}
            description={t("implementation.networks.form.statusHelp")}
            options={[
              { value: "true", label: t("implementation.networks.active") },
              { value: "false", label: t("implementation.networks.inactive") },
            ]}
            checked={valueOf(failure, "active", String(network.active))}
            error={failure?.fieldErrors.active}
          />
        ) : null}
        <div className="form__actions">
          <Button type="submit">
            {network
              ? t("implementation.networks.form.save")
              : t("implementation.networks.form.create")}
          </Button>
          <Button asChild variant="tertiary">
            <Link to={back}>{t("implementation.networks.form.cancel")}</Link>
          </Button>
        </div>
      </Form>
    </div>
  );
}
