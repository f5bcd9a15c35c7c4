import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { ensureChat } from "@/lib/db/queries/chats";
import { saveAssistantMessage, saveUserMessage } from "@/lib/db/queries/messages";
import { insertUser } from "@/lib/db/queries/users";
import { extractionJobs } from "@/lib/db/schema";
import { memoryUpdatesForTurns } from "@/lib/memory/turn-updates";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { enqueueExtractionJob, findJobForTurn, requeueFailedJob } from "./extraction-queue";

describeWithDatabase("the chat's Retry of a failed extraction", (getDb) => {
  const failedTurn = async () => {
    const user = await insertUser(getDb(), {
      email: `${randomUUID()}@example.com`,
      passwordHash: "x",
    });
    const chatId = randomUUID();
    await ensureChat(getDb(), { userId: user.id, chatId });
    const question = await saveUserMessage(getDb(), {
      id: randomUUID(),
      userId: user.id,
      chatId,
      text: "I love climbing",
    });
    const answer = await saveAssistantMessage(getDb(), {
      id: randomUUID(),
      userId: user.id,
      chatId,
      text: "Nice!",
      status: "complete",
    });
    const jobId = await enqueueExtractionJob(getDb(), {
      userId: user.id,
      chatId,
      userMessageId: question.id,
      assistantMessageId: answer.id,
    });
    if (!jobId) throw new Error("no job");
    await getDb()
      .update(extractionJobs)
      .set({ status: "failed", attempts: 5, lastError: "AI_APICallError (HTTP 500): down" })
      .where(eq(extractionJobs.id, jobId));
    return { userId: user.id, jobId, assistantMessageId: answer.id };
  };

  it("re-queues the user's own failed job, due now with fresh attempts, once", async () => {
    const { userId, jobId, assistantMessageId } = await failedTurn();
    const before = await memoryUpdatesForTurns(getDb(), {
      userId,
      assistantMessageIds: [assistantMessageId],
    });
    expect(before.get(assistantMessageId)?.status).toBe("failed");

    expect(await requeueFailedJob(getDb(), { userId, jobId })).toBe(true);
    const job = await findJobForTurn(getDb(), { userId, assistantMessageId });
    expect(job).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    expect(job?.runAfter.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    // Not failed any more: a second Retry does nothing.
    expect(await requeueFailedJob(getDb(), { userId, jobId })).toBe(false);
  });

  it("never touches another user's job", async () => {
    const { jobId, userId, assistantMessageId } = await failedTurn();
    const other = await failedTurn();
    expect(await requeueFailedJob(getDb(), { userId: other.userId, jobId })).toBe(false);
    expect((await findJobForTurn(getDb(), { userId, assistantMessageId }))?.status).toBe("failed");
    const outcomes = await memoryUpdatesForTurns(getDb(), {
      userId: other.userId,
      assistantMessageIds: [assistantMessageId],
    });
    expect(outcomes.size).toBe(0);
  });
});
