/**
 * The client's network address, for rate limits before sign-in. Next.js puts the connection's
 * address in X-Forwarded-For when the request has none; with no proxy trusted, the server start
 * removes what a client sends there (lib/runtime/forwarded-for.ts), so a client cannot pick its
 * own address. Behind proxies (`TRUST_PROXY` = how many), each appends the address it saw: the
 * entry that many places from the end is the one the outermost trusted proxy saw.
 */
export const UNKNOWN_ADDRESS = "unknown";

export function clientAddress(headers: Headers, trustedProxies: number): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const index = trustedProxies === 0 ? entries.length - 1 : entries.length - trustedProxies;
  const address = entries[Math.max(0, index)];
  return address ? normalizeAddress(address) : UNKNOWN_ADDRESS;
}

function normalizeAddress(address: string): string {
  const lower = address.toLowerCase();
  // An IPv4 client on a dual-stack socket shows as ::ffff:1.2.3.4.
  return lower.startsWith("::ffff:") && lower.includes(".") ? lower.slice(7) : lower;
}
