import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { units, users } from "../../db/schema/index.ts";
import { databaseKinds, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { makeStaff, makeTenant, makeUnit } from "../support/fixtures.ts";

describe.each(databaseKinds)("row-level security on %s", (kind) => {
  let database: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let unitB: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    tenantA = (await makeTenant(database, "Avik kommune")).id;
    tenantB = (await makeTenant(database, "Bvik kommune")).id;
    await makeUnit(database, tenantA, "Avik skole");
    unitB = (await makeUnit(database, tenantB, "Bvik skole")).id;
    await makeStaff(database, tenantB);
  });
  afterAll(() => database.drop());

  it("hides another tenant's rows even when the query has no tenant filter", async () => {
    const seen = await database.tenant(tenantA, (tx) => tx.select().from(units));
    expect(seen.map((unit) => unit.name)).toEqual(["Avik skole"]);
    const people = await database.tenant(tenantA, (tx) => tx.select().from(users));
    expect(people).toHaveLength(0);
  });

  it("cannot update or delete another tenant's rows", async () => {
    const updated = await database.tenant(tenantA, (tx) =>
      tx.update(units).set({ name: "Kapret" }).where(eq(units.id, unitB)).returning(),
    );
    expect(updated).toHaveLength(0);
    const deleted = await database.tenant(tenantA, (tx) =>
      tx.delete(units).where(eq(units.id, unitB)).returning(),
    );
    expect(deleted).toHaveLength(0);
    const [still] = await database.tenant(tenantB, (tx) =>
      tx.select().from(units).where(eq(units.id, unitB)),
    );
    expect(still?.name).toBe("Bvik skole");
  });

  it("cannot insert rows into another tenant", async () => {
    await expect(
      database.tenant(tenantA, (tx) =>
        tx.insert(units).values({ tenantId: tenantB, name: "Inntrenger", serviceType: "annet" }),
      ),
    ).rejects.toThrow();
    const seen = await database.tenant(tenantB, (tx) => tx.select().from(units));
    expect(seen.map((unit) => unit.name)).toEqual(["Bvik skole"]);
  });

  it("sees nothing at all when no tenant is set on the app role", async () => {
    const rows = await database.system(async (tx) => {
      await tx.execute("set local role laget_app");
      return tx.select().from(units);
    });
    expect(rows).toHaveLength(0);
  });

  it("has row-level security and the tenant policy on every table with a tenant_id the app reads", async () => {
    // A new module's table without RLS would leak across municipalities silently; this is the
    // guard that the hand-written migration was not forgotten.
    const result = await database.system((tx) =>
      tx.execute(`
        select c.relname as "table",
               c.relrowsecurity as "rls",
               exists (select 1 from pg_policies p
                        where p.schemaname = 'public' and p.tablename = c.relname
                          and p.policyname = 'tenant_isolation') as "policy",
               has_table_privilege('laget_app', c.oid, 'SELECT') as "appReads"
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
         where n.nspname = 'public' and c.relkind = 'r'
         order by 1`),
    );
    const rows = (
      result as unknown as {
        rows: { table: string; rls: boolean; policy: boolean; appReads: boolean }[];
      }
    ).rows;
    expect(rows.map((row) => row.table)).toContain("grant_expenses");
    // A table the app role cannot read at all (the audit sealing queue) needs no policy.
    const unprotected = rows
      .filter((row) => row.appReads && (!row.rls || !row.policy))
      .map((row) => row.table);
    expect(unprotected).toEqual([]);
  });
});
