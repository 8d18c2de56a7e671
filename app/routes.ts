import { index, route, type RouteConfig } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("logg-inn", "routes/login.tsx"),
  route("logg-ut", "routes/logout.tsx"),
  route("admin/enheter", "routes/admin.units.tsx"),
  route("admin/enheter/ny", "routes/admin.units.new.tsx"),
  route("admin/enheter/:unitId", "routes/admin.units.edit.tsx"),
  route("admin/brukere", "routes/admin.users.tsx"),
  route("admin/brukere/ny", "routes/admin.users.new.tsx"),
  route("admin/brukere/:userId", "routes/admin.users.edit.tsx"),
  route("admin/innstillinger", "routes/admin.settings.tsx"),
  route("min-side", "routes/profile.tsx"),
  route("api-dokumentasjon", "routes/api-docs.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
