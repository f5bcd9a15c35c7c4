/**
 * Merges a likely duplicate pair `{ "memory_ids": [a, b] }`: the stronger memory stays (confirmed,
 * explicit or the user's own, more confident, newer), the other is removed, and the kept one's
 * history records the merge. Answers `{ memory, removed_id }`; 404 when either is not the caller's.
 */
import { parseJsonBody, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { memoryPairSchema } from "@/lib/memory/duplicate-request";
import { mergeDuplicates } from "@/lib/memory/duplicates";
import { withReplacedMemories } from "@/lib/memory/views";

export const POST = route(async (request) => {
  const user = await requireUser();
  const { memory_ids: memoryIds } = await parseJsonBody(request, memoryPairSchema);
  const db = await getDb();
  const { kept, removedId } = await mergeDuplicates(db, user.id, memoryIds);
  const [memory] = await withReplacedMemories(db, user.id, [kept]);
  return Response.json({ memory, removed_id: removedId });
});
