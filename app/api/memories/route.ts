/**
 * The user's memories: list (filters, cursor pagination), add one, delete all.
 *
 * POST takes either a memory as the user writes it — `{ type, category, topic, detail }` — or
 * `{ "restore": <memory JSON> }`, the memory page's Undo of a delete: the content comes back as
 * it was (see lib/memory/restore.ts). Both answer 201 `{ memory }`.
 */
import { z } from "zod";
import { parseInput, parseJsonBody, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { MEMORY_STATUSES } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createMemory, deleteAllMemories, memoryInputSchema } from "@/lib/memory/mutations";
import { MAX_PAGE_SIZE } from "@/lib/memory/queries";
import { memoryCopySchema, restoreMemory } from "@/lib/memory/restore";
import { listMemoryItems, withReplacedMemories } from "@/lib/memory/views";
import { MEMORY_TYPES } from "@/lib/memory/vocabulary";

const listQuerySchema = z.object({
  type: z.enum(MEMORY_TYPES).optional(),
  category: z.string().max(60, "must be at most 60 characters").optional(),
  status: z.enum(MEMORY_STATUSES).optional(),
  q: z.string().max(200, "must be at most 200 characters").optional(),
  cursor: z.string().max(100, "is not a valid cursor").optional(),
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
    .optional(),
});

const restoreSchema = z.object({ restore: memoryCopySchema });
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
  const db = await getDb();
  const row =
    "restore" in body
      ? await restoreMemory(db, user.id, parseInput(restoreSchema, body).restore)
      : await createMemory(db, user.id, parseInput(memoryInputSchema, body));
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
  const deleted = await deleteAllMemories(await getDb(), user.id);
  return Response.json({ deleted });
});
