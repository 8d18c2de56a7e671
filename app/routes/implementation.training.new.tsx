import { Heading, Link as DsLink } from "@digdir/designsystemet-react";
import { Link, redirect, useActionData, useLoaderData } from "react-router";
import { createTrainingEvent, trainingFormOptions } from "../../core/implementation/training.ts";
import { EventForm } from "../components/implementation-training.tsx";
import { useT } from "../lib/i18n.tsx";
import {
  formToObject,
  isFailure,
  loadOr404,
  requirePermission,
  runAction,
  withNotice,
} from "../lib/route-helpers.ts";
import type { Route } from "./+types/implementation.training.new";

/** /implementering/opplaering/ny: the coordinator creates an event, then invites units on its page. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  return loadOr404(() => trainingFormOptions({ database: context.services.database, actor }));
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "implementation.manage");
  const { section: _section, ...values } = formToObject(await request.formData());
  return runAction(values, async () => {
    const event = await createTrainingEvent({
      database: context.services.database,
      actor,
      meta: context.meta,
      values,
    });
    return redirect(
      withNotice(`/implementering/opplaering/${event.id}`, "implementation.training.admin.created"),
    );
  });
}

export default function NewTrainingEventPage() {
  const t = useT();
  const { components } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <title>{`${t("implementation.training.admin.newTitle")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("implementation.training.admin.newTitle")}
      </Heading>
      <div className="actions">
        <DsLink asChild>
          <Link to="/implementering/opplaering">
            {t("implementation.training.admin.backToList")}
          </Link>
        </DsLink>
      </div>
      <EventForm
        failure={isFailure(actionData) ? actionData : undefined}
        components={components}
        submitLabel={t("implementation.training.admin.create")}
        cancelHref="/implementering/opplaering"
      />
    </div>
  );
}
