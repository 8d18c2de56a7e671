/**
 * npm run bench:data -- --logs 100000 [--tenants N] [--database-url postgres://…] [--data-dir DIR] [--fresh]
 *
 * Fills a database with fictional relay logs at municipality scale (1,000 logs) or national
 * scale (100,000 logs over 50 municipalities: ~7 million rows of log content, ~20 million audit
 * events), for bench/relay-log.ts. Everything is made up: children are "Barn 100123", staff
 * "Ansatt 17", ID numbers synthetic (month + 80), e-mail addresses under .example.
 *
 * Set-based SQL only (INSERT … SELECT generate_series), one transaction per batch of at most
 * 2,500 logs of one municipality, two municipalities at a time on PostgreSQL, with every index,
 * check constraint and row-level security policy of the migrations in place. Foreign keys are
 * checked once per key over whole tables at the end instead of row by row (see prepareSession);
 * the schema itself is never altered. The content of a log is a pure function of
 * (municipality, number), so the bench user's logs are the same at 1,000 and at 100,000 logs:
 * the comparison measures a bigger database, not other logs. Generated audit events are sealed into the real hash chain
 * (the same canonical text and SHA-256 links as core/audit/audit.ts, computed in SQL and checked
 * with linkHash at the end), so the server's sealing job starts from a sealed database.
 *
 * Where: --database-url fills that PostgreSQL database (it must hold no relay logs, unless
 * --fresh drops and recreates it); --data-dir fills an embedded PGlite data directory (DATA_DIR,
 * at most 5,000 logs); otherwise the database laget_bench_<size> (laget_bench_1k,
 * laget_bench_100k …) on the server of BENCH_DATABASE_URL / TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432), created on demand and reused when already filled.
 */
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { citizenLookupSecret, nationalIdLookupHash } from "../core/auth/login.ts";
import { linkHash } from "../core/audit/audit.ts";
import { hashPassword } from "../core/auth/passwords.ts";
import { encryptText, sha256Hex } from "../core/platform/crypto.ts";
import { syntheticNationalId } from "../core/platform/national-id.ts";
import { defaultTenantSettings } from "../core/tenants/tenants.ts";
import { openPglite, openPostgres } from "../db/client.ts";

/** Bump when the generated data changes shape, so reused bench databases are rebuilt. */
export const GENERATOR_VERSION = 1;
/** A reused bench database older than this is rebuilt: consent and deadlines are relative to the day it was filled. */
const MAX_AGE_DAYS = 60;
export const PGLITE_MAX_LOGS = 5_000;

/** The generated user the bench logs in as: relay holder of 20 logs and participant in 20 more, in municipality 1. */
export const BENCH_USER_EMAIL = "stafettholder@k9001.bench.example";
export const BENCH_USER_NAME = "Benk Stafettholder";
export const BENCH_PASSWORD = "Benk-passord-2026";
export const BENCH_HELD_LOGS = 20;
export const BENCH_PARTICIPANT_LOGS = 20;
/** Fixed secrets for the bench databases: the ID numbers are encrypted with this key, so the server must use it too. */
export const BENCH_DATA_ENCRYPTION_KEY = sha256Hex("laget-bench-data-encryption-key");
export const BENCH_SESSION_SECRET = sha256Hex("laget-bench-session-secret");

export const defaultServerUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";

const STAFF_PER_TENANT = 500;
const UNITS_PER_TENANT = 60;
const LOGS_PER_TENANT = 2_000;
const BATCH = 2_500;
/** Staff 1–4 are admin, coordinator, sector leader and unit leader; logs use staff 0 (the bench user) and 5…. */
const FIRST_WORKER = 5;

export interface GenerateOptions {
  logs: number;
  tenants?: number;
  print?: (line: string) => void;
}

export interface GenerateResult {
  logs: number;
  tenants: number;
  seconds: number;
  rows: Record<string, number>;
}

/** What a filled bench database records about itself (a COMMENT ON DATABASE, set last). */
interface Marker {
  generator: number;
  logs: number;
  tenants: number;
  filledOn: string;
  seconds: number;
}

/** The one thing the generator needs from a connection: a query with $n parameters. */
interface Sql {
  query(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; count: number }>;
}

function pgSql(client: pg.Client): Sql {
  return {
    async query(text, params) {
      const result = await client.query(text, params as unknown[]);
      return { rows: result.rows as Record<string, unknown>[], count: result.rowCount ?? 0 };
    },
  };
}

type PgliteClient = Awaited<ReturnType<typeof openPglite>>["pglite"];

function pgliteSql(client: PgliteClient): Sql {
  return {
    async query(text, params) {
      const result = await client.query<Record<string, unknown>>(text, params);
      return { rows: result.rows, count: result.affectedRows ?? 0 };
    },
  };
}

export function defaultTenantCount(logs: number): number {
  return Math.min(999, Math.max(1, Math.ceil(logs / LOGS_PER_TENANT)));
}

