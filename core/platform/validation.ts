import type { z } from "zod";
import { AppError, type FieldErrors } from "../errors.ts";

/**
 * Parses input with a zod schema and turns failures into one AppError("validation") whose field
 * errors are catalog keys, so the edge can show them in any language beside the right field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  // reportInput lets messageKeyFor tell a missing value ("required") from a wrong type.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new AppError("validation", "errors.validation", {
    fieldErrors: fieldErrorsFrom(result.error),
  });
}

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    // An unknown field is reported on that field's own name, so API clients see which one.
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const field = [...issue.path, key].join(".");
        fieldErrors[field] ??= "errors.unknownField";
      }
      continue;
    }
    const field = issue.path.join(".") || "_form";
    if (fieldErrors[field]) continue;
    fieldErrors[field] = messageKeyFor(issue);
  }
  return fieldErrors;
}

function messageKeyFor(issue: z.core.$ZodIssue): string {
  // Schemas may name a catalog key directly as their message.
  if (isCatalogKey(issue.message)) return issue.message;
  switch (issue.code) {
    case "too_small":
      return issue.origin === "string" && issue.minimum === 1
        ? "errors.required"
        : "errors.tooShort";
    case "too_big":
      return "errors.tooLong";
    case "invalid_format":
      return issue.format === "email" ? "errors.email" : "errors.format";
    case "unrecognized_keys":
      return "errors.unknownField";
    case "invalid_type":
      return issue.input === undefined ? "errors.required" : "errors.type";
    case "invalid_value":
      return "errors.choice";
    default:
      return "errors.invalid";
  }
}

/** A schema may name any catalog key as its message ("errors.phone", "content.errors.slug"). */
function isCatalogKey(message: string): boolean {
  return /^[a-zA-Z]+(\.[a-zA-Z0-9_]+)+$/.test(message);
}
