import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { spawnLaget } from "./laget-process.ts";

declare module "vitest" {
  export interface ProvidedContext {
    lagetUrl: string;
    seededDataDir: string;
  }
}

/**
 * The demo municipality seeded once for the run, and one Laget for the browser suite's files that
 * can share it (see `sharedLaget` in e2e.ts). A first start on a fresh PGlite folder migrates and
 * seeds (5–15 s on a busy 2-core machine); a start on a folder that already holds the data takes
 * about a third of that. So the setup starts Laget once on a fresh folder as a new user would,
 * stops it, and keeps that folder: the shared server and every server a file starts for state of
 * its own (`startLaget`, `seededDataDir`) start from a copy of it, as Laget restarts.
 */
export default async function setup(project: TestProject) {
  const seeded = mkdtempSync(path.join(tmpdir(), "laget-seeded-"));
  try {
    const first = await spawnLaget({ dataDir: seeded });
    // It says whether it seeded right after the line spawnLaget waits for.
    const said = /Demodata for Fjordvik kommune (er lagt inn|finnes fra før)/;
    for (let waited = 0; !said.test(first.output()) && waited < 30_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await first.stop();
    if (!first.output().includes("Demodata for Fjordvik kommune er lagt inn")) {
      throw new Error(`The first start did not seed the demo municipality:\n${first.output()}`);
    }
    const server = await spawnLaget({ dataDirFrom: seeded });
    project.provide("lagetUrl", server.url);
    project.provide("seededDataDir", seeded);
    return async () => {
      await server.stop();
      rmSync(seeded, { recursive: true, force: true });
    };
  } catch (error) {
    rmSync(seeded, { recursive: true, force: true });
    throw error;
  }
}