export function benchDatabaseName(logs: number): string {
  const size = logs % 1000 === 0 ? `${logs / 1000}k` : String(logs);
  return `laget_bench_${size}`;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

// ---------------------------------------------------------------------------------------------
// SQL building blocks. Every "random" choice is a hash of the log's key, so it is reproducible.
// ---------------------------------------------------------------------------------------------

const S = STAFF_PER_TENANT;
const U = UNITS_PER_TENANT;
const W = STAFF_PER_TENANT - FIRST_WORKER;

/** A deterministic version-4-shaped UUID from a text key. */
const uid = (key: string) =>
  `overlay(overlay(md5(${key}) placing '4' from 13) placing '8' from 17)::uuid`;
/** A deterministic number in [0, 1) from a text key. */
const rnd = (key: string) => `((hashtext(${key}) & 2147483647)::float8 / 2147483648.0)`;
/** A deterministic non-negative integer from a text key. */
const hash = (key: string) => `(hashtext(${key}) & 2147483647)`;
const tenantId = (t: string) => uid(`'tenant-' || ${t}`);
const userId = (t: string, s: string) => uid(`'user-' || ${t} || '-' || ${s}`);
const unitNo = (s: string) => `(${s} % ${U} + 1)`;
const unitId = (t: string, u: string) => uid(`'unit-' || ${t} || '-' || ${u}`);
const staffName = (s: string) =>
  `(case when ${s} = 0 then '${BENCH_USER_NAME}' else 'Ansatt ' || ${s} end)`;
const textArray = (items: readonly string[]) =>
  `array[${items.map((item) => `'${item.replaceAll("'", "''")}'`).join(", ")}]::text[]`;
/** Picks an element of a SQL array by a hash key. */
const pick = (items: readonly string[], key: string) =>
  `(${textArray(items)})[1 + ${hash(key)} % ${items.length}]`;

const unitKinds: { serviceType: string; label: string }[] = [
  { serviceType: "barnehage", label: "Barnehage" },
  { serviceType: "grunnskole", label: "Skole" },
  { serviceType: "barnehage", label: "Barnehage" },
  { serviceType: "grunnskole", label: "Skole" },
  { serviceType: "helsestasjon_skolehelsetjeneste", label: "Helsestasjon" },
  { serviceType: "barnehage", label: "Barnehage" },
  { serviceType: "grunnskole", label: "Skole" },
  { serviceType: "ppt", label: "PPT" },
  { serviceType: "barnehage", label: "Barnehage" },
  { serviceType: "grunnskole", label: "Skole" },
  { serviceType: "barneverntjenesten", label: "Barneverntjenesten" },
  { serviceType: "helsestasjon_skolehelsetjeneste", label: "Skolehelsetjenesten" },
  { serviceType: "nav", label: "NAV" },
  { serviceType: "psykisk_helse_rus", label: "Psykisk helse og rus" },
  { serviceType: "familiens_hus", label: "Familiens hus" },
  { serviceType: "videregaende_skole", label: "Videregående skole" },
  { serviceType: "fastlege", label: "Legekontor" },
  { serviceType: "kultur_fritid", label: "Fritidsklubb" },
  { serviceType: "tannhelse", label: "Tannklinikk" },
  { serviceType: "bup_spesialisthelsetjeneste", label: "BUP" },
];

const areaTitles = [
  "Trivsel i barnehagen",
  "Fravær fra skolen",
  "Språk og kommunikasjon",
  "Vennskap",
  "Søvn og hvile",
  "Konsentrasjon",
  "Samspill hjemme",
  "Fysisk helse",
];
const areaDescriptions = [
  "Trekker seg unna lek og virker trist etter helger.",
  "Høyt fravær siste to måneder, ofte mandager.",
  "Få ord for alderen; vansker med å gjøre seg forstått.",
  "Blir ofte holdt utenfor i friminuttene.",
  "Sliten om morgenen, sovner i hvilestunden.",
];
const goalTexts = [
  "Deltar i lek med minst ett annet barn hver dag",
  "Møter på skolen alle dager i en vanlig uke",
  "Bruker setninger med tre ord eller mer",
  "Har en fast venn i klassen",
  "Sover hele natten de fleste netter",
];
const goalOutcomes = [
  "Leker med ett barn de fleste dager",
  "Fravær under 10 prosent",
  "Gjør seg forstått av voksne i barnehagen",
  "Er sammen med en venn i friminuttene",
];
const measureTexts = [
  "Fast voksen tar imot ved levering",
  "Leser sammen ti minutter hver kveld",
  "Samtaler med helsesykepleier annenhver uke",
  "Fast leggetid og skjermfri siste time",
  "Språkgruppe to ganger i uken",
  "Vennegruppe med miljøterapeut",
];
const noteTexts = [
  "Hadde en god uke. Var med i lek ute flere dager.",
  "Samtale med mor om søvn. Hun ønsker råd om rutiner.",
  "Kom for sent tre dager. Avtalt at kontaktlærer ringer hjem.",
  "Deltok i språkgruppen og fortalte om helgen.",
  "Urolig i samlingsstund, roet seg med fast voksen ved siden av.",
  "Foresatte forteller at det går bedre hjemme.",
  "Fravær to dager denne uken, begge meldt av far.",
  "Jobbet godt med lesing sammen med assistent.",
];
const highlightTexts = [
  "Lo høyt og ledet leken i sandkassen i dag!",
  "Viste stolt fram tegningen sin til hele gruppen.",
  "Tok initiativ til å hjelpe en yngre elev.",
];
const scoreComments = [
  "Mye dårligere enn forventet.",
  "Noe dårligere enn forventet.",
  "Som forventet.",
  "Noe bedre enn forventet.",
  "Mye bedre enn forventet.",
];
const views = ["overview", "plan", "evaluations", "entries", "meetings", "participants", "consent"];
const userAgents = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0",
];

/**
 * The batch's logs with every per-log choice made once (counts, people, dates, states), so the
 * statements that fill the content tables agree with each other. Input: one JSON array of
 * {t, i, birth, nh, ne} (municipality, number, birth date, ID number hash and ciphertext).
 */
const createBatchSql = `
create temp table gen_logs on commit drop as
with input as (
  select x.t, x.i, x.birth, x.nh, x.ne, x.t || '-' || x.i as k
  from jsonb_to_recordset($1::jsonb) as x(t int, i int, birth date, nh text, ne text)
), a as (
  select input.*,
    (t = 1 and i <= ${BENCH_HELD_LOGS + BENCH_PARTICIPANT_LOGS}) as bench,
    (t = 1 and i <= ${BENCH_HELD_LOGS}) as bench_holder,
    ${uid(`'log-' || k`)} as id,
    ${tenantId("t")} as tenant_id,
    ${FIRST_WORKER} + floor(${rnd(`k || ':hb'`)} * ${W})::int as hb,
    1 + floor(${rnd(`k || ':step'`)} * 97)::int as step,
    2 + floor(${rnd(`k || ':np'`)} * 3)::int as n_part,
    20 + floor(${rnd(`k || ':age'`)} * 880)::int as age_days,
    1 + floor(${rnd(`k || ':areas'`)} * 3)::int as n_areas,
    10 + floor(50 * power(${rnd(`k || ':entries'`)}, 3))::int as n_entries,
    floor(${rnd(`k || ':evals'`)} * 5)::int as n_evals,
    floor(${rnd(`k || ':meetings'`)} * 6)::int as n_meetings,
    100 + floor(${rnd(`k || ':events'`)} * 201)::int as n_events,
    floor(${rnd(`k || ':levels'`)} * 3)::int as n_level_changes,
    ${rnd(`k || ':level'`)} as level_r,
    ${rnd(`k || ':consent'`)} as consent_r,
    ${rnd(`k || ':handover'`)} as handover_r,
    ${rnd(`k || ':kind'`)} as kind_r,
    ${rnd(`k || ':status'`)} as status_r
  from input
), b as (
  select a.*,
    case when not bench and kind_r < 0.04 then 'anonymous' else 'log' end as kind,
    case when not bench and status_r < 0.10 then 'closed' else 'open' end as status,
    (case when level_r < 0.05 then 0 when level_r < 0.40 then 1 when level_r < 0.85 then 2 else 3 end)::smallint as level,
    case when bench_holder then 0 else hb end as holder,
    array(
      select case when bench and not bench_holder and j = 1 then 0
                  else ${FIRST_WORKER} + ((hb - ${FIRST_WORKER}) + j * step) % ${W} end
      from generate_series(1, n_part - 1) j order by j
    ) as others,
    date_trunc('minute', now()) - make_interval(days => age_days) as created
  from a
), c as (
  select b.*,
    array[holder] || others as part,
    case when status = 'closed'
      then created + make_interval(days => (age_days * (0.5 + ${rnd(`k || ':closed'`)} * 0.4))::int) end as closed_at,
    case when kind = 'anonymous' then 'none' when bench then 'valid'
         when consent_r < 0.78 then 'valid' when consent_r < 0.86 then 'expiring'
         when consent_r < 0.95 then 'expired' else 'withdrawn' end as consent
  from b
)
select c.*,
  coalesce(closed_at, now()) as end_at,
  array(select distinct ${unitId("t", unitNo("s"))} from unnest(part) s) as unit_ids,
  array(select ${userId("t", "p.s")} from unnest(part) with ordinality p(s, n) order by n) as part_ids,
  array(select ${staffName("p.s")} from unnest(part) with ordinality p(s, n) order by n) as part_names,
  -- The audit actor snapshot in JSON.stringify's form (jsonb keeps these keys in this order).
  array(select '{"id":"' || ${userId("t", "p.s")} || '","kind":"staff","name":"' || ${staffName("p.s")} || '","roles":["employee"]}'
        from unnest(part) with ordinality p(s, n) order by n) as part_actors,
  array(select jsonb_build_object('id', ${userId("t", "p.s")}, 'kind', 'staff', 'name', ${staffName("p.s")}, 'roles', jsonb_build_array('employee'))
        from unnest(part) with ordinality p(s, n) order by n) as part_actor_jsonb,
  array(select '10.' || t || '.' || (p.s / 256) || '.' || (p.s % 256) from unnest(part) with ordinality p(s, n) order by n) as part_ips
from c`;

