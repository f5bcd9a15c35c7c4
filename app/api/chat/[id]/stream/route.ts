import { parseId, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { stopActiveStream } from "@/lib/chat/active-streams";
import { getDb } from "@/lib/db/client";
import { getChat } from "@/lib/db/queries/chats";

/** Stop: ends the model's reply in this chat; what was generated so far is kept. */
export const DELETE = route<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const chatId = parseId((await params).id, "Chat not found");
  await getChat(await getDb(), { userId: user.id, chatId });
  const stopped = stopActiveStream(user.id, chatId);
  return Response.json({ stopped });
});
