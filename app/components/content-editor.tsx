import { Field, Label, Paragraph, Textarea, ValidationMessage } from "@digdir/designsystemet-react";
import type { ChangeEvent } from "react";
import { useT } from "../lib/i18n.tsx";

/** Who did something and when, as one line ("Kari Koordinator, 3. mars 2026 kl. 10:00"). */
export interface PersonAt {
  name: string | null;
  at: string | null;
}

/** A labelled textarea with help and error linked in the server HTML (like TextField). */
export function TextAreaField(props: {
  name: string;
  label: string;
  defaultValue?: string;
  value?: string;
  onChange?: (event: ChangeEvent<HTMLTextAreaElement>) => void;
  help?: string;
  error?: string | undefined;
  rows?: number;
  required?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  id?: string;
  className?: string;
}) {
  const t = useT();
  const id = props.id ?? props.name;
  const describedBy = [props.help ? `${id}-hjelp` : null, props.error ? `${id}-feil` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <Field>
      <Label htmlFor={id}>
        {props.label}
        {props.required ? <span className="required-marker"> ({t("common.required")})</span> : null}
      </Label>
      {props.help ? (
        <Paragraph data-size="sm" id={`${id}-hjelp`}>
          {props.help}
        </Paragraph>
      ) : null}
      <Textarea
        id={id}
        name={props.readOnly ? undefined : props.name}
        rows={props.rows ?? 4}
        defaultValue={props.value === undefined ? props.defaultValue : undefined}
        value={props.value}
        onChange={props.onChange}
        readOnly={props.readOnly}
        required={props.required}
        maxLength={props.maxLength}
        className={props.className}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.error ? (
        <ValidationMessage id={`${id}-feil`}>{t(props.error)}</ValidationMessage>
      ) : null}
    </Field>
  );
}

export interface DiffPartView {
  kind: "added" | "removed" | "unchanged";
  text: string;
}

/** Unchanged runs longer than this many lines are shortened to their first and last lines. */
const contextLines = 2;

function shorten(text: string): { head: string; hidden: number; tail: string } | null {
  const lines = text.split("\n");
  // A trailing newline leaves an empty last element that is not a line of its own.
  if (lines.at(-1) === "") lines.pop();
  if (lines.length <= contextLines * 2 + 1) return null;
  return {
    head: lines.slice(0, contextLines).join("\n") + "\n",
    hidden: lines.length - contextLines * 2,
    tail: lines.slice(-contextLines).join("\n") + "\n",
  };
}

/**
 * A diff as text with <ins>/<del>: additions are underlined and removals struck through, and
 * each carries a word ("Lagt til:", "Fjernet:"), so nothing depends on colour. `block` shows
 * line diffs (body, fields) with the markers visible; inline word diffs name them for screen
 * readers only, since the text around them stays readable.
 */
export function DiffView(props: { parts: DiffPartView[]; block: boolean }) {
  const t = useT();
  const markerClass = props.block ? "diff__marker" : "visually-hidden";
  return (
    <div className={props.block ? "diff diff--block" : "diff diff--inline"}>
      {props.parts.map((part, index) => {
        if (part.kind === "added") {
          return (
            <ins key={index} className="diff__added">
              <span className={markerClass}>{t("editor.diffAdded")} </span>
              {part.text}
            </ins>
          );
        }
        if (part.kind === "removed") {
          return (
            <del key={index} className="diff__removed">
              <span className={markerClass}>{t("editor.diffRemoved")} </span>
              {part.text}
            </del>
          );
        }
        const short = props.block ? shorten(part.text) : null;
        if (!short) return <span key={index}>{part.text}</span>;
        return (
          <span key={index}>
            {short.head}
            <span className="diff__skipped">
              {t("editor.diffUnchangedLines", { count: short.hidden })}
              {"\n"}
            </span>
            {short.tail}
          </span>
        );
      })}
    </div>
  );
}
