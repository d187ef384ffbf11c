/** JSON Pointer (RFC 6901) into an OpenAPI document: the one walker that every reader of the spec shares. */

/** Escapes one reference token: `~` becomes `~0`, then `/` becomes `~1`. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Undoes escapeToken: `~1` becomes `/` first, then `~0` becomes `~` (RFC 6901, section 4). */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The node at a pointer such as `#/components/schemas/Job` (or `/components/...`), or undefined. */
export function resolvePointer(document: unknown, pointer: string): unknown {
  const path = pointer.replace(/^#/, "");
  if (path === "") return document;
  return path
    .slice(1)
    .split("/")
    .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[unescapeToken(token)], document);
}

/** Follows `$ref` (chains included) to the node it names; any other node is returned as it is. */
export function deref<T = unknown>(document: unknown, node: unknown): T {
  let current = node;
  for (let hops = 0; hops < 32; hops++) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== "string") return current as T;
    current = resolvePointer(document, ref);
  }
  throw new Error("$ref chain longer than 32 hops (a cycle?)");
}
