import { noRequestMeta, systemActor, type Actor } from "../../core/access/actor.ts";
import { isAppError } from "../../core/errors.ts";
import type { StaffRole } from "../../core/access/roles.ts";
import { loadStaffActor } from "../../core/auth/sessions.ts";
import { createTenant } from "../../core/tenants/tenants.ts";
import { createUnit } from "../../core/units/units.ts";
import { createUser } from "../../core/users/users.ts";
import type { Database } from "../../db/client.ts";

let counter = 0;

/** A municipality with made-up data; numbers start at 9000 so none is a real kommunenummer. */
export async function makeTenant(database: Database, name = "Testvik kommune") {
  // A random start spreads callers out; a number already taken in this database is skipped,
  // so several tenants in one test never collide (9999 is left to the demo municipality).
  const start = Math.floor(Math.random() * 999);
  for (let attempt = 0; attempt < 999; attempt += 1) {
    counter += 1;
    const number = String(9000 + ((start + counter) % 999));
    try {
      return await createTenant({
        database,
        actor: systemActor(null, "test"),
        meta: noRequestMeta,
        values: { name, municipalityNumber: number },
      });
    } catch (error) {
      if (!isAppError(error) || error.code !== "conflict") throw error;
    }
  }
  throw new Error("No free test kommunenummer left");
}

export async function makeUnit(database: Database, tenantId: string, name = "Testvik skole") {
  return createUnit({
    database,
    actor: systemActor(tenantId, "test"),
    meta: noRequestMeta,
    values: { name, serviceType: "grunnskole" },
  });
}

export const TEST_PASSWORD = "Test-passord-1234";

export async function makeStaff(
  database: Database,
  tenantId: string,
  options: {
    roles?: StaffRole[];
    email?: string;
    name?: string;
    unitIds?: string[];
    password?: string;
  } = {},
): Promise<Extract<Actor, { kind: "staff" }>> {
  counter += 1;
  const user = await createUser({
    database,
    actor: systemActor(tenantId, "test"),
    meta: noRequestMeta,
    values: {
      email:
        options.email ??
        `ansatt${counter}-${Math.random().toString(36).slice(2, 8)}@testvik.example`,
      name: options.name ?? `Test Ansatt ${counter}`,
      roles: options.roles ?? ["employee"],
      unitIds: options.unitIds ?? [],
      password: options.password ?? TEST_PASSWORD,
    },
  });
  const actor = await database.system((tx) => loadStaffActor(tx, user.id));
  return actor as Extract<Actor, { kind: "staff" }>;
}
