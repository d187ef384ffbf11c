/**
 * Job state, stored compactly: one typed array per field, one slot per job, so a million jobs take a
 * few tens of megabytes. Jobs queued through the API ("live" jobs) move through their lifecycle by
 * the simulated clock; their state is computed from timestamps on every read, with no timers.
 */
import { hexFixed } from "./prng.js";
import { DISPOSITION, LIFECYCLE_MS, STATUS, type DispositionCode, type StatusCode } from "./vocabulary.js";

const FLAG_LIVE = 1;
const FLAG_DELETED = 2;
const COUNTER_LIMIT = 0x1000000; // job ids end in a 3-byte counter

/** Settings of a live job that generated jobs do not have. */
export interface LiveJobExtras {
  workerTag: string;
  credentialId: string | undefined;
  questions: { name: string; value: string }[];
}

/** One job as handed to `JobTable.append`. */
export interface NewJob {
  queueMs: number;
  startMs: number;
  endMs: number;
  workflow: number;
  user: number;
  status: StatusCode;
  disposition: DispositionCode;
  priority: number;
  tag: number;
}

export class JobTable {
  queueMs: Float64Array;
  startMs: Float64Array;
  endMs: Float64Array;
  workflow: Uint16Array;
  user: Uint16Array;
  status: Uint8Array;
  disposition: Uint8Array;
  priority: Uint8Array;
  tag: Uint8Array;
  flags: Uint8Array;
  /** How many slots are used (deleted jobs keep their slot). */
  length = 0;
  /** How many slots hold deleted jobs: with none, slot k is the k-th job in id order. */
  deletedCount = 0;
  /** True while slots are in job id order (queue time, then counter): CreateDate sorts need no sort then. */
  inIdOrder = true;
  private readonly live = new Map<number, LiveJobExtras>();

  /**
   * @param machine 10 hex digits shared by every job id (the middle of an ObjectId)
   * @param counterBase where the 3-byte counter at the end of job ids starts
   * @param tags worker tags that `tag` indexes into
   */
  constructor(
    readonly machine: string,
    readonly counterBase: number,
    readonly tags: readonly string[],
    capacity = 1024,
  ) {
    const size = Math.max(16, capacity);
    this.queueMs = new Float64Array(size);
    this.startMs = new Float64Array(size);
    this.endMs = new Float64Array(size);
    this.workflow = new Uint16Array(size);
    this.user = new Uint16Array(size);
    this.status = new Uint8Array(size);
    this.disposition = new Uint8Array(size);
    this.priority = new Uint8Array(size);
    this.tag = new Uint8Array(size);
    this.flags = new Uint8Array(size);
  }

  private grow(): void {
    const size = Math.ceil(this.queueMs.length * 1.5) + 16;
    const copy = <T extends Float64Array | Uint16Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.queueMs = copy(this.queueMs, (n) => new Float64Array(n));
    this.startMs = copy(this.startMs, (n) => new Float64Array(n));
    this.endMs = copy(this.endMs, (n) => new Float64Array(n));
    this.workflow = copy(this.workflow, (n) => new Uint16Array(n));
    this.user = copy(this.user, (n) => new Uint16Array(n));
    this.status = copy(this.status, (n) => new Uint8Array(n));
    this.disposition = copy(this.disposition, (n) => new Uint8Array(n));
    this.priority = copy(this.priority, (n) => new Uint8Array(n));
    this.tag = copy(this.tag, (n) => new Uint8Array(n));
    this.flags = copy(this.flags, (n) => new Uint8Array(n));
  }

  /** Adds a job and returns its slot. */
  append(job: NewJob, extras?: LiveJobExtras): number {
    const i = this.length;
    if (this.counterBase + i >= COUNTER_LIMIT) throw new RangeError("The simulator cannot hold more jobs");
    if (i >= this.queueMs.length) this.grow();
    const queueMs = Math.floor(job.queueMs);
    if (i > 0 && Math.floor(queueMs / 1000) < this.seconds(i - 1)) this.inIdOrder = false;
    this.queueMs[i] = queueMs;
    this.startMs[i] = job.startMs;
    this.endMs[i] = job.endMs;
    this.workflow[i] = job.workflow;
    this.user[i] = job.user;
    this.status[i] = job.status;
    this.disposition[i] = job.disposition;
    this.priority[i] = job.priority;
    this.tag[i] = job.tag;
    this.flags[i] = extras ? FLAG_LIVE : 0;
    if (extras) this.live.set(i, extras);
    this.length = i + 1;
    return i;
  }

