/** Every route of the simulator. */
import type { Route } from "../http.js";
import type { SimState } from "../state.js";
import { jobRoutes } from "./jobs.js";
import { tokenRoutes } from "./token.js";
import { workflowRoutes } from "./workflows.js";

export function allRoutes(state: SimState): Route[] {
  return [...tokenRoutes(state), ...jobRoutes(state), ...workflowRoutes(state)];
}
