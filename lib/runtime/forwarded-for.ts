/**
 * With no proxy in front of the app, X-Forwarded-For comes from the client and says whatever it
 * likes. Removing it before Next.js sees the request makes Next.js fill in the connection's own
 * address, so rate limits per client address count the real peer.
 */
import "server-only";
import { type IncomingMessage, Server } from "node:http";

const globalForGuard = globalThis as unknown as { ingatForwardedForGuard?: boolean };

export function ignoreClientForwardedFor(): void {
  if (globalForGuard.ingatForwardedForGuard) return;
  globalForGuard.ingatForwardedForGuard = true;
  const emit = Server.prototype.emit;
  Server.prototype.emit = function emitWithoutForwardedFor(
    this: Server,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    if (event === "request") delete (args[0] as IncomingMessage).headers["x-forwarded-for"];
    return Reflect.apply(emit, this, [event, ...args]);
  } as typeof emit;
}
