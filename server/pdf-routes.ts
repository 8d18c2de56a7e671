import type { Context, Hono } from "hono";
import { slugPattern } from "../core/guide/paths.ts";
import { guidePageExists, guidePdf, pagePdf } from "../core/guide/pdf.ts";
import { AppError } from "../core/errors.ts";
import { findPublicTenant, getTenant, type Tenant } from "../core/tenants/tenants.ts";
import type { AppEnv } from "./app.ts";
import type { Services } from "./services.ts";

/**
 * GET /veileder.pdf (the whole published guide) and GET /veileder/<slug>.pdf (one toolbox
 * document or other guide page). Anonymous visitors get the public pages; internal pages only
 * reach signed-in staff, exactly as on the web pages.
 */
export function registerPdfRoutes(app: Hono<AppEnv>, services: Services) {
  app.get("/veileder.pdf", async (c) => {
    const { tenant, state } = await who(c, services);
    const pdf = await guidePdf({
      database: services.database,
      tenantId: tenant.id,
      viewer: state.actor,
      language: state.language,
      municipality: tenant.name,
    });
    return pdfResponse(c, pdf, "veileder.pdf");
  });

  app.get("/veileder/:file{[^/]+\\.pdf}", async (c) => {
    const slug = c.req.param("file").replace(/\.pdf$/, "");
    if (!slugPattern.test(slug)) throw new AppError("not_found", "errors.notFound");
    const { tenant, state } = await who(c, services);
    try {
      const pdf = await pagePdf({
        database: services.database,
        tenantId: tenant.id,
        viewer: state.actor,
        language: state.language,
        municipality: tenant.name,
        slug,
      });
      return pdfResponse(c, pdf, `${slug}.pdf`);
    } catch (error) {
      // An internal page asked for by someone not signed in: log in first, as the web page does.
      if (
        !state.actor &&
        error instanceof AppError &&
        error.code === "not_found" &&
        (await guidePageExists({ database: services.database, tenantId: tenant.id, slug }))
      ) {
        return c.redirect(`/logg-inn?returnTo=${encodeURIComponent(c.req.path)}`, 303);
      }
      throw error;
    }
  });
}

async function who(c: Context<AppEnv>, services: Services) {
  const state = c.get("state");
  let tenant: Tenant | null;
  if (state.actor?.tenantId) tenant = await getTenant(services.database, state.actor.tenantId);
  else tenant = await findPublicTenant(services.database, services.config.publicMunicipalityNumber);
  if (!tenant) throw new AppError("not_found", "errors.notFound");
  return { tenant, state };
}

function pdfResponse(c: Context<AppEnv>, pdf: Buffer, filename: string) {
  return c.body(new Uint8Array(pdf), 200, {
    "content-type": "application/pdf",
    "content-disposition": `inline; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
    // Internal pages may be in it: never in a shared cache.
    "cache-control": "private, no-cache",
  });
}
