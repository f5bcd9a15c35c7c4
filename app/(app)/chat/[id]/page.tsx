import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Chat } from "@/components/chat/chat";
import { chatModelInfo } from "@/lib/ai/providers";
import { getSessionUser } from "@/lib/auth";
import { toUIMessages } from "@/lib/chat/ui-messages";
import { getDb } from "@/lib/db/client";
import { findChat } from "@/lib/db/queries/chats";
import { listMessages } from "@/lib/db/queries/messages";
import { findUserById } from "@/lib/db/queries/users";
import { getEnv } from "@/lib/env";
import { CHAT_NAMESPACES, ClientMessages } from "@/lib/i18n/client-messages";
import { memoryUpdatesForTurns } from "@/lib/memory/turn-updates";
import { viewUsedMemories } from "@/lib/memory/used-memories";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Metadata"))("chat") };
}

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
  // Each turn's notice is part of it: what its extraction did, as stored with its job.
  const [outcomes, usedMemories] = await Promise.all([
    memoryUpdatesForTurns(db, {
      userId: user.id,
      assistantMessageIds: messages
        .filter((message) => message.role === "assistant")
        .map((message) => message.id),
    }),
    viewUsedMemories(db, user.id, messages),
  ]);
  return (
    <ClientMessages namespaces={CHAT_NAMESPACES}>
      <Chat
        key={chat.id}
        chatId={chat.id}
        initialMessages={toUIMessages(messages, usedMemories)}
        stoppedMessageIds={messages
          .filter((message) => message.status === "stopped")
          .map((message) => message.id)}
        initialOutcomes={Object.fromEntries(outcomes)}
        isNew={false}
        temporary={chat.temporary}
        maxChars={getEnv().CHAT_MAX_MESSAGE_CHARS}
        memoryEnabled={account?.memoryEnabled ?? true}
        model={chatModelInfo()}
      />
    </ClientMessages>
  );
}
