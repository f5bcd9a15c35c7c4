import { parseId, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { findMessagesByIds } from "@/lib/db/queries/messages";
import { notFound } from "@/lib/errors";
import { memoryUpdatesForTurn } from "@/lib/memory/turn-updates";

/**
 * What the extraction of this turn changed; polled by the chat after a reply. A turn without a
 * job (memory off) answers "none" — but only for the caller's own reply: any other id is 404,
 * like every id that is not the caller's (the chat keeps polling through a 404 until the reply
 * is saved).
 */
export const GET = route<{ messageId: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const assistantMessageId = parseId((await params).messageId, "Message not found");
  const db = await getDb();
  const updates = await memoryUpdatesForTurn(db, { userId: user.id, assistantMessageId });
  if (updates.status === "none") {
    const [message] = await findMessagesByIds(db, { userId: user.id, ids: [assistantMessageId] });
    if (message?.role !== "assistant") throw notFound("Message not found");
  }
  return Response.json(updates, { headers: { "Cache-Control": "no-store" } });
});
