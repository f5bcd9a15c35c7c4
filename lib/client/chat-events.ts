/** A browser event that tells the chat list to reload (a reply finished, a chat changed). */
const CHATS_CHANGED = "ingat:chats-changed";

export function announceChatsChanged(): void {
  window.dispatchEvent(new Event(CHATS_CHANGED));
}

export function onChatsChanged(listener: () => void): () => void {
  window.addEventListener(CHATS_CHANGED, listener);
  return () => window.removeEventListener(CHATS_CHANGED, listener);
}
