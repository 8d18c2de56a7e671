import { Card, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { useLoaderData } from "react-router";
import type { Permission } from "../../core/access/roles.ts";
import { listUnits } from "../../core/units/units.ts";
import { can } from "../../core/access/policy.ts";
import { listMyWorryReminders, osloDate } from "../../core/guide/worry.ts";
import { attentionThisWeek } from "../../core/relay-log/logs.ts";
import { AttentionPanel } from "../components/relay-log-attention.tsx";
import { WorryReminders } from "../components/worry-fields.tsx";
import { PublicLanding } from "../components/public-landing.tsx";
import { useT } from "../lib/i18n.tsx";
import { modelPagePath } from "../lib/public-content.ts";
import type { Route } from "./+types/home";

export async function loader({ context }: Route.LoaderArgs) {
  const actor = context.actor;
  const municipality = context.tenant?.name ?? "";
  if (!actor || actor.kind === "system") {
    return { kind: "public" as const, municipality, modelPath: await modelPagePath(context) };
  }
  if (actor.kind === "citizen") return { kind: "citizen" as const, municipality, name: actor.name };
  const units = await listUnits({ database: context.services.database, actor });
  return {
    kind: "staff" as const,
    municipality,
    name: actor.name,
    roles: actor.roles,
    unitNames: units.filter((unit) => actor.unitIds.includes(unit.id)).map((unit) => unit.name),
    permissions: context.permissions,
    // "Frist om 2 dager": the author's own undecided worry notes whose reminder has gone out.
    worryReminders: can(actor, "guide.read")
      ? await listMyWorryReminders({ database: context.services.database, actor })
      : [],
    // "Dette trenger oppmerksomhet denne uken": counts and colleagues' names, no child data.
    attention: can(actor, "relaylog.use")
      ? await attentionThisWeek({ database: context.services.database, actor })
      : null,
    today: osloDate(),
  };
}

interface StartCard {
  permission: Permission;
  to: string | null;
  titleKey: string;
  textKey: string;
}

/** Start cards by permission: what this role can do. Modules still to come are described, not linked. */
const startCards: StartCard[] = [
  {
    permission: "relaylog.use",
    to: "/stafettlogger",
    titleKey: "nav.relayLogs",
    textKey: "relayLog.open.startCardText",
  },
  {
    permission: "guide.read",
    to: "/bekymring",
    titleKey: "worry.title",
    textKey: "worry.startCardText",
  },
  {
    permission: "guide.read",
    to: "/mine-bekymringer",
    titleKey: "worry.mine.title",
    textKey: "worry.mineCardText",
  },
  {
    permission: "units.manage",
    to: "/admin/enheter",
    titleKey: "nav.units",
    textKey: "start.cards.units",
  },
  {
    permission: "users.manage",
    to: "/admin/brukere",
    titleKey: "nav.users",
    textKey: "start.cards.users",
  },
  {
    permission: "tenant.manage",
    to: "/admin/innstillinger",
    titleKey: "nav.settings",
    textKey: "start.cards.settings",
  },
  {
    permission: "start.view",
    to: "/min-side",
    titleKey: "nav.profile",
    textKey: "start.cards.profile",
  },
];

export default function Home() {
  const t = useT();
  const data = useLoaderData<typeof loader>();

  if (data.kind === "public") {
    return <PublicLanding municipality={data.municipality} modelPath={data.modelPath} />;
  }

  if (data.kind === "citizen") {
    return (
      <div className="page">
        <title>{`${t("start.title")} – ${t("app.name")}`}</title>
        <Heading level={1} data-size="lg">
          {t("start.citizenTitle", { name: data.name ? `, ${data.name}` : "" })}
        </Heading>
        <Paragraph>{t("start.citizenIntro")}</Paragraph>
        <Paragraph>{t("family.home.startLinkIntro")}</Paragraph>
        <Paragraph>
          <DsLink href="/familie">{t("family.home.startLink")}</DsLink>
        </Paragraph>
      </div>
    );
  }

  const cards = startCards.filter((card) => data.permissions.includes(card.permission));
  return (
    <div className="page">
      <title>{`${t("start.title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("start.welcome", { name: data.name })}
      </Heading>
      <Paragraph>
        {t("start.rolesLine", { roles: data.roles.map((role) => t(`roles.${role}`)).join(", ") })}
      </Paragraph>
      <Paragraph>
        {data.unitNames.length > 0
          ? t("start.unitsLine", { units: data.unitNames.join(", ") })
          : t("start.noUnits")}
      </Paragraph>
      <WorryReminders reminders={data.worryReminders} today={data.today} />
      <AttentionPanel attention={data.attention} />
      <Heading level={2} data-size="md">
        {t("start.cardsHeading")}
      </Heading>
      <ul className="cards">
        {cards.map((card) => (
          <li key={card.titleKey}>
            <Card data-color="neutral">
              <Heading level={3} data-size="xs">
                {card.to ? <DsLink href={card.to}>{t(card.titleKey)}</DsLink> : t(card.titleKey)}
              </Heading>
              <Paragraph>{t(card.textKey)}</Paragraph>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
