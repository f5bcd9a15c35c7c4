import { expect, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage } from "./support/chat-page";
import { word } from "./support/memory-page";
import { chatMock } from "./support/mocks";

test("Search chats finds titles and message text and jumps to the message", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const titleWord = word();
  const deepWord = word();
  const filler = word();
  await chatMock.addRule({
    match: filler,
    kind: "chat",
    response: {
      type: "text",
      text: Array.from({ length: 30 }, (_, i) => `Filler paragraph ${i}.`).join("\n\n"),
    },
  });
  await chat.sendAndWait(`Trip to ${titleWord} ${filler}`);
  await chat.sendAndWait(`More ${filler} please`);
  await chat.sendAndWait(`The ferry schedule to ${deepWord} islands ${filler}`);
  await chat.sendAndWait(`Even more ${filler} please`);
  await chat.newChat();
  await chat.sendAndWait(`Something unrelated ${word()}`);

  const search = chat.sidebar.getByRole("searchbox", { name: "Search chats" });
  await search.fill(titleWord);
  const results = chat.sidebar.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("link")).toHaveCount(1);
  await expect(results.getByRole("link").first()).toContainText(`Trip to ${titleWord}`);

  // Message text, with the start of a word (search as you type).
  await search.fill(deepWord.slice(0, 6));
  const hit = results.getByRole("link", { name: new RegExp(deepWord) });
  await expect(hit).toHaveCount(1);
  await hit.click();
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}#message-[0-9a-f-]{36}$/);
  const message = chat.userMessages.filter({ hasText: `ferry schedule to ${deepWord}` });
  await expect(message).toBeInViewport();
  await expect(message).toHaveAttribute("data-linked", "true");

  await search.fill(word());
  await expect(chat.sidebar.getByText("No chats found")).toBeVisible();
  await search.press("Escape");
  await expect(search).toHaveValue("");
  await expect(
    chat.sidebar.getByRole("link", { name: `Trip to ${titleWord} ${filler}` }),
  ).toBeVisible();
});

test("Search chats never finds another user's text", async ({ page, browser }) => {
  await register(page, newTestUser("owner"));
  const chat = new ChatPage(page);
  const secret = word();
  await chat.sendAndWait(`My secret plan ${secret}`);
  const mine = await page.request.get(`/api/chats/search?q=${secret}`);
  expect((await mine.json()).results).toHaveLength(1);

  const context = await browser.newContext();
  const other = await context.newPage();
  await register(other, newTestUser("other"));
  const otherChat = new ChatPage(other);
  await otherChat.sidebar.getByRole("searchbox", { name: "Search chats" }).fill(secret);
  await expect(otherChat.sidebar.getByText("No chats found")).toBeVisible();
  const api = await other.request.get(`/api/chats/search?q=${secret}`);
  expect(api.status()).toBe(200);
  expect((await api.json()).results).toEqual([]);
  // Hostile queries are answered, not crashed on.
  for (const q of ["'", "a & | ! :* (", "x".repeat(5000), "\\", "%00"]) {
    const response = await other.request.get(`/api/chats/search?q=${encodeURIComponent(q)}`);
    expect([200, 400]).toContain(response.status());
  }
  await context.close();
});
