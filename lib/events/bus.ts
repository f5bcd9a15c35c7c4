/**
 * The notification bus between server instances (and the worker process): Postgres
 * LISTEN/NOTIFY on a connection of its own, or an in-process EventEmitter on PGlite, where one
 * process owns the database. Events carry ids only — never message text or memories — because a
 * NOTIFY payload can be seen by anyone who can LISTEN on the database.
 */
import "server-only";
import { EventEmitter } from "node:events";
import { z } from "zod";

const busEventSchema = z.discriminatedUnion("type", [
  /** Stop the reply streaming in this chat, on whichever instance holds it. */
  z.object({
    type: z.literal("stop"),
    userId: z.uuid(),
    chatId: z.uuid(),
  }),
  /** An extraction job is waiting (queued or put back): a worker may claim it now. */
  z.object({ type: z.literal("job-queued"), jobId: z.uuid() }),
  /** An extraction job finished, failed for good or was skipped: the chat may show its notice. */
  z.object({
    type: z.literal("job-settled"),
    userId: z.uuid(),
    chatId: z.uuid(),
    jobId: z.uuid(),
    assistantMessageId: z.uuid(),
  }),
]);

export type BusEvent = z.infer<typeof busEventSchema>;
export type BusListener = (event: BusEvent) => void;

export type NotificationBus = {
  readonly kind: "postgres" | "local";
  /** Sends the event to every instance's listeners, this one's included. */
  publish(event: BusEvent): Promise<void>;
  /** Returns the function that removes the listener. */
  subscribe(listener: BusListener): () => void;
  close(): Promise<void>;
};

/** The channel every instance listens on. Tests pass their own so runs never hear each other. */
export const DEFAULT_CHANNEL = "ingat_events";

export function createLocalBus(): NotificationBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kind: "local",
    async publish(event) {
      const parsed = busEventSchema.parse(event);
      // Asynchronously, as a NOTIFY would be: a publisher never runs listeners inside its call.
      queueMicrotask(() => emitter.emit("event", parsed));
    },
    subscribe(listener) {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * LISTEN needs a session that stays on one server connection, which PgBouncer in transaction
 * mode does not give: `url` is then the direct address of Postgres (DATABASE_DIRECT_URL).
 */
export async function createPostgresBus(
  url: string,
  { channel = DEFAULT_CHANNEL }: { channel?: string } = {},
): Promise<NotificationBus> {
  const { default: postgres } = await import("postgres");
  const client = postgres(url, { max: 1, onnotice: () => {}, prepare: false });
  const listeners = new Set<BusListener>();
  const deliver = (payload: string) => {
    let event: BusEvent;
    try {
      event = busEventSchema.parse(JSON.parse(payload));
    } catch {
      return; // not one of ours
    }
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error("[bus] listener failed:", error instanceof Error ? error.message : error);
      }
    }
  };
  // postgres.js opens a dedicated connection for LISTEN and re-listens after it reconnects.
  await client.listen(channel, deliver);
  return {
    kind: "postgres",
    async publish(event) {
      await client.notify(channel, JSON.stringify(busEventSchema.parse(event)));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await client.end({ timeout: 2 });
    },
  };
}
