/**
 * The chat page tells the server what it showed of the memory switch, so a message sent with
 * memory off skips reading memories. The stored switch decides, whatever the page said: a page
 * left open while the switch changed elsewhere neither loses the memories nor leaks them.
 */
import { randomUUID } from "node:crypto";
import { test as base, expect } from "@playwright/test";
import { type ApiUser, signedInApiUser } from "./support/api-user";
import { addMemory, word } from "./support/memory-page";
import { chatMock } from "./support/mocks";

const test = base.extend<{ alice: ApiUser }>({
  alice: async ({ playwright, baseURL }, use) => {
    const user = await signedInApiUser(playwright, baseURL ?? "", "hint");
    await use(user);
    await user.request.dispose();
  },
});

async function send(alice: ApiUser, text: string, memory: boolean) {
  const response = await alice.request.post("/api/chat", {
    data: {
      id: randomUUID(),
      message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] },
      memory,
    },
  });
  expect(response.status(), await response.text()).toBe(200);
  await response.body(); // the whole stream: the reply is written
  const [request] = await chatMock.requests({ contains: text, kind: "chat" });
  return JSON.stringify(request?.messages[0]);
}

test("a page that still shows memory off gets the memories when the switch is on", async ({
  alice,
}) => {
  const detail = word();
  await addMemory(alice.request, { type: "fact", category: "work", topic: "job", detail });
  const system = await send(alice, `What do I do for work? ${word()}`, false);
  expect(system).toContain(detail);
});

test("a page that still shows memory on gets no memories when the switch is off", async ({
  alice,
}) => {
  const detail = word();
  await addMemory(alice.request, { type: "fact", category: "work", topic: "job", detail });
  const off = await alice.request.patch("/api/settings/memory", { data: { enabled: false } });
  expect(off.ok()).toBe(true);
  const system = await send(alice, `What do I do for work? ${word()}`, true);
  expect(system).not.toContain(detail);
});
