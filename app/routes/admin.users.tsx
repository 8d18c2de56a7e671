import {
  Button,
  Heading,
  Input,
  Label,
  Link as DsLink,
  Paragraph,
  Table,
  Tag,
} from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData, useSearchParams } from "react-router";
import { listUnits } from "../../core/units/units.ts";
import { listUsers } from "../../core/users/users.ts";
import { Notice } from "../components/forms.tsx";
import { formatDateTime } from "../lib/format-date.ts";
import { useT } from "../lib/i18n.tsx";
import { requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/admin.users";

const PAGE_SIZE = 25;

type UserStatus = "active" | "inactive" | "locked";

const knownNotices = new Set(["users.created", "users.deactivated", "users.reactivated"]);

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "users.manage");
  const url = new URL(request.url);
  const search = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const page = Number.parseInt(url.searchParams.get("side") ?? "1", 10);
  const { database } = context.services;
  const result = await listUsers({
    database,
    actor,
    meta: context.meta,
    search,
    page,
    pageSize: PAGE_SIZE,
  });
  const units = await listUnits({ database, actor, includeInactive: true });
  const unitNames = new Map(units.map((unit) => [unit.id, unit.name]));
  const now = new Date();
  return {
    search,
    page: result.page,
    pages: Math.max(Math.ceil(result.total / result.pageSize), 1),
    total: result.total,
    users: result.users.map((user) => {
      const locked = user.lockedUntil !== null && user.lockedUntil > now;
      const status: UserStatus = !user.active ? "inactive" : locked ? "locked" : "active";
      return {
        id: user.id,
        name: user.name,
        email: user.email,
        roles: user.roles,
        units: user.unitIds
          .map((id) => unitNames.get(id))
          .filter((name): name is string => name !== undefined)
          .sort((a, b) => a.localeCompare(b, "nb")),
        status,
        lastLogin: user.lastLoginAt ? formatDateTime(user.lastLoginAt, context.language) : null,
      };
    }),
  };
}

const statusColor: Record<UserStatus, "success" | "neutral" | "warning"> = {
  active: "success",
  inactive: "neutral",
  locked: "warning",
};

/** The list URL for a page, keeping the search. */
function pageHref(page: number, search: string): string {
  const params = new URLSearchParams();
  if (search) params.set("q", search);
  if (page > 1) params.set("side", String(page));
  const query = params.toString();
  return query ? `/admin/brukere?${query}` : "/admin/brukere";
}

export default function UsersPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("melding");
  const statusText = (status: UserStatus) =>
    status === "inactive"
      ? t("users.inactive")
      : status === "locked"
        ? t("users.locked")
        : t("users.active");
  return (
    <div className="page">
      <title>
        {data.pages > 1
          ? `${t("users.title")} (${t("users.pageOf", { page: data.page, pages: data.pages })}) – ${t("app.name")}`
          : `${t("users.title")} – ${t("app.name")}`}
      </title>
      <Heading level={1} data-size="lg">
        {t("users.title")}
      </Heading>
      {notice && knownNotices.has(notice) ? (
        <Notice>{t(notice, { name: params.get("navn") ?? "" })}</Notice>
      ) : null}
      <Paragraph>{t("users.intro")}</Paragraph>
      <div className="actions">
        <Button asChild>
          <Link to="/admin/brukere/ny">{t("users.new")}</Link>
        </Button>
      </div>

      <Form method="get" role="search" className="search-form">
        <Label htmlFor="user-search">{t("users.search")}</Label>
        <div className="search-form__row">
          <Input
            id="user-search"
            name="q"
            type="search"
            defaultValue={data.search}
            maxLength={200}
            autoComplete="off"
          />
          <Button type="submit" variant="secondary">
            {t("users.searchButton")}
          </Button>
        </div>
      </Form>
      {data.search ? (
        <Paragraph>
          <DsLink asChild>
            <Link to="/admin/brukere">{t("users.showAll")}</Link>
          </DsLink>
        </Paragraph>
      ) : null}

      {data.total === 0 ? (
        <Paragraph role="status">{data.search ? t("users.noHits") : t("users.empty")}</Paragraph>
      ) : (
        <>
          <Paragraph role="status">{t("users.total", { count: data.total })}</Paragraph>
          <div className="table-wrapper">
            <Table data-size="sm">
              <caption className="visually-hidden">
                {t("users.title")}
                {data.pages > 1
                  ? `, ${t("users.pageOf", { page: data.page, pages: data.pages })}`
                  : ""}
              </caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("users.name")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("users.email")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("users.roles")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("users.units")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("users.status")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("users.lastLogin")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("users.actions")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {data.users.map((user) => (
                  <Table.Row key={user.id}>
                    <Table.Cell>{user.name}</Table.Cell>
                    <Table.Cell>
                      <EmailText email={user.email} />
                    </Table.Cell>
                    <Table.Cell>
                      {user.roles.map((role) => t(`roles.${role}`)).join(", ")}
                    </Table.Cell>
                    <Table.Cell>
                      {user.units.length > 0 ? user.units.join(", ") : t("users.noUnits")}
                    </Table.Cell>
                    <Table.Cell>
                      <Tag data-color={statusColor[user.status]}>{statusText(user.status)}</Tag>
                    </Table.Cell>
                    <Table.Cell>{user.lastLogin ?? t("users.never")}</Table.Cell>
                    <Table.Cell>
                      <DsLink asChild>
                        <Link
                          to={`/admin/brukere/${user.id}`}
                          aria-label={t("users.editNamed", { name: user.name })}
                        >
                          {t("users.edit")}
                        </Link>
                      </DsLink>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          {data.pages > 1 ? (
            <Pagination page={data.page} pages={data.pages} search={data.search} />
          ) : null}
        </>
      )}
    </div>
  );
}

/** An address may wrap after the @ in a narrow column, never in the middle of a word. */
function EmailText({ email }: { email: string }) {
  const at = email.indexOf("@");
  if (at < 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}

/** Previous/next links with the position in words: plain links, so they work without JavaScript. */
function Pagination({ page, pages, search }: { page: number; pages: number; search: string }) {
  const t = useT();
  return (
    <nav aria-label={t("users.pagination")} className="pager">
      <ul className="pager__list">
        {page > 1 ? (
          <li>
            <DsLink asChild>
              <Link to={pageHref(page - 1, search)} rel="prev">
                {t("users.previous")}
              </Link>
            </DsLink>
          </li>
        ) : null}
        <li className="pager__position">{t("users.pageOf", { page, pages })}</li>
        {page < pages ? (
          <li>
            <DsLink asChild>
              <Link to={pageHref(page + 1, search)} rel="next">
                {t("users.next")}
              </Link>
            </DsLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
