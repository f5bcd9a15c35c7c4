import { parseId, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { stopReply } from "@/lib/chat/stop-reply";
import { getDb } from "@/lib/db/client";
import { getChat } from "@/lib/db/queries/chats";

/**
 * Stop: ends the model's reply in this chat, on whichever instance writes it; what was
 * generated so far is kept. Answers once the stopped reply is saved, so the next send is taken.
 */
export const DELETE = route<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const chatId = parseId((await params).id, "Chat not found");
  const db = await getDb();
  await getChat(db, { userId: user.id, chatId });
  return Response.json({ stopped: await stopReply(db, { userId: user.id, chatId }) });
});
