import type { TestProject } from "vitest/node";
import { spawnLaget } from "./laget-process.ts";

declare module "vitest" {
  export interface ProvidedContext {
    lagetUrl: string;
  }
}

/**
 * One Laget on a fresh PGlite folder for the browser suite's files that can share it (see
 * `sharedLaget` in e2e.ts): a first start with seeding costs 5–15 s on a busy 2-core machine,
 * and paying that once instead of once per file keeps the e2e project fast.
 */
export default async function setup(project: TestProject) {
  const server = await spawnLaget();
  project.provide("lagetUrl", server.url);
  return () => server.stop();
}
