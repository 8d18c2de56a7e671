import { Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useT } from "../lib/i18n.tsx";

/** What the public pages need of an entry: plain data, no server types. */
export interface EntryView {
  id: string;
  name: string;
  offers: string;
  topics: string[];
  ageFrom: number;
  ageTo: number;
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
  howToRefer: string;
  openingHours: string;
  public: boolean;
  active: boolean;
}

export function toEntryView(entry: EntryView): EntryView {
  return {
    id: entry.id,
    name: entry.name,
    offers: entry.offers,
    topics: entry.topics,
    ageFrom: entry.ageFrom,
    ageTo: entry.ageTo,
    phone: entry.phone,
    email: entry.email,
    website: entry.website,
    address: entry.address,
    howToRefer: entry.howToRefer,
    openingHours: entry.openingHours,
    public: entry.public,
    active: entry.active,
  };
}

/** A phone number as a tel: URI: digits and a leading + only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

/** The contact lines of an entry as a description list (phone, e-mail, website, address). */
export function EntryContact({ entry }: { entry: EntryView }) {
  const t = useT();
  const rows: { label: string; value: ReactNode }[] = [];
  if (entry.phone) {
    rows.push({
      label: t("directory.public.phone"),
      value: <DsLink href={telHref(entry.phone)}>{entry.phone}</DsLink>,
    });
  }
  if (entry.email) {
    rows.push({
      label: t("directory.public.email"),
      value: <DsLink href={`mailto:${entry.email}`}>{entry.email}</DsLink>,
    });
  }
  if (entry.website) {
    rows.push({
      label: t("directory.public.website"),
      value: <DsLink href={entry.website}>{entry.website.replace(/^https:\/\//, "")}</DsLink>,
    });
  }
  if (entry.address) rows.push({ label: t("directory.public.address"), value: entry.address });
  if (entry.openingHours) {
    rows.push({ label: t("directory.public.openingHours"), value: entry.openingHours });
  }
  if (rows.length === 0) return null;
  return (
    <dl className="entry__facts">
      {rows.map((row) => (
        <div key={row.label} className="entry__fact">
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One entry in a result list: name (linking to its page), offers, ages, topics, how to reach it. */
export function EntryCard({
  entry,
  headingLevel = 3,
}: {
  entry: EntryView;
  headingLevel?: 2 | 3 | 4;
}) {
  const t = useT();
  return (
    <article className="entry" aria-labelledby={`entry-${entry.id}`}>
      <Heading level={headingLevel} data-size="sm" id={`entry-${entry.id}`}>
        <DsLink asChild>
          <Link to={`/hvem-kan-hjelpe/${entry.id}`}>{entry.name}</Link>
        </DsLink>
      </Heading>
      {!entry.public ? (
        <Paragraph data-size="sm">
          <Tag data-color="warning">{t("directory.public.internal")}</Tag>
        </Paragraph>
      ) : null}
      {entry.offers ? (
        <Paragraph>
          <strong>{t("directory.public.offers")}:</strong> {entry.offers}
        </Paragraph>
      ) : null}
      <Paragraph data-size="sm">
        <strong>{t("directory.public.ages")}:</strong>{" "}
        {t("directory.public.ageRange", { from: entry.ageFrom, to: entry.ageTo })}
        {entry.topics.length > 0 ? (
          <>
            {" · "}
            <strong>{t("directory.public.topicsLabel")}:</strong>{" "}
            {entry.topics.map((topic) => t(`guide.topic.${topic}`)).join(", ")}
          </>
        ) : null}
      </Paragraph>
      {entry.howToRefer ? (
        <Paragraph>
          <strong>{t("directory.public.howToRefer")}:</strong> {entry.howToRefer}
        </Paragraph>
      ) : null}
      <EntryContact entry={entry} />
    </article>
  );
}
