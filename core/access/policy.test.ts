import { describe, expect, it } from "vitest";
import { systemActor, type Actor } from "./actor.ts";
import { assertCan, assertSameTenant, can, permissionsOf } from "./policy.ts";
import {
  permissions,
  rolePermissions,
  staffRoles,
  type Permission,
  type StaffRole,
  type TokenScope,
} from "./roles.ts";

const tenantId = "00000000-0000-4000-8000-000000000001";

function staff(roles: StaffRole[], tokenScopes?: TokenScope[]): Actor {
  return {
    kind: "staff",
    userId: "00000000-0000-4000-8000-0000000000aa",
    tenantId,
    name: "Test Ansatt",
    email: "test@testvik.example",
    roles,
    unitIds: [],
    ...(tokenScopes ? { tokenScopes } : {}),
  };
}

const granted = (role: StaffRole) =>
  permissions.filter((permission) => rolePermissions[role][permission]);

describe("role permissions", () => {
  it.each(staffRoles)("%s has exactly the permissions the map gives it", (role) => {
    const actor = staff([role]);
    for (const permission of permissions) {
      expect(can(actor, permission), `${role} ${permission}`).toBe(
        rolePermissions[role][permission],
      );
    }
    expect([...permissionsOf(actor)].sort()).toEqual([...granted(role)].sort());
  });

  it("covers every permission for every role", () => {
    for (const role of staffRoles) {
      expect(Object.keys(rolePermissions[role]).sort()).toEqual([...permissions].sort());
    }
  });

  it("keeps administration with the admin role only", () => {
    const adminOnly: Permission[] = ["units.manage", "users.manage", "tenant.manage", "audit.view"];
    for (const permission of adminOnly) {
      expect(staffRoles.filter((role) => rolePermissions[role][permission])).toEqual(["admin"]);
    }
  });

  it("gives a user with several roles the union of them", () => {
    const actor = staff(["employee", "admin"]);
    const expected = permissions.filter(
      (p) => rolePermissions.employee[p] || rolePermissions.admin[p],
    );
    expect([...permissionsOf(actor)].sort()).toEqual([...expected].sort());
    expect(can(actor, "relaylog.use")).toBe(true);
    expect(can(actor, "users.manage")).toBe(true);
  });

  it("gives a staff user without roles nothing", () => {
    expect(permissionsOf(staff([]))).toEqual([]);
  });
});

describe("token scopes", () => {
  it("limit a role's permissions to what the scope lends", () => {
    const readOnly = staff(["admin"], ["read"]);
    expect(can(readOnly, "start.view")).toBe(true);
    expect(can(readOnly, "guide.read")).toBe(true);
    expect(can(readOnly, "users.manage")).toBe(false);
    expect(can(readOnly, "audit.view")).toBe(false);
    expect(can(readOnly, "api.tokens")).toBe(false);

    const write = staff(["coordinator"], ["write"]);
    expect(can(write, "guide.edit")).toBe(true);
    expect(can(write, "guide.read")).toBe(true);
    expect(can(write, "implementation.manage")).toBe(true);
    expect(can(write, "api.tokens")).toBe(false);
  });

  it("never add permissions the roles do not have", () => {
    const employeeAdminScope = staff(["employee"], ["read", "write", "admin"]);
    expect([...permissionsOf(employeeAdminScope)].sort()).toEqual([...granted("employee")].sort());
    expect(can(employeeAdminScope, "users.manage")).toBe(false);
  });

  it("an admin-scoped token has all of the role's permissions", () => {
    for (const role of staffRoles) {
      expect([...permissionsOf(staff([role], ["admin"]))].sort()).toEqual(
        [...granted(role)].sort(),
      );
    }
  });

  it("a token with no scopes can do nothing", () => {
    expect(permissionsOf(staff(["admin"], []))).toEqual([]);
  });
});

describe("citizens, anonymous and system", () => {
  const citizen: Actor = { kind: "citizen", citizenId: "c1", tenantId, name: "Forelder" };

  it("citizens get no staff permissions", () => {
    expect(permissionsOf(citizen)).toEqual([]);
    for (const permission of permissions) expect(can(citizen, permission)).toBe(false);
    expect(() => assertCan(citizen, "start.view")).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });

  it("anonymous visitors get nothing and are asked to log in", () => {
    expect(permissionsOf(null)).toEqual([]);
    for (const permission of permissions) expect(can(null, permission)).toBe(false);
    expect(() => assertCan(null, "start.view")).toThrow(
      expect.objectContaining({ code: "unauthenticated" }),
    );
  });

  it("the system actor (CLI, jobs) may do everything", () => {
    expect([...permissionsOf(systemActor(tenantId))].sort()).toEqual([...permissions].sort());
  });

  it("assertCan lets a permitted staff user through and stops others with forbidden", () => {
    expect(() => assertCan(staff(["admin"]), "users.manage")).not.toThrow();
    expect(() => assertCan(staff(["employee"]), "users.manage")).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });

  it("another tenant's object looks like it does not exist", () => {
    expect(() =>
      assertSameTenant(staff(["admin"]), "00000000-0000-4000-8000-000000000002"),
    ).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => assertSameTenant(staff(["admin"]), tenantId)).not.toThrow();
  });
});
