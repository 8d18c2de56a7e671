import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanFromEnv = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const optionalUrl = z.url().optional();

/** Every environment variable Laget reads. Documented in README.md and docs/operations.md. */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  PUBLIC_URL: optionalUrl,
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "må starte med postgres:// eller postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  PUBLIC_MUNICIPALITY: z
    .string()
    .regex(/^\d{4}$/, "må være et kommunenummer med fire sifre")
    .optional(),
  SESSION_SECRET: z.string().min(32, "må være minst 32 tegn").optional(),
  DATA_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "må være 64 heksadesimale tegn (32 byte)")
    .optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_FEEDBACK_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: booleanFromEnv.default(false),
  DEMO_LOGIN: booleanFromEnv.optional(),
  SEED_DEMO: booleanFromEnv.optional(),
  OIDC_STAFF_ISSUER: optionalUrl,
  OIDC_STAFF_CLIENT_ID: z.string().min(1).optional(),
  OIDC_STAFF_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_STAFF_NAME: z.string().min(1).default("Entra ID"),
  OIDC_CITIZEN_ISSUER: optionalUrl,
  OIDC_CITIZEN_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CITIZEN_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_CITIZEN_NAME: z.string().min(1).default("ID-porten"),
  OIDC_ALLOW_INSECURE: booleanFromEnv.default(false),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]/, "må starte med smtp:// eller smtps://")
    .optional(),
  SMTP_FROM: z.string().trim().min(3).default("Laget <ikke-svar@laget.invalid>"),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface OidcProviderConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  displayName: string;
  /** Plain-HTTP issuer allowed for this provider only (the embedded demo ID-porten). */
  allowInsecure?: boolean;
  /** Laget's own calls to the provider go to this origin instead (the embedded demo ID-porten). */
  internalOrigin?: string;
}

export interface Config {
  env: Environment["NODE_ENV"];
  production: boolean;
  port: number;
  host: string;
  publicUrl: string | undefined;
  /** Kommunenummer of the municipality that serves anonymous visitors and citizen logins. */
  publicMunicipalityNumber: string | undefined;
  database: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };
  dataDir: string;
  sessionSecret: string;
  dataEncryptionKey: Buffer;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number };
  rateLimit: { loginPerMinute: number; feedbackPerMinute: number };
  bodyLimitBytes: number;
  logLevel: Environment["LOG_LEVEL"];
  trustProxy: boolean;
  demoLogin: boolean;
  seedDemo: boolean;
  oidc: { staff?: OidcProviderConfig; citizen?: OidcProviderConfig; allowInsecure: boolean };
  /** Outgoing e-mail (feedback replies); `url` unset means sending is switched off. */
  mail: { url: string | undefined; from: string };
}

/** Thrown when the environment is invalid; the message is one line naming the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

interface StoredSecrets {
  sessionSecret: string;
  dataEncryptionKey: string;
}

/**
 * On the embedded database secrets are generated once and kept beside the data, so a second
 * start reuses them (sessions and encrypted ID numbers stay valid).
 */
function loadOrCreateStoredSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) {
    // A damaged file must stop the start with a clear line, not a JSON stack trace; and it must
    // never be replaced silently, since that would make every encrypted ID number unreadable.
    let stored: Partial<StoredSecrets> | undefined;
    try {
      stored = JSON.parse(readFileSync(file, "utf8")) as Partial<StoredSecrets>;
    } catch {
      stored = undefined;
    }
    if (
      typeof stored?.sessionSecret !== "string" ||
      stored.sessionSecret.length < 32 ||
      typeof stored.dataEncryptionKey !== "string" ||
      !/^[0-9a-f]{64}$/i.test(stored.dataEncryptionKey)
    ) {
      throw new ConfigError(
        `Ugyldig konfigurasjon: ${file} er skadet (sett SESSION_SECRET og DATA_ENCRYPTION_KEY, eller gjenopprett filen)`,
      );
    }
    return { sessionSecret: stored.sessionSecret, dataEncryptionKey: stored.dataEncryptionKey };
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: StoredSecrets = {
    sessionSecret: randomBytes(32).toString("hex"),
    dataEncryptionKey: randomBytes(32).toString("hex"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function oidcProvider(
  prefix: "STAFF" | "CITIZEN",
  env: Environment,
): OidcProviderConfig | undefined {
  const issuer = env[`OIDC_${prefix}_ISSUER`];
  const clientId = env[`OIDC_${prefix}_CLIENT_ID`];
  if (!issuer && !clientId) return undefined;
  if (!issuer)
    throw new ConfigError(`OIDC_${prefix}_ISSUER mangler (OIDC_${prefix}_CLIENT_ID er satt)`);
  if (!clientId)
    throw new ConfigError(`OIDC_${prefix}_CLIENT_ID mangler (OIDC_${prefix}_ISSUER er satt)`);
  return {
    issuer,
    clientId,
    clientSecret: env[`OIDC_${prefix}_CLIENT_SECRET`],
    displayName: env[`OIDC_${prefix}_NAME`],
  };
}

/** Reads and validates the environment. Throws ConfigError with one line naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (FOO= in an env file) means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "miljøet");
    throw new ConfigError(`Ugyldig konfigurasjon: ${variable}: ${issue.message}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === "production";
  const dataDir = path.resolve(env.DATA_DIR);
  const embedded = !env.DATABASE_URL;

  if (production && !env.SESSION_SECRET) {
    throw new ConfigError(
      "Ugyldig konfigurasjon: SESSION_SECRET er påkrevd når NODE_ENV=production",
    );
  }
  if (production && !env.DATA_ENCRYPTION_KEY) {
    throw new ConfigError(
      "Ugyldig konfigurasjon: DATA_ENCRYPTION_KEY er påkrevd når NODE_ENV=production",
    );
  }
  if (production && env.OIDC_ALLOW_INSECURE) {
    throw new ConfigError(
      "Ugyldig konfigurasjon: OIDC_ALLOW_INSECURE kan ikke brukes i produksjon",
    );
  }
  if (!env.SESSION_SECRET || !env.DATA_ENCRYPTION_KEY) {
    if (!embedded) {
      const missing = !env.SESSION_SECRET ? "SESSION_SECRET" : "DATA_ENCRYPTION_KEY";
      throw new ConfigError(`Ugyldig konfigurasjon: ${missing} er påkrevd med DATABASE_URL`);
    }
  }
  const stored =
    env.SESSION_SECRET && env.DATA_ENCRYPTION_KEY ? undefined : loadOrCreateStoredSecrets(dataDir);

  return {
    env: env.NODE_ENV,
    production,
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL,
    publicMunicipalityNumber: env.PUBLIC_MUNICIPALITY,
    database: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    dataDir,
    sessionSecret: env.SESSION_SECRET ?? stored!.sessionSecret,
    dataEncryptionKey: Buffer.from(env.DATA_ENCRYPTION_KEY ?? stored!.dataEncryptionKey, "hex"),
    session: { idleMinutes: env.SESSION_IDLE_MINUTES, absoluteHours: env.SESSION_ABSOLUTE_HOURS },
    login: { maxFailures: env.LOGIN_MAX_FAILURES, lockMinutes: env.LOGIN_LOCK_MINUTES },
    rateLimit: {
      loginPerMinute: env.RATE_LIMIT_LOGIN_PER_MINUTE,
      feedbackPerMinute: env.RATE_LIMIT_FEEDBACK_PER_MINUTE,
    },
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    // The demo login picker and demo seed exist only on the embedded database outside production.
    demoLogin: !production && embedded && (env.DEMO_LOGIN ?? true),
    seedDemo: !production && (env.SEED_DEMO ?? embedded),
    oidc: {
      staff: oidcProvider("STAFF", env),
      citizen: oidcProvider("CITIZEN", env),
      allowInsecure: env.OIDC_ALLOW_INSECURE,
    },
    mail: { url: env.SMTP_URL, from: env.SMTP_FROM },
  };
}
