import { expect, test } from "@playwright/test";
import { newTestUser, register, signedInContext } from "./support/accounts";
import { ChatPage } from "./support/chat-page";
import { chatMock, marker } from "./support/mocks";

test("a reply streams in as Markdown, and the chat is there after a reload", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("hello");
  await chat.send(`Hello there ${tag}`);
  await expect(chat.userMessages.first()).toContainText(tag);
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);

  const reply = chat.assistantMessages.first();
  await expect(reply).toContainText(`Mock reply to: "Hello there ${tag}"`);
  await expect(reply.locator("strong").first()).toBeVisible(); // Markdown rendered, not raw **
  await expect(reply.locator("li")).not.toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();

  const [request] = await chatMock.requests({ contains: tag, kind: "chat" });
  expect(request?.stream).toBe(true);
  expect(request?.model).toBe("mock-chat");

  const sidebar = page.getByRole("navigation", { name: "Chats" });
  await expect(sidebar.getByRole("link", { name: `Hello there ${tag}` })).toBeVisible();

  await page.reload();
  await expect(chat.userMessages.first()).toContainText(tag);
  await expect(chat.assistantMessages.first()).toContainText("Mock reply to:");
});

test("the reply streams token by token rather than arriving at once", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("slowish");
  const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
  await chatMock.addRule({
    match: tag,
    kind: "chat",
    response: { type: "text", text: words },
    tokenDelayMs: 60,
  });
  await chat.send(`Stream please ${tag}`);
  const reply = chat.assistantMessages.first();
  await expect(reply).toContainText("word3");
  await expect(reply).not.toContainText("word39"); // still streaming
  await expect(reply).toContainText("word39");
});

test("Enter sends and Shift+Enter starts a new line", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("keys");
  await chat.composer.fill("first line");
  await chat.composer.press("Shift+Enter");
  await chat.composer.pressSequentially(`second line ${tag}`);
  await expect(chat.composer).toHaveValue(`first line\nsecond line ${tag}`);
  await chat.composer.press("Enter");
  await expect(chat.userMessages.first()).toContainText("second line");
  await expect(chat.composer).toHaveValue("");
});

test("Stop ends the reply and what was written so far is kept", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("stop");
  const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(" ");
  await chatMock.addRule({
    match: tag,
    kind: "chat",
    response: { type: "text", text: words },
    tokenDelayMs: 100,
  });
  await chat.send(`Tell me a long story ${tag}`);
  await expect(chat.assistantMessages.first()).toContainText("w2");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await expect(chat.assistantMessages.first()).toContainText("Stopped");

  await expect
    .poll(async () => (await chatMock.requests({ contains: tag, kind: "chat" }))[0]?.outcome)
    .toBe("client-closed"); // the model stream was cut, not left running
  await page.reload();
  await expect(chat.assistantMessages.first()).toContainText("w1");
  await expect(chat.assistantMessages.first()).not.toContainText("w199");
  await expect(chat.assistantMessages.first()).toContainText("Stopped");
});

test("when the chat model is down the error shows, the message stays, and Retry works", async ({
  page,
}) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("down");
  await chatMock.addRule({ match: tag, kind: "chat", response: { type: "error", status: 500 } });
  await chat.send(`Are you there? ${tag}`);
  await expect(
    page.getByRole("alert").filter({ hasText: /not available right now/ }),
  ).toBeVisible();
  await expect(chat.userMessages.first()).toContainText(tag);

  await page.reload();
  await expect(chat.userMessages.first()).toContainText(tag);
  await expect(chat.assistantMessages).toHaveCount(0);

  await chatMock.reset(tag);
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(chat.assistantMessages.first()).toContainText(
    `Mock reply to: "Are you there? ${tag}"`,
  );
  await expect(chat.userMessages).toHaveCount(1); // the retried message is not duplicated
});

test("another user gets 404 for a chat's page and API", async ({ page, browser }) => {
  await register(page, newTestUser("owner"));
  const chat = new ChatPage(page);
  await chat.sendAndWait(`My secret plans ${marker("idor")}`);
  const chatId = chat.chatId();

  const { context: intruder, page: intruderPage } = await signedInContext(browser, "intruder");
  const pageResponse = await intruderPage.goto(`/chat/${chatId}`);
  expect(pageResponse?.status()).toBe(404);
  await expect(intruderPage.getByText("My secret plans")).toHaveCount(0);

  const api = intruderPage.request;
  expect((await api.get(`/api/chats/${chatId}`)).status()).toBe(404);
  expect((await api.patch(`/api/chats/${chatId}`, { data: { title: "mine now" } })).status()).toBe(
    404,
  );
  expect((await api.delete(`/api/chats/${chatId}`)).status()).toBe(404);
  expect((await api.delete(`/api/chat/${chatId}/stream`)).status()).toBe(404);
  const post = await api.post("/api/chat", {
    data: {
      id: chatId,
      message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: "hi" }] },
    },
  });
  expect(post.status()).toBe(404);
  expect(await post.json()).toEqual({ error: { code: "not_found", message: "Chat not found" } });
  await intruder.close();

  await page.reload();
  await expect(chat.userMessages.first()).toContainText("My secret plans"); // nothing changed
  await expect(chat.assistantMessages).toHaveCount(1);
});

test("chats can be renamed and deleted from the sidebar", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("sidebar");
  await chat.sendAndWait(`Plan a trip ${tag}`);
  const sidebar = page.getByRole("navigation", { name: "Chats" });

  await sidebar.getByRole("button", { name: `Options for chat Plan a trip ${tag}` }).click();
  await page.getByRole("menuitem", { name: "Rename" }).click();
  await page.getByLabel("Title").fill(`Holiday ${tag}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(sidebar.getByRole("link", { name: `Holiday ${tag}` })).toBeVisible();
  await page.reload();
  await expect(sidebar.getByRole("link", { name: `Holiday ${tag}` })).toBeVisible();

  await sidebar.getByRole("button", { name: `Options for chat Holiday ${tag}` }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("Delete this chat?");
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(sidebar.getByRole("link", { name: `Holiday ${tag}` })).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);
});

test("the chat API rejects bad input with clear errors", async ({ page }) => {
  await register(page, newTestUser());
  const api = page.request;
  const message = (text: string) => ({
    id: crypto.randomUUID(),
    message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] },
  });

  const tooLong = await api.post("/api/chat", { data: message("x".repeat(8001)) });
  expect(tooLong.status()).toBe(413);
  expect((await tooLong.json()).error.message).toMatch(/limit is 8,000/);

  const invalid = await api.post("/api/chat", { data: { id: "nope", message: {} } });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error.field).toBe("id");

  const notJson = await api.post("/api/chat", {
    data: "{oops",
    headers: { "content-type": "application/json" },
  });
  expect(notJson.status()).toBe(400);

  const anonymous = await page.context().browser()?.newContext();
  const signedOut = await anonymous?.request.post(new URL("/api/chat", page.url()).href, {
    data: message("hi"),
  });
  expect(signedOut?.status()).toBe(401);
  await anonymous?.close();
});
