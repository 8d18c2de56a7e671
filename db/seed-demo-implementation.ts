import { eq } from "drizzle-orm";
import { osloDate } from "../core/platform/dates.ts";
import type { Tx } from "./client.ts";
import { users } from "./schema/index.ts";
import { seedDemoImplementationNetworks } from "./seed-demo-implementation-networks.ts";
import { seedDemoImplementationPlan } from "./seed-demo-implementation-plan.ts";
import { seedDemoImplementationTraining } from "./seed-demo-implementation-training.ts";
import { seedDemoImplementationUnits } from "./seed-demo-implementation-units.ts";

/** What every area's demo seed gets: the demo municipality's ids, and "today" for relative dates. */
export interface DemoImplementationContext {
  tenantId: string;
  unitIdByName: Map<string, string>;
  userIdByEmail: Map<string, string>;
  /** YYYY-MM-DD; the demo plan is laid out around it so something is always due and overdue. */
  today: string;
}

/**
 * Fjordvik's implementation work, shaped like the Strand seed: core components and dosing, a
 * plan (pilot, kick-off, networks, shared planning day, evaluations), BTS contacts and stages,
 * a BTS network with meetings, training events, the competence portal, onboarding, risks.
 * The areas run in dependency order: the plan's core components are used by training.
 */
export async function seedDemoImplementation(
  tx: Tx,
  input: { tenantId: string; unitIdByName: Map<string, string>; today?: string },
): Promise<void> {
  const staff = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.tenantId, input.tenantId));
  const context: DemoImplementationContext = {
    tenantId: input.tenantId,
    unitIdByName: input.unitIdByName,
    userIdByEmail: new Map(staff.map((user) => [user.email, user.id])),
    today: input.today ?? osloDate(),
  };
  await seedDemoImplementationPlan(tx, context);
  await seedDemoImplementationUnits(tx, context);
  await seedDemoImplementationNetworks(tx, context);
  await seedDemoImplementationTraining(tx, context);
}
