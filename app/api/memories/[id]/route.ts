/**
 * One memory of the user. PATCH does one thing per request:
 * - edit: any of `{ type, category, topic, detail }` — the user's wording, confirmed, source "user";
 * - `{ "confirm": true }` — confirmed, so later inferences can only suggest a change;
 * - `{ "accept": true }` / `{ "reject": true }` — settle a suggestion (reject deletes it).
 * It answers `{ memory }`, or 204 after a reject. DELETE forgets the memory at once and answers
 * `{ undo_token, undo_expires_at }`: POST the token to /api/memories/restore within the undo
 * window to bring it back. Another user's id is 404 for every method.
 */
import { z } from "zod";
import { parseId, parseJsonBody, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  acceptSuggestion,
  confirmMemory,
  deleteMemory,
  editMemory,
  memoryInputSchema,
  rejectSuggestion,
} from "@/lib/memory/mutations";
import { getMemoryItem, withReplacedMemories } from "@/lib/memory/views";
import { limitMemoryWrites } from "@/lib/memory/write-limit";

type Params = { id: string };

const ACTIONS = ["confirm", "accept", "reject"] as const;
const actionFlag = z.literal(true, "must be true").optional();
const patchSchema = memoryInputSchema
  .partial()
  .extend({ confirm: actionFlag, accept: actionFlag, reject: actionFlag });

export const GET = route<Params>(async (_request, { params }) => {
  const user = await requireUser();
  const memoryId = parseId((await params).id, "Memory not found");
  const memory = await getMemoryItem(await getDb(), user.id, memoryId);
  return Response.json({ memory }, { headers: { "Cache-Control": "no-store" } });
});

export const PATCH = route<Params>(async (request, { params }) => {
  const user = await requireUser();
  const memoryId = parseId((await params).id, "Memory not found");
  const { confirm, accept, reject, ...changes } = await parseJsonBody(request, patchSchema);
  const actions = ACTIONS.filter((action) => ({ confirm, accept, reject })[action]);
  const editing = Object.values(changes).some((value) => value !== undefined);
  if (actions.length === 0 && !editing) {
    throw new AppError(
      "bad_request",
      "Nothing to change: send fields to edit, or confirm, accept or reject.",
    );
  }
  if (actions.length + (editing ? 1 : 0) > 1) {
    throw new AppError(
      "bad_request",
      `${actions[0]}: send either changes or one of confirm, accept or reject, not several.`,
      { field: actions[0] },
    );
  }

  const db = await getDb();
  await limitMemoryWrites(db, user.id);
  if (reject) {
    await rejectSuggestion(db, user.id, memoryId);
    return new Response(null, { status: 204 });
  }
  const row = confirm
    ? await confirmMemory(db, user.id, memoryId)
    : accept
      ? await acceptSuggestion(db, user.id, memoryId)
      : await editMemory(db, user.id, memoryId, changes);
  const [memory] = await withReplacedMemories(db, user.id, [row]);
  return Response.json({ memory });
});

export const DELETE = route<Params>(async (_request, { params }) => {
  const user = await requireUser();
  const memoryId = parseId((await params).id, "Memory not found");
  const db = await getDb();
  await limitMemoryWrites(db, user.id);
  const receipt = await deleteMemory(db, user.id, memoryId, {
    undoSeconds: getEnv().MEMORY_UNDO_SECONDS,
  });
  return Response.json({
    undo_token: receipt.undoToken,
    undo_expires_at: receipt.undoExpiresAt.toISOString(),
  });
});
