import { requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { memoryExportStream } from "@/lib/memory/export-stream";

/**
 * Everything Ingat remembers about the caller, with history, as a JSON file download, streamed
 * a batch of memories at a time (at most `MEMORY_MAX_PER_USER` memories, each with at most
 * `MEMORY_HISTORY_MAX_PER_MEMORY` history rows).
 */
export const GET = route(async () => {
  const user = await requireUser();
  const now = new Date();
  const day = now.toISOString().slice(0, 10);
  return new Response(memoryExportStream(await getDb(), user.id, now), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="ingat-memories-${day}.json"`,
      "Cache-Control": "no-store",
    },
  });
});
