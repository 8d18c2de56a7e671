const weights1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const weights2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function controlDigit(digits: number[], weights: number[]): number | null {
  const sum = weights.reduce((acc, weight, index) => acc + weight * digits[index]!, 0);
  const rest = 11 - (sum % 11);
  if (rest === 11) return 0;
  if (rest === 10) return null;
  return rest;
}

/**
 * A Norwegian national ID number (fødselsnummer) or D-number, with both mod-11 control digits.
 * Synthetic test numbers (month + 40 or + 80, as issued by Skatteetaten and NAV for testing)
 * are accepted: demo and test data must use them, never real numbers.
 */
export function isValidNationalId(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const k1 = controlDigit(digits, weights1);
  const k2 = controlDigit(digits, weights2);
  if (k1 === null || k2 === null || k1 !== digits[9] || k2 !== digits[10]) return false;
  let day = digits[0]! * 10 + digits[1]!;
  let month = digits[2]! * 10 + digits[3]!;
  if (day > 40) day -= 40; // D-number
  if (month > 80)
    month -= 80; // synthetic (Skatteetaten)
  else if (month > 40) month -= 40; // synthetic (NAV/Testnorge)
  if (month < 1 || month > 12) return false;
  // The century hides in the individual number, so 29 February is allowed in every year.
  return day >= 1 && day <= daysInMonth[month - 1]!;
}

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Builds a valid synthetic number (month + 80) for demo data and tests. */
export function syntheticNationalId(birth: Date, individual: number): string {
  for (let n = individual; n < individual + 200; n += 1) {
    const dd = String(birth.getUTCDate()).padStart(2, "0");
    const mm = String(birth.getUTCMonth() + 1 + 80);
    const yy = String(birth.getUTCFullYear() % 100).padStart(2, "0");
    const base = `${dd}${mm}${yy}${String(n % 1000).padStart(3, "0")}`;
    const digits = [...base].map(Number);
    const k1 = controlDigit(digits, weights1);
    if (k1 === null) continue;
    const k2 = controlDigit([...digits, k1], weights2);
    if (k2 === null) continue;
    return `${base}${k1}${k2}`;
  }
  throw new Error("Could not build a synthetic national ID");
}
