import { z } from "zod";
import { nationalIdLookupHash } from "../auth/login.ts";
import { decryptText, encryptText } from "../platform/crypto.ts";
import { isValidNationalId } from "../platform/national-id.ts";

/**
 * A guardian's national ID number (fødselsnummer or D-number), recorded by the relay holder so
 * the guardian can log in with ID-porten and take part digitally (issue 5). Optional: without
 * it the guardian takes part on paper. Stored as the citizens' lookup hash (the one
 * citizens.national_id_hash holds) and AES-GCM encrypted; shown back only masked.
 */

export interface GuardianIdSecrets {
  /** HMAC key of the lookup hash (citizenLookupSecret(DATA_ENCRYPTION_KEY)). */
  lookupSecret: string;
  /** AES-256-GCM key (DATA_ENCRYPTION_KEY). */
  encryptionKey: Buffer;
}

/** The form field: blank, or a valid number (spaces, dots and dashes are ignored). */
export const guardianNationalIdField = z
  .string()
  .optional()
  .default("")
  .transform((value) => value.replace(/[\s.-]/g, ""))
  .refine((value) => value === "" || isValidNationalId(value), {
    message: "family.home.guardianId.invalid",
  });

/** The columns of relay_log_guardians for a number (both null when none is given). */
export function guardianIdColumns(
  secrets: GuardianIdSecrets,
  nationalId: string,
): { nationalIdHash: string | null; nationalIdEncrypted: string | null } {
  if (!nationalId) return { nationalIdHash: null, nationalIdEncrypted: null };
  return {
    nationalIdHash: nationalIdLookupHash(secrets.lookupSecret, nationalId),
    nationalIdEncrypted: encryptText(secrets.encryptionKey, nationalId),
  };
}

/**
 * The number as Laget shows it back: the birth date part (six digits) and five stars. The
 * personal number, the part that identifies the person, is never shown again.
 */
export function maskNationalId(nationalId: string): string {
  return `${nationalId.slice(0, 6)}*****`;
}

/** The masked number of a stored guardian, or null (none stored, or the key cannot read it). */
export function maskedGuardianId(
  encryptionKey: Buffer | undefined,
  encrypted: string | null,
): string | null {
  if (!encrypted || !encryptionKey) return null;
  try {
    return maskNationalId(decryptText(encryptionKey, encrypted));
  } catch {
    return null;
  }
}