/** One INSERT per content table, in foreign-key order. Each reads the batch's gen_logs. */
const contentSql: { table: string; sql: string }[] = [
  {
    table: "relay_logs",
    sql: `
insert into relay_logs (id, tenant_id, kind, status, level, pseudonym, child_name, child_birth_date,
  national_id_hash, national_id_encrypted, holder_user_id, holder_unit_id, unit_ids, opened_by, origin,
  closed_at, close_reason, close_note, closed_by, archived_at, delete_after, lock_version, created_at, updated_at)
select id, tenant_id, kind, status, level,
  case when kind = 'anonymous' then 'Barn A-' || (t * 100000 + i) end,
  case when kind = 'log' then 'Barn ' || (t * 100000 + i) end,
  case when kind = 'log' then birth end,
  case when kind = 'log' then nh end,
  case when kind = 'log' then ne end,
  ${userId("t", "holder")}, ${unitId("t", unitNo("holder"))}, unit_ids, ${userId("t", "holder")},
  case when kind = 'anonymous' then 'anonymous' when ${rnd(`k || ':origin'`)} < 0.3 then 'worry' else 'direct' end,
  closed_at,
  case when closed_at is not null then ${pick(["goals_reached", "guardians_withdrew", "moved", "individual_plan", "other"], `k || ':cr'`)} end,
  case when closed_at is not null then 'Avsluttet etter siste evaluering.' end,
  case when closed_at is not null then ${userId("t", "holder")} end,
  case when closed_at is not null and ${rnd(`k || ':arch'`)} < 0.7 then closed_at + interval '1 day' end,
  case when closed_at is not null then (closed_at + interval '24 months')::date end,
  floor(${rnd(`k || ':lock'`)} * 4)::int, created, coalesce(closed_at, created + make_interval(days => age_days / 2))
from gen_logs`,
  },
  {
    table: "relay_log_participants",
    sql: `
insert into relay_log_participants (tenant_id, log_id, user_id, unit_id, added_by, joined_at)
select l.tenant_id, l.id, l.part_ids[p.n], ${unitId("l.t", unitNo("p.s"))}, l.part_ids[1],
  l.created + make_interval(days => (p.n - 1)::int)
from gen_logs l, unnest(l.part) with ordinality as p(s, n)`,
  },
  {
    table: "relay_log_guardians",
    sql: `
insert into relay_log_guardians (id, tenant_id, log_id, name, phone, email, parental_responsibility, created_at)
select ${uid(`'guardian-' || l.k || '-' || g`)}, l.tenant_id, l.id,
  'Foresatt ' || (l.t * 100000 + l.i) || '-' || g,
  '4' || lpad(((l.t * 100000 + l.i) * 2 + g)::text, 7, '0'),
  'foresatt' || (l.t * 100000 + l.i) || '-' || g || '@bench.example',
  g = 1 or ${rnd(`l.k || ':pr' || g`)} < 0.8, l.created
from gen_logs l, generate_series(1, 1 + (${rnd(`l.k || ':g'`)} < 0.6)::int) g
where l.kind = 'log'`,
  },
  {
    // The current consent record; logs older than 220 days also have the expired record it renewed.
    table: "relay_log_consents",
    sql: `
insert into relay_log_consents (tenant_id, log_id, givers, method, witness, unit_ids, given_on, expires_on,
  recorded_by, withdrawn_at, withdrawn_note, withdrawn_by, created_at)
select l.tenant_id, l.id,
  jsonb_build_array(jsonb_build_object('kind', 'guardian', 'guardianId', ${uid(`'guardian-' || l.k || '-1'`)},
    'name', 'Foresatt ' || (l.t * 100000 + l.i) || '-1')),
  r.method, case when r.method = 'oral' then ${staffName("l.others[1]")} end,
  case when l.consent = 'valid' and not l.bench and cardinality(l.unit_ids) > 1 and ${rnd(`l.k || ':cu'`)} < 0.07
       then l.unit_ids[1:cardinality(l.unit_ids) - 1] else l.unit_ids end,
  r.given_on,
  case l.consent
    when 'valid' then case when l.bench then current_date + 365 else current_date + 30 + floor(${rnd(`l.k || ':ce'`)} * 335)::int end
    when 'expiring' then current_date + floor(${rnd(`l.k || ':ce'`)} * 21)::int
    when 'expired' then current_date - 1 - floor(${rnd(`l.k || ':ce'`)} * 10)::int
    else current_date + 30 + floor(${rnd(`l.k || ':ce'`)} * 335)::int end,
  ${userId("l.t", "l.holder")},
  case when l.consent = 'withdrawn' then now() - make_interval(days => floor(${rnd(`l.k || ':cw'`)} * 15)::int) end,
  case when l.consent = 'withdrawn' then 'Foresatte trakk samtykket i telefonsamtale.' end,
  case when l.consent = 'withdrawn' then ${userId("l.t", "l.holder")} end,
  r.given_on::timestamptz
from gen_logs l,
  -- Staff-recorded consent only: a digital consent is one record per guardian, given by the
  -- family through Laget, and the bench measures the staff's pages.
  lateral (select ${pick(["paper", "paper", "oral", "paper"], `l.k || ':cm'`)} as method,
    l.created::date + case when l.age_days > 220 then 181 else 1 end as given_on) r
where l.kind = 'log'
union all
select l.tenant_id, l.id,
  jsonb_build_array(jsonb_build_object('kind', 'guardian', 'guardianId', ${uid(`'guardian-' || l.k || '-1'`)},
    'name', 'Foresatt ' || (l.t * 100000 + l.i) || '-1')),
  'paper', null, l.unit_ids, l.created::date, l.created::date + 180,
  ${userId("l.t", "l.holder")}, null, null, null, l.created
from gen_logs l
where l.kind = 'log' and l.age_days > 220`,
  },
  {
    table: "relay_log_areas",
    sql: `
insert into relay_log_areas (id, tenant_id, log_id, title, description, sort_order, created_by, created_at, updated_at)
select ${uid(`'area-' || l.k || '-' || a`)}, l.tenant_id, l.id,
  ${pick(areaTitles, `l.k || ':at' || a`)}, ${pick(areaDescriptions, `l.k || ':ad' || a`)}, a,
  ${userId("l.t", "l.holder")}, l.created, l.created
from gen_logs l, generate_series(1, l.n_areas) a`,
  },
  {
    table: "relay_log_goals",
    sql: `
insert into relay_log_goals (id, tenant_id, log_id, area_id, text, expected_outcome, sort_order, created_by, created_at, updated_at)
select ${uid(`'goal-' || l.k || '-' || a || '-' || g`)}, l.tenant_id, l.id, ${uid(`'area-' || l.k || '-' || a`)},
  ${pick(goalTexts, `l.k || ':gt' || a || g`)}, ${pick(goalOutcomes, `l.k || ':go' || a || g`)}, g,
  ${userId("l.t", "l.holder")}, l.created, l.created
from gen_logs l, generate_series(1, l.n_areas) a, generate_series(1, 1 + (${rnd(`l.k || ':ng' || a`)} < 0.5)::int) g`,
  },
  {
    table: "relay_log_measures",
    sql: `
insert into relay_log_measures (id, tenant_id, log_id, goal_id, what, responsible_kind, responsible_user_id,
  responsible_unit_id, responsible_text, place, supports_measure_id, starts_on, due_on, status, created_by,
  created_at, updated_at)
select id, tenant_id, log_id, goal_id, what, responsible_kind,
  case when responsible_kind = 'person' then ${userId("t", "part[1 + m % n_part]")} end,
  case when responsible_kind = 'service' then unit_ids[1 + m % cardinality(unit_ids)] end,
  case when responsible_kind = 'family' then 'Foreldrene' end,
  case when responsible_kind = 'family' then 'home' else 'service' end,
  case when responsible_kind = 'family' and m > 1 then ${uid(`'measure-' || goal_id || '-1'`)} end,
  starts_on, due_on,
  case when due_on < current_date then ${pick(["done", "done", "done", "stopped", "ongoing"], `id::text || ':st'`)}
       when starts_on <= current_date then 'ongoing' else 'planned' end,
  ${userId("t", "holder")}, created, created
from (
  select ${uid(`'measure-' || g.id || '-' || m`)} as id, l.tenant_id, l.id as log_id, g.id as goal_id, m,
    l.t, l.part, l.n_part, l.unit_ids, l.holder, l.created,
    ${pick(measureTexts, `g.id::text || ':mt' || m`)} as what,
    case when ${rnd(`g.id::text || ':rk' || m`)} < 0.6 then 'person'
         when ${rnd(`g.id::text || ':rk' || m`)} < 0.85 then 'service' else 'family' end as responsible_kind,
    l.created::date + floor(${rnd(`g.id::text || ':ms' || m`)} * 60)::int as starts_on,
    l.created::date + floor(${rnd(`g.id::text || ':ms' || m`)} * 60)::int + 30 + floor(${rnd(`g.id::text || ':md' || m`)} * 150)::int as due_on
  from gen_logs l join relay_log_goals g on g.log_id = l.id,
    generate_series(1, 1 + floor(${rnd(`g.id::text || ':nm'`)} * 3)::int) m
) x`,
  },
  {
    table: "relay_log_evaluations",
    sql: `
insert into relay_log_evaluations (id, tenant_id, log_id, scheduled_on, held_on, held_by, summary, created_at, updated_at)
select ${uid(`'evaluation-' || l.k || '-' || e`)}, l.tenant_id, l.id, s.on_date,
  case when s.held then s.on_date end,
  case when s.held then ${userId("l.t", "l.holder")} end,
  case when s.held then 'Framgang på flere mål; tiltakene fortsetter.' else '' end,
  l.created, l.created
from gen_logs l, generate_series(1, l.n_evals) e,
  lateral (select l.created::date + 60 * e as on_date,
    l.created::date + 60 * e <= current_date and ${rnd(`l.k || ':eh' || e`)} < 0.9 as held) s`,
  },
  {
    table: "relay_log_goal_scores",
    sql: `
insert into relay_log_goal_scores (tenant_id, log_id, evaluation_id, goal_id, scorer_kind, scorer_user_id, score, comment, created_at)
select l.tenant_id, l.id, ev.id, g.id, 'staff', ${userId("l.t", "l.holder")}, x.score,
  (${textArray(scoreComments)})[x.score + 3], ev.held_on::timestamptz
from gen_logs l
  join relay_log_evaluations ev on ev.log_id = l.id and ev.held_on is not null
  join relay_log_goals g on g.log_id = l.id,
  lateral (select (case when ${rnd(`ev.id::text || g.id::text`)} < 0.08 then -2
                        when ${rnd(`ev.id::text || g.id::text`)} < 0.25 then -1
                        when ${rnd(`ev.id::text || g.id::text`)} < 0.65 then 0
                        when ${rnd(`ev.id::text || g.id::text`)} < 0.92 then 1 else 2 end)::smallint as score) x`,
  },
  {
    table: "relay_log_entries",
    sql: `
insert into relay_log_entries (id, tenant_id, log_id, kind, area_id, occurred_on, author_user_id, author_name,
  current_version, created_at, updated_at)
select ${uid(`'entry-' || l.k || '-' || e`)}, l.tenant_id, l.id,
  case when ${rnd(`l.k || ':ek' || e`)} < 0.1 then 'highlight' else 'note' end,
  case when ${rnd(`l.k || ':ea' || e`)} < 0.5 then ${uid(`'area-' || l.k || '-' || (1 + e % l.n_areas)`)} end,
  x.at::date, l.part_ids[x.p], l.part_names[x.p],
  case when ${rnd(`l.k || ':ev' || e`)} < 0.08 then 2 else 1 end,
  x.at, x.at
from gen_logs l, generate_series(1, l.n_entries) e,
  lateral (select l.created + (l.end_at - l.created) * (e::float8 / (l.n_entries + 1)) as at,
    1 + e % l.n_part as p) x`,
  },
  {
    table: "relay_log_entry_versions",
    sql: `
insert into relay_log_entry_versions (tenant_id, log_id, entry_id, version, text, edited_by, edited_by_name, created_at)
select l.tenant_id, l.id, ${uid(`'entry-' || l.k || '-' || e`)}, v,
  case when ${rnd(`l.k || ':ek' || e`)} < 0.1 then ${pick(highlightTexts, `l.k || ':et' || e || v`)}
       else ${pick(noteTexts, `l.k || ':et' || e || v`)} ||
         case when ${hash(`l.k || ':el' || e`)} % 3 > 0 then ' ' || ${pick(noteTexts, `l.k || ':e2' || e || v`)} else '' end end,
  l.part_ids[x.p], l.part_names[x.p], x.at + make_interval(hours => v - 1)
from gen_logs l, generate_series(1, l.n_entries) e,
  lateral (select l.created + (l.end_at - l.created) * (e::float8 / (l.n_entries + 1)) as at,
    1 + e % l.n_part as p) x,
  generate_series(1, case when ${rnd(`l.k || ':ev' || e`)} < 0.08 then 2 else 1 end) v`,
  },
  {
    table: "relay_log_meetings",
    sql: `
insert into relay_log_meetings (tenant_id, log_id, starts_at, ends_at, place, agenda, participant_user_ids,
  other_participants, status, minutes_decisions, minutes_actions, next_evaluation_on, minutes_by, minutes_at,
  created_by, created_at, updated_at)
select l.tenant_id, l.id, x.starts, x.starts + interval '1 hour',
  'Møterom ' || (1 + ${hash(`l.k || ':mp' || m`)} % 12),
  'Gjennomgang av tiltak og mål. Neste evaluering.',
  l.part_ids, 'Foresatte',
  x.status,
  case when x.status = 'held' then 'Vi fortsetter med tiltakene i planen.' end,
  case when x.status = 'held' then 'Kontaktlærer følger opp fravær; helsesykepleier har samtale med foresatte.' end,
  case when x.status = 'held' then x.starts::date + 60 end,
  case when x.status = 'held' then ${userId("l.t", "l.holder")} end,
  case when x.status = 'held' then x.starts + interval '1 day' end,
  ${userId("l.t", "l.holder")}, l.created, l.created
from gen_logs l, generate_series(1, l.n_meetings) m,
  lateral (select date_trunc('day', l.created) + make_interval(days => 21 * m, hours => 9 + m % 5) as starts) y,
  lateral (select y.starts,
    case when y.starts > now() then 'planned' when ${rnd(`l.k || ':mc' || m`)} < 0.9 then 'held' else 'cancelled' end as status) x`,
  },
  {
    table: "relay_log_level_changes",
    sql: `
insert into relay_log_level_changes (tenant_id, log_id, from_level, to_level, reason, changed_by, changed_at)
select l.tenant_id, l.id,
  case when c = 0 then null else 1 + (l.level + c - 1) % 3 end,
  case when c = l.n_level_changes then l.level else 1 + (l.level + c) % 3 end,
  case when c = 0 then 'Opprettet' else 'Endret etter evaluering' end,
  ${userId("l.t", "l.holder")}, l.created + make_interval(days => 50 * c)
from gen_logs l, generate_series(0, l.n_level_changes) c`,
  },
  {
    // 10 %: the baton changed hands earlier (accepted); 4 % of open logs: a handover waits for its receiver.
    table: "relay_log_handovers",
    sql: `
insert into relay_log_handovers (tenant_id, log_id, from_user_id, to_user_id, to_unit_id, is_transition,
  leaving_unit_id, message, state, created_at, decided_at)
select l.tenant_id, l.id, ${userId("l.t", "l.others[1]")}, ${userId("l.t", "l.holder")}, ${unitId("l.t", unitNo("l.holder"))},
  ${rnd(`l.k || ':ht'`)} < 0.5, null::uuid, 'Overgang til ny tjeneste.', 'accepted',
  l.created + interval '20 days', l.created + interval '22 days'
from gen_logs l where l.handover_r < 0.10
union all
select l.tenant_id, l.id, ${userId("l.t", "l.holder")}, ${userId("l.t", "l.others[1]")}, ${unitId("l.t", unitNo("l.others[1]"))},
  false, null, 'Kan du ta over stafettpinnen?', 'pending',
  now() - make_interval(days => floor(${rnd(`l.k || ':hp'`)} * 10)::int), null
from gen_logs l where l.handover_r >= 0.10 and l.handover_r < 0.14 and l.status = 'open'`,
  },
  {
    table: "relay_log_join_requests",
    sql: `
insert into relay_log_join_requests (tenant_id, log_id, user_id, unit_id, message, state, created_at)
select l.tenant_id, l.id, ${userId("l.t", `(${FIRST_WORKER} + (l.hb - ${FIRST_WORKER} + 250) % ${W})`)},
  ${unitId("l.t", unitNo(`(${FIRST_WORKER} + (l.hb - ${FIRST_WORKER} + 250) % ${W})`))},
  'Jeg følger opp barnet i min tjeneste og ber om å bli med.', 'pending', now() - interval '2 days'
from gen_logs l where l.status = 'open' and ${rnd(`l.k || ':jr'`)} < 0.02`,
  },
];

