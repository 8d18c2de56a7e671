import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptText, encryptText, hmacHex, randomToken, safeEqual, sha256Hex } from "./crypto.ts";

const key = randomBytes(32);

/** Flips one bit in one base64url part of a sealed value, keeping it valid base64url. */
function tamper(sealed: string, partIndex: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[partIndex]!, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[partIndex] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryptText / decryptText", () => {
  it("round-trips text, including non-ASCII and empty strings", () => {
    for (const plain of ["01816050088", "Æsa Øvrebø på Åsen", "", "x".repeat(10_000)]) {
      const sealed = encryptText(key, plain);
      expect(sealed.startsWith("v1.")).toBe(true);
      expect(sealed).not.toContain(plain || "\u0000");
      expect(decryptText(key, sealed)).toBe(plain);
    }
  });

  it("uses a fresh IV each time, so equal plaintexts give different ciphertexts", () => {
    expect(encryptText(key, "01816050088")).not.toBe(encryptText(key, "01816050088"));
  });

  it("detects tampering with the ciphertext, the IV or the tag", () => {
    const sealed = encryptText(key, "01816050088");
    expect(() => decryptText(key, tamper(sealed, 3))).toThrow();
    expect(() => decryptText(key, tamper(sealed, 1))).toThrow();
    expect(() => decryptText(key, tamper(sealed, 2))).toThrow();
  });

  it("refuses a different key", () => {
    const sealed = encryptText(key, "01816050088");
    expect(() => decryptText(randomBytes(32), sealed)).toThrow();
  });

  it("refuses unknown formats", () => {
    const sealed = encryptText(key, "hei");
    expect(() => decryptText(key, sealed.replace(/^v1\./, "v2."))).toThrow(/format/);
    expect(() => decryptText(key, "not-encrypted")).toThrow(/format/);
  });
});

describe("hashing helpers", () => {
  it("sha256Hex and hmacHex give the standard digests", () => {
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    // RFC 4231 test case 2.
    expect(hmacHex("Jefe", "what do ya want for nothing?")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("safeEqual compares strings of any length without throwing", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });

  it("randomToken gives distinct url-safe tokens of the requested strength", () => {
    const token = randomToken(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(32)).not.toBe(token);
  });
});
