/**
 * The caller's likely duplicates: `{ duplicates: [{ similarity, memories: [memory, memory] }] }`,
 * most similar first, without the pairs they chose to keep apart.
 */
import { requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { listDuplicateItems } from "@/lib/memory/duplicates";

export const GET = route(async () => {
  const user = await requireUser();
  const duplicates = await listDuplicateItems(await getDb(), user.id);
  return Response.json({ duplicates }, { headers: { "Cache-Control": "no-store" } });
});