/** sha256(prev + "\n" + canonical) as a running aggregate: each row's chain link, in id order. */
const chainFunctionsSql = [
  `create or replace function pg_temp.laget_chain_step(state text, canonical text, start text) returns text
   language plpgsql immutable as $$
   begin
     return encode(sha256(convert_to(coalesce(state, start) || chr(10) || canonical, 'UTF8')), 'hex');
   end $$`,
  `drop aggregate if exists pg_temp.laget_chain_link(text, text)`,
  `create aggregate pg_temp.laget_chain_link(text, text) (sfunc = pg_temp.laget_chain_step, stype = text)`,
];

/**
 * ~200 audit events per log, most of them reads (relaylog.viewed), by the log's participants over
 * its lifetime, inserted and sealed onto the municipality's hash chain in one statement. Ids come
 * from the table's own identity sequence ($4), so the rows are what recordAudit would write.
 * The chain link is sha256(prev + "\n" + canonical) in id order, where canonical is the text
 * canonicalEvent() in core/audit/audit.ts builds (JSON.stringify of the columns in order): actor
 * and details are built here as that text and stored as its jsonb, and every other value is a
 * plain string without characters JSON escapes. The check at the end compares with linkHash.
 * $1 chain key, $2 last seq, $3 last hash of the chain, $4 the id sequence.
 */
