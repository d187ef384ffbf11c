/** Guards and error answers shared by the routes. */
import { HttpError, type SimRequest } from "../http.js";
import type { ModelState } from "../query.js";
import type { SimContext } from "../context.js";
import { isCurator } from "../job-queries.js";

export const DENIED = "Authorization has been denied for this request.";

/** The index of the user behind the request's bearer token; throws a 401 without a valid one. */
export function authenticate(ctx: SimContext, req: SimRequest): number {
  const user = ctx.tokens.userOfHeader(req.headers.authorization);
  if (user === undefined)
    throw new HttpError(401, { message: DENIED }, { "www-authenticate": 'Bearer realm="webapi"' });
  return user;
}

/** Throws a 401 (the only refusal these operations declare; 403 with that quirk) unless the user is a Curator. */
export function requireCurator(ctx: SimContext, user: number, what: string): void {
  if (!isCurator(ctx, user)) {
    throw new HttpError(ctx.quirks.artisanOnCuratorRoutes, { message: `${DENIED} Only Curators can ${what}.` });
  }
}

/** ASP.NET Web API's answer to a body it has no formatter for. */
export function unsupportedMediaType(type: string): HttpError {
  const text = `The request entity's media type '${type || "(none)"}' is not supported for this resource.`;
  return new HttpError(415, { message: text });
}

export function badRequest(modelState: ModelState, text = "The request is invalid."): HttpError {
  return new HttpError(400, { message: text, modelState });
}

/** The request's media type, lower-cased and without parameters ("" when there is none). */
export function mediaType(req: SimRequest): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
