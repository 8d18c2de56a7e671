import { Hono } from "hono";
import type { AppEnv } from "../app.ts";
import type { Services } from "../services.ts";

/** The JSON API under /api/v1. */
export function createApi(services: Services) {
  const api = new Hono<AppEnv>();
  api.get("/me", (c) => {
    void services;
    const actor = c.get("state").actor;
    return c.json({ actor });
  });
  return api;
}