const auditSql = `
with ev as materialized (
  select nextval($4::regclass) as id, l.tenant_id, l.id as log_id, x.at, x.type,
    l.part_actors[x.p] as actor, l.part_actor_jsonb[x.p] as actor_jsonb, l.part_ips[x.p] as ip,
    (${textArray(userAgents)})[1 + x.p % ${userAgents.length}] as ua,
    gen_random_uuid()::text as request_id,
    case x.type
      when 'relaylog.viewed' then '{"view":"' || (${textArray(views)})[1 + floor(x.r * 100000)::int % ${views.length}] || '"}'
      when 'relaylog.entry_saved' then '{"entryId":"' || ${uid(`'entry-' || l.k || '-' || (1 + e % l.n_entries)`)} || '"}'
      when 'relaylog.plan_changed' then '{"part":"' || (array['area', 'goal', 'measure'])[1 + floor(x.r * 100000)::int % 3] || '"}'
      else '{}' end as details
  from gen_logs l, generate_series(1, l.n_events) e,
    lateral (select ${rnd(`l.k || ':a' || e`)} as r) y,
    lateral (select y.r,
      (l.created + (l.end_at - l.created) * (e::float8 / (l.n_events + 1)))::timestamptz(3) as at,
      case when e = 1 then 1 else 1 + e % l.n_part end as p,
      case when e = 1 then 'relaylog.opened'
           when e <= l.n_part then 'relaylog.participant_added'
           when e = l.n_part + 1 and l.kind = 'log' then 'relaylog.consent_recorded'
           when y.r < 0.72 then 'relaylog.viewed'
           when y.r < 0.84 then 'relaylog.entry_saved'
           when y.r < 0.90 then 'relaylog.plan_changed'
           when y.r < 0.93 then 'relaylog.evaluation_saved'
           when y.r < 0.96 then 'relaylog.meeting_saved'
           when y.r < 0.98 then 'relaylog.minutes_saved'
           else 'relaylog.access_trail_viewed' end as type) x
), inserted as (
  insert into audit_events (id, tenant_id, occurred_at, event_type, actor, subject_type, subject_id, ip,
    user_agent, request_id, details)
  overriding system value
  select id, tenant_id, at, type, actor_jsonb, 'relay_log', log_id::text, ip, ua, request_id, details::jsonb
  from ev
), linked as (
  select id, row_number() over w as n,
    pg_temp.laget_chain_link('[' || id || ',"' || tenant_id || '","'
      || to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","' || type || '",' || actor
      || ',"relay_log","' || log_id || '","' || ip || '","' || ua || '","' || request_id || '",' || details || ']',
      $3) over w as hash
  from ev
  window w as (order by id rows between unbounded preceding and current row)
)
insert into audit_chain (event_id, chain_key, seq, prev_hash, hash)
select id, $1, $2::bigint + n, coalesce(lag(hash) over (order by id), $3), hash
from linked`;

