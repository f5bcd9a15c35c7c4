/**
 * Replies being generated, so the Stop button can stop the model wherever the reply streams.
 * Each process holds the abort controllers of its own replies; Stop on another instance reaches
 * them through the notification bus. The request's own abort signal is deliberately not used: a
 * closed tab must not stop a reply (it is finished and saved), only an explicit Stop does.
 */
import "server-only";
import type { NotificationBus } from "@/lib/events/bus";
import { getBus } from "@/lib/events/process-bus";

export type StreamRegistry = {
  register(userId: string, chatId: string): AbortController;
  release(userId: string, chatId: string, controller: AbortController): void;
  /**
   * Stops the reply streaming in the user's chat on any instance. True when this process held
   * it (stopped at once); otherwise the instance holding it, if any, stops it on the event.
   */
  stop(userId: string, chatId: string): Promise<boolean>;
  close(): void;
};

const keyOf = (userId: string, chatId: string) => `${userId}:${chatId}`;

export function createStreamRegistry(bus: NotificationBus): StreamRegistry {
  const active = new Map<string, AbortController>();
  const abortHeld = (userId: string, chatId: string) => {
    const controller = active.get(keyOf(userId, chatId));
    controller?.abort();
    return controller !== undefined;
  };
  // The event names the user as well as the chat: only that user's own reply is stopped.
  const unsubscribe = bus.subscribe((event) => {
    if (event.type === "stop") abortHeld(event.userId, event.chatId);
  });
  return {
    register(userId, chatId) {
      const key = keyOf(userId, chatId);
      active.get(key)?.abort();
      const controller = new AbortController();
      active.set(key, controller);
      return controller;
    },
    release(userId, chatId, controller) {
      const key = keyOf(userId, chatId);
      if (active.get(key) === controller) active.delete(key);
    },
    async stop(userId, chatId) {
      if (abortHeld(userId, chatId)) return true;
      await bus.publish({ type: "stop", userId, chatId });
      return false;
    },
    close() {
      unsubscribe();
      for (const controller of active.values()) controller.abort();
      active.clear();
    },
  };
}

const globalForStreams = globalThis as unknown as { ingatStreams?: Promise<StreamRegistry> };

/** This process's registry, listening on its bus. */
export function getStreamRegistry(): Promise<StreamRegistry> {
  globalForStreams.ingatStreams ??= getBus()
    .then(createStreamRegistry)
    .catch((error: unknown) => {
      globalForStreams.ingatStreams = undefined;
      throw error;
    });
  return globalForStreams.ingatStreams;
}
