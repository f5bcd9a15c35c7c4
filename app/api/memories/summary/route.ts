import { requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { memorySummary } from "@/lib/memory/views";

/** Counts per type and status and the categories in use: the memory page's headings and filter. */
export const GET = route(async () => {
  const user = await requireUser();
  const summary = await memorySummary(await getDb(), user.id);
  return Response.json(summary, { headers: { "Cache-Control": "no-store" } });
});
