/**
 * Pre-flight: before any scenario, reach the server directly, get a token, and learn whether the key is a
 * Curator's. Any of these failing is one clear stop (exit code 2) with the real cause, and nothing else claimed.
 */
import type { ConformanceHints } from "./hints.js";
import type { Direct, Exchange } from "./http.js";
import { unreachableCause } from "./network-cause.js";

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export type Role = "Curator" | "Artisan";

export interface Cleared {
  ok: true;
  token: string;
  role: Role;
  /** The request that showed the role (GET /v3/jobs with the token). */
  roleShownBy: Exchange;
  /** The request without a token (what the no-token scenario judges). */
  withoutToken: Exchange;
}

export interface Stopped {
  ok: false;
  /** One line: what stopped the run and what to do. */
  reason: string;
}

function oauthWords(body: unknown): string {
  if (!body || typeof body !== "object") return typeof body === "string" && body ? `: ${body.slice(0, 200)}` : "";
  const { error, error_description: description, message } = body as Record<string, unknown>;
  const words = [error, description ?? message].filter((w) => typeof w === "string" && w !== "");
  return words.length > 0 ? ` ${words.join(": ")}` : "";
}

/** Requests a token with the client-credentials grant; a refusal is a one-line reason. */
export async function requestToken(direct: Direct, credentials: Credentials): Promise<{ token: string } | Stopped> {
  const form = {
    grant_type: "client_credentials",
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  };
  const answer = await direct("/oauth2/token", { form });
  const token = (answer.body as { access_token?: unknown } | undefined)?.access_token;
  if (answer.status === 200 && typeof token === "string" && token !== "") return { token };
  if (answer.status === 400 || answer.status === 401) {
    return {
      ok: false,
      reason:
        "the server refused the client credentials " +
        `(POST /oauth2/token answered ${answer.status}${oauthWords(answer.body)}); ` +
        "check the API access key and secret (Alteryx Server: My Profile → Keys)",
    };
  }
  return {
    ok: false,
    reason: `POST /oauth2/token answered ${answer.status} without a token${oauthWords(answer.body)}`,
  };
}

export async function preflight(
  target: string,
  direct: Direct,
  credentials: Credentials,
  hints: Pick<ConformanceHints, "target">,
): Promise<Cleared | Stopped> {
  let withoutToken: Exchange;
  try {
    withoutToken = await direct("/v3/jobs?limit=1");
  } catch (error) {
    return { ok: false, reason: `could not reach ${target}: ${unreachableCause(target, error)}` };
  }
  if (withoutToken.status === 404) {
    return {
      ok: false,
      reason: `${target} answered GET /v3/jobs with 404: is ${hints.target} the API root, ending in /webapi?`,
    };
  }
  const issued = await requestToken(direct, credentials);
  if (!("token" in issued)) return issued;
  const roleShownBy = await direct("/v3/jobs?limit=1", { token: issued.token });
  // A Curator lists the queue; anyone else is refused (401, or 403 on some servers).
  const role: Role = roleShownBy.status === 401 || roleShownBy.status === 403 ? "Artisan" : "Curator";
  return { ok: true, token: issued.token, role, roleShownBy, withoutToken };
}
