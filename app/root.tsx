import "@digdir/designsystemet-css";
import "@digdir/designsystemet-css/theme";
import "./app.css";
import "./search.css";
import "./relay-log.css";
import "./family.css";
import "./print.css";
import { Button, Heading, Link as DsLink, Paragraph, SkipLink } from "@digdir/designsystemet-react";
import { useEffect, useRef, type ReactNode } from "react";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import type { Permission } from "../core/access/roles.ts";
import { unreadCount } from "../core/relay-log/reminders.ts";
import { familyUnreadCount } from "../core/relay-log/family-notify.ts";
import { defaultLanguage, htmlLang, languages, type Language } from "../i18n/index.ts";
import type { Route } from "./+types/root";
import { FeedbackEntry } from "./components/feedback.tsx";
import { CsrfField } from "./components/forms.tsx";
import { I18nProvider, useT } from "./lib/i18n.tsx";

export interface RootData {
  language: Language;
  csrfToken: string;
  municipality: string | null;
  user: { kind: "staff" | "citizen"; name: string | null; roles: string[] } | null;
  permissions: Permission[];
  requestId: string | null;
  /** Unread «Varsler» for the navigation label; null when not counted. */
  unreadNotifications: number | null;
}

export async function loader({ context }: Route.LoaderArgs): Promise<RootData> {
  const actor = context.actor;
  // One indexed count (tenant, user, read_at) for staff with the relay log; a failure only
  // drops the number from the label.
  const unreadNotifications =
    actor?.kind === "staff"
      ? await unreadCount({ database: context.services.database, actor }).catch(() => null)
      : actor?.kind === "citizen"
        ? await familyUnreadCount({ database: context.services.database, actor }).catch(() => null)
        : null;
  return {
    language: context.language,
    csrfToken: context.csrfToken,
    municipality: context.tenant?.name ?? null,
    user:
      actor && actor.kind !== "system"
        ? { kind: actor.kind, name: actor.name, roles: actor.kind === "staff" ? actor.roles : [] }
        : null,
    permissions: context.permissions,
    requestId: context.meta.requestId,
    unreadNotifications,
  };
}

export const links: Route.LinksFunction = () => [
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
];

interface NavItem {
  to: string;
  labelKey: string;
  permission?: Permission;
  staffOnly?: boolean;
  /** Shown to logged-in citizens (guardians, young people) only. */
  citizenOnly?: boolean;
  /** Shown to anonymous visitors only (a staff member sees the permission-gated item instead). */
  anonymousOnly?: boolean;
  /** The label with the number of unread notifications, when there are any. */
  unreadLabelKey?: string;
}

const navItems: NavItem[] = [
  { to: "/", labelKey: "nav.start" },
  { to: "/admin/enheter", labelKey: "nav.units", permission: "units.manage" },
  { to: "/admin/brukere", labelKey: "nav.users", permission: "users.manage" },
  { to: "/admin/innstillinger", labelKey: "nav.settings", permission: "tenant.manage" },
  { to: "/familie", labelKey: "family.home.navLabel", citizenOnly: true },
  {
    to: "/varsler",
    labelKey: "family.rights.notify.nav",
    unreadLabelKey: "family.rights.notify.navUnread",
    citizenOnly: true,
  },
  { to: "/min-side", labelKey: "nav.profile" },
  { to: "/api-dokumentasjon", labelKey: "nav.apiDocs", staffOnly: true },
  { to: "/veileder", labelKey: "guide.navLabel", permission: "guide.read" },
  { to: "/stafettlogger", labelKey: "nav.relayLogs", permission: "relaylog.use" },
  {
    to: "/implementering",
    labelKey: "implementation.common.navLabel",
    permission: "implementation.view",
  },
  {
    to: "/organisering",
    labelKey: "organisation.common.navLabel",
    permission: "implementation.view",
  },
  { to: "/opplaering", labelKey: "implementation.training.navLabel", permission: "competence.use" },
  { to: "/evaluering", labelKey: "evaluation.common.navLabel", permission: "reports.view" },
  { to: "/undersokelser", labelKey: "evaluation.surveys.navLabel", permission: "survey.answer" },
  {
    to: "/varsler",
    labelKey: "relayLog.close.reminders.nav",
    unreadLabelKey: "relayLog.close.reminders.navUnread",
    staffOnly: true,
  },
  {
    to: "/barn-som-parorende",
    labelKey: "relayLog.cases.nextOfKin.nav",
    permission: "relaylog.use",
  },
  { to: "/veileder", labelKey: "guide.navLabel", anonymousOnly: true },
  { to: "/hvem-kan-hjelpe", labelKey: "directory.navPublic" },
  { to: "/hvem-kan-hjelpe", labelKey: "directory.navPublic", anonymousOnly: true },
  { to: "/foresatte", labelKey: "publicSite.navGuardians", anonymousOnly: true },
  { to: "/ung", labelKey: "youth.nav", anonymousOnly: true },
  { to: "/admin/tjenester", labelKey: "directory.navAdmin", permission: "guide.edit" },
  { to: "/admin/tilbakemeldinger", labelKey: "feedback.nav", permission: "guide.edit" },
  { to: "/admin/innhold", labelKey: "editor.nav", permission: "guide.edit" },
];

