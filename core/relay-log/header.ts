import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { units, users } from "../../db/schema/index.ts";
import type { ConsentState } from "../access/relay-log.ts";
import type { LogContext } from "./access.ts";

/** What every page of a log shows at the top: who it is about, level, holder, state. */
export interface LogHeader {
  id: string;
  kind: "log" | "anonymous";
  /** The child's name, or the pseudonym of an anonymous case discussion. */
  title: string;
  level: number;
  status: "open" | "closed";
  holderName: string;
  holderUnitName: string | null;
  isHolder: boolean;
  canWrite: boolean;
  consentState: ConsentState;
  lockVersion: number;
}

export async function logHeader(tx: Tx, context: LogContext): Promise<LogHeader> {
  const { log, access } = context;
  const [holder] = await tx
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, log.holderUserId));
  const [unit] = log.holderUnitId
    ? await tx.select({ name: units.name }).from(units).where(eq(units.id, log.holderUnitId))
    : [];
  return {
    id: log.id,
    kind: log.kind as LogHeader["kind"],
    title: (log.kind === "anonymous" ? log.pseudonym : log.childName) ?? "",
    level: log.level,
    status: log.status as LogHeader["status"],
    holderName: holder?.name ?? "",
    holderUnitName: unit?.name ?? null,
    isHolder: access.holder,
    canWrite: access.write,
    consentState: context.consentState,
    lockVersion: log.lockVersion,
  };
}
