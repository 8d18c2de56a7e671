import { useLoaderData } from "react-router";
import { GuideIndexPage } from "../components/guide-list.tsx";
import { listGuidePages, listView } from "../lib/guide-data.ts";
import type { Route } from "./+types/guide.tools";

export async function loader({ context }: Route.LoaderArgs) {
  return { items: (await listGuidePages(context, { kind: "tool" })).map(listView) };
}

export default function GuideTools() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <GuideIndexPage
      titleKey="guide.toolsTitle"
      introKey="guide.toolsIntro"
      emptyKey="guide.toolsEmpty"
      items={items}
    />
  );
}
