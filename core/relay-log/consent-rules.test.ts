import { describe, expect, it } from "vitest";
import {
  addMonths,
  ageOn,
  consentRecordStatus,
  consentRequirement,
  missingGuardians,
  sniffAttachmentType,
} from "./consent-rules.ts";

const mother = { id: "g1", name: "Mor", parentalResponsibility: true };
const father = { id: "g2", name: "Far", parentalResponsibility: true };
const stepParent = { id: "g3", name: "Ste", parentalResponsibility: false };

describe("consent rules", () => {
  it("counts age in whole years, turning older on the birthday", () => {
    expect(ageOn("2010-06-15", "2025-06-14")).toBe(14);
    expect(ageOn("2010-06-15", "2025-06-15")).toBe(15);
    expect(ageOn("2010-02-28", "2025-03-01")).toBe(15);
  });

  it("adds calendar months, landing on the month's last day when needed", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2025-05-10", 24)).toBe("2027-05-10");
  });

  it("requires the young person from the consent age, every guardian with responsibility below", () => {
    const guardians = [mother, father, stepParent];
    const at15 = { birthDate: "2010-01-01", today: "2025-06-01", guardians };
    expect(consentRequirement({ ...at15, consentAge: 15 })).toMatchObject({
      age: 15,
      youthRequired: true,
      requiredGuardianIds: [],
    });
    const below = consentRequirement({ ...at15, consentAge: 16 });
    expect(below).toMatchObject({ youthRequired: false, requiredGuardianIds: ["g1", "g2"] });
    expect(missingGuardians(below, guardians, ["g1", "g3"]).map((g) => g.name)).toEqual(["Far"]);
    expect(
      consentRequirement({ birthDate: null, today: "2025-06-01", consentAge: 15, guardians }),
    ).toMatchObject({ age: null, youthRequired: false });
  });

  it("knows PDF, JPEG and PNG by their first bytes only", () => {
    const bytes = (...values: number[]) => Uint8Array.from(values);
    expect(sniffAttachmentType(new TextEncoder().encode("%PDF-1.4"))).toBe("application/pdf");
    expect(sniffAttachmentType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(sniffAttachmentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe(
      "image/png",
    );
    expect(sniffAttachmentType(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffAttachmentType(new TextEncoder().encode("<html>%PDF-"))).toBeNull();
    expect(sniffAttachmentType(new Uint8Array())).toBeNull();
  });

  it("gives each record a status for the day", () => {
    const record = { withdrawnAt: null, givenOn: "2025-01-01", expiresOn: "2025-12-31" };
    expect(consentRecordStatus(record, "2025-06-01")).toBe("valid");
    expect(consentRecordStatus(record, "2025-12-31")).toBe("valid");
    expect(consentRecordStatus(record, "2026-01-01")).toBe("expired");
    expect(consentRecordStatus(record, "2024-12-31")).toBe("upcoming");
    expect(consentRecordStatus({ ...record, withdrawnAt: new Date() }, "2025-06-01")).toBe(
      "withdrawn",
    );
  });
});
