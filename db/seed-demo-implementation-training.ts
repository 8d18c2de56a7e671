import type { Tx } from "./client.ts";
import type { DemoImplementationContext } from "./seed-demo-implementation.ts";

/** Demo data for the implementation module's training area (issue 6). */
export async function seedDemoImplementationTraining(
  _tx: Tx,
  _context: DemoImplementationContext,
): Promise<void> {}
