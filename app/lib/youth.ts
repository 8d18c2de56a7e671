import { redirect, type AppLoadContext } from "react-router";
import { listDirectoryEntries } from "../../core/guide/directory.ts";
import { topics, type Topic } from "../../core/guide/kinds.ts";
import { toEntryView, type EntryView } from "../components/directory-entry.tsx";
import { listPages, loadPage, type ContentView, type PageSummary } from "./public-content.ts";

/** The youth portal's start page (content/nb/ung/ung.md). */
export const YOUTH_START_SLUG = "ung";
const EMERGENCY_FALLBACK = "/ung/nodnumre";

export interface YouthPageData {
  municipality: string;
  page: ContentView;
  isStart: boolean;
  isEmergency: boolean;
  emergencyPath: string;
  /** Topic pages as large links (start page only). */
  topicPages: PageSummary[];
  /** The directory's public entries for this page's topics (topic pages only). */
  help: EntryView[] | null;
}

function pageTopics(fields: Record<string, unknown>): Topic[] {
  const list = Array.isArray(fields.topics) ? fields.topics : [];
  return list.filter((topic): topic is Topic => (topics as readonly string[]).includes(topic));
}

/** Loads a youth page with what every youth page shows: the emergency link and, per topic, where to get help. */
export async function loadYouthPage(
  context: AppLoadContext,
  request: Request,
  slug: string,
): Promise<YouthPageData> {
  if (slug === YOUTH_START_SLUG && new URL(request.url).pathname !== "/ung") throw redirect("/ung");
  const page = await loadPage(context, request, "youth", slug);
  const all = await listPages(context, "youth");
  const emergency = all.find((candidate) => candidate.fields.emergency === true);
  const isStart = slug === YOUTH_START_SLUG;
  const isEmergency = page.fields.emergency === true;
  const wanted = pageTopics(page.fields);
  const help =
    wanted.length > 0 && context.tenant
      ? (
          await listDirectoryEntries({
            database: context.services.database,
            tenantId: context.tenant.id,
            viewer: context.actor,
            filters: { topics: wanted },
            // The portal is for young people: the same list whoever is signed in.
            publicOnly: true,
          })
        ).map(toEntryView)
      : null;
  return {
    municipality: context.tenant?.name ?? "",
    page,
    isStart,
    isEmergency,
    emergencyPath: emergency?.path ?? EMERGENCY_FALLBACK,
    topicPages: isStart
      ? all.filter(
          (candidate) => candidate.slug !== YOUTH_START_SLUG && candidate.fields.emergency !== true,
        )
      : [],
    help,
  };
}
