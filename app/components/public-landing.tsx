import "../styles/public-site.css";
import { Card, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link } from "react-router";
import { useT } from "../lib/i18n.tsx";

interface LandingCard {
  key: string;
  heading: string;
  text: string;
  to: string;
  link: string;
}

/** The start page for anonymous visitors: the model in short, where to get help, guardians, young people, login. */
export function PublicLanding(props: { municipality: string; modelPath: string | null }) {
  const t = useT();
  const { municipality } = props;
  const cards: LandingCard[] = [
    {
      key: "help",
      heading: t("publicSite.helpHeading"),
      text: t("publicSite.helpText"),
      to: "/hvem-kan-hjelpe",
      link: t("publicSite.helpLink"),
    },
    {
      key: "guardians",
      heading: t("publicSite.guardiansHeading"),
      text: t("publicSite.guardiansText"),
      to: "/foresatte",
      link: t("publicSite.guardiansLink"),
    },
    {
      key: "youth",
      heading: t("publicSite.youthHeading", { municipality }),
      text: t("publicSite.youthText"),
      to: "/ung",
      link: t("publicSite.youthLink"),
    },
    {
      key: "login",
      heading: t("publicSite.loginHeading"),
      text: t("publicSite.loginText"),
      to: "/logg-inn",
      link: t("publicSite.loginLink"),
    },
  ];
  return (
    <div className="page">
      <title>{`${municipality} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t("publicSite.title", { municipality })}
      </Heading>
      <Paragraph data-size="lg">{t("publicSite.intro")}</Paragraph>
      <section aria-labelledby="model-heading" className="page">
        <Heading level={2} data-size="md" id="model-heading">
          {t("publicSite.modelHeading")}
        </Heading>
        <Paragraph>{t("publicSite.modelText")}</Paragraph>
        {props.modelPath ? (
          <Paragraph>
            <DsLink asChild>
              <Link to={props.modelPath}>{t("publicSite.modelLink")}</Link>
            </DsLink>
          </Paragraph>
        ) : null}
      </section>
      <ul className="landing-cards">
        {cards.map((card) => (
          <li key={card.key}>
            <Card data-color="neutral">
              <Heading level={2} data-size="sm">
                {card.heading}
              </Heading>
              <Paragraph>{card.text}</Paragraph>
              <Paragraph>
                <DsLink asChild>
                  <Link to={card.to}>{card.link}</Link>
                </DsLink>
              </Paragraph>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