  /** Queues a live job at simulated time `nowMs`; it then moves on by the clock. */
  appendLive(
    nowMs: number,
    fields: { workflow: number; user: number; priority: number; outcome: DispositionCode },
    extras: LiveJobExtras,
  ): number {
    const queueMs = Math.floor(nowMs);
    return this.append(
      {
        queueMs,
        startMs: queueMs + LIFECYCLE_MS.queued,
        endMs: queueMs + LIFECYCLE_MS.queued + LIFECYCLE_MS.initializing + LIFECYCLE_MS.running,
        workflow: fields.workflow,
        user: fields.user,
        status: STATUS.Queued,
        disposition: fields.outcome,
        priority: fields.priority,
        tag: 0,
      },
      extras,
    );
  }

  /** The queue time in whole seconds (the first 4 bytes of the job id). */
  seconds(i: number): number {
    return Math.floor((this.queueMs[i] ?? 0) / 1000);
  }

  /** The job's 24-hex ObjectId-like id. */
  id(i: number): string {
    return hexFixed(this.seconds(i), 8) + this.machine + hexFixed(this.counterBase + i, 6);
  }

  /** The slot of a job id, or -1 when no (undeleted) job has it. */
  indexOf(id: string): number {
    if (!/^[0-9a-fA-F]{24}$/.test(id)) return -1;
    const lower = id.toLowerCase();
    const i = parseInt(lower.slice(18), 16) - this.counterBase;
    if (i < 0 || i >= this.length || this.isDeleted(i)) return -1;
    return this.id(i) === lower ? i : -1;
  }

  /** Orders two slots by job id (queue second, then counter). */
  compareIds(a: number, b: number): number {
    return this.seconds(a) - this.seconds(b) || a - b;
  }

  isDeleted(i: number): boolean {
    return ((this.flags[i] ?? 0) & FLAG_DELETED) !== 0;
  }

  isLive(i: number): boolean {
    return ((this.flags[i] ?? 0) & FLAG_LIVE) !== 0;
  }

  extras(i: number): LiveJobExtras | undefined {
    return this.live.get(i);
  }

  workerTag(i: number): string {
    return this.live.get(i)?.workerTag ?? this.tags[this.tag[i] ?? 0] ?? "";
  }

  /** The job's status at simulated time `now`. */
  statusAt(i: number, now: number): StatusCode {
    const stored = (this.status[i] ?? 0) as StatusCode;
    if (!this.isLive(i) || stored === STATUS.Cancelled) return stored;
    const start = this.startMs[i] ?? 0;
    if (now < start) return STATUS.Queued;
    if (now < start + LIFECYCLE_MS.initializing) return STATUS.Initializing;
    if (now < (this.endMs[i] ?? 0)) return STATUS.Running;
    return STATUS.Completed;
  }

  /** When the job started (left the queue), or NaN if it has not yet. */
  startAt(i: number, now: number): number {
    const start = this.startMs[i] ?? Number.NaN;
    return this.isLive(i) && !(start <= now) ? Number.NaN : start;
  }

  /** When the job finished (completed or was cancelled), or NaN if it has not yet. */
  endAt(i: number, now: number): number {
    const end = this.endMs[i] ?? Number.NaN;
    return this.isLive(i) && !(end <= now) ? Number.NaN : end;
  }

  dispositionAt(i: number, now: number): DispositionCode {
    const status = this.statusAt(i, now);
    if (status === STATUS.Completed || status === STATUS.Cancelled)
      return (this.disposition[i] ?? 0) as DispositionCode;
    return DISPOSITION.None;
  }

  /** Stops a job that has started: it becomes Cancelled at `now`. */
  cancel(i: number, now: number): void {
    this.status[i] = STATUS.Cancelled;
    this.disposition[i] = DISPOSITION.Cancelled;
    this.endMs[i] = Math.floor(now);
    if (!((this.startMs[i] ?? Number.NaN) <= now)) this.startMs[i] = Math.floor(now);
  }

  /** Removes a job (a queued job that was deleted): it is gone from every answer. */
  remove(i: number): void {
    if (!this.isDeleted(i)) this.deletedCount++;
    this.flags[i] = (this.flags[i] ?? 0) | FLAG_DELETED;
    this.live.delete(i);
  }
}
