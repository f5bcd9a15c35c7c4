import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { ensureChat } from "@/lib/db/queries/chats";
import { saveAssistantMessage, saveUserMessage } from "@/lib/db/queries/messages";
import { insertUser } from "@/lib/db/queries/users";
import { memories } from "@/lib/db/schema";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { claimJob, enqueueExtractionJob } from "./extraction-queue";
import { runClaimedJob } from "./run-extraction";

beforeAll(() => {
  // No endpoint configured: both roles use the built-in offline model.
  for (const name of [
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "EXTRACTION_API_KEY",
    "EXTRACTION_BASE_URL",
  ]) {
    delete process.env[name];
  }
});

describeWithDatabase("extraction with the offline model", (getDb) => {
  it("learns from an Indonesian turn through the same job path", async () => {
    const db = getDb();
    const user = await insertUser(db, { email: `${randomUUID()}@example.com`, passwordHash: "x" });
    const chatId = randomUUID();
    await ensureChat(db, { userId: user.id, chatId });
    const said = await saveUserMessage(db, {
      id: randomUUID(),
      userId: user.id,
      chatId,
      text: "Saya bekerja sebagai guru dan saya tinggal di Yogyakarta.",
    });
    const answer = await saveAssistantMessage(db, {
      id: randomUUID(),
      userId: user.id,
      chatId,
      text: "Senang bertemu!",
      status: "complete",
    });
    const jobId = await enqueueExtractionJob(db, {
      userId: user.id,
      chatId,
      userMessageId: said.id,
      assistantMessageId: answer.id,
    });
    const job = jobId ? await claimJob(db, jobId) : null;
    if (!job) throw new Error("no job");

    expect(await runClaimedJob(db, job)).toBe("done");
    const stored = await db.select().from(memories).where(eq(memories.userId, user.id));
    expect(stored.map((memory) => [memory.category, memory.topic]).sort()).toEqual([
      ["location", "city"],
      ["work", "job"],
    ]);
    expect(stored.every((memory) => memory.observedAt.getTime() === said.createdAt.getTime())).toBe(
      true,
    );
  });
});
