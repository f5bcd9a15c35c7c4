import { parseId, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { undoTurnMemoryUpdates } from "@/lib/memory/turn-updates";

/** Undo of the "Memory updated" notice: reverts what this turn's extraction changed. */
export const POST = route<{ messageId: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const assistantMessageId = parseId((await params).messageId, "Message not found");
  const reverted = await undoTurnMemoryUpdates(await getDb(), {
    userId: user.id,
    assistantMessageId,
  });
  return Response.json({ reverted });
});
