/**
 * This process's notification bus, opened lazily like the database: LISTEN/NOTIFY on Postgres
 * (on DATABASE_DIRECT_URL when set), the in-process bus on PGlite.
 */
import "server-only";
import { getEnv } from "@/lib/env";
import { createLocalBus, createPostgresBus, type NotificationBus } from "./bus";

const globalForBus = globalThis as unknown as { ingatBus?: Promise<NotificationBus> };

export function getBus(): Promise<NotificationBus> {
  globalForBus.ingatBus ??= openBus().catch((error: unknown) => {
    globalForBus.ingatBus = undefined;
    throw error;
  });
  return globalForBus.ingatBus;
}

async function openBus(): Promise<NotificationBus> {
  const env = getEnv();
  const url = env.DATABASE_DIRECT_URL ?? env.DATABASE_URL;
  return url ? createPostgresBus(url) : createLocalBus();
}

/**
 * Publishes without failing the caller: every event has a backstop (the worker's interval, the
 * notice's polling, the reply lease), so a lost notification delays something, never loses it.
 */
export async function publishQuietly(event: Parameters<NotificationBus["publish"]>[0]) {
  try {
    await (await getBus()).publish(event);
  } catch (error) {
    console.error("[bus] publish failed:", error instanceof Error ? error.message : error);
  }
}
