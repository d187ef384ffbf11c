/**
 * The files a completed job wrote, and their bytes in each format, generated from the job's own seed.
 *
 * Nothing is stored: a job's outputs are worked out again on every read, and an output's bytes are
 * produced chunk by chunk while they are sent, so a multi-megabyte file never sits in memory. Every
 * record is a fixed-width function of (output seed, record number): the size is known before a single
 * byte is made (for Content-Length), and the same output always has the same bytes.
 *
 * The content is simulated: CSV is real CSV (RFC 4180), but a "yxdb" here is a made-up binary layout
 * with an Alteryx-like header, not the real Alteryx database format.
 */
import type { components } from "alteryx-jobs-api/schema";
import { jobSeed } from "./seed-data.js";
import { DISPOSITION, STATUS, type SimWorkflow } from "./vocabulary.js";
import { hex, hexFixed, intBetween, mix, mulberry32, pick } from "./prng.js";
import type { JobTable } from "./job-table.js";

type JobOutput = components["schemas"]["JobOutput"];

/** How a file's bytes are laid out. */
type Encoding = "csv" | "yxdb" | "count";

/** One kind of file a job writes: its name after the workflow's stem, formats and size range in records. */
interface OutputKind {
  suffix: string;
  /** The layout of the file as written (what `Raw` downloads). */
  native: Encoding;
  /** Formats it can be downloaded in, and the layout each gives. */
  formats: Readonly<Record<string, Encoding>>;
  records: readonly [min: number, max: number];
}

const CSV_FORMATS = { Raw: "csv", Csv: "csv" } as const;
const KINDS = {
  summary: { suffix: "_summary.csv", native: "csv", formats: CSV_FORMATS, records: [0, 60] },
  detail: {
    suffix: "_detail.yxdb",
    native: "yxdb",
    formats: { Raw: "yxdb", Yxdb: "yxdb", Csv: "csv" },
    records: [1_000, 120_000],
  },
  // 38-byte records: 5 to 8 MiB, the file that shows streaming.
  extract: { suffix: "_extract.csv", native: "csv", formats: CSV_FORMATS, records: [138_000, 220_000] },
  count: { suffix: "_count.txt", native: "count", formats: { Raw: "count" }, records: [1, 1] },
  hostile: { suffix: "", native: "csv", formats: CSV_FORMATS, records: [1, 20] },
} as const satisfies Record<string, OutputKind>;
type KindName = keyof typeof KINDS;

/**
 * File names a server could send that must never be used as paths as they are: traversal, absolute
 * paths (POSIX and Windows), Windows reserved device names, a quote, and non-ASCII (for `filename*`).
 */
export const HOSTILE_FILE_NAMES = [
  "../../etc/x",
  "/etc/passwd",
  "..\\..\\Windows\\win.ini",
  "C:\\Users\\Public\\x.csv",
  "CON",
  "nul.csv",
  "..",
  'quote"and\\backslash.csv',
  "Übersicht Köln – Q4 ☃.csv",
] as const;

/** One output of one job: what the job answer lists, plus what its bytes are made from. */
export interface OutputFile {
  id: string;
  fileName: string;
  availableFormats: string[];
  kind: KindName;
  /** How many records the file holds. */
  records: number;
  /** The seed of its bytes. */
  seed: number;
}

/** One output in one format, ready to send. */
export interface OutputDownload {
  /** The name to save it under: the output's name, its extension changed when the format has another. */
  fileName: string;
  contentType: string;
  size: number;
  /** The bytes, in fresh chunks of about `chunkBytes` (64 KiB by default); generated as they are pulled. */
  chunks(chunkBytes?: number): Generator<Uint8Array, void, undefined>;
}

/** A question of a queued run answered `true` (case-insensitive), as `fail` and `warn` are read. */
function asked(jobs: JobTable, i: number, name: string): boolean {
  return jobs.extras(i)?.questions.some((q) => q.name === name && q.value.toLowerCase() === "true") ?? false;
}

/**
 * The outputs of job `i` at simulated time `now`: none unless it has Completed without an error.
 * Every such job writes a summary; some also a detail file, a multi-MB extract, a count, or a file
 * with a hostile name. A run queued with the question `largeOutput=true` always writes the extract;
 * with `hostileNames=true`, one file under each of HOSTILE_FILE_NAMES.
 */
