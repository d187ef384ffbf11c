/** POST /oauth2/token: the OAuth2 client-credentials grant. */
import { json, type Route } from "../http.js";
import type { SimContext } from "../context.js";
import { mediaType } from "./common.js";

function oauthError(status: 400 | 401, error: string, description: string) {
  const headers: Record<string, string> = { "cache-control": "no-store", pragma: "no-cache" };
  if (status === 401) headers["www-authenticate"] = 'Basic realm="webapi"';
  return json(status, { error, error_description: description }, headers);
}

export function tokenRoutes(ctx: SimContext): Route[] {
  return [
    {
      pattern: "/oauth2/token",
      methods: {
        POST: async (req) => {
          const body = await req.body();
          if (mediaType(req) !== "application/x-www-form-urlencoded") {
            return oauthError(
              400,
              "invalid_request",
              "The request must be form-encoded (application/x-www-form-urlencoded).",
            );
          }
          const form = new URLSearchParams(body.toString("utf8"));
          const grantType = form.get("grant_type");
          if (!grantType) return oauthError(400, "invalid_request", "The grant_type parameter is missing.");
          if (grantType !== "client_credentials") {
            return oauthError(400, "unsupported_grant_type", "The grant type must be client_credentials.");
          }
          const client = ctx.tokens.checkClient(req.headers.authorization, form);
          if (!client.ok) return oauthError(client.status, client.error, client.description);
          const { token, expiresIn } = ctx.tokens.issue(client.user);
          return json(
            200,
            { access_token: token, token_type: "bearer", expires_in: expiresIn },
            { "cache-control": "no-store", pragma: "no-cache" },
          );
        },
      },
    },
  ];
}
