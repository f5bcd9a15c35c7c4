/**
 * One EventSource per open chat (GET /api/chats/:id/events), shared by the memory notices that
 * are waiting under its turns, and closed when the last of them is done.
 */

export type ChatEventsListener = {
  /** The stream is listening (again, after a reconnect): read the outcome once now. */
  ready(): void;
  /** The extraction of this turn has settled. */
  settled(assistantMessageId: string): void;
  /** The stream is gone for good (refused, or no EventSource here): fall back to polling. */
  failed(): void;
};

export type SubscribeChatEvents = (listener: ChatEventsListener) => () => void;

type Shared = { source: EventSource; listeners: Set<ChatEventsListener>; ready: boolean };
const streams = new Map<string, Shared>();

export function chatEventsSubscriber(chatId: string): SubscribeChatEvents {
  return (listener) => subscribeChatEvents(chatId, listener);
}

function subscribeChatEvents(chatId: string, listener: ChatEventsListener): () => void {
  if (typeof EventSource === "undefined") {
    queueMicrotask(() => listener.failed());
    return () => {};
  }
  let shared = streams.get(chatId);
  if (!shared) shared = open(chatId);
  shared.listeners.add(listener);
  if (shared.ready) queueMicrotask(() => listener.ready());
  const joined = shared;
  return () => {
    joined.listeners.delete(listener);
    if (joined.listeners.size === 0 && streams.get(chatId) === joined) {
      joined.source.close();
      streams.delete(chatId);
    }
  };
}

function open(chatId: string): Shared {
  const source = new EventSource(`/api/chats/${chatId}/events`);
  const shared: Shared = { source, listeners: new Set(), ready: false };
  streams.set(chatId, shared);
  source.addEventListener("ready", () => {
    shared.ready = true;
    for (const listener of [...shared.listeners]) listener.ready();
  });
  source.addEventListener("job", (event) => {
    let assistantMessageId: unknown;
    try {
      assistantMessageId = (
        JSON.parse((event as MessageEvent<string>).data) as Record<string, unknown>
      ).assistantMessageId;
    } catch {
      return;
    }
    if (typeof assistantMessageId !== "string") return;
    for (const listener of [...shared.listeners]) listener.settled(assistantMessageId);
  });
  source.addEventListener("error", () => {
    shared.ready = false;
    // CONNECTING: the browser reconnects by itself (then "ready" comes again). CLOSED: refused.
    if (source.readyState !== EventSource.CLOSED) return;
    if (streams.get(chatId) === shared) streams.delete(chatId);
    for (const listener of [...shared.listeners]) listener.failed();
  });
  return shared;
}
