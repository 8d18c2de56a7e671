import { Button, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link } from "react-router";
import { useT } from "../lib/i18n.tsx";
import { CsrfField, Notice } from "./forms.tsx";
import { Pager } from "./pager.tsx";

export interface FamilyNotificationsView {
  items: {
    id: string;
    kind: string;
    createdAt: string;
    read: boolean;
    logTitle: string | null;
    link: string | null;
  }[];
  page: number;
  pages: number;
  total: number;
  unread: number;
}

const PATH = "/varsler";

function pageHref(page: number): string {
  return page > 1 ? `${PATH}?side=${page}` : PATH;
}

/**
 * «Varsler» for a guardian or young person: what is new in the logs they take part in, newest
 * first, 25 a page; mark one or all as read. A list of cards that reads well at 320 px; read or
 * unread is said in words, not by colour alone. Plain forms: work without JavaScript.
 */
export function FamilyNotifications(props: {
  data: FamilyNotificationsView;
  notice: string | null;
}) {
  const t = useT();
  const { data } = props;
  const k = (key: string, options?: Record<string, unknown>) =>
    t(`family.rights.notify.${key}`, options);
  const r = (key: string, options?: Record<string, unknown>) =>
    t(`relayLog.close.reminders.${key}`, options);
  return (
    <div className="page family">
      <title>{`${k("title")} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {k("title")}
      </Heading>
      {props.notice ? <Notice>{t(props.notice)}</Notice> : null}
      <Paragraph>{k("intro")}</Paragraph>
      {data.total === 0 ? (
        <Paragraph role="status">{k("empty")}</Paragraph>
      ) : (
        <>
          <div className="notifications__summary">
            <Paragraph role="status">
              {r("total", { count: data.total })}, {r("unreadCount", { count: data.unread })}
            </Paragraph>
            {data.unread > 0 ? (
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="intent" value="readAll" />
                <input type="hidden" name="side" value={data.page} />
                <Button type="submit" variant="secondary">
                  {r("markAllRead")}
                </Button>
              </Form>
            ) : null}
          </div>
          <ul className="notifications" aria-label={r("listLabel")}>
            {data.items.map((item) => {
              const headingId = `varsel-${item.id}`;
              return (
                <li
                  key={item.id}
                  className={item.read ? "notification" : "notification notification--unread"}
                >
                  <Heading level={2} data-size="xs" id={headingId} className="notification__title">
                    <span className="notification__state">
                      {item.read ? r("read") : r("unread")}
                    </span>{" "}
                    {k(`kinds.${item.kind}`)}
                  </Heading>
                  <Paragraph data-size="sm">
                    {item.logTitle !== null
                      ? k("about", { name: item.logTitle })
                      : k("aboutHidden")}
                  </Paragraph>
                  <Paragraph data-size="sm" className="notification__time">
                    {r("createdAt", { date: item.createdAt })}
                  </Paragraph>
                  <div className="notification__actions">
                    {item.link ? (
                      <DsLink asChild>
                        <Link to={item.link} aria-describedby={headingId}>
                          {r("open")}
                        </Link>
                      </DsLink>
                    ) : null}
                    {item.read ? null : (
                      <Form method="post">
                        <CsrfField />
                        <input type="hidden" name="intent" value="read" />
                        <input type="hidden" name="id" value={item.id} />
                        <input type="hidden" name="side" value={data.page} />
                        <Button type="submit" variant="tertiary" aria-describedby={headingId}>
                          {r("markRead")}
                        </Button>
                      </Form>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          <Pager
            label={r("pagination")}
            page={data.page}
            pages={data.pages}
            href={pageHref}
            previousText={r("previous")}
            nextText={r("next")}
            positionText={r("pageOf", { page: data.page, pages: data.pages })}
          />
        </>
      )}
    </div>
  );
}
