import { index, route, type RouteConfig } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("logg-inn", "routes/login.tsx"),
  route("logg-ut", "routes/logout.tsx"),
  route("admin/enheter", "routes/admin.units.tsx"),
  route("admin/enheter/ny", "routes/admin.units.new.tsx"),
  route("admin/enheter/:unitId", "routes/admin.units.edit.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
