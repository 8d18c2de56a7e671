import "./feedback.css";
import {
  Alert,
  Button,
  Dialog,
  ErrorSummary,
  Field,
  Fieldset,
  Heading,
  Input,
  Label,
  Link as DsLink,
  Paragraph,
  Tag,
  Textarea,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { flushSync } from "react-dom";
import { useFetcher } from "react-router";
import {
  feedbackFormHref,
  feedbackHoneypotField,
  feedbackTextMax,
} from "../../core/guide/feedback-form.ts";
import { feedbackKinds, type FeedbackState } from "../../core/guide/kinds.ts";
import { useT } from "../lib/i18n.tsx";
import { isFailure, type ActionFailure } from "../lib/route-helpers.ts";
import { CsrfField, valueOf } from "./forms.tsx";

const subscribeNever = () => () => undefined;

/** False in the server HTML and during hydration, true once React runs in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

/**
 * The fields of the feedback form, for the page /tilbakemelding and the dialog on every page.
 * `idPrefix` keeps the dialog's ids apart from those of the page it opens over (a login form
 * has an "email" field too).
 */
export function FeedbackFields(props: {
  idPrefix: string;
  failure: ActionFailure | undefined;
  pagePath: string;
  pageTitle: string;
}) {
  const t = useT();
  const hydrated = useHydrated();
  const { failure, idPrefix: p } = props;
  const errors = failure?.fieldErrors ?? {};
  const typedText = valueOf(failure, "text") ?? "";
  const [length, setLength] = useState(typedText.length);
  const checkedKind = valueOf(failure, "kind");
  const id = (name: string) => `${p}${name}`;
  const describedBy = (...ids: (string | false | undefined)[]) =>
    ids.filter(Boolean).join(" ") || undefined;

  return (
    <>
      <CsrfField />
      <input type="hidden" name="pagePath" value={props.pagePath} />
      <input type="hidden" name="pageTitle" value={props.pageTitle} />

      <Fieldset
        id={id("kind")}
        aria-describedby={errors.kind ? id("kind-feil") : undefined}
        className="feedback-kinds"
      >
        <Fieldset.Legend>
          {t("feedback.kindLegend")}
          <span className="required-marker"> ({t("common.required")})</span>
        </Fieldset.Legend>
        {feedbackKinds.map((kind) => (
          <Field key={kind}>
            <Input
              type="radio"
              id={id(`kind-${kind}`)}
              name="kind"
              value={kind}
              defaultChecked={checkedKind === kind}
              aria-invalid={errors.kind ? true : undefined}
            />
            <Label htmlFor={id(`kind-${kind}`)} weight="regular">
              {t(`feedback.kind.${kind}`)}
            </Label>
          </Field>
        ))}
        {errors.kind ? (
          <ValidationMessage id={id("kind-feil")}>{t(errors.kind)}</ValidationMessage>
        ) : null}
      </Fieldset>

      <Field>
        <Label htmlFor={id("text")}>
          {t("feedback.text")}
          <span className="required-marker"> ({t("common.required")})</span>
        </Label>
        <Paragraph data-size="sm" id={id("text-hjelp")}>
          {t("feedback.textHelp")}
        </Paragraph>
        <Textarea
          id={id("text")}
          name="text"
          rows={6}
          defaultValue={typedText}
          onInput={(event) => setLength(event.currentTarget.value.length)}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={describedBy(
            id("text-hjelp"),
            hydrated && id("text-antall"),
            errors.text && id("text-feil"),
          )}
        />
        {/* Only with JavaScript: without it the count could not follow the typing. */}
        {hydrated ? (
          <Paragraph
            data-size="sm"
            id={id("text-antall")}
            className={
              length > feedbackTextMax ? "feedback-count feedback-count--over" : "feedback-count"
            }
          >
            {t("feedback.charCount", { count: length, max: feedbackTextMax })}
          </Paragraph>
        ) : null}
        {errors.text ? (
          <ValidationMessage id={id("text-feil")}>{t(errors.text)}</ValidationMessage>
        ) : null}
      </Field>

      <Field>
        <Label htmlFor={id("email")}>{t("feedback.email")}</Label>
        <Paragraph data-size="sm" id={id("email-hjelp")}>
          {t("feedback.emailHelp")}
        </Paragraph>
        <Input
          id={id("email")}
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={valueOf(failure, "email")}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy(id("email-hjelp"), errors.email && id("email-feil"))}
        />
        {errors.email ? (
          <ValidationMessage id={id("email-feil")}>{t(errors.email)}</ValidationMessage>
        ) : null}
      </Field>

      {/* The honeypot: off-screen, out of the tab order and hidden from assistive technology,
          so only a bot fills it in. Not display:none, which some bots skip. */}
      <div className="feedback-honeypot" aria-hidden="true">
        <label htmlFor={id(feedbackHoneypotField)}>{t("feedback.honeypot")}</label>
        <input
          type="text"
          id={id(feedbackHoneypotField)}
          name={feedbackHoneypotField}
          tabIndex={-1}
          autoComplete="off"
          defaultValue=""
        />
      </div>
    </>
  );
}

