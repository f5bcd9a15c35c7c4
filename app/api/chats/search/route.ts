import { z } from "zod";
import { parseInput, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { searchUserChats } from "@/lib/chat/search";
import { getDb } from "@/lib/db/client";

const searchSchema = z.object({
  q: z.string().max(200, "must be at most 200 characters"),
});

/** Search chats: GET /api/chats/search?q=words — the user's chats whose title or text match. */
export const GET = route(async (request) => {
  const user = await requireUser();
  const { q } = parseInput(searchSchema, {
    q: new URL(request.url).searchParams.get("q") ?? "",
  });
  const results = await searchUserChats(await getDb(), { userId: user.id, query: q });
  return Response.json({ results }, { headers: { "Cache-Control": "no-store" } });
});
