/**
 * "Keep both" for a likely duplicate pair `{ "memory_ids": [a, b] }`: the pair is not offered
 * again. 204; 404 when either memory is not the caller's.
 */
import { parseJsonBody, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { memoryPairSchema } from "@/lib/memory/duplicate-request";
import { keepBoth } from "@/lib/memory/duplicates";

export const POST = route(async (request) => {
  const user = await requireUser();
  const { memory_ids: memoryIds } = await parseJsonBody(request, memoryPairSchema);
  await keepBoth(await getDb(), user.id, memoryIds);
  return new Response(null, { status: 204 });
});