function Header({ data }: { data: RootData | undefined }) {
  const t = useT();
  const location = useLocation();
  const returnTo = location.pathname + location.search;
  const user = data?.user ?? null;
  const visible = navItems.filter((item) =>
    item.anonymousOnly
      ? !user
      : user &&
        (!item.permission || data?.permissions.includes(item.permission)) &&
        (!item.staffOnly || user.kind === "staff") &&
        (!item.citizenOnly || user.kind === "citizen"),
  );
  return (
    <header className="site-header">
      <div className="site-header__top">
        <div className="site-header__brand">
          <a href="/" className="site-header__home">
            <span className="site-header__product">{t("app.name")}</span>
            {data?.municipality ? (
              <span className="site-header__municipality">{data.municipality}</span>
            ) : null}
          </a>
        </div>
        <div className="site-header__tools">
          <Form
            method="get"
            action="/sok"
            role="search"
            aria-label={t("search.headerLabel")}
            className="site-search"
          >
            <label htmlFor="site-search-q" className="visually-hidden">
              {t("search.headerLabel")}
            </label>
            <input
              id="site-search-q"
              name="q"
              type="search"
              className="ds-input site-search__input"
              autoComplete="off"
            />
            <Button type="submit" variant="secondary" data-size="sm">
              {t("search.headerSubmit")}
            </Button>
          </Form>
          <Form method="post" action="/sprak" reloadDocument className="language-form">
            <CsrfField />
            <input type="hidden" name="returnTo" value={returnTo} />
            <label htmlFor="language-select" className="language-form__label">
              {t("nav.language")}
            </label>
            <select
              id="language-select"
              name="language"
              defaultValue={data?.language ?? defaultLanguage}
              className="ds-input language-form__select"
            >
              {languages.map((language) => (
                <option key={language} value={language} lang={htmlLang[language]}>
                  {t(`languages.${language}`)}
                </option>
              ))}
            </select>
            <Button type="submit" variant="secondary" data-size="sm">
              {t("nav.changeLanguage")}
            </Button>
          </Form>
          {user ? (
            <Form method="post" action="/logg-ut" className="logout-form">
              <CsrfField />
              <span className="logout-form__name">
                {t("nav.signedInAs", { name: user.name ?? t("roles.citizen") })}
              </span>
              <Button type="submit" variant="secondary" data-size="sm">
                {t("nav.logout")}
              </Button>
            </Form>
          ) : location.pathname !== "/logg-inn" ? (
            <DsLink href="/logg-inn">{t("nav.login")}</DsLink>
          ) : null}
        </div>
      </div>
      {visible.length > 0 ? (
        <nav aria-label={t("nav.main")} className="site-nav">
          <ul>
            {visible.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"}>
                  {item.unreadLabelKey && data?.unreadNotifications
                    ? t(item.unreadLabelKey, { count: data.unreadNotifications })
                    : t(item.labelKey)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const language = data?.language ?? defaultLanguage;
  return (
    <html lang={htmlLang[language]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nProvider language={language}>
          <Chrome data={data}>{children}</Chrome>
        </I18nProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/** Feedback on every page of a municipality, except on the feedback form itself. */
function PageFeedback({ data }: { data: RootData | undefined }) {
  const t = useT();
  const { pathname } = useLocation();
  if (!data?.municipality || pathname === "/tilbakemelding") return null;
  return (
    <aside className="page-feedback" aria-label={t("feedback.title")}>
      <FeedbackEntry pagePath={pathname} />
    </aside>
  );
}

function Chrome({ data, children }: { data: RootData | undefined; children: ReactNode }) {
  const t = useT();
  return (
    <>
      <SkipLink href="#main">{t("nav.skipToContent")}</SkipLink>
      <Header data={data} />
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <PageFeedback data={data} />
      <footer className="site-footer">
        <Paragraph data-size="sm">{t("app.footer")}</Paragraph>
        <Paragraph data-size="sm">
          <DsLink href="/hva-er-nytt">{t("editor.whatsNew.title")}</DsLink>
        </Paragraph>
        {data?.municipality ? <Paragraph data-size="sm">{data.municipality}</Paragraph> : null}
      </footer>
    </>
  );
}

export default function App() {
  useFocusMainOnNavigation();
  return <Outlet />;
}

/**
 * After a client-side navigation, move focus to the main content, as a full page load would
 * reset it: otherwise focus stays on the clicked link and screen readers hear nothing change.
 */
function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.getElementById("main")?.focus();
  }, [pathname]);
}

/** Norwegian error pages for 403, 404 and 500, never with a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const data = useRouteLoaderData<RootData>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 403 ? "403" : status === 404 ? "404" : "500";
  // A domain reason for a 403 (e.g. "the log is frozen") says what to do; 404 never says more.
  const reasonKey =
    kind === "403" && isRouteErrorResponse(error) && typeof error.data?.messageKey === "string"
      ? (error.data.messageKey as string)
      : null;
  return (
    <div className="page">
      <title>{`${t(`errors.page${kind}Title`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`errors.page${kind}Title`)}
      </Heading>
      <Paragraph>{t(`errors.page${kind}Text`, { requestId: data?.requestId ?? "–" })}</Paragraph>
      {reasonKey && reasonKey !== "errors.forbidden" ? <Paragraph>{t(reasonKey)}</Paragraph> : null}
      <Paragraph>
        <DsLink href="/">{t("errors.toStart")}</DsLink>
      </Paragraph>
    </div>
  );
}