// ---------------------------------------------------------------------------------------------

/** A small deterministic generator (the same as the demo seed), for the values made in Node. */
function seeded(seed: number) {
  let state = seed % 2_147_483_648;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Birth dates and synthetic ID numbers (hashed and encrypted as the app does) for a batch. */
function identities(t: number, from: number, to: number, taken: Set<string>) {
  const key = Buffer.from(BENCH_DATA_ENCRYPTION_KEY, "hex");
  const secret = citizenLookupSecret(key);
  const rows: { t: number; i: number; birth: string; nh: string; ne: string }[] = [];
  for (let i = from; i <= to; i += 1) {
    const next = seeded(t * 1_000_003 + i * 7_919);
    next();
    const birth = new Date(Date.UTC(2008, 0, 1) + Math.floor(next() * 6_200) * 86_400_000);
    let individual = Math.floor(next() * 1000);
    let id = syntheticNationalId(birth, individual);
    while (taken.has(id)) {
      individual += 7;
      id = syntheticNationalId(birth, individual);
    }
    taken.add(id);
    rows.push({
      t,
      i,
      birth: birth.toISOString().slice(0, 10),
      nh: nationalIdLookupHash(secret, id),
      ne: encryptText(key, id),
    });
  }
  return rows;
}

function format(n: number): string {
  return n.toLocaleString("en-US");
}

const tablesInOrder = [
  "tenants",
  "units",
  "users",
  "user_units",
  ...contentSql.map((step) => step.table),
  "audit_events",
  "audit_chain",
];

/** Session settings of every generating connection; true when foreign-key triggers are deferred to one check at the end. */
async function prepareSession(sql: Sql, kind: "postgres" | "pglite"): Promise<boolean> {
  if (kind === "postgres") {
    // Session settings only: the data is written as production writes it, just in big statements.
    await sql.query("set synchronous_commit = off");
    // The planner over-estimates generate_series and would JIT-compile every statement (a second each).
    await sql.query("set jit = off");
    await sql.query("set work_mem = '256MB'");
  }
  for (const statement of chainFunctionsSql) await sql.query(statement);
  // Row-by-row foreign-key triggers would cost more than the inserts themselves (~70 million
  // checks at 100,000 logs). In this session only, they are replaced by one set-based check of
  // every foreign key at the end (checkForeignKeys); needs a superuser, otherwise the triggers run.
  try {
    await sql.query("set session_replication_role = replica");
    return true;
  } catch {
    return false;
  }
}

interface Connection {
  sql: Sql;
  close(): Promise<void>;
}

/**
 * Fills an empty, migrated database. `main` is one connection; `openWorker` opens more for
 * municipalities filled in parallel (PostgreSQL), each with its own session.
 */
async function fill(
  main: Sql,
  kind: "postgres" | "pglite",
  options: GenerateOptions & { workers?: number; openWorker?: () => Promise<Connection> },
): Promise<GenerateResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const logs = options.logs;
  const tenants = options.tenants ?? defaultTenantCount(logs);
  const started = performance.now();
  const rows: Record<string, number> = Object.fromEntries(tablesInOrder.map((table) => [table, 0]));
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const debug = (line: string) => (process.env.BENCH_DATA_DEBUG ? print(line) : undefined);

  const existing = await main.query("select count(*)::int as n from relay_logs");
  if (Number(existing.rows[0]!.n) > 0) {
    throw new Error("the database already holds relay logs; fill an empty one (or use --fresh)");
  }
  const deferredChecks = await prepareSession(main, kind);
  const sequence = String(
    (await main.query("select pg_get_serial_sequence('audit_events', 'id') as s")).rows[0]!.s,
  );
  const workerCount = options.openWorker ? Math.max(1, Math.min(options.workers ?? 2, tenants)) : 1;
  print(
    `Filling ${format(logs)} relay logs over ${tenants} municipalities (${S} staff and ${U} units each) on ${kind}` +
      (workerCount > 1 ? `, ${workerCount} connections` : ""),
  );
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await main.query("begin");
  rows.tenants! += (
    await main.query(
      `insert into tenants (id, name, municipality_number, settings)
       select ${tenantId("t")}, 'Benkvik ' || t || ' kommune', '9' || lpad(t::text, 3, '0'), $1::jsonb
       from generate_series(1, $2::int) t`,
      [JSON.stringify(defaultTenantSettings), tenants],
    )
  ).count;
  rows.units! += (
    await main.query(
      `insert into units (id, tenant_id, name, service_type)
       select ${unitId("t", "u")}, ${tenantId("t")},
         (${textArray(unitKinds.map((k) => k.label))})[1 + (u - 1) % ${unitKinds.length}] || ' ' || u,
         (${textArray(unitKinds.map((k) => k.serviceType))})[1 + (u - 1) % ${unitKinds.length}]
       from generate_series(1, $1::int) t, generate_series(1, ${U}) u`,
      [tenants],
    )
  ).count;
  rows.users! += (
    await main.query(
      `insert into users (id, tenant_id, email, name, password_hash, roles)
       select ${userId("t", "s")}, ${tenantId("t")},
         case when s = 0 then 'stafettholder' else 'ansatt' || s end || '@k9' || lpad(t::text, 3, '0') || '.bench.example',
         ${staffName("s")}, case when s = 0 then $2 end,
         (case s when 1 then '{admin}' when 2 then '{coordinator}' when 3 then '{sector_leader}'
                 when 4 then '{unit_leader}' else '{employee}' end)::text[]
       from generate_series(1, $1::int) t, generate_series(0, ${S - 1}) s`,
      [tenants, passwordHash],
    )
  ).count;
  rows.user_units! += (
    await main.query(
      `insert into user_units (tenant_id, user_id, unit_id)
       select ${tenantId("t")}, ${userId("t", "s")}, ${unitId("t", unitNo("s"))}
       from generate_series(1, $1::int) t, generate_series(0, ${S - 1}) s
       union all
       select ${tenantId("t")}, ${userId("t", "s")}, ${unitId("t", unitNo("(s + 17)"))}
       from generate_series(1, $1::int) t, generate_series(0, ${S - 1}) s where s % 10 = 9`,
      [tenants],
    )
  ).count;
  await main.query("commit");
  print(
    `  municipalities, units, staff: ${format(rows.tenants!)} / ${format(rows.units!)} / ${format(rows.users!)} (${elapsed()})`,
  );

  let done = 0;
  /** One municipality: its logs in batches, each batch one transaction, the audit chain continued in order. */
  async function fillTenant(sql: Sql, t: number) {
    const own = Math.floor(logs / tenants) + (t <= logs % tenants ? 1 : 0);
    const taken = new Set<string>();
    const chainKey = `tenant:${(await sql.query(`select ${tenantId("$1::int")} as id`, [t])).rows[0]!.id}`;
    for (let from = 1; from <= own; from += BATCH) {
      const to = Math.min(own, from + BATCH - 1);
      const batchStarted = performance.now();
      await sql.query("begin");
      await sql.query(createBatchSql, [JSON.stringify(identities(t, from, to, taken))]);
      for (const step of contentSql) {
        const stepStarted = performance.now();
        // Read the count first: `rows[x] += await …` would add to a value read before another worker's update.
        const written = (await sql.query(step.sql)).count;
        rows[step.table]! += written;
        debug(`    ${t}: ${step.table} ${((performance.now() - stepStarted) / 1000).toFixed(2)} s`);
      }
      // The sealer's own lock, so a server sealing at the same time cannot fork the chain.
      await sql.query("select pg_advisory_xact_lock(hashtext($1))", [chainKey]);
      const tail = await sql.query(
        "select seq, hash from audit_chain where chain_key = $1 order by seq desc limit 1",
        [chainKey],
      );
      const auditStarted = performance.now();
      const events = (
        await sql.query(auditSql, [
          chainKey,
          Number(tail.rows[0]?.seq ?? 0),
          String(tail.rows[0]?.hash ?? "0".repeat(64)),
          sequence,
        ])
      ).count;
      rows.audit_events! += events;
      rows.audit_chain! += events;
      // The queue trigger on audit_events (it does not fire under session_replication_role =
      // replica) queued these events for the sealer; they are sealed already.
      await sql.query(
        "delete from audit_unsealed u where exists (select 1 from audit_chain c where c.event_id = u.event_id)",
      );
      debug(
        `    ${t}: audit_events + audit_chain ${((performance.now() - auditStarted) / 1000).toFixed(2)} s`,
      );
      await sql.query("commit");
      done += to - from + 1;
      print(
        `  municipality ${t}/${tenants}: logs ${format(done)}/${format(logs)} · batch ${((performance.now() - batchStarted) / 1000).toFixed(1)} s · ` +
          `entries ${format(rows.relay_log_entries!)} · audit events ${format(rows.audit_events!)} · ${elapsed()}`,
      );
    }
  }

  const queue = Array.from({ length: tenants }, (_, index) => index + 1);
  const extra: Connection[] = [];
  try {
    for (let index = 1; index < workerCount; index += 1) {
      const connection = await options.openWorker!();
      extra.push(connection);
      await prepareSession(connection.sql, kind);
    }
    await Promise.all(
      [main, ...extra.map((connection) => connection.sql)].map(async (sql) => {
        for (let t = queue.shift(); t !== undefined; t = queue.shift()) await fillTenant(sql, t);
      }),
    );
  } finally {
    for (const connection of extra) await connection.close();
  }
  if (deferredChecks) {
    await main.query("set session_replication_role = origin");
    await checkForeignKeys(main, print);
    print(`  foreign keys checked (${elapsed()})`);
  }
  print(`  vacuum analyze … (${elapsed()})`);
  await main.query("vacuum (analyze)");
  print(`  done in ${elapsed()}`);
  await checkChain(main, print);
  return { logs, tenants, seconds: (performance.now() - started) / 1000, rows };
}

