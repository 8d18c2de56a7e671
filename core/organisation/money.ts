/**
 * Money in Laget: whole øre in a number (the tables keep them in a bigint, so sums are exact),
 * typed and shown in Norwegian kroner.
 *
 * Reading what people type (`parseKroner`):
 * - Spaces of any kind group thousands: «262 470», «262 470» (no-break), «262470».
 * - A comma is the decimal sign, with one or two digits: «5 000,50», «5 000,5». «5 000,-» is
 *   whole kroner.
 * - A dot between groups of three digits groups thousands, as on many Norwegian invoices:
 *   «5.000» is five thousand kroner, «1.250.000» and «5.000,50» too. A dot followed by one or
 *   two digits is a decimal sign («99.50»), since nobody writes thousands that way.
 * - «kr», «kr.» and «NOK» before or after the number are left out.
 * - A minus sign (-, −, –) makes the amount negative, which every amount here refuses.
 * - Anything else (letters, three decimals such as «5,505») is not an amount.
 *
 * Showing amounts (`formatOre`): the number grouped with no-break spaces as Intl's nb-NO does,
 * decimals only when there are øre, and «kr» after it with a no-break space: «262 470 kr»,
 * «5 000,50 kr». In English «NOK 262 470», «NOK 5 000.50»: NOK first and a decimal point, but
 * thousands grouped with (no-break) spaces too, never with commas. So whatever a page shows reads
 * back in a form field in any language — «NOK 5 000.50» is a dot followed by two digits, a
 * decimal — while a comma keeps one meaning (the decimal sign) and «5,505» stays refused rather
 * than guessed at. Done by hand so the server's and the browser's output are the same to the
 * byte. No React, no database: pages, the PDF and the domain all use these.
 */

/** The largest amount accepted: 100 milliarder kr, far below the limit of exact numbers. */
export const MAX_ORE = 10_000_000_000_000;

export type ParsedKroner =
  | { kind: "empty" }
  | { kind: "amount"; ore: number }
  | { kind: "negative" }
  | { kind: "format" }
  | { kind: "tooLarge" };

const NO_BREAK_SPACE = "\u00a0";

/** Reads an amount in kroner as typed by a Norwegian user; see the rules above. */
export function parseKroner(input: string): ParsedKroner {
  let text = input.trim();
  if (text === "") return { kind: "empty" };
  // Minus signs people type or paste: hyphen-minus, the real minus, en and em dashes.
  text = text.replace(/[\u2212\u2012\u2013\u2014]/g, "-");
  text = text.replace(/^(kr\.?|nok)\s*/i, "").replace(/\s*(kr\.?|nok)$/i, "");
  text = text.replace(/[,.]-$/, "");
  text = text.replace(/\s+/g, "");
  let negative = false;
  if (text.startsWith("-")) {
    negative = true;
    text = text.slice(1).replace(/^(kr\.?|nok)/i, "");
  } else if (text.startsWith("+")) {
    text = text.slice(1);
  }
  const parsed = parseDigits(text);
  if (parsed === null) return { kind: "format" };
  if (negative && parsed > 0) return { kind: "negative" };
  if (parsed > MAX_ORE) return { kind: "tooLarge" };
  return { kind: "amount", ore: parsed };
}

/** Digits with the separators allowed above, as øre; null when it is not such a number. */
function parseDigits(text: string): number | null {
  let whole: string;
  let decimals = "";
  let match: RegExpExecArray | null;
  if ((match = /^(\d+|[1-9]\d{0,2}(?:\.\d{3})+),(\d{1,2})$/.exec(text))) {
    whole = match[1]!.replace(/\./g, "");
    decimals = match[2]!;
  } else if ((match = /^[1-9]\d{0,2}(?:\.\d{3})+$/.exec(text))) {
    whole = text.replace(/\./g, "");
  } else if ((match = /^(\d+)\.(\d{1,2})$/.exec(text))) {
    whole = match[1]!;
    decimals = match[2]!;
  } else if (/^\d+$/.test(text)) {
    whole = text;
  } else {
    return null;
  }
  // More digits than any accepted amount has: refuse before the number loses precision.
  const trimmed = whole.replace(/^0+(?=\d)/, "");
  if (trimmed.length > 15) return MAX_ORE + 1;
  return Number(trimmed) * 100 + Number(decimals.padEnd(2, "0"));
}

function groupDigits(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function parts(ore: number): { sign: string; kroner: string; cents: string } {
  const rounded = Math.round(ore);
  const sign = rounded < 0 ? "-" : "";
  const abs = Math.abs(rounded);
  return {
    sign,
    kroner: String(Math.floor(abs / 100)),
    cents: abs % 100 === 0 ? "" : String(abs % 100).padStart(2, "0"),
  };
}

/**
 * An amount for reading: «262 470 kr», «5 000,50 kr», «-2 470 kr» (nb and nn); «NOK 262 470»,
 * «NOK 5 000.50» in English (thousands grouped with spaces, so the amount reads back in a form).
 * The spaces are no-break spaces, so an amount never breaks over two lines.
 */
export function formatOre(ore: number, language: string = "nb"): string {
  const { sign, kroner, cents } = parts(ore);
  if (language === "en") {
    const number = groupDigits(kroner, NO_BREAK_SPACE);
    return `${sign}NOK${NO_BREAK_SPACE}${number}${cents ? `.${cents}` : ""}`;
  }
  return `${sign}${groupDigits(kroner, NO_BREAK_SPACE)}${cents ? `,${cents}` : ""}${NO_BREAK_SPACE}kr`;
}

/** An amount as it goes back into a form field: «262 470», «5 000,50» (plain spaces). */
export function formatOreInput(ore: number | null | undefined): string {
  if (ore === null || ore === undefined) return "";
  const { sign, kroner, cents } = parts(ore);
  return `${sign}${groupDigits(kroner, " ")}${cents ? `,${cents}` : ""}`;
}
