/**
 * Undo of a delete on the memory page: `{ "undo_token": "…" }`, the token DELETE
 * /api/memories/:id answered with. The memory comes back exactly as it was — its wording,
 * confidence, source, dates, quote and history — from what the server kept; the body carries
 * nothing else. 201 `{ memory }`; 404 once the undo window has passed or for anyone else's
 * token; 409 when the topic has been taken meanwhile.
 */
import { z } from "zod";
import { parseJsonBody, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { restoreForgotten } from "@/lib/memory/forget";
import { withReplacedMemories } from "@/lib/memory/views";
import { limitMemoryWrites } from "@/lib/memory/write-limit";

const restoreSchema = z.strictObject({
  undo_token: z.string().min(1, "is required").max(200, "is not an undo token"),
});

export const POST = route(async (request) => {
  const user = await requireUser();
  const { undo_token: undoToken } = await parseJsonBody(request, restoreSchema);
  const db = await getDb();
  await limitMemoryWrites(db, user.id);
  const row = await restoreForgotten(db, { userId: user.id, undoToken });
  const [memory] = await withReplacedMemories(db, user.id, [row]);
  return Response.json({ memory }, { status: 201 });
});
