import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Database, Tx } from "./client.ts";
import { directoryEntries, tenants, userUnits, units, users } from "./schema/index.ts";
import { directoryInputSchema } from "../core/guide/directory.ts";
import { importContentFiles, readContentFiles } from "../core/guide/files.ts";
import { hashPassword } from "../core/auth/passwords.ts";
import { recordAudit } from "../core/audit/audit.ts";
import { noRequestMeta, systemActor } from "../core/access/actor.ts";
import type { StaffRole } from "../core/access/roles.ts";
import type { ServiceType } from "../core/units/units.ts";
import { defaultTenantSettings } from "../core/tenants/tenants.ts";
import { seedDemoEvaluationPopulation } from "./seed-demo-evaluation-population.ts";
import { seedDemoEvaluationSurveys } from "./seed-demo-evaluation-surveys.ts";
import { seedDemoFamily } from "./seed-demo-family.ts";
import { seedDemoImplementation } from "./seed-demo-implementation.ts";
import { seedDemoOrganisationArenas } from "./seed-demo-organisation-arenas.ts";
import { seedDemoOrganisationAnchoring } from "./seed-demo-organisation-anchoring.ts";
import { seedDemoOrganisationGroups } from "./seed-demo-organisation-groups.ts";
import { seedDemoRelayLogs } from "./seed-demo-relay-logs.ts";
import { seedDemoOrganisationGrants } from "./seed-demo-organisation-grants.ts";

/**
 * The fictional demo municipality. "Fjordvik" and kommunenummer 9999 belong to no real
 * municipality; every person is made up; e-mail addresses use the reserved .example domain.
 */
export const DEMO_MUNICIPALITY = { name: "Fjordvik kommune", municipalityNumber: "9999" };
export const DEMO_PASSWORD = "Fjordvik-demo-2026";

const demoUnits: { name: string; serviceType: ServiceType }[] = [
  { name: "Solsikken barnehage", serviceType: "barnehage" },
  { name: "Måkeberget barnehage", serviceType: "barnehage" },
  { name: "Fjordvik skole", serviceType: "grunnskole" },
  { name: "Nordstrand ungdomsskole", serviceType: "grunnskole" },
  { name: "Fjordvik videregående skole", serviceType: "videregaende_skole" },
  { name: "Helsestasjonen i Fjordvik", serviceType: "helsestasjon_skolehelsetjeneste" },
  { name: "PPT Fjordvik", serviceType: "ppt" },
  { name: "Barneverntjenesten i Fjordvik", serviceType: "barneverntjenesten" },
  { name: "NAV Fjordvik", serviceType: "nav" },
  { name: "Psykisk helse og rus", serviceType: "psykisk_helse_rus" },
  { name: "Familiens hus Fjordvik", serviceType: "familiens_hus" },
  { name: "Fjordvik legesenter", serviceType: "fastlege" },
  { name: "Tannhelsetjenesten", serviceType: "tannhelse" },
  { name: "Fjordvik kulturskole og fritid", serviceType: "kultur_fritid" },
  { name: "SLT-koordinator", serviceType: "politi_slt" },
];

export const demoUsers: { name: string; email: string; roles: StaffRole[]; units: string[] }[] = [
  { name: "Astrid Systemsen", email: "admin@fjordvik.example", roles: ["admin"], units: [] },
  {
    name: "Kari Koordinator",
    email: "koordinator@fjordvik.example",
    roles: ["coordinator"],
    units: ["Familiens hus Fjordvik"],
  },
  {
    name: "Sverre Sektorleder",
    email: "kommunalsjef@fjordvik.example",
    roles: ["sector_leader"],
    units: [],
  },
  {
    name: "Lise Lederstad",
    email: "leder@fjordvik.example",
    roles: ["unit_leader"],
    units: ["Fjordvik skole"],
  },
  {
    name: "Bjørn Bakken",
    email: "bts@fjordvik.example",
    roles: ["bts_contact", "employee"],
    units: ["Solsikken barnehage"],
  },
  {
    name: "Emma Eksempel",
    email: "ansatt@fjordvik.example",
    roles: ["employee"],
    units: ["Fjordvik skole"],
  },
  {
    name: "Helga Helsesykepleier",
    email: "helsesykepleier@fjordvik.example",
    roles: ["employee"],
    units: ["Helsestasjonen i Fjordvik"],
  },
];

/** The default content shipped with Laget (content/README.md). */
export const CONTENT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "content");

const demoServiceSchema = z.looseObject({ unit: z.string().optional() });

