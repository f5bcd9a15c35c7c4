import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getBus } from "@/lib/events/process-bus";
import { chatEventsResponse } from "./chat-events";

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string) {
  const decoder = new TextDecoder();
  let received = "";
  while (!received.includes(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    received += decoder.decode(value);
  }
  return received;
}

describe("the chat's event stream", () => {
  it("pushes the settled jobs of the user's own chat, ids only, and nothing of others", async () => {
    const userId = randomUUID();
    const chatId = randomUUID();
    const abort = new AbortController();
    const response = await chatEventsResponse(
      new Request("http://localhost/", { signal: abort.signal }),
      { userId, chatId },
    );
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(await readUntil(reader, "event: ready")).toContain("event: ready");

    const bus = await getBus();
    const settled = (ids: { userId: string; chatId: string; assistantMessageId: string }) =>
      bus.publish({ type: "job-settled", jobId: randomUUID(), ...ids });
    const otherUsers = randomUUID();
    const otherChats = randomUUID();
    const mine = randomUUID();
    await settled({ userId: randomUUID(), chatId, assistantMessageId: otherUsers });
    await settled({ userId, chatId: randomUUID(), assistantMessageId: otherChats });
    await settled({ userId, chatId, assistantMessageId: mine });

    const received = await readUntil(reader, mine);
    expect(received).toContain(`event: job\ndata: {"assistantMessageId":"${mine}"}`);
    expect(received).not.toContain(otherUsers);
    expect(received).not.toContain(otherChats);
    abort.abort();
    expect((await reader.read()).done).toBe(true);
  });
});
