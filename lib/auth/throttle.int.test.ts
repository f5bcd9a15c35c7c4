import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { deleteStaleClientRateLimits, hitClientRateLimit } from "@/lib/db/queries/rate-limit";
import { clientRateLimits } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { countSignInAttempt, limitSignUp, signInSucceeded } from "./throttle";

const emailLimit = () => getEnv().SIGN_IN_LIMIT_PER_EMAIL;

describeWithDatabase("rate limits before sign-in", (getDb) => {
  const newSubject = () => ({
    email: `${randomUUID()}@example.com`,
    address: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`,
  });

  it("stops wrong passwords for one email past the limit, whatever the address", async () => {
    const { email } = newSubject();
    const results = [];
    for (let i = 0; i <= emailLimit(); i++) {
      results.push(await countSignInAttempt(getDb(), { email, address: `192.0.2.${i}` }));
    }
    expect(results.slice(0, -1).every((result) => result.allowed)).toBe(true);
    const last = results.at(-1);
    expect(last?.allowed).toBe(false);
    expect(last?.retryAfterSeconds).toBeGreaterThan(0);
    expect(last?.retryAfterSeconds).toBeLessThanOrEqual(getEnv().SIGN_IN_LIMIT_WINDOW_SECONDS);
    // The same account in other letter case is the same account.
    const shouted = await countSignInAttempt(getDb(), {
      email: email.toUpperCase(),
      address: "192.0.2.200",
    });
    expect(shouted.allowed).toBe(false);
    // Another account is not affected.
    expect((await countSignInAttempt(getDb(), newSubject())).allowed).toBe(true);
  });

  it("stops one address trying many emails past the limit", async () => {
    const { address } = newSubject();
    const limit = getEnv().SIGN_IN_LIMIT_PER_ADDRESS;
    let allowed = 0;
    for (let i = 0; i <= limit; i++) {
      const result = await countSignInAttempt(getDb(), { ...newSubject(), address });
      if (result.allowed) allowed++;
    }
    expect(allowed).toBe(limit);
  });

  it("counts parallel guesses exactly: none slips past the limit", async () => {
    const { email } = newSubject();
    const results = await Promise.all(
      Array.from({ length: emailLimit() * 2 }, (_, i) =>
        countSignInAttempt(getDb(), { email, address: `198.51.100.${i}` }),
      ),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(emailLimit());
  });

  it("forgets an account's failures once it signs in, and does not count the success", async () => {
    const subject = newSubject();
    for (let i = 0; i < emailLimit() - 1; i++) await countSignInAttempt(getDb(), subject);
    expect((await countSignInAttempt(getDb(), subject)).allowed).toBe(true);
    await signInSucceeded(getDb(), subject);
    for (let i = 0; i < emailLimit(); i++) {
      expect((await countSignInAttempt(getDb(), subject)).allowed).toBe(true);
    }
  });

  it("limits sign-ups per address with a 429-style error that carries the wait", async () => {
    const { address } = newSubject();
    const limit = getEnv().SIGN_UP_LIMIT_PER_ADDRESS;
    for (let i = 0; i < limit; i++) await limitSignUp(getDb(), { address });
    await expect(limitSignUp(getDb(), { address })).rejects.toMatchObject({
      code: "rate_limited",
      status: 429,
      message: expect.stringMatching(/^Too many attempts\. Try again in \d+ (seconds|minutes)\.$/),
      retryAfterSeconds: expect.any(Number),
    });
    await expect(limitSignUp(getDb(), newSubject())).resolves.toBeUndefined();
  });

  it("keeps neither emails nor addresses in clear", async () => {
    const subject = newSubject();
    await countSignInAttempt(getDb(), subject);
    const rows = await getDb().select().from(clientRateLimits);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(subject.email);
    expect(stored).not.toContain(subject.address);
  });

  it("starts a new window once the last one is over, and sweeps counters that ended", async () => {
    const params = { bucket: "test", subject: randomUUID(), limit: 1, windowSeconds: 60 };
    await hitClientRateLimit(getDb(), params);
    expect((await hitClientRateLimit(getDb(), params)).allowed).toBe(false);
    await getDb()
      .update(clientRateLimits)
      .set({ windowStart: sql`now() - interval '61 seconds'` })
      .where(sql`${clientRateLimits.bucket} = 'test'`);
    expect((await hitClientRateLimit(getDb(), params)).allowed).toBe(true);

    await getDb()
      .update(clientRateLimits)
      .set({ windowStart: sql`now() - interval '2 days'` })
      .where(sql`${clientRateLimits.bucket} = 'test'`);
    const swept = await deleteStaleClientRateLimits(getDb(), {
      before: new Date(Date.now() - 24 * 3600 * 1000),
    });
    expect(swept).toBe(1);
  });
});