/** content/demo/tjenester.yaml into directory_entries, validated as the directory admin validates. */
async function seedDirectory(
  tx: Tx,
  tenantId: string,
  unitIdByName: Map<string, string>,
  file: string,
): Promise<number> {
  if (!existsSync(file)) return 0;
  const list = z.array(demoServiceSchema).parse(parseYaml(readFileSync(file, "utf8")) ?? []);
  const rows = list.map(({ unit, ...entry }, index) => {
    const unitId = unit ? unitIdByName.get(unit) : undefined;
    if (unit && !unitId) throw new Error(`${file}: tjeneste ${index + 1}: ukjent enhet «${unit}»`);
    const parsed = directoryInputSchema.safeParse({ ...entry, unitId });
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
      throw new Error(
        `${file}: tjeneste ${index + 1} (${String(entry.name)}): ugyldige felt: ${fields}`,
      );
    }
    return { ...parsed.data, unitId: parsed.data.unitId ?? null, tenantId };
  });
  if (rows.length > 0) await tx.insert(directoryEntries).values(rows);
  return rows.length;
}

/** Seeds the demo municipality unless it exists. Returns whether it seeded. */
export async function seedDemo(
  database: Database,
  options: { contentDir?: string; dataEncryptionKey?: Buffer } = {},
): Promise<boolean> {
  const [existing] = await database.system((tx) =>
    tx
      .select({ id: tenants.id })
      .from(tenants)
      .where(eq(tenants.municipalityNumber, DEMO_MUNICIPALITY.municipalityNumber)),
  );
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const contentDir = options.contentDir ?? CONTENT_DIR;
  // Files are read and validated before the transaction: a broken file stops the seed loudly.
  const guideDir = path.join(contentDir, "nb");
  const contentFiles = existsSync(guideDir) ? await readContentFiles(guideDir) : [];
  await database.system(async (tx) => {
    const [tenant] = await tx
      .insert(tenants)
      .values({
        ...DEMO_MUNICIPALITY,
        settings: { ...defaultTenantSettings, contactEmail: "bti@fjordvik.example" },
      })
      .returning();
    const tenantId = tenant!.id;
    const actor = systemActor(tenantId, "seed");
    await recordAudit(tx, {
      type: "tenant.created",
      tenantId,
      actor,
      meta: noRequestMeta,
      subject: { type: "tenant", id: tenantId },
    });
    const unitRows = await tx
      .insert(units)
      .values(demoUnits.map((unit) => ({ ...unit, tenantId })))
      .returning();
    const unitIdByName = new Map(unitRows.map((unit) => [unit.name, unit.id]));
    for (const person of demoUsers) {
      const [user] = await tx
        .insert(users)
        .values({
          tenantId,
          name: person.name,
          email: person.email,
          roles: person.roles,
          passwordHash,
        })
        .returning();
      if (person.units.length > 0) {
        await tx.insert(userUnits).values(
          person.units.map((name) => ({
            tenantId,
            userId: user!.id,
            unitId: unitIdByName.get(name)!,
          })),
        );
      }
      await recordAudit(tx, {
        type: "user.created",
        tenantId,
        actor,
        meta: noRequestMeta,
        subject: { type: "user", id: user!.id },
        details: { roles: person.roles },
      });
    }
    // The guide's default pages, published, with one content.imported audit event.
    if (contentFiles.length > 0) {
      await importContentFiles(tx, { tenantId, actor, files: contentFiles });
    }
    await seedDirectory(
      tx,
      tenantId,
      unitIdByName,
      path.join(contentDir, "demo", "tjenester.yaml"),
    );
    await seedDemoRelayLogs(tx, {
      tenantId,
      unitIdByName,
      passwordHash,
      dataEncryptionKey: options.dataEncryptionKey,
      retentionMonths: defaultTenantSettings.retentionMonthsAfterClose,
    });
    // The demo family who log in through the demo ID-porten (db/seed-demo-family.ts).
    await seedDemoFamily(tx, {
      tenantId,
      unitIdByName,
      dataEncryptionKey: options.dataEncryptionKey,
    });
    // Fjordvik's implementation plan, units, networks and training (db/seed-demo-implementation.ts).
    await seedDemoImplementation(tx, { tenantId, unitIdByName });
    // (evaluation demo data: surveys and answers, then population and rates; add here)
    await seedDemoEvaluationSurveys(tx, { tenantId, unitIdByName });
    await seedDemoEvaluationPopulation(tx, { tenantId });
    // (organisation demo data: groups, arenas, anchoring, grants; add here)
    await seedDemoOrganisationGroups(tx, { tenantId });
    await seedDemoOrganisationArenas(tx, { tenantId, unitIdByName });
    await seedDemoOrganisationGrants(tx, { tenantId });
    await seedDemoOrganisationAnchoring(tx, { tenantId });
  });
  return true;
}
