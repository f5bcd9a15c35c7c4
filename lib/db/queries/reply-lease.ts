/**
 * The reply lease of a chat: at most one reply is written in a chat at a time, whichever
 * instance serves the request. Times are the database's, the one clock every instance shares.
 */
import "server-only";
import { and, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Executor } from "../open";
import { chats } from "../schema";

type Lease = { userId: string; chatId: string; streamId: string };

const leaseEnd = (seconds: number) => sql`now() + make_interval(secs => ${seconds})`;

/** The columns of a chat that hold a reply's lease, for a chat created already holding it. */
export function replyLeaseColumns({ streamId, seconds }: { streamId: string; seconds: number }) {
  return { replyStreamId: streamId, replyLeaseUntil: leaseEnd(seconds) };
}

/** Takes the chat for this reply; false while another reply's lease is running. */
export async function claimReplyLease(
  db: Executor,
  { userId, chatId, streamId, seconds }: Lease & { seconds: number },
): Promise<boolean> {
  const rows = await db
    .update(chats)
    .set(replyLeaseColumns({ streamId, seconds }))
    .where(
      and(
        eq(chats.id, chatId),
        eq(chats.userId, userId),
        or(isNull(chats.replyLeaseUntil), lte(chats.replyLeaseUntil, sql`now()`)),
      ),
    )
    .returning({ id: chats.id });
  return rows.length > 0;
}

/**
 * Claims the lease, waiting a moment for one that is about to be freed: a reply's last words
 * reach the browser a moment before its save frees the chat, so a send at once after a reply
 * (or after Stop, or a model error) is taken rather than refused.
 */
export async function claimReplyLeaseSoon(
  db: Executor,
  lease: Lease & { seconds: number },
  { waitMs = 2_000, everyMs = 100 } = {},
): Promise<"claimed" | "claimed after a wait" | "busy"> {
  const deadline = Date.now() + waitMs;
  for (let waited = false; ; waited = true) {
    if (await claimReplyLease(db, lease)) return waited ? "claimed after a wait" : "claimed";
    if (Date.now() >= deadline) return "busy";
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Extends the lease of a reply still streaming; false when the reply no longer holds it. */
export async function renewReplyLease(
  db: Executor,
  { userId, chatId, streamId, seconds }: Lease & { seconds: number },
): Promise<boolean> {
  const rows = await db
    .update(chats)
    .set({ replyLeaseUntil: leaseEnd(seconds) })
    .where(and(eq(chats.id, chatId), eq(chats.userId, userId), eq(chats.replyStreamId, streamId)))
    .returning({ id: chats.id });
  return rows.length > 0;
}

/** Frees the chat when this reply ends (saved, failed or refused); a later reply's is kept. */
export async function releaseReplyLease(
  db: Executor,
  { userId, chatId, streamId }: Lease,
): Promise<void> {
  await db
    .update(chats)
    .set({ replyStreamId: null, replyLeaseUntil: null })
    .where(and(eq(chats.id, chatId), eq(chats.userId, userId), eq(chats.replyStreamId, streamId)));
}

/** The reply being written in the user's chat now, if any. */
export async function currentReplyStream(
  db: Executor,
  { userId, chatId }: { userId: string; chatId: string },
): Promise<string | null> {
  const [row] = await db
    .select({ streamId: chats.replyStreamId })
    .from(chats)
    .where(
      and(eq(chats.id, chatId), eq(chats.userId, userId), gt(chats.replyLeaseUntil, sql`now()`)),
    );
  return row?.streamId ?? null;
}
