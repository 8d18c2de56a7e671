/**
 * Pure helpers for the content editor's forms: what the form shows (stored or typed values), and
 * what the save use case gets. Safe in the browser (the live preview and the slug suggestion).
 */

/** The editor form's fields, flat, as the form posts them. */
export interface EditorValues {
  title: string;
  summary: string;
  body: string;
  changeNote: string;
  responsible: string;
  deadline: string;
  tools: string[];
  legal: string[];
  /** One synonym per line. */
  synonyms: string;
  topics: string[];
  emergency: boolean;
  verify: boolean;
}

type Posted = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string {
  if (value === undefined) return "";
  return Array.isArray(value) ? (value[0] ?? "") : value;
}

function many(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

/** Browsers post textarea line breaks as CRLF; stored Markdown uses LF so diffs stay clean. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** What the user posted, back into the form after a preview, a failed save or a conflict. */
export function postedValues(values: Posted): EditorValues {
  return {
    title: one(values.title),
    summary: one(values.summary),
    body: normaliseNewlines(one(values.body)),
    changeNote: one(values.changeNote),
    responsible: one(values.responsible),
    deadline: one(values.deadline),
    tools: many(values.tools),
    legal: many(values.legal),
    synonyms: normaliseNewlines(one(values.synonyms)),
    topics: many(values.topics),
    emergency: one(values.emergency) === "on",
    verify: one(values.verify) === "on",
  };
}

/** A stored version's text and fields as the form shows them. */
export function storedValues(
  version: {
    title: string;
    summary: string;
    body: string;
    changeNote: string;
    fields: Record<string, unknown>;
  } | null,
): EditorValues {
  const fields = version?.fields ?? {};
  return {
    title: version?.title ?? "",
    summary: version?.summary ?? "",
    body: version?.body ?? "",
    changeNote: version?.changeNote ?? "",
    responsible: typeof fields.responsible === "string" ? fields.responsible : "",
    deadline: typeof fields.deadline === "string" ? fields.deadline : "",
    tools: stringList(fields.tools),
    legal: stringList(fields.legal),
    synonyms: stringList(fields.synonyms).join("\n"),
    topics: stringList(fields.topics),
    emergency: fields.emergency === true,
    verify: fields.verify === true,
  };
}

/** The input of saveDraft for a page of this kind: only the fields that kind has. */
export function saveInput(kind: string, values: EditorValues) {
  const fields: Record<string, unknown> = { verify: values.verify };
  if (kind === "step") {
    fields.responsible = values.responsible;
    fields.deadline = values.deadline;
    fields.tools = values.tools;
    fields.legal = values.legal;
  } else if (kind === "term") {
    fields.synonyms = values.synonyms
      .split(/[\n,]/)
      .map((synonym) => synonym.trim())
      .filter(Boolean);
  } else if (kind === "youth") {
    fields.topics = values.topics;
    fields.emergency = values.emergency;
  }
  return {
    title: values.title,
    summary: values.summary,
    body: values.body,
    changeNote: values.changeNote,
    fields,
  };
}

/**
 * Field errors from the core name kind fields "fields.responsible"; the form's inputs are named
 * without the prefix, so the error summary's links reach them.
 */
export function formFieldErrors(fieldErrors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, key]) => [field.replace(/^fields\./, ""), key]),
  );
}

/**
 * A URL name suggested from a title: lowercase letters (æøå kept), digits and single hyphens,
 * matching the content slug pattern. "Nivå 0: Konkretiser uroen" → "nivå-0-konkretiser-uroen".
 */
export function slugFromTitle(title: string): string {
  return title
    .normalize("NFC")
    .toLowerCase()
    .split("")
    .map((char) => {
      if (/[a-z0-9æøå]/.test(char)) return char;
      // é → e, ü → u: drop the accent when what is left is a plain letter.
      const base = char.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      return /^[a-z]$/.test(base) ? base : "-";
    })
    .join("")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 100)
    .replace(/-$/, "");
}
