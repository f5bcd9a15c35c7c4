import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { ensureChat } from "@/lib/db/queries/chats";
import { saveAssistantMessage, saveUserMessage } from "@/lib/db/queries/messages";
import { insertUser } from "@/lib/db/queries/users";
import { extractionJobs } from "@/lib/db/schema";
import type { BusEvent } from "@/lib/events/bus";

/**
 * The worker loop in this process, on a PGlite folder of its own (the process database), with
 * the offline model and an interval far longer than the test: only a wake-up can run the job.
 */
const folder = mkdtempSync(path.join(tmpdir(), "ingat-worker-wake-"));
let db: Database;

beforeAll(async () => {
  for (const name of [
    "DATABASE_URL",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "EXTRACTION_API_KEY",
    "EXTRACTION_BASE_URL",
  ]) {
    delete process.env[name];
  }
  process.env.PGLITE_DIR = folder;
  const { getDb } = await import("@/lib/db/client");
  db = await getDb();
}, 180_000); // a fresh PGlite folder, migrated: slow on a busy machine

afterAll(async () => {
  const { stopExtractionWorker } = await import("./extraction-worker");
  await stopExtractionWorker();
  await db?.$close();
  rmSync(folder, { recursive: true, force: true });
});

async function queuedTurn() {
  const user = await insertUser(db, { email: `${randomUUID()}@example.com`, passwordHash: "x" });
  const chatId = randomUUID();
  await ensureChat(db, { userId: user.id, chatId });
  const said = await saveUserMessage(db, {
    id: randomUUID(),
    userId: user.id,
    chatId,
    text: "I work as a nurse and I live in Lisbon.",
  });
  const answer = await saveAssistantMessage(db, {
    id: randomUUID(),
    userId: user.id,
    chatId,
    text: "Nice to meet you!",
    status: "complete",
  });
  const { enqueueExtractionJob } = await import("./extraction-queue");
  const jobId = await enqueueExtractionJob(db, {
    userId: user.id,
    chatId,
    userMessageId: said.id,
    assistantMessageId: answer.id,
  });
  if (!jobId) throw new Error("no job");
  return { jobId, userId: user.id, chatId, assistantMessageId: answer.id };
}

const statusOf = async (jobId: string) =>
  (await db.select().from(extractionJobs).where(eq(extractionJobs.id, jobId)))[0]?.status;

it("a worker woken by a queued job runs it at once, then announces it settled", async () => {
  const { startExtractionWorker } = await import("./extraction-worker");
  const { getBus } = await import("@/lib/events/process-bus");
  const bus = await getBus();
  const settled: BusEvent[] = [];
  bus.subscribe((event) => {
    if (event.type === "job-settled") settled.push(event);
  });
  startExtractionWorker({ intervalMs: 600_000 });
  await new Promise((resolve) => setTimeout(resolve, 500)); // its first look found nothing

  const turn = await queuedTurn();
  await bus.publish({ type: "job-queued", jobId: turn.jobId });
  const deadline = Date.now() + 10_000;
  while ((await statusOf(turn.jobId)) !== "done" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await statusOf(turn.jobId)).toBe("done");
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(settled).toEqual([
    {
      type: "job-settled",
      userId: turn.userId,
      chatId: turn.chatId,
      jobId: turn.jobId,
      assistantMessageId: turn.assistantMessageId,
    },
  ]);
});