/** Every field error listed at the top, each linking to its field (ids carry the prefix). */
export function FeedbackErrors({
  failure,
  idPrefix,
}: {
  failure: ActionFailure | undefined;
  idPrefix: string;
}) {
  const t = useT();
  if (!failure) return null;
  const entries = Object.entries(failure.fieldErrors);
  if (entries.length === 0) {
    return (
      <Alert data-color="danger" role="alert">
        {t(failure.messageKey)}
      </Alert>
    );
  }
  return (
    <ErrorSummary>
      <ErrorSummary.Heading>{t("common.errorSummary")}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {entries.map(([field, key]) => (
          <ErrorSummary.Item key={field}>
            <ErrorSummary.Link href={`#${idPrefix}${field}`}>{t(key)}</ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

/**
 * "Gi tilbakemelding på denne siden" below every page. Without JavaScript a link to the form
 * page; with it, a button opening the same form in a modal dialog (native <dialog>: focus moves
 * in, Escape closes, focus returns to the button).
 */
export function FeedbackEntry({ pagePath }: { pagePath: string }) {
  const t = useT();
  const hydrated = useHydrated();
  if (!hydrated) {
    return (
      <DsLink href={feedbackFormHref(pagePath)} className="page-feedback__link">
        {t("feedback.button")}
      </DsLink>
    );
  }
  return <FeedbackDialog key={pagePath} pagePath={pagePath} />;
}

const dialogPrefix = "tilbakemelding-";

function FeedbackDialog({ pagePath }: { pagePath: string }) {
  const t = useT();
  // A new fetcher key (so a fresh, empty form) each time the dialog opens after a sent one.
  const [round, setRound] = useState(0);
  const fetcher = useFetcher<unknown>({ key: `tilbakemelding-${round}` });
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const thanksRef = useRef<HTMLHeadingElement>(null);
  const errorsRef = useRef<HTMLDivElement>(null);
  const [pageTitle, setPageTitle] = useState("");
  // The form exists only while the dialog is open: a closed dialog's fields would otherwise
  // stand in the page beside its own (two "E-post" fields on the login page).
  const [isOpen, setIsOpen] = useState(false);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const failure = isFailure(result) ? result : undefined;
  const sent = Boolean(result && (result as { ok?: unknown }).ok === true);

  useEffect(() => {
    if (sent) thanksRef.current?.focus();
    else if (failure) {
      errorsRef.current
        ?.querySelector<HTMLElement>("[aria-invalid='true'], a, [role='alert']")
        ?.focus();
    }
  }, [sent, failure]);

  // Focus the first field once the form is in the dialog (showModal alone may leave it on the
  // close button or, while the dialog's own scripts settle, outside the dialog).
  useEffect(() => {
    if (!isOpen) return;
    dialogRef.current
      ?.querySelector<HTMLElement>("form input:not([type='hidden']):not([tabindex='-1'])")
      ?.focus();
  }, [isOpen, round]);

  const open = () => {
    // The title as the reader sees it, without the product name after the dash.
    setPageTitle(document.title.replace(/\s+–\s+[^–]+$/, "").slice(0, 200));
    if (sent) setRound((value) => value + 1);
    // Render the form before showModal(), so the browser can move focus into it.
    flushSync(() => setIsOpen(true));
    dialogRef.current?.showModal();
  };

  return (
    <>
      <Button
        ref={triggerRef}
        type="button"
        variant="secondary"
        data-size="sm"
        aria-haspopup="dialog"
        onClick={open}
        className="page-feedback__button"
      >
        {t("feedback.button")}
      </Button>
      <Dialog
        ref={dialogRef}
        closeButton={t("feedback.close")}
        aria-labelledby={`${dialogPrefix}tittel`}
        onClose={() => {
          setIsOpen(false);
          triggerRef.current?.focus();
        }}
        className="feedback-dialog"
      >
        {isOpen ? (
          <>
            <Dialog.Block>
              <Heading level={2} data-size="sm" id={`${dialogPrefix}tittel`}>
                {t("feedback.title")}
              </Heading>
            </Dialog.Block>
            <Dialog.Block>
              {sent ? (
                <div role="status">
                  <Heading level={3} data-size="xs" tabIndex={-1} ref={thanksRef}>
                    {t("feedback.thanksTitle")}
                  </Heading>
                  <Paragraph>{t("feedback.thanksText")}</Paragraph>
                  <Button
                    type="button"
                    variant="secondary"
                    onClick={() => dialogRef.current?.close()}
                  >
                    {t("feedback.close")}
                  </Button>
                </div>
              ) : (
                <fetcher.Form
                  key={round}
                  method="post"
                  action="/tilbakemelding"
                  className="form feedback-form"
                  noValidate
                >
                  <input type="hidden" name="inline" value="1" />
                  <div ref={errorsRef}>
                    <FeedbackErrors failure={failure} idPrefix={dialogPrefix} />
                  </div>
                  <Paragraph data-size="sm">
                    {t("feedback.aboutPath", { path: pagePath })}
                  </Paragraph>
                  <FeedbackFields
                    idPrefix={dialogPrefix}
                    failure={failure}
                    pagePath={pagePath}
                    pageTitle={pageTitle}
                  />
                  <div className="form__actions">
                    <Button type="submit" disabled={fetcher.state !== "idle"}>
                      {t("feedback.submit")}
                    </Button>
                  </div>
                </fetcher.Form>
              )}
            </Dialog.Block>
          </>
        ) : null}
      </Dialog>
    </>
  );
}

/** Triage state as a tag: the text says it, the colour only repeats it. */
const stateColor: Record<FeedbackState, "info" | "warning" | "accent" | "success" | "neutral"> = {
  ny: "info",
  under_vurdering: "warning",
  tatt_inn: "accent",
  besvart: "success",
  avvist: "neutral",
};

export function StateTag({ state }: { state: FeedbackState }) {
  const t = useT();
  return <Tag data-color={stateColor[state]}>{t(`feedback.state.${state}`)}</Tag>;
}
