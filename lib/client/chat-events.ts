/**
 * Browser events between the shell and the chat: the chat list reloads when a reply finished
 * or a chat changed; the chat starts over when New chat is clicked (the page at "/" may already
 * be on screen, its address changed to the chat it started); the chat shows one message when a
 * search result in the open chat is followed.
 */
const CHATS_CHANGED = "ingat:chats-changed";
const NEW_CHAT = "ingat:new-chat";
const SHOW_MESSAGE = "ingat:show-message";

export function announceChatsChanged(): void {
  window.dispatchEvent(new Event(CHATS_CHANGED));
}

export function onChatsChanged(listener: () => void): () => void {
  window.addEventListener(CHATS_CHANGED, listener);
  return () => window.removeEventListener(CHATS_CHANGED, listener);
}

export function announceNewChat(): void {
  window.dispatchEvent(new Event(NEW_CHAT));
}

export function onNewChat(listener: () => void): () => void {
  window.addEventListener(NEW_CHAT, listener);
  return () => window.removeEventListener(NEW_CHAT, listener);
}

export function announceShowMessage(messageId: string): void {
  window.dispatchEvent(new CustomEvent<string>(SHOW_MESSAGE, { detail: messageId }));
}

export function onShowMessage(listener: (messageId: string) => void): () => void {
  const handle = (event: Event) => listener((event as CustomEvent<string>).detail);
  window.addEventListener(SHOW_MESSAGE, handle);
  return () => window.removeEventListener(SHOW_MESSAGE, handle);
}
