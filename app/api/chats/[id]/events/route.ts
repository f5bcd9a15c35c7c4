import { parseId, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { chatEventsResponse } from "@/lib/chat/chat-events";
import { getDb } from "@/lib/db/client";
import { getChat } from "@/lib/db/queries/chats";

/** Server-sent events of the user's own chat: its turns' memory updates as they settle. */
export const GET = route<{ id: string }>(async (request, { params }) => {
  const user = await requireUser();
  const chatId = parseId((await params).id, "Chat not found");
  await getChat(await getDb(), { userId: user.id, chatId });
  return chatEventsResponse(request, { userId: user.id, chatId });
});
