import { expect, it } from "vitest";
import { checkCredentials, registerAccount } from "@/lib/auth/credentials";
import { checkChatTurn } from "@/lib/db/queries/chat-turn";
import { saveRegistrationMode } from "@/lib/db/queries/instance";
import { findAccountAccess, findUserById } from "@/lib/db/queries/users";
import { createMemory } from "@/lib/memory/mutations";
import { createTurn } from "@/lib/memory/testing/fixtures";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { rowsPerTable } from "@/lib/testing/user-rows";
import {
  createInvite,
  getRegistrationMode,
  registrationStatus,
  setRegistrationMode,
} from "./registration";
import { deleteUserAsAdmin, listUsers, setUserDisabled } from "./users";

const password = "password-1234";
const email = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;

// One database per kind for the whole file: the first account registered below is its admin.
describeWithDatabase("operator controls", (getDb) => {
  let adminId = "";

  it("makes the first account the admin and every later one a user", async () => {
    const db = getDb();
    const first = await registerAccount(db, { email: email("admin"), password });
    const second = await registerAccount(db, { email: email("user"), password });
    expect(first.role).toBe("admin");
    expect(second.role).toBe("user");
    expect((await findAccountAccess(db, first.id))?.role).toBe("admin");
    adminId = first.id;
  });

  it("lets only an admin list users, with their counts", async () => {
    const db = getDb();
    const user = await registerAccount(db, { email: email("counted"), password });
    await createTurn(db, { userId: user.id, userMessage: "I like tea" });
    await createMemory(db, user.id, {
      type: "fact",
      category: "food",
      topic: "tea",
      detail: "tea",
    });

    const rows = await listUsers(db, { adminId });
    expect(rows[0]?.id).toBe(adminId);
    const row = rows.find((r) => r.id === user.id);
    expect(row).toMatchObject({ email: user.email, role: "user", chats: 1, memories: 1 });
    expect(row?.messages).toBeGreaterThanOrEqual(1);
    expect(row?.lastActiveAt).toBeInstanceOf(Date);
    expect(row?.disabledAt).toBeNull();

    await expect(listUsers(db, { adminId: user.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("closed: nobody can register, and the sign-up page says so", async () => {
    const db = getDb();
    expect(await getRegistrationMode(db)).toBe("open");
    await setRegistrationMode(db, { adminId, mode: "closed" });
    expect(await registrationStatus(db, undefined)).toBe("closed");
    const refused = email("closed");
    await expect(registerAccount(db, { email: refused, password })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/closed/),
    });
    expect(await checkCredentials(db, { email: refused, password })).toBeNull();
    await setRegistrationMode(db, { adminId, mode: "open" });
  });

  it("invite: only with a valid invite, which works once", async () => {
    const db = getDb();
    await setRegistrationMode(db, { adminId, mode: "invite" });
    const invite = await createInvite(db, { adminId });
    expect(invite.path).toBe(`/register?invite=${invite.token}`);

    // No invite, a forged one, a malformed one: refused.
    expect(await registrationStatus(db, undefined)).toBe("invite_required");
    await expect(registerAccount(db, { email: email("none"), password })).rejects.toMatchObject({
      code: "forbidden",
      field: "invite",
    });
    const forged = `${invite.token.slice(0, -4)}AAAA`;
    for (const token of [forged, "short", "x".repeat(5000), `${invite.token}\u0000`]) {
      expect(await registrationStatus(db, token)).toBe("invite_invalid");
      await expect(
        registerAccount(db, { email: email("forged"), password, invite: token }),
      ).rejects.toMatchObject({ code: "forbidden", field: "invite" });
    }

    // A failed sign-up (email taken) leaves the invite unused.
    const taken = (await listUsers(db, { adminId }))[1]?.email ?? "";
    await expect(
      registerAccount(db, { email: taken, password, invite: invite.token }),
    ).rejects.toMatchObject({ code: "conflict" });

    expect(await registrationStatus(db, invite.token)).toBe("invite_valid");
    const invited = await registerAccount(db, {
      email: email("invited"),
      password,
      invite: invite.token,
    });
    expect(invited.role).toBe("user");
    expect(await registrationStatus(db, invite.token)).toBe("invite_invalid");
    await expect(
      registerAccount(db, { email: email("again"), password, invite: invite.token }),
    ).rejects.toMatchObject({ code: "forbidden", field: "invite" });
    await setRegistrationMode(db, { adminId, mode: "open" });
  });

  it("invite: an expired invite is refused", async () => {
    const db = getDb();
    await setRegistrationMode(db, { adminId, mode: "invite" });
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    const expired = await createInvite(db, { adminId, now: eightDaysAgo });
    expect(await registrationStatus(db, expired.token)).toBe("invite_invalid");
    await expect(
      registerAccount(db, { email: email("late"), password, invite: expired.token }),
    ).rejects.toMatchObject({ code: "forbidden", field: "invite" });
    await setRegistrationMode(db, { adminId, mode: "open" });
  });

  it("only an admin sets the mode or creates invites", async () => {
    const db = getDb();
    const user = await registerAccount(db, { email: email("plain"), password });
    await expect(
      setRegistrationMode(db, { adminId: user.id, mode: "closed" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(createInvite(db, { adminId: user.id })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await getRegistrationMode(db)).toBe("open");
  });

  it("disables an account: its sign-in and its session are refused, until enabled again", async () => {
    const db = getDb();
    const user = await registerAccount(db, { email: email("disabled"), password });
    await setUserDisabled(db, { adminId, userId: user.id, disabled: true });
    expect(await findAccountAccess(db, user.id)).toMatchObject({ disabled: true });
    expect(await checkCredentials(db, { email: user.email, password })).toMatchObject({
      disabled: true,
    });
    // A wrong password still learns nothing about the account.
    expect(await checkCredentials(db, { email: user.email, password: "wrong-pass" })).toBeNull();
    // The chat reply's first statement sees it too (it answers 401 then).
    const turn = await checkChatTurn(db, {
      userId: user.id,
      chatId: crypto.randomUUID(),
      limit: 100,
      windowSeconds: 60,
    });
    expect(turn.memoryEnabled).toBeNull();
    // A disabled user is not an admin of anything.
    await expect(listUsers(db, { adminId: user.id })).rejects.toMatchObject({ code: "not_found" });

    await setUserDisabled(db, { adminId, userId: user.id, disabled: false });
    expect(await checkCredentials(db, { email: user.email, password })).toMatchObject({
      disabled: false,
    });
    const enabled = await checkChatTurn(db, {
      userId: user.id,
      chatId: crypto.randomUUID(),
      limit: 100,
      windowSeconds: 60,
    });
    expect(enabled.memoryEnabled).toBe(true);
  });

  it("an admin can neither disable nor delete their own account; a user can't do either", async () => {
    const db = getDb();
    const admin = await findUserById(db, adminId);
    await expect(
      setUserDisabled(db, { adminId, userId: adminId, disabled: true }),
    ).rejects.toMatchObject({ code: "bad_request", field: "userId" });
    await expect(
      deleteUserAsAdmin(db, { adminId, userId: adminId, email: admin?.email ?? "" }),
    ).rejects.toMatchObject({ code: "bad_request", field: "userId" });
    expect(await findAccountAccess(db, adminId)).toEqual({ role: "admin", disabled: false });

    const user = await registerAccount(db, { email: email("other"), password });
    await expect(
      setUserDisabled(db, { adminId: user.id, userId: adminId, disabled: true }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      deleteUserAsAdmin(db, { adminId: user.id, userId: adminId, email: admin?.email ?? "" }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await findAccountAccess(db, adminId)).toEqual({ role: "admin", disabled: false });
  });

  it("deletes an account with all its rows once its email is typed", async () => {
    const db = getDb();
    const leaving = await registerAccount(db, { email: email("Leaving"), password });
    await createTurn(db, { userId: leaving.id, userMessage: "I work as a nurse" });
    await createMemory(db, leaving.id, {
      type: "fact",
      category: "work",
      topic: "job",
      detail: "nurse",
    });
    const before = await rowsPerTable(db, leaving.id);
    await expect(
      deleteUserAsAdmin(db, { adminId, userId: leaving.id, email: "someone@example.com" }),
    ).rejects.toMatchObject({ code: "bad_request", field: "email" });
    expect(await rowsPerTable(db, leaving.id)).toEqual(before);

    await deleteUserAsAdmin(db, {
      adminId,
      userId: leaving.id,
      email: ` ${leaving.email.toUpperCase()} `,
    });
    expect(await findUserById(db, leaving.id)).toBeUndefined();
    expect(Object.values(await rowsPerTable(db, leaving.id)).every((n) => n === 0)).toBe(true);
    await expect(
      deleteUserAsAdmin(db, { adminId, userId: leaving.id, email: leaving.email }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describeWithDatabase("the first account on a closed instance", (getDb) => {
  it("is still allowed, so an instance can't lock itself out", async () => {
    const db = getDb();
    // A mode stored before the accounts were gone (say, all deleted by hand).
    await saveRegistrationMode(db, "closed");
    expect(await registrationStatus(db, undefined)).toBe("open");
    const first = await registerAccount(db, { email: email("first"), password });
    expect(first.role).toBe("admin");
    expect(await registrationStatus(db, undefined)).toBe("closed");
  });
});
