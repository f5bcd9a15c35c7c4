import { requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { exportMemories } from "@/lib/memory/queries";

/** Everything Ingat remembers about the caller, with history, as a JSON file download. */
export const GET = route(async () => {
  const user = await requireUser();
  const data = await exportMemories(await getDb(), user.id);
  const day = data.exported_at.slice(0, 10);
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="ingat-memories-${day}.json"`,
      "Cache-Control": "no-store",
    },
  });
});
