import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { ensureChat, saveReplyAndTouchChat, touchChat } from "./chats";
import { hasReplyAfter, listMessages, saveAssistantMessage, saveUserMessageOnce } from "./messages";
import {
  claimReplyLease,
  currentReplyStream,
  releaseReplyLease,
  renewReplyLease,
} from "./reply-lease";
import { insertUser } from "./users";

describeWithDatabase("reply lease: one reply per chat at a time", (getDb) => {
  const chat = async () => {
    const user = await insertUser(getDb(), {
      email: `${randomUUID()}@example.com`,
      passwordHash: "x",
    });
    const chatId = randomUUID();
    await ensureChat(getDb(), { userId: user.id, chatId });
    return { userId: user.id, chatId };
  };

  it("a second reply is refused while the first holds the chat, and taken once it is saved", async () => {
    const ids = await chat();
    const first = { ...ids, streamId: randomUUID(), seconds: 30 };
    const second = { ...ids, streamId: randomUUID(), seconds: 30 };
    expect(await claimReplyLease(getDb(), first)).toBe(true);
    expect(await claimReplyLease(getDb(), second)).toBe(false);
    expect(await currentReplyStream(getDb(), ids)).toBe(first.streamId);

    // Saving the first reply frees the chat (in the same statement that bumps it).
    await touchChat(getDb(), { ...ids, titleIfUnnamed: "x", releaseReplyStreamId: first.streamId });
    expect(await currentReplyStream(getDb(), ids)).toBeNull();
    expect(await claimReplyLease(getDb(), second)).toBe(true);
    // A late release by the first reply leaves the second's lease alone.
    await releaseReplyLease(getDb(), first);
    expect(await currentReplyStream(getDb(), ids)).toBe(second.streamId);
    expect(await renewReplyLease(getDb(), first)).toBe(false);
    expect(await renewReplyLease(getDb(), second)).toBe(true);
  });

  it("a chat created for a reply holds its lease from the start; a second create takes nothing", async () => {
    const user = await insertUser(getDb(), {
      email: `${randomUUID()}@example.com`,
      passwordHash: "x",
    });
    const ids = { userId: user.id, chatId: randomUUID() };
    const first = { streamId: randomUUID(), seconds: 30 };
    const second = { streamId: randomUUID(), seconds: 30 };
    expect((await ensureChat(getDb(), { ...ids, replyLease: first })).created).toBe(true);
    expect((await ensureChat(getDb(), { ...ids, replyLease: second })).created).toBe(false);
    expect(await currentReplyStream(getDb(), ids)).toBe(first.streamId);
    expect(await claimReplyLease(getDb(), { ...ids, ...second })).toBe(false);
  });

  it("saving a reply in one statement frees only its own lease, and saves nothing when it fails", async () => {
    const ids = await chat();
    const lease = { ...ids, streamId: randomUUID(), seconds: 30 };
    expect(await claimReplyLease(getDb(), lease)).toBe(true);
    const reply = { ...ids, id: randomUUID(), text: "hi", status: "complete" as const };
    const touch = { ...ids, titleIfUnnamed: "Greeting", releaseReplyStreamId: randomUUID() };
    // Another reply's stream id: the reply is saved, the lease stays with its holder.
    await saveReplyAndTouchChat(getDb(), reply, touch);
    expect(await currentReplyStream(getDb(), ids)).toBe(lease.streamId);
    // The same reply id again fails as a whole: no second copy, and the lease is not freed.
    await expect(
      saveReplyAndTouchChat(getDb(), reply, { ...touch, releaseReplyStreamId: lease.streamId }),
    ).rejects.toThrow();
    expect(await currentReplyStream(getDb(), ids)).toBe(lease.streamId);
    const next = { ...reply, id: randomUUID() };
    await saveReplyAndTouchChat(getDb(), next, { ...touch, releaseReplyStreamId: lease.streamId });
    expect(await currentReplyStream(getDb(), ids)).toBeNull();
    expect((await listMessages(getDb(), ids)).map((message) => message.id)).toEqual([
      reply.id,
      next.id,
    ]);
  });

  it("a crashed instance's lease runs out on the database clock", async () => {
    const ids = await chat();
    const crashed = { ...ids, streamId: randomUUID(), seconds: 30 };
    expect(await claimReplyLease(getDb(), crashed)).toBe(true);
    await getDb().execute(
      sql`update chats set reply_lease_until = now() - interval '1 second' where id = ${ids.chatId}`,
    );
    expect(await currentReplyStream(getDb(), ids)).toBeNull();
    expect(await claimReplyLease(getDb(), { ...ids, streamId: randomUUID(), seconds: 30 })).toBe(
      true,
    );
  });

  it("another user cannot take or free the chat", async () => {
    const ids = await chat();
    const other = await chat();
    const lease = { ...ids, streamId: randomUUID(), seconds: 30 };
    expect(
      await claimReplyLease(getDb(), { ...lease, userId: other.userId, streamId: randomUUID() }),
    ).toBe(false);
    expect(await claimReplyLease(getDb(), lease)).toBe(true);
    await releaseReplyLease(getDb(), { ...lease, userId: other.userId });
    expect(await currentReplyStream(getDb(), ids)).toBe(lease.streamId);
  });

  it("of many replies asking at once, exactly one gets the chat", async () => {
    const ids = await chat();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        claimReplyLease(getDb(), { ...ids, streamId: randomUUID(), seconds: 30 }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("a message sent again is known as answered once its reply is saved", async () => {
    const ids = await chat();
    const message = { id: randomUUID(), ...ids, text: "hello" };
    expect((await saveUserMessageOnce(getDb(), message)).inserted).toBe(true);
    expect((await saveUserMessageOnce(getDb(), message)).inserted).toBe(false);
    expect(await hasReplyAfter(getDb(), { ...ids, messageId: message.id })).toBe(false);
    await saveAssistantMessage(getDb(), {
      id: randomUUID(),
      ...ids,
      text: "hi",
      status: "complete",
    });
    expect(await hasReplyAfter(getDb(), { ...ids, messageId: message.id })).toBe(true);
    const other = await chat();
    expect(await hasReplyAfter(getDb(), { ...other, messageId: message.id })).toBe(false);
  });
});
