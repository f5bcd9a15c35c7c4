import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MockOpenAIClient } from "@/e2e/mock-openai/client";
import { startMockOpenAI } from "@/e2e/mock-openai/server";
import type { Database } from "@/lib/db/client";
import { ensureChat } from "@/lib/db/queries/chats";
import { saveAssistantMessage, saveUserMessage } from "@/lib/db/queries/messages";
import { insertUser, setMemoryEnabled } from "@/lib/db/queries/users";
import { extractionJobs, memories, memoryHistory } from "@/lib/db/schema";
import { describeWithDatabase } from "@/lib/testing/test-db";
import {
  claimDueJobs,
  claimJob,
  completeJob,
  enqueueExtractionJob,
  failJobAttempt,
} from "./extraction-queue";
import { runClaimedJob } from "./run-extraction";

let mock: Awaited<ReturnType<typeof startMockOpenAI>>;
let mockClient: MockOpenAIClient;

beforeAll(async () => {
  mock = await startMockOpenAI({ port: 0 });
  mockClient = new MockOpenAIClient(mock.url);
  process.env.EXTRACTION_BASE_URL = `${mock.url}/v1`;
  process.env.EXTRACTION_API_KEY = "test-key";
  process.env.EXTRACTION_MODEL = "mock-extraction";
});
afterAll(async () => {
  await mock.close();
});

/** Letters only: a UUID in a message would look like a secret token and never be stored. */
const newTag = () =>
  `tag${randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 8)}`;

const preference = (sourceText: string, overrides: Record<string, unknown> = {}) => ({
  type: "fact",
  category: "work",
  topic: "job",
  detail: "marine biologist",
  confidence_score: 0.95,
  source_text: sourceText,
  explicit: false,
  ...overrides,
});

async function turnWithJob(db: Database, userText: string) {
  const user = await insertUser(db, { email: `${randomUUID()}@example.com`, passwordHash: "x" });
  const chatId = randomUUID();
  await ensureChat(db, { userId: user.id, chatId });
  const userMessage = await saveUserMessage(db, {
    id: randomUUID(),
    userId: user.id,
    chatId,
    text: userText,
  });
  const assistant = await saveAssistantMessage(db, {
    id: randomUUID(),
    userId: user.id,
    chatId,
    text: "Nice to meet you!",
    status: "complete",
  });
  const jobId = await enqueueExtractionJob(db, {
    userId: user.id,
    chatId,
    userMessageId: userMessage.id,
    assistantMessageId: assistant.id,
  });
  if (!jobId) throw new Error("no job");
  return { user, jobId };
}

async function jobRow(db: Database, jobId: string) {
  const [job] = await db.select().from(extractionJobs).where(eq(extractionJobs.id, jobId));
  if (!job) throw new Error("job missing");
  return job;
}

async function memoriesOf(db: Database, userId: string) {
  return db.select().from(memories).where(eq(memories.userId, userId));
}

/** Makes a job waiting for its back-off due now, as if the time had passed. */
async function makeDue(db: Database, jobId: string) {
  await db.update(extractionJobs).set({ runAfter: sql`now()` }).where(eq(extractionJobs.id, jobId));
}

async function runJob(db: Database, jobId: string) {
  const job = await claimJob(db, jobId);
  if (!job) throw new Error("job not claimable");
  return runClaimedJob(db, job);
}

/** As if the runner holding the job had died: its lease is over. */
async function expireLease(db: Database, jobId: string) {
  await db
    .update(extractionJobs)
    .set({ leaseExpiresAt: sql`now() - interval '1 second'` })
    .where(eq(extractionJobs.id, jobId));
}

