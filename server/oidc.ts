import * as client from "openid-client";
import type { Config, OidcProviderConfig } from "../core/platform/config.ts";
import { decryptText, encryptText } from "../core/platform/crypto.ts";

export type OidcKind = "staff" | "citizen";

/** Pending login kept in a short-lived encrypted cookie between the redirect and the callback. */
export interface PendingOidcLogin {
  kind: OidcKind;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  createdAt: number;
}

export interface OidcClients {
  enabled(kind: OidcKind): boolean;
  displayName(kind: OidcKind): string | null;
  /** Builds the authorization URL (code flow with PKCE) and the cookie that remembers it. */
  start(
    kind: OidcKind,
    redirectUri: string,
    returnTo: string,
  ): Promise<{ url: string; cookieValue: string }>;
  /** Exchanges the code, checking state, nonce and PKCE; returns the ID token claims (plus UserInfo's when needed). */
  finish(
    kind: OidcKind,
    callbackUrl: URL,
    cookieValue: string | undefined,
  ): Promise<{ claims: client.IDToken; returnTo: string }>;
}

const PENDING_MAX_AGE_MS = 10 * 60_000;

export function createOidcClients(config: Config): OidcClients {
  const discovered = new Map<OidcKind, Promise<client.Configuration>>();

  function providerConfig(kind: OidcKind): OidcProviderConfig {
    const provider = config.oidc[kind];
    if (!provider) throw new Error(`OIDC ${kind} is not configured`);
    return provider;
  }

  function discover(kind: OidcKind): Promise<client.Configuration> {
    let found = discovered.get(kind);
    if (!found) {
      const provider = providerConfig(kind);
      found = client
        .discovery(
          new URL(provider.issuer),
          provider.clientId,
          provider.clientSecret,
          provider.clientSecret ? client.ClientSecretPost(provider.clientSecret) : client.None(),
          discoveryOptions(provider, config.oidc.allowInsecure),
        )
        .catch((error: unknown) => {
          // A failed discovery is retried on the next login instead of being cached.
          discovered.delete(kind);
          throw error;
        });
      discovered.set(kind, found);
    }
    return found;
  }

  return {
    enabled: (kind) => Boolean(config.oidc[kind]),
    displayName: (kind) => config.oidc[kind]?.displayName ?? null,
    async start(kind, redirectUri, returnTo) {
      const configuration = await discover(kind);
      const pending: PendingOidcLogin = {
        kind,
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        returnTo,
        createdAt: Date.now(),
      };
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri,
        scope: kind === "staff" ? "openid profile email" : "openid profile",
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: "S256",
        state: pending.state,
        nonce: pending.nonce,
      });
      return {
        url: url.href,
        cookieValue: encryptText(config.dataEncryptionKey, JSON.stringify(pending)),
      };
    },
    async finish(kind, callbackUrl, cookieValue) {
      if (!cookieValue) throw new Error("No pending OIDC login");
      const pending = JSON.parse(
        decryptText(config.dataEncryptionKey, cookieValue),
      ) as PendingOidcLogin;
      if (pending.kind !== kind || Date.now() - pending.createdAt > PENDING_MAX_AGE_MS) {
        throw new Error("Pending OIDC login expired or for another provider");
      }
      const configuration = await discover(kind);
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error("No ID token claims");
      const identified = hasIdentityClaim(kind, idClaims);
      if (
        (identified && typeof idClaims.name === "string") ||
        !configuration.serverMetadata().userinfo_endpoint
      ) {
        return { claims: idClaims, returnTo: pending.returnTo };
      }
      // With the code flow a provider may release scope claims (email, pid, name) only from
      // UserInfo (OIDC Core 5.4). The subject must match the ID token's; the signed ID token's
      // claims win. Without the identity claim the login cannot go on; without a name it can.
      try {
        const userInfo = await client.fetchUserInfo(
          configuration,
          tokens.access_token,
          idClaims.sub,
        );
        return { claims: { ...userInfo, ...idClaims }, returnTo: pending.returnTo };
      } catch (error) {
        if (identified) return { claims: idClaims, returnTo: pending.returnTo };
        throw error;
      }
    },
  };
}

function discoveryOptions(
  provider: OidcProviderConfig,
  allowInsecure: boolean,
): client.DiscoveryRequestOptions | undefined {
  const options: client.DiscoveryRequestOptions = {};
  if (allowInsecure || provider.allowInsecure) options.execute = [client.allowInsecureRequests];
  const { internalOrigin } = provider;
  if (internalOrigin) {
    // The embedded demo ID-porten: Laget reaches itself on its own socket, while the browser
    // and the issuer use the public origin.
    const publicOrigin = new URL(provider.issuer).origin;
    options[client.customFetch] = (url, init) =>
      fetch(
        url.startsWith(publicOrigin) ? internalOrigin + url.slice(publicOrigin.length) : url,
        init as RequestInit,
      );
  }
  return options.execute || options[client.customFetch] ? options : undefined;
}

/** The staff member's e-mail: `email`, or Entra ID's `preferred_username`/`upn` when they hold one. */
export function staffEmailFrom(claims: client.IDToken): string | undefined {
  return [claims.email, claims.preferred_username, claims.upn].find(
    (value): value is string => typeof value === "string" && value.includes("@"),
  );
}

function hasIdentityClaim(kind: OidcKind, claims: client.IDToken): boolean {
  return kind === "staff" ? staffEmailFrom(claims) !== undefined : typeof claims.pid === "string";
}

/** Only a local path may be a return address, so a login can never bounce the user elsewhere. */
export function safeReturnTo(value: unknown, fallback = "/"): string {
  if (typeof value !== "string") return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
