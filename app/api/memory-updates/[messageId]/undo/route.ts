import { parseId, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { undoTurnMemoryUpdates } from "@/lib/memory/turn-updates";
import { limitMemoryWrites } from "@/lib/memory/write-limit";

/** Undo of the "Memory updated" notice: reverts what this turn's extraction changed. */
export const POST = route<{ messageId: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const assistantMessageId = parseId((await params).messageId, "Message not found");
  const db = await getDb();
  await limitMemoryWrites(db, user.id);
  const reverted = await undoTurnMemoryUpdates(db, {
    userId: user.id,
    assistantMessageId,
  });
  return Response.json({ reverted });
});
