/**
 * Bearer tokens and client credentials. Tokens are opaque random strings kept in memory with their
 * user and expiry (in real time: `expires_in` seconds, by default 3600 / timeScale, at least 1).
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { SimUser } from "./vocabulary.js";

export const TOKEN_LIFETIME_SECONDS = 3600;

interface TokenEntry {
  user: number;
  /** Real-time expiry in ms since the epoch; Infinity for tokens that never expire. */
  expiresAt: number;
}

/** The outcome of reading client credentials from a token request. */
export type CredentialCheck =
  | { ok: true; user: number }
  | { ok: false; status: 400 | 401; error: "invalid_request" | "invalid_client"; description: string };

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

export class TokenStore {
  private readonly tokens = new Map<string, TokenEntry>();
  private issuedSincePurge = 0;

  constructor(
    private readonly users: readonly SimUser[],
    /** `expires_in` of new tokens, in whole seconds. */
    readonly lifetimeSeconds: number,
    /** Whether `Authorization: bearer ...` (lower case) is refused. */
    private readonly bearerCaseSensitive = false,
    private readonly realNow: () => number = Date.now,
  ) {}

  /** Issues a token for a user; `forever` tokens do not expire (the ones startSimulator hands out). */
  issue(user: number, forever = false): { token: string; expiresIn: number } {
    if (++this.issuedSincePurge >= 1000) this.purge();
    const token = randomBytes(32).toString("base64url");
    const expiresIn = this.lifetimeSeconds;
    this.tokens.set(token, { user, expiresAt: forever ? Number.POSITIVE_INFINITY : this.realNow() + expiresIn * 1000 });
    return { token, expiresIn };
  }

  /** The user index a token belongs to, or undefined when it is unknown or has expired. */
  verify(token: string): number | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (this.realNow() >= entry.expiresAt) {
      this.tokens.delete(token);
      return undefined;
    }
    return entry.user;
  }

  /** The user behind an `Authorization: Bearer ...` header, or undefined. */
  userOfHeader(header: string | undefined): number | undefined {
    const match = (this.bearerCaseSensitive ? /^Bearer\s+(\S+)\s*$/ : /^Bearer\s+(\S+)\s*$/i).exec(header ?? "");
    return match?.[1] === undefined ? undefined : this.verify(match[1]);
  }

  private purge(): void {
    this.issuedSincePurge = 0;
    const now = this.realNow();
    for (const [token, entry] of this.tokens) if (now >= entry.expiresAt) this.tokens.delete(token);
  }

  /**
   * Finds the client from HTTP Basic or the form fields `client_id`/`client_secret`. Using both ways
   * at once is refused (RFC 6749, 2.3); no or wrong credentials are `invalid_client`.
   */
  checkClient(authorization: string | undefined, form: URLSearchParams): CredentialCheck {
    const formId = form.get("client_id");
    const formSecret = form.get("client_secret");
    const basic = /^Basic\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (basic?.[1] !== undefined && (formId !== null || formSecret !== null)) {
      return {
        ok: false,
        status: 400,
        error: "invalid_request",
        description: "Send the client credentials either with HTTP Basic or as form fields, not both.",
      };
    }
    let id: string | null = formId;
    let secret: string | null = formSecret;
    if (basic?.[1] !== undefined) {
      const decoded = Buffer.from(basic[1], "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon < 0)
        return { ok: false, status: 401, error: "invalid_client", description: "The Basic credentials are malformed." };
      id = formDecode(decoded.slice(0, colon));
      secret = formDecode(decoded.slice(colon + 1));
    }
    if (!id || !secret) {
      return {
        ok: false,
        status: 401,
        error: "invalid_client",
        description: "Client authentication is required: send client_id and client_secret.",
      };
    }
    const user = this.users.findIndex((u) => sameText(u.clientId, id) && sameText(u.clientSecret, secret));
    if (user < 0)
      return { ok: false, status: 401, error: "invalid_client", description: "The client credentials are invalid." };
    return { ok: true, user };
  }
}
