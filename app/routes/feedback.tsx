import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { data, Form, redirect, useActionData, useLoaderData } from "react-router";
import { feedbackPagePath, submitFeedback } from "../../core/guide/feedback.ts";
import { FeedbackErrors, FeedbackFields } from "../components/feedback.tsx";
import { useT } from "../lib/i18n.tsx";
import { formToObject, isFailure, runAction } from "../lib/route-helpers.ts";
import type { Route } from "./+types/feedback";

/** The form page behind "Gi tilbakemelding på denne siden": works without JavaScript. */
export function loader({ context, request }: Route.LoaderArgs) {
  if (!context.tenant) throw data({ messageKey: "errors.notFound" }, { status: 404 });
  const url = new URL(request.url);
  return {
    pagePath: feedbackPagePath(url.searchParams.get("side")) ?? "/",
    thanks: url.searchParams.get("takk") === "1",
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const tenant = context.tenant;
  if (!tenant) throw data({ messageKey: "errors.notFound" }, { status: 404 });
  const form = await request.formData();
  const values = formToObject(form);
  // The dialog on every page posts here too and wants data back, not a new page.
  const inline = values.inline === "1";
  delete values.inline;
  // The path is a hidden field nobody can correct: a bad one becomes the start page.
  const pagePath = feedbackPagePath(typeof values.pagePath === "string" ? values.pagePath : null);
  values.pagePath = pagePath ?? "/";
  const { services } = context;
  return runAction(values, async () => {
    await submitFeedback({
      database: services.database,
      actor: context.actor,
      tenantId: tenant.id,
      meta: context.meta,
      encryptionKey: services.config.dataEncryptionKey,
      rateLimitPerMinute: services.config.rateLimit.feedbackPerMinute,
      values,
    });
    if (inline) return { ok: true as const };
    return redirect(`/tilbakemelding?takk=1&side=${encodeURIComponent(values.pagePath as string)}`);
  });
}

export default function FeedbackPage() {
  const t = useT();
  const { pagePath, thanks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const heading = thanks ? t("feedback.thanksTitle") : t("feedback.title");
  return (
    <div className="page">
      <title>{`${heading} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {heading}
      </Heading>
      {thanks ? (
        <>
          <Paragraph>{t("feedback.thanksText")}</Paragraph>
          <Paragraph>
            <DsLink href={pagePath}>{t("feedback.backToPage")}</DsLink>
          </Paragraph>
        </>
      ) : (
        <>
          <Paragraph>{t("feedback.intro")}</Paragraph>
          <Paragraph>
            {t("feedback.aboutPath", { path: pagePath })}{" "}
            <DsLink href={pagePath}>{t("feedback.backToPage")}</DsLink>
          </Paragraph>
          <FeedbackErrors failure={failure} idPrefix="" />
          <Form method="post" className="form feedback-form" noValidate>
            <FeedbackFields idPrefix="" failure={failure} pagePath={pagePath} pageTitle="" />
            <div className="form__actions">
              <Button type="submit">{t("feedback.submit")}</Button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
