import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { Chat } from "@/components/chat/chat";
import { getSessionUser } from "@/lib/auth";
import { toUIMessages } from "@/lib/chat/ui-messages";
import { getDb } from "@/lib/db/client";
import { findChat } from "@/lib/db/queries/chats";
import { listMessages } from "@/lib/db/queries/messages";
import { findUserById } from "@/lib/db/queries/users";
import { getEnv } from "@/lib/env";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Chat" };

export default async function ChatPage({ params }: Props) {
  const { id } = await params;
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const [chat, messages, account] = await Promise.all([
    findChat(db, { userId: user.id, chatId: id }),
    listMessages(db, { userId: user.id, chatId: id }),
    findUserById(db, user.id),
  ]);
  if (!chat) notFound(); // another user's chat looks exactly like a missing one
  return (
    <Chat
      key={chat.id}
      chatId={chat.id}
      initialMessages={toUIMessages(messages)}
      stoppedMessageIds={messages
        .filter((message) => message.status === "stopped")
        .map((message) => message.id)}
      isNew={false}
      maxChars={getEnv().CHAT_MAX_MESSAGE_CHARS}
      memoryEnabled={account?.memoryEnabled ?? true}
    />
  );
}
