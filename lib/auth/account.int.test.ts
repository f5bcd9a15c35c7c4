import { expect, it } from "vitest";
import { findUserById } from "@/lib/db/queries/users";
import { applyExtraction } from "@/lib/memory/apply";
import { createMemory } from "@/lib/memory/mutations";
import { createTurn, output, preference, THRESHOLDS } from "@/lib/memory/testing/fixtures";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { rowsPerTable } from "@/lib/testing/user-rows";
import { changePassword, deleteAccount } from "./account";
import { checkCredentials, registerAccount } from "./credentials";

describeWithDatabase("account settings", (getDb) => {
  it("changes the password only with the right current one; then only the new one signs in", async () => {
    const db = getDb();
    const email = `pw-${crypto.randomUUID()}@example.com`;
    const user = await registerAccount(db, { email, password: "first-password" });

    await expect(
      changePassword(db, {
        userId: user.id,
        currentPassword: "not-it",
        newPassword: "second-password",
      }),
    ).rejects.toMatchObject({ code: "bad_request", field: "currentPassword" });
    await expect(
      changePassword(db, {
        userId: user.id,
        currentPassword: "first-password",
        newPassword: "short",
      }),
    ).rejects.toMatchObject({ field: "newPassword" });
    await expect(
      changePassword(db, {
        userId: user.id,
        currentPassword: "x".repeat(100_000),
        newPassword: "second-password",
      }),
    ).rejects.toMatchObject({ field: "currentPassword" });
    await expect(
      changePassword(db, { userId: user.id, currentPassword: 42, newPassword: null }),
    ).rejects.toMatchObject({ code: "bad_request" });
    expect(await checkCredentials(db, { email, password: "first-password" })).not.toBeNull();

    await changePassword(db, {
      userId: user.id,
      currentPassword: "first-password",
      newPassword: "second-password",
    });
    expect(await checkCredentials(db, { email, password: "first-password" })).toBeNull();
    expect(await checkCredentials(db, { email, password: "second-password" })).not.toBeNull();
  });

  it("deletes an account only when the typed email is its own; then no row of it is left", async () => {
    const db = getDb();
    const leaving = await registerAccount(db, {
      email: `Leaving-${crypto.randomUUID()}@example.com`,
      password: "password-1234",
    });
    const staying = await registerAccount(db, {
      email: `staying-${crypto.randomUUID()}@example.com`,
      password: "password-1234",
    });
    for (const userId of [leaving.id, staying.id]) {
      const turn = await createTurn(db, { userId, userMessage: "I work as a nurse" });
      await db.transaction((tx) =>
        applyExtraction(tx, {
          userId,
          jobId: turn.jobId,
          chatId: turn.chatId,
          userMessageId: turn.userMessageId,
          observedAt: turn.observedAt,
          userMessage: turn.userMessage,
          output: output([preference({ category: "work", topic: "job", detail: "nurse" })]),
          thresholds: THRESHOLDS,
        }),
      );
      await createMemory(db, userId, {
        type: "fact",
        category: "food",
        topic: "tea",
        detail: "tea",
      });
    }
    const before = await rowsPerTable(db, leaving.id);
    const othersBefore = await rowsPerTable(db, staying.id);

    // Another user's email, or a near miss, deletes nothing.
    for (const email of [staying.email, `${leaving.email}x`, "", " "]) {
      await expect(deleteAccount(db, { userId: leaving.id, email })).rejects.toMatchObject({
        code: "bad_request",
        field: "email",
      });
    }
    expect(await rowsPerTable(db, leaving.id)).toEqual(before);

    await deleteAccount(db, { userId: leaving.id, email: ` ${leaving.email.toUpperCase()} ` });
    expect(await findUserById(db, leaving.id)).toBeUndefined();
    const after = await rowsPerTable(db, leaving.id);
    for (const table of ["chats", "messages", "memories", "memory_history", "extraction_jobs"]) {
      expect(before[table], table).toBeGreaterThan(0);
      expect(after[table], table).toBe(0);
    }
    expect(Object.values(after).every((count) => count === 0)).toBe(true);
    expect(await rowsPerTable(db, staying.id)).toEqual(othersBefore);
    await expect(
      deleteAccount(db, { userId: leaving.id, email: leaving.email }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