export function jobOutputFiles(
  seed: number,
  jobs: JobTable,
  workflows: readonly SimWorkflow[],
  i: number,
  now: number,
): OutputFile[] {
  if (jobs.statusAt(i, now) !== STATUS.Completed || jobs.disposition[i] === DISPOSITION.Error) return [];
  const rng = mulberry32(mix(jobSeed(seed, i), 0x0a7917));
  const stem = workflows[jobs.workflow[i] ?? 0]?.stem ?? "workflow";
  const idPrefix = hexFixed(Math.floor(jobs.endAt(i, now) / 1000), 8);
  const files: OutputFile[] = [];
  const add = (kind: KindName, fileName = stem + KINDS[kind].suffix) => {
    const [min, max] = KINDS[kind].records;
    files.push({
      id: idPrefix + hex(rng, 16),
      fileName,
      availableFormats: Object.keys(KINDS[kind].formats),
      kind,
      records: intBetween(rng, min, max),
      seed: Math.floor(rng() * 0x100000000),
    });
  };
  // Every choice is drawn first, so that the questions add files but never change which others there are.
  const detail = rng() < 0.5;
  const extract = rng() < 0.25;
  const count = rng() < 0.4;
  const hostile = rng() < 0.1;
  const hostileName = pick(rng, HOSTILE_FILE_NAMES);
  add("summary");
  if (detail) add("detail");
  if (extract || asked(jobs, i, "largeOutput")) add("extract");
  if (count) add("count");
  if (asked(jobs, i, "hostileNames")) for (const name of HOSTILE_FILE_NAMES) add("hostile", name);
  else if (hostile) add("hostile", hostileName);
  return files;
}

/** The output as a job answer lists it. */
export function listedOutput(file: OutputFile): JobOutput {
  return { id: file.id, availableFormats: file.availableFormats, fileName: file.fileName };
}

/** The format of `file` that `format` names (case-insensitive, as the server binds enums: inferred). */
export function offeredFormat(file: OutputFile, format: string): string | undefined {
  const wanted = format.toLowerCase();
  return file.availableFormats.find((f) => f.toLowerCase() === wanted);
}

// ---- the bytes ----------------------------------------------------------------------------------

const REGIONS = ["AMER", "EMEA", "APAC", "LATM"] as const;
/** The 365 days of 2025 as yyyy-mm-dd. */
const DAYS = Array.from({ length: 365 }, (_, d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10));

const CSV_HEADER = "record_id,region,order_date,quantity,amount\r\n";
const CSV_RECORD_BYTES = 38; // "3fa2c91e,EMEA,2025-03-14,417,4821.07\r\n"
const YXDB_HEADER_BYTES = 128;
const YXDB_MAGIC = "Alteryx Database File (simulated)";
const YXDB_RECORD_BYTES = 16;

/** Record k of an output: the same fields whatever the layout they are written in. */
function recordFields(seed: number, k: number) {
  const h = mix(seed, k);
  const h2 = mix(h, 0x9e37);
  const h3 = mix(h, 0x79b9);
  return { id: h, region: h & 3, day: h2 % 365, quantity: 100 + ((h2 >>> 9) % 900), cents: 100_000 + (h3 % 900_000) };
}

const HEX_DIGITS = Buffer.from("0123456789abcdef", "latin1");
const REGION_BYTES = REGIONS.map((region) => Buffer.from(region, "latin1"));
const DAY_BYTES = DAYS.map((day) => Buffer.from(day, "latin1"));
const [COMMA, DOT, CR, LF] = [0x2c, 0x2e, 0x0d, 0x0a];

/** Writes `n` as exactly `width` decimal digits at `at`. */
function writeDigits(into: Buffer, at: number, n: number, width: number): void {
  for (let p = at + width - 1; p >= at; p--, n = Math.floor(n / 10)) into[p] = 0x30 + (n % 10);
}

/** Copies a few bytes (a JS loop beats Buffer.copy's native call at this size). */
function copyInto(into: Buffer, at: number, bytes: Uint8Array | undefined): void {
  if (bytes) for (let j = 0; j < bytes.length; j++) into[at + j] = bytes[j] ?? 0;
}

