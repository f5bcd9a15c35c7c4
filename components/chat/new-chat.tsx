"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { onNewChat } from "@/lib/client/chat-events";
import { focusComposer } from "@/lib/client/focus";
import { newUuid } from "@/lib/client/uuid";
import { Chat, type ChatModel } from "./chat";

/**
 * The empty chat at "/". Once its first message is sent the address becomes the chat's own
 * (`/chat/<id>`) without a navigation, so this page stays on screen: New chat tells it to start
 * over with a fresh chat id instead of relying on a navigation to "/" that may not happen.
 */
export function NewChat({
  initialChatId,
  maxChars,
  memoryEnabled,
  model,
}: {
  initialChatId: string;
  maxChars: number;
  memoryEnabled: boolean;
  model: ChatModel;
}) {
  const [chatId, setChatId] = useState(initialChatId);
  const router = useRouter();

  // Back to a chat that was started here (a link from it, then Back): the browser shows the
  // chat's address, but the history entry holds this empty page. Load the chat itself.
  useEffect(() => {
    const { pathname, search, hash } = window.location;
    if (pathname.startsWith("/chat/")) router.replace(`${pathname}${search}${hash}`);
  }, [router]);

  useEffect(
    () =>
      onNewChat(() => {
        setChatId(newUuid());
        focusComposer();
      }),
    [],
  );

  return (
    <Chat
      key={chatId}
      chatId={chatId}
      initialMessages={[]}
      stoppedMessageIds={[]}
      initialOutcomes={{}}
      isNew
      maxChars={maxChars}
      memoryEnabled={memoryEnabled}
      model={model}
    />
  );
}
