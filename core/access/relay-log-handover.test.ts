import { describe, expect, it } from "vitest";
import type { Actor } from "./actor.ts";
import { mayDecideHandover, mayReceiveBaton } from "./relay-log.ts";

const tenantId = "11111111-1111-4111-8111-111111111111";
const receiver: Actor = {
  kind: "staff",
  userId: "22222222-2222-4222-8222-222222222222",
  tenantId,
  name: "Mottaker",
  email: "mottaker@testvik.example",
  roles: ["employee"],
  unitIds: [],
};
const pending = { tenantId, toUserId: receiver.userId, state: "pending" };

describe("who decides a handover of the baton", () => {
  it("is the addressee alone, in their municipality, while it is pending", () => {
    expect(mayDecideHandover(receiver, pending)).toBe(true);
    expect(mayDecideHandover(receiver, { ...pending, state: "accepted" })).toBe(false);
    expect(mayDecideHandover(receiver, { ...pending, state: "cancelled" })).toBe(false);
    expect(
      mayDecideHandover({ ...receiver, userId: "33333333-3333-4333-8333-333333333333" }, pending),
    ).toBe(false);
    expect(
      mayDecideHandover({ ...receiver, tenantId: "44444444-4444-4444-8444-444444444444" }, pending),
    ).toBe(false);
  });

  it("needs the relay-log permission, and never a citizen, the system or nobody", () => {
    expect(mayDecideHandover({ ...receiver, roles: ["admin"] }, pending)).toBe(false);
    expect(mayDecideHandover({ ...receiver, tokenScopes: ["read"] }, pending)).toBe(false);
    expect(
      mayDecideHandover({ kind: "citizen", citizenId: "c", tenantId, name: null }, pending),
    ).toBe(false);
    expect(mayDecideHandover({ kind: "system", tenantId, name: "job" }, pending)).toBe(false);
    expect(mayDecideHandover(null, pending)).toBe(false);
  });
});

describe("who may be handed the baton", () => {
  it("is an active employee of the municipality whose roles may hold a log", () => {
    expect(mayReceiveBaton({ tenantId, active: true, roles: ["employee"] }, tenantId)).toBe(true);
    expect(mayReceiveBaton({ tenantId, active: true, roles: ["coordinator"] }, tenantId)).toBe(
      true,
    );
    expect(mayReceiveBaton({ tenantId, active: false, roles: ["employee"] }, tenantId)).toBe(false);
    expect(mayReceiveBaton({ tenantId, active: true, roles: ["admin"] }, tenantId)).toBe(false);
    expect(mayReceiveBaton({ tenantId, active: true, roles: ["sector_leader"] }, tenantId)).toBe(
      false,
    );
    expect(mayReceiveBaton({ tenantId, active: true, roles: ["unknown"] }, tenantId)).toBe(false);
    expect(
      mayReceiveBaton({ tenantId: "other", active: true, roles: ["employee"] }, tenantId),
    ).toBe(false);
  });
});
