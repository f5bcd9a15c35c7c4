import { expect, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage } from "./support/chat-page";
import { addMemory, word } from "./support/memory-page";
import { chatMock, extractionMock } from "./support/mocks";

test("a temporary chat uses no memories, learns nothing, is not listed and is gone once left", async ({
  page,
}) => {
  await register(page, newTestUser());
  const secret = word();
  await addMemory(page.request, {
    type: "fact",
    category: "work",
    topic: "job",
    detail: `works as a ${secret}`,
  });
  const chat = new ChatPage(page);
  const toggle = page.getByRole("button", { name: "Temporary chat" });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText(/Temporary chat: not saved/)).toBeVisible();

  const t = word();
  await chat.sendAndWait(`I love climbing ${t}`);
  await expect(page.getByText(/Temporary chat: not saved/)).toBeVisible();

  // The mock's log: the prompt carried no memories, and no extraction request was made.
  const [request] = await chatMock.requests({ contains: t, kind: "chat" });
  const prompt = JSON.stringify(request?.messages);
  expect(prompt).not.toContain("INGAT_USER_MEMORIES");
  expect(prompt).not.toContain(secret);
  const chats = (await (await page.request.get("/api/chats")).json()).chats as { id: string }[];
  expect(chats).toEqual([]); // not in history
  await expect(chat.sidebar.getByRole("listitem")).toHaveCount(0);

  // A second turn in the same temporary chat: still no memories, still no extraction.
  const t2 = word();
  await chat.sendAndWait(`What do you know about me? ${t2}`);
  const [second] = await chatMock.requests({ contains: t2, kind: "chat" });
  expect(JSON.stringify(second?.messages)).not.toContain(secret);
  expect(JSON.stringify(second?.messages)).toContain(t); // the chat's own history is there

  // Leaving it deletes it: the messages are gone from the server.
  const temporaryChatId = await page.evaluate(
    () => document.querySelector("[data-chat-id]")?.getAttribute("data-chat-id") ?? "",
  );
  expect(temporaryChatId).toMatch(/^[0-9a-f-]{36}$/);
  await chat.newChat();
  await expect(page.getByRole("button", { name: "Temporary chat" })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
  await expect
    .poll(async () => (await page.request.get(`/api/chats/${temporaryChatId}`)).status())
    .toBe(404);
  // Nothing was ever sent to the extraction model for either turn.
  expect(await extractionMock.requests({ contains: t })).toEqual([]);
  expect(await extractionMock.requests({ contains: t2 })).toEqual([]);
  expect((await (await page.request.get("/api/memories")).json()).memories).toHaveLength(1);
});

test("closing the tab of a temporary chat deletes it too", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  await page.getByRole("button", { name: "Temporary chat" }).click();
  await chat.sendAndWait(`Just between us ${word()}`);
  const chatId = await page.evaluate(
    () => document.querySelector("[data-chat-id]")?.getAttribute("data-chat-id") ?? "",
  );
  const other = await context.newPage();
  await page.close({ runBeforeUnload: true });
  await expect
    .poll(async () => (await other.request.get(`/api/chats/${chatId}`)).status())
    .toBe(404);
  await context.close();
});
