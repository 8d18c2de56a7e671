import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/actor.ts";
import { AppError } from "../../core/errors.ts";
import { getTenant, updateTenant } from "../../core/tenants/tenants.ts";
import { auditEvents } from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant } from "../support/fixtures.ts";

type Staff = Extract<Actor, { kind: "staff" }>;

const meta = { ip: "192.0.2.30", userAgent: "vitest", requestId: "req-settings" };

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the use case to fail");
}

describe.each(databaseKinds)("municipality settings on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let adminA: Staff;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    adminA = await makeStaff(database, tenantA, { roles: ["admin"] });
  });
  afterAll(() => database.drop());

  it("saves name and settings from form strings, blanks becoming null, and audits it", async () => {
    const tenant = await updateTenant({
      database,
      actor: adminA,
      meta,
      tenantId: tenantA,
      values: {
        name: " Avik kommune ",
        settings: {
          youthConsentAge: "16",
          retentionMonthsAfterClose: "36",
          contactEmail: " post@avik.example ",
          contactPhone: "",
        },
      },
    });
    expect(tenant.name).toBe("Avik kommune");
    expect(tenant.settings).toEqual({
      youthConsentAge: 16,
      retentionMonthsAfterClose: 36,
      contactEmail: "post@avik.example",
      contactPhone: null,
    });
    expect((await getTenant(database, tenantA)).settings.youthConsentAge).toBe(16);
    const events = await database.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.tenantId, tenantA), eq(auditEvents.eventType, "tenant.updated"))),
    );
    expect(events).toHaveLength(1);
  });

  it("gives each bad value its own message and changes nothing", async () => {
    const error = await failure(
      updateTenant({
        database,
        actor: adminA,
        meta,
        tenantId: tenantA,
        values: {
          name: "",
          settings: {
            youthConsentAge: "17",
            retentionMonthsAfterClose: "0",
            contactEmail: "ikke-epost",
            contactPhone: "12",
          },
        },
      }),
    );
    expect(error.code).toBe("validation");
    expect(error.fieldErrors).toEqual({
      name: "errors.required",
      "settings.youthConsentAge": "errors.choice",
      "settings.retentionMonthsAfterClose": "errors.retentionRange",
      "settings.contactEmail": "errors.email",
      "settings.contactPhone": "errors.phone",
    });
    const fractional = await failure(
      updateTenant({
        database,
        actor: adminA,
        meta,
        tenantId: tenantA,
        values: {
          name: "Avik",
          settings: {
            youthConsentAge: "15",
            retentionMonthsAfterClose: "2.5",
            contactEmail: "",
            contactPhone: "",
          },
        },
      }),
    );
    expect(fractional.fieldErrors).toEqual({
      "settings.retentionMonthsAfterClose": "errors.retentionRange",
    });
    expect((await getTenant(database, tenantA)).settings.retentionMonthsAfterClose).toBe(36);
  });

  it("answers not_found for another municipality and forbidden for a non-admin", async () => {
    const values = {
      name: "Kapret",
      settings: {
        youthConsentAge: 15,
        retentionMonthsAfterClose: 12,
        contactEmail: null,
        contactPhone: null,
      },
    };
    const cross = await failure(
      updateTenant({ database, actor: adminA, meta, tenantId: tenantB, values }),
    );
    expect(cross.code).toBe("not_found");
    const employee = await makeStaff(database, tenantA, { roles: ["coordinator"] });
    const denied = await failure(
      updateTenant({ database, actor: employee, meta, tenantId: tenantA, values }),
    );
    expect(denied.code).toBe("forbidden");
    expect((await getTenant(database, tenantB)).name).toBe("Bvik kommune");
    expect((await getTenant(database, tenantA)).name).toBe("Avik kommune");
  });
});
