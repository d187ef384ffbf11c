/** Why a server could not be reached, in words an admin can act on, from the error fetch threw. */

const TLS_CODES: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its certificate is not signed by a certificate authority this machine trusts",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "its certificate is not signed by a certificate authority this machine trusts",
  SELF_SIGNED_CERT_IN_CHAIN: "its certificate chain ends in a self-signed certificate this machine does not trust",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its certificate is self-signed",
  CERT_HAS_EXPIRED: "its certificate has expired",
  CERT_NOT_YET_VALID: "its certificate is not valid yet",
  ERR_TLS_CERT_ALTNAME_INVALID: "its certificate is for another host name",
};

const PRIVATE_CA_HINT =
  "If the server's certificate comes from your organisation's own certificate authority, run again with " +
  "NODE_EXTRA_CA_CERTS=/path/to/your-ca.pem (the CA certificate in PEM form).";

/** The codes along an error's cause chain (undici puts the system error in `cause`). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === "string") codes.push(e.code);
    e = e.cause as typeof e;
  }
  return codes;
}

function messagesOf(error: unknown): string {
  const words: string[] = [];
  for (let e = error as { message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.message === "string") words.push(e.message);
    e = e.cause as typeof e;
  }
  return words.join(": ");
}

/** One sentence (two with a hint) saying why `url` could not be reached. */
export function unreachableCause(url: string, error: unknown): string {
  const { host, protocol } = new URL(url);
  const codes = codesOf(error);
  const has = (...names: string[]) => names.some((n) => codes.includes(n));
  const tls = codes.find((c) => c in TLS_CODES);
  if (tls) return `TLS: ${host} answered, but ${TLS_CODES[tls]} (${tls}). ${PRIVATE_CA_HINT}`;
  if (has("ECONNREFUSED")) return `connection refused: nothing accepts connections on ${host} (is the port right?)`;
  if (has("ENOTFOUND"))
    return `DNS: the name ${new URL(url).hostname} does not resolve (is it spelt right, or only known inside a VPN?)`;
  if (has("EAI_AGAIN")) return `DNS: the name ${new URL(url).hostname} could not be looked up just now (EAI_AGAIN)`;
  if (has("ECONNRESET", "UND_ERR_SOCKET")) return `the connection to ${host} was closed before an answer came`;
  if (has("ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT") || (error as Error)?.name === "TimeoutError") {
    return `no answer from ${host} in time (a firewall, a proxy, or the wrong host)`;
  }
  if (has("EHOSTUNREACH", "ENETUNREACH")) return `no route to ${host} from this machine`;
  if (protocol === "https:" && /wrong version number|ssl|tls|certificate/i.test(messagesOf(error))) {
    return `TLS: the handshake with ${host} failed (${messagesOf(error)}); is it https at all? ${PRIVATE_CA_HINT}`;
  }
  return `${host} could not be reached: ${messagesOf(error) || String(error)}`;
}
