/**
 * Seeded data: users, workflows and a year (2025) of jobs. The same seed always gives the same data,
 * ids and credentials included. Jobs go straight into a compact JobTable, in queue-time order.
 */
import { hex, hexFixed, intBetween, mix, mulberry32, pick, weightedPicker, type Rng } from "./prng.js";
import {
  DISPOSITION,
  STATUS,
  type DispositionCode,
  type Role,
  type SimUser,
  type SimWorkflow,
  type StatusCode,
} from "./vocabulary.js";
import { JobTable } from "./job-table.js";
import { FIXED_START } from "./clock.js";

export const MAX_JOBS = 1_000_000;
export const DEFAULT_JOBS = 1_000;
export const WORKFLOW_COUNT = 20;
export const USER_ROLES: readonly Role[] = ["Curator", "Artisan", "Curator", "Artisan", "Artisan"];
export const WORKER_TAGS = ["", "gpu", "highmem", "eu-west"] as const;

const FIRST_NAMES = [
  "Ana",
  "Ravi",
  "Jane",
  "Tomás",
  "Mei",
  "Kwame",
  "Sofia",
  "Lars",
  "Priya",
  "Diego",
  "Hannah",
  "Yuki",
  "Omar",
  "Elena",
  "Noah",
  "Fatima",
  "Marek",
  "Aisha",
  "Lucas",
  "Ingrid",
] as const;
const LAST_NAMES = [
  "Lima",
  "Patel",
  "Doe",
  "Novak",
  "Chen",
  "Mensah",
  "Rossi",
  "Berg",
  "Iyer",
  "Santos",
  "Weber",
  "Tanaka",
  "Haddad",
  "Petrova",
  "Kim",
  "Okafor",
  "Dubois",
  "Nilsen",
  "Garcia",
  "Walsh",
] as const;
const SUBJECTS = [
  "Sales",
  "Inventory",
  "Customer churn",
  "Marketing spend",
  "Payroll",
  "Supplier",
  "Web traffic",
  "Budget",
  "Claims",
  "Shipping",
  "Returns",
  "Pricing",
  "Campaign",
  "Store traffic",
  "Invoice",
  "Fraud",
  "Loyalty",
  "Warehouse",
  "Product mix",
  "Regional revenue",
  "Support ticket",
  "Energy usage",
  "Fleet",
  "Headcount",
] as const;
const ACTIONS = [
  "load",
  "snapshot",
  "model",
  "cleanup",
  "report",
  "reconciliation",
  "scoring",
  "export",
  "refresh",
  "audit",
  "summary",
  "forecast",
] as const;
const CADENCES = ["", "", "", "Nightly ", "Weekly ", "Monthly "] as const;

export interface SimData {
  seed: number;
  users: SimUser[];
  workflows: SimWorkflow[];
  jobs: JobTable;
}

/** Users and workflows were created before this (fixed, so their ids stay the same from run to run). */
const YEAR_START = Date.UTC(2025, 0, 1);
/** The generated jobs span the year before the simulated clock starts. */
const YEAR_MS = FIXED_START - YEAR_START;

/** 24 hex digits shaped like a MongoDB ObjectId: a timestamp, then random bytes. */
function objectId(rng: Rng, timeMs: number): string {
  return hexFixed(Math.floor(timeMs / 1000), 8) + hex(rng, 16);
}

function makeUsers(rng: Rng): SimUser[] {
  const used = new Set<string>();
  return USER_ROLES.map((role) => {
    let name: string;
    do name = `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`;
    while (used.has(name));
    used.add(name);
    const created = YEAR_START - intBetween(rng, 30, 900) * 86_400_000;
    return { id: objectId(rng, created), name, role, clientId: hex(rng, 20), clientSecret: hex(rng, 48) };
  });
}

function makeWorkflows(rng: Rng): SimWorkflow[] {
  const used = new Set<string>();
  const workflows: SimWorkflow[] = [];
  while (workflows.length < WORKFLOW_COUNT) {
    const cadence = pick(rng, CADENCES);
    const subject = pick(rng, SUBJECTS);
    const base = `${cadence}${cadence ? subject.toLowerCase() : subject} ${pick(rng, ACTIONS)}`;
    const stem = base.toLowerCase().replace(/[^a-z0-9]+/g, "_");
    if (used.has(stem)) continue;
    used.add(stem);
    const app = rng() < 0.2;
    const created = YEAR_START - intBetween(rng, 10, 700) * 86_400_000;
    workflows.push({
      id: objectId(rng, created),
      name: `${base}${app ? ".yxwz" : ".yxmd"}`,
      runWithE2: rng() < 0.4,
      stem,
    });
  }
  return workflows;
}