async function until(check: () => Promise<boolean>, what: string) {
  for (let waited = 0; waited < 10_000; waited += 25) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeWithDatabase("extraction jobs", (getDb, kind) => {
  it("runs a job: stores the memory and records model, latency, tokens and changes", async () => {
    const tag = newTag();
    const text = `I work as a marine biologist ${tag}`;
    await mockClient.addRule({
      match: tag,
      kind: "extraction",
      response: { type: "json", body: { preferences: [preference(text)], forget: [] } },
    });
    const { user, jobId } = await turnWithJob(getDb(), text);
    expect(await runJob(getDb(), jobId)).toBe("done");

    const job = await jobRow(getDb(), jobId);
    expect(job).toMatchObject({
      status: "done",
      model: "mock-extraction",
      memoriesChanged: 1,
      attempts: 1,
    });
    expect(job.latencyMs).toBeGreaterThanOrEqual(0);
    expect(job.inputTokens).toBeGreaterThan(0);
    const stored = await memoriesOf(getDb(), user.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ topic: "job", detail: "marine biologist", status: "active" });

    const [request] = await mockClient.requests({ contains: tag, kind: "extraction" });
    const prompt = JSON.stringify(request?.messages);
    expect(prompt).toContain(text);
    expect(prompt).toContain("Nice to meet you!");
  });

  it("retries after a 500 and then succeeds", async () => {
    const tag = newTag();
    const text = `I live in Bandung ${tag}`;
    await mockClient.addRule({
      match: tag,
      kind: "extraction",
      once: true,
      response: { type: "error", status: 500 },
    });
    await mockClient.addRule({
      match: tag,
      kind: "extraction",
      response: {
        type: "json",
        body: {
          preferences: [
            preference(text, { category: "location", topic: "city", detail: "Bandung" }),
          ],
          forget: [],
        },
      },
    });
    const { user, jobId } = await turnWithJob(getDb(), text);
    expect(await runJob(getDb(), jobId)).toBe("retry");
    const waiting = await jobRow(getDb(), jobId);
    expect(waiting.status).toBe("pending");
    expect(waiting.lastError).toMatch(/500/);
    expect(waiting.runAfter.getTime()).toBeGreaterThan(Date.now());
    expect(await claimJob(getDb(), jobId)).toBeNull(); // backing off

    await makeDue(getDb(), jobId);
    expect(await runJob(getDb(), jobId)).toBe("done");
    expect((await jobRow(getDb(), jobId)).attempts).toBe(2);
    expect(await memoriesOf(getDb(), user.id)).toHaveLength(1);
  });

  for (const [label, content] of [
    ["invalid JSON", "{ this is not json"],
    [
      "schema-invalid JSON",
      JSON.stringify({ preferences: [{ type: "hobby", topic: 3 }], forget: [] }),
    ],
  ] as const) {
    it(`retries ${label}, then marks the job failed with the reason and stores nothing`, async () => {
      const tag = newTag();
      await mockClient.addRule({
        match: tag,
        kind: "extraction",
        response: { type: "raw", content },
      });
      const { user, jobId } = await turnWithJob(getDb(), `I love sailing ${tag}`);
      await getDb()
        .update(extractionJobs)
        .set({ maxAttempts: 3 })
        .where(eq(extractionJobs.id, jobId));

      expect(await runJob(getDb(), jobId)).toBe("retry");
      await makeDue(getDb(), jobId);
      expect(await runJob(getDb(), jobId)).toBe("retry");
      await makeDue(getDb(), jobId);
      expect(await runJob(getDb(), jobId)).toBe("failed");

      const job = await jobRow(getDb(), jobId);
      expect(job.status).toBe("failed");
      expect(job.attempts).toBe(3);
      expect(job.lastError).toMatch(/NoObjectGenerated|parse|schema|validation|JSON/i);
      expect(await memoriesOf(getDb(), user.id)).toEqual([]);
      expect(await claimDueJobs(getDb(), 100)).not.toContainEqual(
        expect.objectContaining({ id: jobId }),
      );
    });
  }

  it("picks a crashed claim up again once its lease expires", async () => {
    const { jobId } = await turnWithJob(getDb(), "nothing to remember here");
    const claimed = await claimJob(getDb(), jobId);
    expect(claimed?.status).toBe("running");
    expect(await claimJob(getDb(), jobId)).toBeNull(); // the lease protects it

    await getDb()
      .update(extractionJobs)
      .set({ leaseExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(extractionJobs.id, jobId));
    const reclaimed = (await claimDueJobs(getDb(), 100)).find((job) => job.id === jobId);
    expect(reclaimed?.attempts).toBe(2);
    if (reclaimed) expect(await runClaimedJob(getDb(), reclaimed)).toBe("done");
  });

  // PGlite has one connection: its claimers take turns, so only Postgres can show a double claim.
  it.skipIf(kind === "pglite")(
    "never gives one job to two concurrent claimers (Postgres: claimers really overlap)",
    async () => {
      const created = await Promise.all(
        Array.from({ length: 40 }, (_, i) => turnWithJob(getDb(), `turn ${i}`)),
      );
      const ours = new Set(created.map((turn) => turn.jobId));
      const batches = await Promise.all(Array.from({ length: 6 }, () => claimDueJobs(getDb(), 8)));
      const claimedOurs = batches.flat().filter((job) => ours.has(job.id));
      expect(claimedOurs.length).toBeGreaterThan(0);
      expect(new Set(claimedOurs.map((job) => job.id)).size).toBe(claimedOurs.length);
      // every claim got a lease token of its own
      const tokens = batches.flat().map((job) => job.leaseToken);
      expect(new Set(tokens).size).toBe(tokens.length);
      await Promise.all(batches.flat().map((job) => runClaimedJob(getDb(), job)));
    },
  );

  it("counts an attempt whose runner died: a job that keeps crashing ends failed", async () => {
    const { jobId } = await turnWithJob(getDb(), "nothing to remember here");
    await getDb()
      .update(extractionJobs)
      .set({ maxAttempts: 2 })
      .where(eq(extractionJobs.id, jobId));
    expect((await claimJob(getDb(), jobId))?.attempts).toBe(1);
    await expireLease(getDb(), jobId); // the process crashed mid-run
    expect((await claimJob(getDb(), jobId))?.attempts).toBe(2);
    await expireLease(getDb(), jobId); // and again
    expect(await claimJob(getDb(), jobId)).toBeNull();
    // The worker's pass marks it failed rather than claiming it a third time.
    expect(await claimDueJobs(getDb(), 100)).not.toContainEqual(
      expect.objectContaining({ id: jobId }),
    );
    const job = await jobRow(getDb(), jobId);
    expect(job).toMatchObject({ status: "failed", attempts: 2, leaseToken: null });
    expect(job.lastError).toMatch(/LeaseExpired/);
  });

  it("lets only the runner holding the current lease complete or fail a job", async () => {
    const { jobId } = await turnWithJob(getDb(), "nothing to remember either");
    const stale = await claimJob(getDb(), jobId);
    await expireLease(getDb(), jobId);
    const live = await claimJob(getDb(), jobId);
    if (!stale || !live) throw new Error("claims failed");
    expect(live.leaseToken).not.toBe(stale.leaseToken);
    expect(await failJobAttempt(getDb(), stale, "stale failure")).toBe("lost");
    expect(await completeJob(getDb(), stale, { status: "done" })).toBe(false);
    expect(await completeJob(getDb(), { id: jobId, leaseToken: null }, { status: "done" })).toBe(
      false,
    );
    expect((await jobRow(getDb(), jobId)).status).toBe("running");
    expect(await completeJob(getDb(), live, { status: "skipped" })).toBe(true);
    expect((await jobRow(getDb(), jobId)).status).toBe("skipped");
  });

  it("a stale runner's failure arriving while the live runner works never discards its result", async () => {
    const tag = newTag();
    const text = `I work as a marine biologist ${tag}`;
    await mockClient.addRule({
      match: tag,
      kind: "extraction",
      delayMs: 400,
      response: { type: "json", body: { preferences: [preference(text)], forget: [] } },
    });
    const { user, jobId } = await turnWithJob(getDb(), text);
    const stale = await claimJob(getDb(), jobId);
    await expireLease(getDb(), jobId);
    const live = await claimJob(getDb(), jobId);
    if (!stale || !live) throw new Error("claims failed");

    const running = runClaimedJob(getDb(), live);
    await until(
      async () => (await mockClient.requests({ contains: tag })).length > 0,
      "the live call",
    );
    // The stale runner's model call failed meanwhile: it reports while the live one waits.
    expect(await failJobAttempt(getDb(), stale, "TimeoutError: stale runner")).toBe("lost");
    expect(await running).toBe("done");

    const job = await jobRow(getDb(), jobId);
    expect(job).toMatchObject({ status: "done", lastError: null, memoriesChanged: 1 });
    expect(await memoriesOf(getDb(), user.id)).toHaveLength(1);
  });

  // Real overlap needs several connections: on PGlite every statement waits for the one before,
  // so the stale failure and the live success can only interleave as in the test above.
  it.skipIf(kind === "pglite")(
    "races stale failures against live successes on many jobs at once (Postgres)",
    async () => {
      const turns = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const tag = newTag();
          const text = `I work as a marine biologist ${tag}`;
          await mockClient.addRule({
            match: tag,
            kind: "extraction",
            response: { type: "json", body: { preferences: [preference(text)], forget: [] } },
          });
          return turnWithJob(getDb(), text);
        }),
      );
      const pairs = [];
      for (const { jobId } of turns) {
        const stale = await claimJob(getDb(), jobId);
        await expireLease(getDb(), jobId);
        const live = await claimJob(getDb(), jobId);
        if (!stale || !live) throw new Error("claims failed");
        pairs.push({ stale, live });
      }
      const outcomes = await Promise.all(
        pairs.flatMap(({ stale, live }) => [
          runClaimedJob(getDb(), live),
          failJobAttempt(getDb(), stale, "TimeoutError: stale runner"),
          runClaimedJob(getDb(), stale),
        ]),
      );
      expect(outcomes.filter((outcome) => outcome === "done")).toHaveLength(turns.length);
      for (const { user, jobId } of turns) {
        expect((await jobRow(getDb(), jobId)).status).toBe("done");
        expect(await memoriesOf(getDb(), user.id)).toHaveLength(1);
      }
    },
  );

  it("applies a job once even when two runners hold it (expired lease race)", async () => {
    const tag = newTag();
    const text = `I want to learn Rust ${tag}`;
    await mockClient.addRule({
      match: tag,
      kind: "extraction",
      response: {
        type: "json",
        body: {
          preferences: [
            preference(text, {
              type: "goal",
              category: "education",
              topic: "rust",
              detail: "learn Rust",
            }),
          ],
          forget: [],
        },
      },
    });
    const { user, jobId } = await turnWithJob(getDb(), text);
    const firstClaim = await claimJob(getDb(), jobId);
    await getDb()
      .update(extractionJobs)
      .set({ leaseExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(extractionJobs.id, jobId));
    const secondClaim = await claimJob(getDb(), jobId);
    if (!firstClaim || !secondClaim) throw new Error("claims failed");

    await Promise.all([runClaimedJob(getDb(), firstClaim), runClaimedJob(getDb(), secondClaim)]);
    await runClaimedJob(getDb(), secondClaim); // and once more, late

    expect(await memoriesOf(getDb(), user.id)).toHaveLength(1);
    const history = await getDb()
      .select()
      .from(memoryHistory)
      .where(and(eq(memoryHistory.userId, user.id), eq(memoryHistory.jobId, jobId)));
    expect(history).toHaveLength(1);
    expect((await jobRow(getDb(), jobId)).status).toBe("done");
  });

  it("skips the job without calling the model when memory was switched off", async () => {
    const tag = newTag();
    const { user, jobId } = await turnWithJob(getDb(), `I live in Jakarta ${tag}`);
    await setMemoryEnabled(getDb(), user.id, false);
    expect(await runJob(getDb(), jobId)).toBe("skipped");
    expect(await mockClient.requests({ contains: tag })).toEqual([]);
    expect(await memoriesOf(getDb(), user.id)).toEqual([]);
  });
});
