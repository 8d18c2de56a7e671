import { eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { tenants, units } from "../../db/schema/index.ts";
import { htmlLang, languages, translator, type Language } from "../../i18n/index.ts";
import type { Actor, RequestMeta } from "../access/actor.ts";
import { auditLogChange, assertRelayLogUser, requireLog } from "./access.ts";
import { ArchiveWriter } from "./archive-pdf.ts";

/**
 * The paper fallback for consent: a blank, printable consent form (tagged PDF) for a family who
 * cannot or will not consent in Laget, in bokmål, nynorsk or English (the form's own language,
 * chosen by the relay holder, whatever the page's language). It lists the log's units to tick,
 * with empty lines for the child, names, dates and signatures. The child's name is not printed:
 * the holder hands it over in person and the family fills it in. Only the relay holder makes it;
 * it is audited (relaylog.blank_consent_form_printed with the language).
 */
export async function blankConsentForm(input: {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
  logId: string;
  formLanguage: string;
}): Promise<{ pdf: Buffer; filename: string }> {
  const actor = assertRelayLogUser(input.actor);
  const language: Language = (languages as readonly string[]).includes(input.formLanguage)
    ? (input.formLanguage as Language)
    : "nb";
  const t = translator(language);
  const k = (key: string, params?: Record<string, unknown>) =>
    t(`family.rights.blankForm.${key}`, params ?? {});
  return input.database.tenant(actor.tenantId, async (tx) => {
    const { log } = await requireLog(tx, {
      actor,
      meta: input.meta,
      logId: input.logId,
      need: "holder",
    });
    const [tenant] = await tx
      .select({ name: tenants.name })
      .from(tenants)
      .where(eq(tenants.id, log.tenantId));
    const unitRows =
      log.unitIds.length === 0
        ? []
        : await tx
            .select({ id: units.id, name: units.name })
            .from(units)
            .where(inArray(units.id, log.unitIds));
    const municipality = tenant?.name ?? "";
    const unitNames = log.unitIds
      .map((id) => unitRows.find((row) => row.id === id)?.name)
      .filter((name): name is string => Boolean(name));
    const writer = new ArchiveWriter({
      title: k("title"),
      subject: k("title"),
      lang: htmlLang[language],
      author: municipality,
    });
    const line = "______________________________";
    const top = writer.section();
    writer.heading(top, 1, k("title"));
    writer.paragraph(top, municipality);
    writer.paragraph(top, k("intro"));
    top.end();

    const what = writer.section();
    writer.heading(what, 2, k("whatHeading"));
    writer.paragraph(what, k("what"));
    writer.heading(what, 3, k("unitsHeading"));
    if (unitNames.length > 0) {
      writer.facts(
        what,
        unitNames.map((name) => ({ label: "[  ]", value: name })),
      );
    } else {
      writer.paragraph(what, `${k("noUnits")} ${line}`);
    }
    what.end();

    const withdraw = writer.section();
    writer.heading(withdraw, 2, k("withdrawHeading"));
    writer.paragraph(withdraw, k("withdraw"));
    writer.heading(withdraw, 2, k("rightsHeading"));
    writer.paragraph(withdraw, k("rights"));
    withdraw.end();

    const child = writer.section();
    writer.heading(child, 2, k("childHeading"));
    writer.facts(child, [
      { label: k("childName"), value: line },
      { label: k("childBirthDate"), value: line },
    ]);
    child.end();

    const sign = writer.section();
    writer.heading(sign, 2, k("signHeading"));
    writer.paragraph(sign, k("signIntro"));
    for (let signer = 1; signer <= 3; signer += 1) {
      writer.heading(sign, 3, `${k("signature")} ${signer}`);
      writer.facts(sign, [
        { label: k("signName"), value: line },
        { label: k("signRole"), value: line },
        { label: k("signDate"), value: line },
        { label: k("signature"), value: line },
      ]);
    }
    sign.end();

    const pdf = await writer.finish(k("footer", { municipality }));
    await auditLogChange(tx, {
      type: "relaylog.blank_consent_form_printed",
      actor,
      meta: input.meta,
      log,
      details: { language },
    });
    return { pdf, filename: `samtykkeskjema-${language}.pdf` };
  });
}