/** Every foreign key in the schema, checked set-based: what the skipped triggers would have checked row by row. */
async function checkForeignKeys(sql: Sql, print: (line: string) => void) {
  const keys = await sql.query(`
    select c.conname::text as name, c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
      (select array_agg(a.attname::text order by k.o) from unnest(c.conkey) with ordinality k(n, o)
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n) as columns,
      (select array_agg(a.attname::text order by k.o) from unnest(c.confkey) with ordinality k(n, o)
         join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n) as parent_columns
    from pg_constraint c
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace`);
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  for (const key of keys.rows) {
    const columns = key.columns as string[];
    const parentColumns = key.parent_columns as string[];
    const result = await sql.query(
      `select count(*)::bigint as n from ${key.child} c
       where ${columns.map((column) => `c.${quote(column)} is not null`).join(" and ")}
         and not exists (select 1 from ${key.parent} p
           where ${columns.map((column, index) => `p.${quote(parentColumns[index]!)} = c.${quote(column)}`).join(" and ")})`,
    );
    if (Number(result.rows[0]!.n) > 0) {
      throw new Error(
        `foreign key ${key.name}: ${result.rows[0]!.n} rows of ${key.child} point nowhere`,
      );
    }
  }
  print(`  ${keys.rows.length} foreign keys hold for every row`);
}

/** Checks links of municipality 1's chain against core's linkHash: start, middle and end. */
async function checkChain(sql: Sql, print: (line: string) => void) {
  const chainKey = `tenant:${(await sql.query(`select ${tenantId("1")} as id`)).rows[0]!.id}`;
  const last = await sql.query(
    "select max(seq)::bigint as seq from audit_chain where chain_key = $1",
    [chainKey],
  );
  const max = Number(last.rows[0]!.seq ?? 0);
  let checked = 0;
  for (const start of [1, Math.max(1, Math.floor(max / 2)), Math.max(1, max - 300)]) {
    const links = await sql.query(
      `select c.seq, c.prev_hash, c.hash, e.id, e.tenant_id, e.occurred_at, e.event_type, e.actor,
         e.subject_type, e.subject_id, e.ip, e.user_agent, e.request_id, e.details
       from audit_chain c join audit_events e on e.id = c.event_id
       where c.chain_key = $1 and c.seq >= $2 order by c.seq limit 300`,
      [chainKey, start],
    );
    let prev: string | null = null;
    for (const row of links.rows) {
      const event = {
        id: Number(row.id),
        tenantId: row.tenant_id as string,
        occurredAt: row.occurred_at as Date,
        eventType: row.event_type as string,
        actor: row.actor,
        subjectType: row.subject_type as string | null,
        subjectId: row.subject_id as string | null,
        ip: row.ip as string | null,
        userAgent: row.user_agent as string | null,
        requestId: row.request_id as string | null,
        details: row.details as Record<string, unknown>,
      } as Parameters<typeof linkHash>[1];
      if (prev !== null && row.prev_hash !== prev)
        throw new Error(`audit chain: broken link at seq ${row.seq}`);
      if (linkHash(row.prev_hash as string, event) !== row.hash) {
        throw new Error(`audit chain: generated hash differs from linkHash at seq ${row.seq}`);
      }
      prev = row.hash as string;
      checked += 1;
    }
  }
  print(
    `  audit chain of municipality 1: ${format(max)} links, ${checked} checked against linkHash: OK`,
  );
}

