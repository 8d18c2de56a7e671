/** Validation of the kind-specific `fields` of a content version (content/README.md). Pure. */
import { z } from "zod";
import { topics, type ContentKind } from "./kinds.ts";
import { slugPattern } from "./paths.ts";

export const legalNotes = [
  "taushetsplikt",
  "samtykke",
  "opplysningsplikt",
  "avvergeplikt",
] as const;

const text = z.string().trim().max(500);
const slugList = z.array(z.string().trim().regex(slugPattern, "errors.format")).max(50);

/** Shared by every kind: `verify: true` marks a page the municipality must check (phone numbers, local services). */
const common = { verify: z.boolean().optional() };

const fieldSchemas: Partial<Record<ContentKind, z.ZodType<Record<string, unknown>>>> = {
  step: z.strictObject({
    ...common,
    responsible: text.optional(),
    deadline: text.optional(),
    tools: slugList.optional(),
    legal: z.array(z.enum(legalNotes)).max(legalNotes.length).optional(),
  }),
  term: z.strictObject({ ...common, synonyms: z.array(text.min(1)).max(50).optional() }),
  youth: z.strictObject({
    ...common,
    topics: z.array(z.enum(topics)).max(topics.length).optional(),
    emergency: z.boolean().optional(),
  }),
};

const commonOnly = z.strictObject(common);

/** The schema for a kind's fields: unknown fields are refused so typos do not vanish silently. */
export function fieldsSchemaFor(kind: string): z.ZodType<Record<string, unknown>> {
  return fieldSchemas[kind as ContentKind] ?? commonOnly;
}

/** Empty values are dropped so "no tools" and a missing key compare equal. */
export function cleanFields(fields: Record<string, unknown>): Record<string, unknown> {
  const cleaned: Record<string, unknown> = {};
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key];
    if (value === undefined || value === null || value === "" || value === false) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    cleaned[key] = value;
  }
  return cleaned;
}
