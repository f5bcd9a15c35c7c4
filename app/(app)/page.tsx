import { randomUUID } from "node:crypto";
import { Chat } from "@/components/chat/chat";
import { getSessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";
import { getEnv } from "@/lib/env";

export default async function NewChatPage() {
  const user = await getSessionUser();
  const account = user ? await findUserById(await getDb(), user.id) : undefined;
  const chatId = randomUUID();
  return (
    <Chat
      key={chatId}
      chatId={chatId}
      initialMessages={[]}
      stoppedMessageIds={[]}
      isNew
      maxChars={getEnv().CHAT_MAX_MESSAGE_CHARS}
      memoryEnabled={account?.memoryEnabled ?? true}
    />
  );
}