/**
 * The content type of each format: `Csv` has a registered one (RFC 7111); `Raw` (the file as written,
 * whatever it is) and `Yxdb` have none, so they go as application/octet-stream, as the spec says.
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = { Csv: "text/csv; charset=utf-8" };

interface Layout {
  extension: string;
  header(file: OutputFile): Uint8Array;
  recordBytes: number;
  /** Writes record k into `into` at `at`. */
  write(into: Buffer, at: number, seed: number, k: number): void;
}

const LAYOUTS: Record<Encoding, Layout> = {
  csv: {
    extension: ".csv",
    header: () => Buffer.from(CSV_HEADER, "latin1"),
    recordBytes: CSV_RECORD_BYTES,
    write(into, at, seed, k) {
      // Byte by byte rather than through strings: a multi-MB download is generated at well over 50 MB/s.
      const r = recordFields(seed, k);
      for (let shift = 28, p = at; shift >= 0; shift -= 4) into[p++] = HEX_DIGITS[(r.id >>> shift) & 15] ?? 0;
      into[at + 8] = COMMA;
      copyInto(into, at + 9, REGION_BYTES[r.region]);
      into[at + 13] = COMMA;
      copyInto(into, at + 14, DAY_BYTES[r.day]);
      into[at + 24] = COMMA;
      writeDigits(into, at + 25, r.quantity, 3);
      into[at + 28] = COMMA;
      writeDigits(into, at + 29, Math.floor(r.cents / 100), 4);
      into[at + 33] = DOT;
      writeDigits(into, at + 34, r.cents % 100, 2);
      into[at + 36] = CR;
      into[at + 37] = LF;
    },
  },
  yxdb: {
    extension: ".yxdb",
    header(file) {
      const header = Buffer.alloc(YXDB_HEADER_BYTES);
      header.write(YXDB_MAGIC, 0, "latin1");
      header.writeUInt32LE(file.records, 64);
      header.writeUInt32LE(YXDB_RECORD_BYTES, 68);
      return header;
    },
    recordBytes: YXDB_RECORD_BYTES,
    write(into, at, seed, k) {
      const r = recordFields(seed, k);
      into.writeUInt32LE(r.id, at);
      into.writeUInt8(r.region, at + 4);
      into.writeUInt8(0, at + 5);
      into.writeUInt16LE(r.day, at + 6);
      into.writeUInt16LE(r.quantity, at + 8);
      into.writeUInt16LE(0, at + 10);
      into.writeUInt32LE(r.cents, at + 12);
    },
  },
  // A count file holds one number (from its seed) and a newline: the few-bytes end of the size range.
  count: {
    extension: ".txt",
    header: (file) => Buffer.from(`${file.seed % 10_000_000}\n`, "latin1"),
    recordBytes: 0,
    write() {},
  },
};

/** `name` with its extension replaced by `extension` (unchanged when it already has it). */
function withExtension(name: string, extension: string): string {
  if (name.toLowerCase().endsWith(extension)) return name;
  const dot = name.lastIndexOf(".");
  const base = dot > 0 && !/[\\/]/.test(name.slice(dot)) ? name.slice(0, dot) : name;
  return base + extension;
}

/** `file` in `format`, or undefined when the output does not offer that format. */
export function outputDownload(file: OutputFile, format: string): OutputDownload | undefined {
  const offered = offeredFormat(file, format);
  if (offered === undefined) return undefined;
  const kind = KINDS[file.kind];
  const encoding = (kind.formats as Record<string, Encoding>)[offered] ?? kind.native;
  const layout = LAYOUTS[encoding];
  const header = layout.header(file);
  const records = layout.recordBytes === 0 ? 0 : file.records;
  return {
    fileName: encoding === kind.native ? file.fileName : withExtension(file.fileName, layout.extension),
    contentType: CONTENT_TYPES[offered] ?? "application/octet-stream",
    size: header.length + records * layout.recordBytes,
    *chunks(chunkBytes = 64 * 1024) {
      yield header;
      const perChunk = Math.max(1, Math.floor(chunkBytes / Math.max(1, layout.recordBytes)));
      for (let k = 0; k < records; k += perChunk) {
        const n = Math.min(perChunk, records - k);
        const chunk = Buffer.allocUnsafe(n * layout.recordBytes);
        for (let j = 0; j < n; j++) layout.write(chunk, j * layout.recordBytes, file.seed, k + j);
        yield chunk;
      }
    },
  };
}
