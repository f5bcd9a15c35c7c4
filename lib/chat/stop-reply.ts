/**
 * Stop, as the route performs it: the instance writing the reply aborts it (directly, or on the
 * bus), then the chat's lease tells when the stopped reply is saved.
 */
import "server-only";
import type { Executor } from "@/lib/db/client";
import { currentReplyStream } from "@/lib/db/queries/reply-lease";
import { getStreamRegistry } from "./active-streams";

const SAVED_WITHIN_MS = 5_000;
const CHECK_EVERY_MS = 50;

/** True when a reply was being written and is now stopped and saved. */
export async function stopReply(
  db: Executor,
  { userId, chatId }: { userId: string; chatId: string },
): Promise<boolean> {
  const streamId = await currentReplyStream(db, { userId, chatId });
  const streams = await getStreamRegistry();
  const heldHere = await streams.stop(userId, chatId);
  if (!streamId) return heldHere;
  const deadline = Date.now() + SAVED_WITHIN_MS;
  while (Date.now() < deadline) {
    if ((await currentReplyStream(db, { userId, chatId })) !== streamId) return true;
    await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));
  }
  return false;
}
