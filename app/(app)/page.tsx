import { randomUUID } from "node:crypto";
import { NewChat } from "@/components/chat/new-chat";
import { chatModelInfo } from "@/lib/ai/providers";
import { getSessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";
import { getEnv } from "@/lib/env";
import { CHAT_NAMESPACES, ClientMessages } from "@/lib/i18n/client-messages";

export default async function NewChatPage() {
  const user = await getSessionUser();
  const account = user ? await findUserById(await getDb(), user.id) : undefined;
  return (
    <ClientMessages namespaces={CHAT_NAMESPACES}>
      <NewChat
        initialChatId={randomUUID()}
        maxChars={getEnv().CHAT_MAX_MESSAGE_CHARS}
        memoryEnabled={account?.memoryEnabled ?? true}
        model={chatModelInfo()}
      />
    </ClientMessages>
  );
}
