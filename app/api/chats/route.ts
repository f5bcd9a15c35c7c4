import { requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { listChats } from "@/lib/db/queries/chats";

export const GET = route(async () => {
  const user = await requireUser();
  const chats = await listChats(await getDb(), user.id);
  return Response.json({ chats });
});
