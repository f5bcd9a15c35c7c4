"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { onShowMessage } from "@/lib/client/chat-events";

const NEAR_BOTTOM_PX = 80;

/**
 * Scrolling of the message list. It follows the conversation while the reader is at the bottom
 * (a streaming reply, a notice under it), and leaves them alone once they scroll up. Opened on
 * a link to one message (`#message-<id>`: a memory's quote, a search result), it shows and
 * highlights that message and stays there until the user sends.
 */
export function useChatScroll(messages: unknown, status: unknown) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const holding = useRef(false);
  const [linkedId, setLinkedId] = useState<string | null>(null);

  const showMessage = useCallback((messageId: string) => {
    const element = document.getElementById(`message-${messageId}`);
    if (!element) return false;
    holding.current = true;
    atBottom.current = false;
    setLinkedId(messageId);
    element.scrollIntoView({ block: "center" });
    return true;
  }, []);

  useLayoutEffect(() => {
    const hash = window.location.hash.slice(1);
    if (hash.startsWith("message-") && showMessage(hash.slice("message-".length))) return;
    endRef.current?.scrollIntoView({ block: "end" });
  }, [showMessage]);

  useEffect(() => onShowMessage((messageId) => void showMessage(messageId)), [showMessage]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: follow whatever the chat shows
  useLayoutEffect(() => {
    if (!holding.current && atBottom.current) endRef.current?.scrollIntoView({ block: "end" });
  }, [messages, status]);

  const onScroll = useCallback(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    atBottom.current =
      scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
  }, []);

  /** The user sent a message: follow the conversation again. */
  const follow = useCallback(() => {
    holding.current = false;
    atBottom.current = true;
    setLinkedId(null);
    endRef.current?.scrollIntoView({ block: "end" });
  }, []);

  /** Something appeared under the last turn: bring it into view if the reader is following. */
  const reveal = useCallback((element: HTMLElement) => {
    if (!holding.current && atBottom.current) element.scrollIntoView({ block: "nearest" });
  }, []);

  return { scrollerRef, endRef, onScroll, linkedId, follow, reveal };
}
