import "../styles/public-site.css";
import { useLoaderData } from "react-router";
import { YouthPage } from "../components/youth-page.tsx";
import { loadYouthPage, YOUTH_START_SLUG } from "../lib/youth.ts";
import type { Route } from "./+types/youth";

export async function loader({ context, request }: Route.LoaderArgs) {
  return loadYouthPage(context, request, YOUTH_START_SLUG);
}

export default function YouthStartPage() {
  return <YouthPage data={useLoaderData<typeof loader>()} />;
}
