/**
 * The user's memories: list (filters, cursor pagination), add one, delete all.
 *
 * POST takes a memory as the user writes it — `{ type, category, topic, detail }` — and answers
 * 201 `{ memory }`. Undo of a delete is POST /api/memories/restore with the delete's token: no
 * memory fields are ever taken back from the client.
 */
import { z } from "zod";
import { parseInput, parseJsonBody, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { MEMORY_STATUSES } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createMemory, deleteAllMemories, memoryInputSchema } from "@/lib/memory/mutations";
import { MAX_PAGE_SIZE, MEMORY_SORTS } from "@/lib/memory/queries";
import { listMemoryItems, withReplacedMemories } from "@/lib/memory/views";
import { MEMORY_TYPES } from "@/lib/memory/vocabulary";
import { limitMemoryWrites } from "@/lib/memory/write-limit";

const listQuerySchema = z.object({
  type: z.enum(MEMORY_TYPES).optional(),
  category: z.string().max(60, "must be at most 60 characters").optional(),
  status: z.enum(MEMORY_STATUSES).optional(),
  q: z.string().max(200, "must be at most 200 characters").optional(),
  sort: z.enum(MEMORY_SORTS, "must be newest, last_used or most_used").optional(),
  cursor: z.string().max(100, "is not a valid cursor").optional(),
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
    .optional(),
});

const jsonObject = z.record(z.string(), z.unknown(), "The body must be a JSON object.");

/** Query parameters as an object; empty ones (`?type=`) count as absent. */
function queryOf(request: Request): Record<string, string> {
  const params = new URL(request.url).searchParams;
  return Object.fromEntries([...params].filter(([, value]) => value !== ""));
}

export const GET = route(async (request) => {
  const user = await requireUser();
  const filters = parseInput(listQuerySchema, queryOf(request));
  const list = await listMemoryItems(await getDb(), user.id, filters);
  return Response.json(list, { headers: { "Cache-Control": "no-store" } });
});

export const POST = route(async (request) => {
  const user = await requireUser();
  const body = await parseJsonBody(request, jsonObject);
  if ("restore" in body) {
    throw new AppError(
      "bad_request",
      "restore: to undo a delete, POST its undo_token to /api/memories/restore.",
      { field: "restore" },
    );
  }
  const db = await getDb();
  await limitMemoryWrites(db, user.id);
  const row = await createMemory(db, user.id, parseInput(memoryInputSchema, body));
  const [memory] = await withReplacedMemories(db, user.id, [row]);
  return Response.json({ memory }, { status: 201 });
});

export const DELETE = route(async (request) => {
  const user = await requireUser();
  if (new URL(request.url).searchParams.get("all") !== "true") {
    throw new AppError("bad_request", "all: add ?all=true to delete every memory.", {
      field: "all",
    });
  }
  const db = await getDb();
  await limitMemoryWrites(db, user.id);
  const deleted = await deleteAllMemories(db, user.id);
  return Response.json({ deleted });
});
