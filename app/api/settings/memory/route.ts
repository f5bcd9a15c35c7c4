/**
 * The Memory switch. Off: no extraction after replies (the chat checks it before queueing a
 * job, the job again before running) and no memories in prompts; stored memories stay until
 * the user deletes them.
 */
import { z } from "zod";
import { parseJsonBody, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { findUserById, setMemoryEnabled } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";

const settingsSchema = z.object({ enabled: z.boolean("must be true or false") });

export const GET = route(async () => {
  const user = await requireUser();
  const account = await findUserById(await getDb(), user.id);
  if (!account) throw new AppError("unauthorized", "Sign in to continue.");
  return Response.json(
    { enabled: account.memoryEnabled },
    { headers: { "Cache-Control": "no-store" } },
  );
});

export const PATCH = route(async (request) => {
  const user = await requireUser();
  const { enabled } = await parseJsonBody(request, settingsSchema);
  await setMemoryEnabled(await getDb(), user.id, enabled);
  return Response.json({ enabled });
});