async function admin(serverUrl: string, statement: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query(statement)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

async function readMarker(sql: Sql): Promise<Marker | null> {
  const result = await sql.query(
    "select shobj_description(oid, 'pg_database') as note from pg_database where datname = current_database()",
  );
  try {
    const marker = JSON.parse(String(result.rows[0]?.note ?? "null")) as Marker | null;
    return marker && marker.generator ? marker : null;
  } catch {
    return null;
  }
}

async function writeMarker(sql: Sql, marker: Marker) {
  const statement = await sql.query(
    "select format('comment on database %I is %L', current_database(), $1::text) as s",
    [JSON.stringify(marker)],
  );
  await sql.query(String(statement.rows[0]!.s));
}

function markerMatches(marker: Marker | null, logs: number, tenants: number): boolean {
  if (!marker) return false;
  const ageDays = (Date.now() - Date.parse(marker.filledOn)) / 86_400_000;
  return (
    marker.generator === GENERATOR_VERSION &&
    marker.logs === logs &&
    marker.tenants === tenants &&
    ageDays <= MAX_AGE_DAYS
  );
}

async function fillPostgresUrl(url: string, options: GenerateOptions): Promise<GenerateResult> {
  const database = openPostgres(url, { max: 1 });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sql = pgSql(client);
    const result = await fill(sql, "postgres", {
      ...options,
      workers: Number(process.env.BENCH_DATA_CONNECTIONS ?? 2),
      openWorker: async () => {
        const worker = new pg.Client({ connectionString: url });
        await worker.connect();
        return { sql: pgSql(worker), close: () => worker.end() };
      },
    });
    await writeMarker(sql, {
      generator: GENERATOR_VERSION,
      logs: result.logs,
      tenants: result.tenants,
      filledOn: new Date().toISOString(),
      seconds: Math.round(result.seconds),
    });
    return result;
  } finally {
    await client.end();
  }
}

/**
 * The bench's PostgreSQL database for `logs` logs on the server at `serverUrl`, created and
 * filled unless it is already filled by this generator version (or `fresh` asks to rebuild).
 */
export async function ensurePostgresBenchDatabase(input: {
  serverUrl: string;
  logs: number;
  tenants?: number;
  fresh?: boolean;
  print?: (line: string) => void;
}): Promise<{ url: string; filled: GenerateResult | null; marker: Marker | null }> {
  const print = input.print ?? ((line: string) => console.log(line));
  const name = benchDatabaseName(input.logs);
  const url = withDatabase(input.serverUrl, name);
  const tenants = input.tenants ?? defaultTenantCount(input.logs);
  const exists =
    (await admin(input.serverUrl, `select 1 from pg_database where datname = '${name}'`)).length >
    0;
  if (exists && !input.fresh) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const marker = await readMarker(pgSql(client)).finally(() => client.end());
    if (markerMatches(marker, input.logs, tenants)) {
      print(
        `${name}: already filled on ${marker!.filledOn.slice(0, 10)} (${format(input.logs)} logs), reused`,
      );
      return { url, filled: null, marker };
    }
    print(`${name}: exists but is not a complete fill of this generator version; rebuilding`);
  }
  if (exists) await admin(input.serverUrl, `drop database ${name} with (force)`);
  await admin(input.serverUrl, `create database ${name}`);
  const filled = await fillPostgresUrl(url, { logs: input.logs, tenants, print });
  return { url, filled, marker: null };
}

/** An embedded (PGlite) Laget data directory filled with `logs` logs, reused when already filled. */
export async function ensurePgliteBenchData(input: {
  dataDir: string;
  logs: number;
  tenants?: number;
  fresh?: boolean;
  print?: (line: string) => void;
}): Promise<{ filled: GenerateResult | null }> {
  const print = input.print ?? ((line: string) => console.log(line));
  if (input.logs > PGLITE_MAX_LOGS) {
    throw new Error(
      `PGlite holds at most ${format(PGLITE_MAX_LOGS)} bench logs; use PostgreSQL (--database-url) for ${format(input.logs)}`,
    );
  }
  const tenants = input.tenants ?? defaultTenantCount(input.logs);
  const pgliteDir = path.join(input.dataDir, "pglite");
  if (input.fresh && existsSync(pgliteDir)) rmSync(pgliteDir, { recursive: true, force: true });
  const database = await openPglite(pgliteDir);
  try {
    await database.migrate();
    const sql = pgliteSql(database.pglite);
    if (markerMatches(await readMarker(sql), input.logs, tenants)) {
      print(`${input.dataDir}: already filled (${format(input.logs)} logs), reused`);
      return { filled: null };
    }
    const existing = await sql.query("select count(*)::int as n from relay_logs");
    if (Number(existing.rows[0]!.n) > 0) {
      await database.close();
      rmSync(pgliteDir, { recursive: true, force: true });
      return ensurePgliteBenchData({ ...input, fresh: false });
    }
    const filled = await fill(sql, "pglite", { logs: input.logs, tenants, print });
    await writeMarker(sql, {
      generator: GENERATOR_VERSION,
      logs: filled.logs,
      tenants: filled.tenants,
      filledOn: new Date().toISOString(),
      seconds: Math.round(filled.seconds),
    });
    return { filled };
  } finally {
    await database.close().catch(() => undefined);
  }
}

export function printRows(result: GenerateResult, print: (line: string) => void = console.log) {
  print(`Rows written (${result.seconds.toFixed(0)} s in all):`);
  for (const table of tablesInOrder) {
    print(`  ${table.padEnd(26)}${format(result.rows[table] ?? 0).padStart(14)}`);
  }
}

function usage(): never {
  console.log(`Usage: npm run bench:data -- --logs N [--tenants N] [--database-url URL | --data-dir DIR] [--fresh]

  --logs N          relay logs to generate (1000 = municipality scale, 100000 = national scale)
  --tenants N       municipalities (default: one per ${format(LOGS_PER_TENANT)} logs)
  --database-url    fill this PostgreSQL database (it must hold no relay logs unless --fresh)
  --data-dir DIR    fill an embedded PGlite Laget data directory (at most ${format(PGLITE_MAX_LOGS)} logs)
  --fresh           drop and rebuild instead of reusing a filled database
Without --database-url or --data-dir: the database ${benchDatabaseName(1000)} / ${benchDatabaseName(100000)} …
on the server of BENCH_DATABASE_URL or TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432).
Bench user: ${BENCH_USER_EMAIL} / ${BENCH_PASSWORD}; start Laget with DATA_ENCRYPTION_KEY=${BENCH_DATA_ENCRYPTION_KEY}.`);
  process.exit(2);
}

async function main(argv: string[]) {
  const options: Record<string, string | true> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (!arg.startsWith("--")) usage();
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (name === "fresh" || name === "help") options[name] = true;
    else options[name] = inline ?? argv[++index] ?? usage();
  }
  if (options.help) usage();
  const logs = Number(options.logs);
  if (!Number.isInteger(logs) || logs < 1) usage();
  const tenants = options.tenants ? Number(options.tenants) : undefined;
  if (tenants !== undefined && (!Number.isInteger(tenants) || tenants < 1 || tenants > 999))
    usage();
  const fresh = options.fresh === true;
  let result: GenerateResult | null = null;
  if (typeof options["data-dir"] === "string") {
    result = (
      await ensurePgliteBenchData({
        dataDir: path.resolve(options["data-dir"]),
        logs,
        tenants,
        fresh,
      })
    ).filled;
  } else if (typeof options["database-url"] === "string") {
    const url = options["database-url"];
    if (fresh) {
      const name = new URL(url).pathname.slice(1);
      const maintenance = withDatabase(url, "postgres");
      await admin(
        maintenance,
        `drop database if exists "${name.replaceAll('"', '""')}" with (force)`,
      );
      await admin(maintenance, `create database "${name.replaceAll('"', '""')}"`);
    }
    result = await fillPostgresUrl(url, { logs, tenants });
  } else {
    result = (
      await ensurePostgresBenchDatabase({ serverUrl: defaultServerUrl, logs, tenants, fresh })
    ).filled;
  }
  if (result) printRows(result);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
