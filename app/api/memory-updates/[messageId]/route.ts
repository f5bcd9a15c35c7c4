import { parseId, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { memoryUpdatesForTurn } from "@/lib/memory/turn-updates";

/** What the extraction of this turn changed; polled by the chat after a reply. */
export const GET = route<{ messageId: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const assistantMessageId = parseId((await params).messageId, "Message not found");
  const updates = await memoryUpdatesForTurn(await getDb(), {
    userId: user.id,
    assistantMessageId,
  });
  return Response.json(updates, { headers: { "Cache-Control": "no-store" } });
});
