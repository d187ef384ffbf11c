/**
 * What each operation takes and gives, derived from the generated types (`operations` of generated/schema.d.ts)
 * and the operation table: a wrong pairing of operation and input, or of operation and result, does not compile.
 */
import type { operations as table } from "../generated/operations.js";
import type { operations as Spec } from "../generated/schema.js";
import type { CalendarDay } from "./types.js";

export type OperationId = keyof typeof table & keyof Spec;

type Table = typeof table;
type Parameters<K extends OperationId> = Spec[K]["parameters"];

/** Query parameters of `format: date` also take a Date (sent as its UTC day). */
type DateNames<K extends OperationId> = {
  [P in keyof Table[K]["parameters"]]: Table[K]["parameters"][P] extends { schema: { format: "date" } } ? P : never;
}[keyof Table[K]["parameters"]];
type WithDays<Q, D extends PropertyKey> = [Extract<keyof Q, D>] extends [never]
  ? Q
  : Omit<Q, D> & { [P in Extract<keyof Q, D>]?: CalendarDay };
type Query<Q, D extends PropertyKey> = Q extends object ? WithDays<Q, D> : Q;

/** `requestBody` of the spec: its one media type's schema, required or not as the spec says. */
type BodyOf<R> = R extends { content: infer C } ? C[keyof C] : never;
type BodyPart<K extends OperationId> = [BodyOf<Spec[K]["requestBody"]>] extends [never]
  ? { body?: never }
  : undefined extends Spec[K]["requestBody"]
    ? { body?: BodyOf<Spec[K]["requestBody"]> }
    : { body: BodyOf<Spec[K]["requestBody"]> };

/** The path and query parameters as the spec declares them, each as required as the spec makes it. */
type Declared<K extends OperationId> = Pick<Parameters<K>, "path" | "query">;

/** An operation's input: its path and query parameters and its body. */
export type InputOf<K extends OperationId> = {
  [P in keyof Declared<K>]: P extends "query" ? Query<Declared<K>[P], DateNames<K>> : Declared<K>[P];
} & BodyPart<K> &
  RequestOptions;

/** What every request may add: headers of its own, and a signal that cancels it (and its retries). */
export interface RequestOptions {
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
}

type Success = 200 | 201 | 202 | 203 | 204 | 206;
type JsonOf<C> = C extends { "application/json": infer J } ? J : undefined;
type SuccessBody<K extends OperationId> = {
  [S in Extract<keyof Spec[K]["responses"], Success>]: Spec[K]["responses"][S] extends { content: infer C }
    ? JsonOf<C>
    : undefined;
}[Extract<keyof Spec[K]["responses"], Success>];

/** A 2xx answer that may be any file: resolved as soon as its headers arrive, the bytes still to come. */
export interface FileAnswer {
  response: Response;
  body: ReadableStream<Uint8Array>;
}

/** An operation's 2xx result: its decoded JSON body, or, where the spec allows any file, the file as it arrives. */
export type OkOf<K extends OperationId> = Table[K] extends { response: string } ? FileAnswer : SuccessBody<K>;
