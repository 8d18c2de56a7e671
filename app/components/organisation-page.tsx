import "./implementation-plan.css";
import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useT } from "../lib/i18n.tsx";
import { Notice } from "./forms.tsx";

export const ORGANISATION_HUB_PATH = "/organisering";

/**
 * The frame of every page of the organisation module (issue 8): «<heading> – Organisering –
 * Laget» as the title, the way back (to the hub unless told otherwise), the level-1 heading, the
 * area's sub-navigation when it has one, the flash notice, the content and the link to the
 * area's user guide.
 */
export function OrganisationPage(props: {
  heading: string;
  className: string;
  back?: { to: string; text: string };
  nav?: { label: string; items: { to: string; text: string; current: boolean }[] };
  notice?: string | null;
  help: { to: string; text: string };
  children: ReactNode;
}) {
  const t = useT();
  const back = props.back ?? {
    to: ORGANISATION_HUB_PATH,
    text: t("organisation.common.backToHub"),
  };
  return (
    <div className={`page ${props.className}`}>
      <title>{`${props.heading} – ${t("organisation.common.title")} – ${t("app.name")}`}</title>
      <Paragraph data-size="sm">
        <DsLink asChild>
          <Link to={back.to}>{back.text}</Link>
        </DsLink>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {props.heading}
      </Heading>
      {props.nav ? (
        <nav aria-label={props.nav.label} className="plan-nav">
          <ul>
            {props.nav.items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={item.current ? "page" : undefined}>
                  {item.text}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {props.notice ? <Notice>{props.notice}</Notice> : null}
      {props.children}
      <Paragraph data-size="sm" className="organisation-page__help">
        <DsLink asChild>
          <Link to={props.help.to}>{props.help.text}</Link>
        </DsLink>
      </Paragraph>
    </div>
  );
}
