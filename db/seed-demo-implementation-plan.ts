import type { Tx } from "./client.ts";
import type { DemoImplementationContext } from "./seed-demo-implementation.ts";

/** Demo data for the implementation module's plan area (issue 6). */
export async function seedDemoImplementationPlan(
  _tx: Tx,
  _context: DemoImplementationContext,
): Promise<void> {}
