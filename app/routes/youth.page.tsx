import "../styles/public-site.css";
import { useLoaderData } from "react-router";
import { YouthPage } from "../components/youth-page.tsx";
import { loadYouthPage } from "../lib/youth.ts";
import type { Route } from "./+types/youth.page";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  return loadYouthPage(context, request, params.slug);
}

export default function YouthTopicPage() {
  return <YouthPage data={useLoaderData<typeof loader>()} />;
}
