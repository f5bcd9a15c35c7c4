import { parseId, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { toHistoryJson } from "@/lib/memory/history";
import { memoryHistory } from "@/lib/memory/queries";

/** The memory's changes, newest first: who (extractor, explicit request, user), before and after. */
export const GET = route<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const memoryId = parseId((await params).id, "Memory not found");
  const entries = await memoryHistory(await getDb(), user.id, memoryId);
  return Response.json(
    { history: entries.map(toHistoryJson) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
