import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client.ts";
import { tenants, type TenantSettings } from "../../db/schema/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { assertCan, assertSameTenant } from "../access/policy.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../platform/validation.ts";

export type Tenant = typeof tenants.$inferSelect;

export const defaultTenantSettings: TenantSettings = {
  youthConsentAge: 15,
  retentionMonthsAfterClose: 24,
  contactEmail: null,
  contactPhone: null,
};

export const municipalityNumberSchema = z
  .string()
  .trim()
  .regex(/^\d{4}$/, "errors.municipalityNumber");

/**
 * An optional text setting: blank means "none" (null). Checked with refine rather than a union,
 * so a bad value gets its own message instead of a generic "invalid union".
 */
const optionalText = (valid: (value: string) => boolean, messageKey: string) =>
  z
    .string()
    .trim()
    .max(200, "errors.tooLong")
    .refine((value) => value === "" || valid(value), messageKey)
    .transform((value) => (value === "" ? null : value))
    .nullable();

const retentionRange = "errors.retentionRange";

export const tenantSettingsSchema = z.strictObject({
  youthConsentAge: z.coerce
    .number({ error: "errors.choice" })
    .pipe(z.union([z.literal(15), z.literal(16)], { error: "errors.choice" })),
  retentionMonthsAfterClose: z.coerce
    .number({ error: retentionRange })
    .int(retentionRange)
    .min(1, retentionRange)
    .max(240, retentionRange),
  contactEmail: optionalText((value) => z.email().safeParse(value).success, "errors.email"),
  contactPhone: optionalText((value) => /^\+?[\d ]{8,15}$/.test(value), "errors.phone"),
});

export const createTenantSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  municipalityNumber: municipalityNumberSchema,
  settings: tenantSettingsSchema.partial().optional(),
});

/** Creates a municipality. Platform operators do this from the CLI (`laget tenant add`). */
export async function createTenant(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  values: unknown;
}): Promise<Tenant> {
  if (input.actor.kind !== "system") throw new AppError("forbidden", "errors.forbidden");
  const values = parseInput(createTenantSchema, input.values);
  return input.database.system(async (tx) => {
    const [existing] = await tx
      .select({ id: tenants.id })
      .from(tenants)
      .where(eq(tenants.municipalityNumber, values.municipalityNumber));
    if (existing) {
      throw new AppError("conflict", "errors.municipalityNumberTaken", {
        fieldErrors: { municipalityNumber: "errors.municipalityNumberTaken" },
      });
    }
    const [tenant] = await tx
      .insert(tenants)
      .values({
        name: values.name,
        municipalityNumber: values.municipalityNumber,
        settings: { ...defaultTenantSettings, ...values.settings },
      })
      .returning();
    await recordAudit(tx, {
      type: "tenant.created",
      tenantId: tenant!.id,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "tenant", id: tenant!.id },
    });
    return tenant!;
  });
}

export async function getTenant(database: Database, tenantId: string): Promise<Tenant> {
  const [tenant] = await database.tenant(tenantId, (tx) =>
    tx.select().from(tenants).where(eq(tenants.id, tenantId)),
  );
  if (!tenant) throw new AppError("not_found", "errors.notFound");
  return tenant;
}

/** The municipality that serves anonymous visitors and citizen logins on this deployment. */
export async function findPublicTenant(
  database: Database,
  municipalityNumber?: string,
): Promise<Tenant | null> {
  const [tenant] = await database.system((tx) =>
    municipalityNumber
      ? tx.select().from(tenants).where(eq(tenants.municipalityNumber, municipalityNumber))
      : tx.select().from(tenants).orderBy(asc(tenants.createdAt)).limit(1),
  );
  return tenant ?? null;
}

export const updateTenantSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  settings: tenantSettingsSchema,
});

export async function updateTenant(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  tenantId: string;
  values: unknown;
}): Promise<Tenant> {
  assertCan(input.actor, "tenant.manage");
  assertSameTenant(input.actor, input.tenantId);
  const values = parseInput(updateTenantSchema, input.values);
  return input.database.tenant(input.tenantId, async (tx) => {
    const [tenant] = await tx
      .update(tenants)
      .set({ name: values.name, settings: values.settings, updatedAt: new Date() })
      .where(eq(tenants.id, input.tenantId))
      .returning();
    if (!tenant) throw new AppError("not_found", "errors.notFound");
    await recordAudit(tx, {
      type: "tenant.updated",
      tenantId: input.tenantId,
      actor: input.actor,
      meta: input.meta,
      subject: { type: "tenant", id: input.tenantId },
      details: { fields: ["name", "settings"] },
    });
    return tenant;
  });
}
