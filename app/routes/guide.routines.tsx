import { useLoaderData } from "react-router";
import { GuideIndexPage } from "../components/guide-list.tsx";
import { listGuidePages, listView } from "../lib/guide-data.ts";
import type { Route } from "./+types/guide.routines";

export async function loader({ context }: Route.LoaderArgs) {
  return { items: (await listGuidePages(context, { kind: "routine" })).map(listView) };
}

export default function GuideRoutines() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <GuideIndexPage
      titleKey="guide.routinesTitle"
      introKey="guide.routinesIntro"
      emptyKey="guide.routinesEmpty"
      items={items}
    />
  );
}
