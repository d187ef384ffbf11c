/** Where bearer tokens come from: a fixed token, the caller's function, or the OAuth2 client-credentials grant. */

export type JobsClientAuth =
  /** A token, or a function that returns one (called before each request and again after a 401). */
  | { token: string | (() => string | Promise<string>) }
  /** The API access key and secret (My Profile → Keys): the client fetches, caches and refreshes tokens. */
  | {
      clientId: string;
      clientSecret: string;
      /** How the key and secret reach the token endpoint: form fields (default) or HTTP Basic. */
      sendCredentials?: "body" | "basic";
    };

export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

export interface TokenSource {
  /** A token to use now. */
  current(): Promise<string>;
  /** After a 401 with `stale`: a fresh token, or undefined when there is no other token to try. */
  renew(stale: string): Promise<string> | undefined;
}

export function tokenSource(
  auth: JobsClientAuth,
  requestToken: () => Promise<IssuedToken>,
  now: () => number = Date.now,
): TokenSource {
  if ("token" in auth) {
    const { token } = auth;
    if (typeof token === "string") return { current: async () => token, renew: () => undefined };
    return { current: async () => token(), renew: async () => token() };
  }
  return cachedClientCredentials(requestToken, now);
}

/** Caches the token, refreshes it shortly before it expires, and shares one request among concurrent callers. */
function cachedClientCredentials(requestToken: () => Promise<IssuedToken>, now: () => number): TokenSource {
  let cached: { value: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const fetchToken = () =>
    (pending ??= requestToken()
      .then(({ accessToken, expiresInSeconds }) => {
        const lifetime = expiresInSeconds * 1000;
        // Refresh 10% of the lifetime early (at most a minute), so a token never expires in flight.
        cached = { value: accessToken, refreshAt: now() + lifetime - Math.min(60_000, lifetime / 10) };
        return accessToken;
      })
      .finally(() => {
        pending = undefined;
      }));

  return {
    current: async () => (cached && now() < cached.refreshAt ? cached.value : fetchToken()),
    renew: (stale) => {
      if (cached?.value === stale) cached = undefined;
      return cached ? Promise.resolve(cached.value) : fetchToken();
    },
  };
}