// Weights, in the order of the codes they pick.
const PRIORITY_WEIGHTS = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* Default.. */ 30, 10, 15, 10, 5];
const FINISHED_STATUS_WEIGHTS = [0, 0, 0, 94, 6];
const ACTIVE_STATUS_WEIGHTS = [40, 10, 30, 15, 5];
const OUTCOME_WEIGHTS = [0, 82, 11, 7]; // None, Success, Warning, Error
const TAG_WEIGHTS = [80, 7, 7, 6];

/**
 * Generates the whole data set for a seed. `jobCount` is 0..MAX_JOBS. The jobs span the year before `end` (where
 * the simulated clock starts; whole seconds): the same seed gives the same jobs, moved in time with `end`.
 */
export function generateData(seed: number, jobCount: number, end = FIXED_START): SimData {
  if (!Number.isInteger(jobCount) || jobCount < 0 || jobCount > MAX_JOBS) {
    throw new RangeError(`jobs must be an integer from 0 to ${MAX_JOBS}`);
  }
  const rng = mulberry32(mix(seed, 0x5eed));
  const users = makeUsers(rng);
  const workflows = makeWorkflows(rng);
  const machine = hex(rng, 10);
  const counterBase = intBetween(rng, 0, 0x3fffff);
  const jobs = new JobTable(machine, counterBase, WORKER_TAGS, jobCount + 256);

  const pickWorkflow = weightedPicker(workflows.map((_, k) => 1 / (1 + k * 0.25)));
  const pickUser = weightedPicker(users.map(() => 1));
  const pickFinished = weightedPicker(FINISHED_STATUS_WEIGHTS);
  const pickActive = weightedPicker(ACTIVE_STATUS_WEIGHTS);
  const pickOutcome = weightedPicker(OUTCOME_WEIGHTS);
  const pickPriority = weightedPicker(PRIORITY_WEIGHTS);
  const pickTag = weightedPicker(TAG_WEIGHTS);
  const logMaxRun = Math.log(7200);
  // The most recent jobs (at most 200) are still queued or running: they were queued in the last
  // hours before the simulated clock starts. Everything before them has finished, a second before it at the latest.
  const yearStart = end - YEAR_MS;
  const lastEnd = end - 1000;
  const activeCount = jobCount === 0 ? 0 : Math.min(200, Math.max(1, Math.round(jobCount * 0.06)));
  const activeFrom = jobCount - activeCount;
  const activeStart = end - 6 * 3_600_000;
  const activeStep = (end - 15 * 60_000 - activeStart) / Math.max(1, activeCount);
  const step = (activeStart - yearStart) / Math.max(1, activeFrom);

  for (let i = 0; i < jobCount; i++) {
    const slot = i < activeFrom ? yearStart + (i + rng()) * step : activeStart + (i - activeFrom + rng()) * activeStep;
    const queueMs = Math.floor(slot / 1000) * 1000;
    const status = (i >= activeFrom ? pickActive : pickFinished)(rng) as StatusCode;
    const waitMs = (1 + Math.floor(rng() ** 3 * 600)) * 1000;
    const runMs = Math.floor(Math.exp(rng() * logMaxRun)) * 1000;
    let startMs = Number.NaN;
    let endMs = Number.NaN;
    let disposition: DispositionCode = DISPOSITION.None;
    if (status !== STATUS.Queued) startMs = queueMs + waitMs;
    if (status === STATUS.Completed) {
      endMs = Math.min(startMs + runMs, lastEnd);
      disposition = pickOutcome(rng) as DispositionCode;
    } else if (status === STATUS.Cancelled) {
      endMs = Math.min(startMs + Math.max(1000, Math.floor(runMs / 3 / 1000) * 1000), lastEnd);
      disposition = DISPOSITION.Cancelled;
    }
    jobs.append({
      queueMs,
      startMs,
      endMs,
      workflow: pickWorkflow(rng),
      user: pickUser(rng),
      status,
      disposition,
      priority: pickPriority(rng),
      tag: pickTag(rng),
    });
  }
  return { seed, users, workflows, jobs };
}

/** The seed of one job's lazily generated details (messages, outputs). */
export function jobSeed(seed: number, index: number): number {
  return mix(seed ^ 0x6a09e667, index);
}
