import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptText } from "../platform/crypto.ts";
import { syntheticNationalId } from "../platform/national-id.ts";
import {
  guardianIdColumns,
  guardianNationalIdField,
  maskedGuardianId,
  maskNationalId,
} from "./guardian-id.ts";

const pid = syntheticNationalId(new Date(Date.UTC(1988, 2, 14)), 412);

describe("a guardian's national ID number", () => {
  it("is optional, ignores spaces, dots and dashes, and must be valid", () => {
    expect(guardianNationalIdField.parse(undefined)).toBe("");
    expect(guardianNationalIdField.parse("")).toBe("");
    expect(guardianNationalIdField.parse(`${pid.slice(0, 6)} ${pid.slice(6)}`)).toBe(pid);
    expect(guardianNationalIdField.parse(`${pid.slice(0, 6)}-${pid.slice(6)}`)).toBe(pid);
    const invalid = guardianNationalIdField.safeParse("12345678901");
    expect(invalid.success).toBe(false);
    expect(invalid.error?.issues[0]?.message).toBe("family.home.guardianId.invalid");
  });

  it("is stored as a lookup hash and encrypted, or not at all", () => {
    const key = randomBytes(32);
    const secrets = { lookupSecret: "lookup", encryptionKey: key };
    expect(guardianIdColumns(secrets, "")).toEqual({
      nationalIdHash: null,
      nationalIdEncrypted: null,
    });
    const columns = guardianIdColumns(secrets, pid);
    expect(columns.nationalIdHash).toMatch(/^[0-9a-f]{64}$/);
    expect(columns.nationalIdHash).not.toContain(pid);
    expect(decryptText(key, columns.nationalIdEncrypted!)).toBe(pid);
    // The same number gives the same hash: that is how the guardian's login finds the log.
    expect(guardianIdColumns(secrets, pid).nationalIdHash).toBe(columns.nationalIdHash);
  });

  it("is shown back only as the birth date part and five stars", () => {
    const key = randomBytes(32);
    const { nationalIdEncrypted } = guardianIdColumns(
      { lookupSecret: "x", encryptionKey: key },
      pid,
    );
    expect(maskNationalId(pid)).toBe(`${pid.slice(0, 6)}*****`);
    expect(maskedGuardianId(key, nationalIdEncrypted)).toBe(`${pid.slice(0, 6)}*****`);
    expect(maskedGuardianId(undefined, nationalIdEncrypted)).toBeNull();
    expect(maskedGuardianId(randomBytes(32), nationalIdEncrypted)).toBeNull();
    expect(maskedGuardianId(key, null)).toBeNull();
  });
});
