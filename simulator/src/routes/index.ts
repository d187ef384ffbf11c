/** Every route of the simulator. */
import type { Route } from "../http.js";
import type { SimContext } from "../context.js";
import { jobRoutes } from "./jobs.js";
import { outputRoutes } from "./outputs.js";
import { tokenRoutes } from "./token.js";
import { workflowRoutes } from "./workflows.js";

export function allRoutes(ctx: SimContext): Route[] {
  return [...tokenRoutes(ctx), ...jobRoutes(ctx), ...outputRoutes(ctx), ...workflowRoutes(ctx)];
}
