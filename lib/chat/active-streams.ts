/**
 * Replies being generated in this server process, so the Stop button can stop the model.
 * The request's own abort signal is deliberately not used: a closed tab must not stop a reply
 * (it is finished and saved), only an explicit Stop does. With several instances, Stop reaches
 * the model only on the instance that serves the stream (sticky sessions make that the norm).
 */
const active = new Map<string, AbortController>();

const keyOf = (userId: string, chatId: string) => `${userId}:${chatId}`;

export function registerActiveStream(userId: string, chatId: string): AbortController {
  const key = keyOf(userId, chatId);
  active.get(key)?.abort();
  const controller = new AbortController();
  active.set(key, controller);
  return controller;
}

export function releaseActiveStream(userId: string, chatId: string, controller: AbortController) {
  const key = keyOf(userId, chatId);
  if (active.get(key) === controller) active.delete(key);
}

/** Stops the reply streaming in this chat, if any; true when one was stopped. */
export function stopActiveStream(userId: string, chatId: string): boolean {
  const controller = active.get(keyOf(userId, chatId));
  if (!controller) return false;
  controller.abort();
  return true;
}
