import { expect, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage } from "./support/chat-page";
import { chatMock, marker } from "./support/mocks";

test("the chat says which model answers", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  await expect(page.getByTestId("chat-model")).toHaveText(/mock-chat/);
  await chat.sendAndWait(`Hello ${marker("model")}`);
  await expect(page.getByTestId("chat-model")).toHaveText(/mock-chat/);
});

test("a failed first reply leaves the chat named after the message, not New chat", async ({
  page,
}) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("failtitle");
  await chatMock.addRule({ match: tag, kind: "chat", response: { type: "error", status: 500 } });
  await chat.send(`Help me pick a bike ${tag}`);
  await expect(page.getByRole("alert").filter({ hasText: /not available/ })).toBeVisible();
  const entry = chat.sidebar.getByRole("listitem");
  await expect(entry).toHaveCount(1);
  await expect(entry.getByRole("link")).toHaveText(`Help me pick a bike ${tag}`);
  await page.reload();
  await expect(
    chat.sidebar.getByRole("link", { name: `Help me pick a bike ${tag}` }),
  ).toBeVisible();
  await expect(chat.sidebar.getByRole("link", { name: "New chat", exact: true })).toHaveCount(1);
});

test("titles are plain text, without the Markdown of the first message", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("mdtitle");
  await chat.sendAndWait(`# **Bold** plan for \`code\` and [a link](https://example.com) ${tag}`);
  await expect(
    chat.sidebar.getByRole("link", { name: `Bold plan for code and a link ${tag}`, exact: true }),
  ).toBeVisible();
});

test("remote Markdown images show as a link naming their host and are never fetched", async ({
  page,
}) => {
  const remote: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("images.example.net")) remote.push(request.url());
  });
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("img");
  await chatMock.addRule({
    match: tag,
    kind: "chat",
    response: {
      type: "text",
      text: "Look: ![a cat](https://images.example.net/cat.png) and ![pixel](http://images.example.net:8080/p.gif)",
    },
  });
  await chat.sendAndWait(`Show me a cat ${tag}`);
  const reply = chat.assistantMessages.first();
  await expect(reply.locator("img")).toHaveCount(0);
  const link = reply.getByRole("link", { name: /a cat.*images\.example\.net/ });
  await expect(link).toHaveAttribute("href", "https://images.example.net/cat.png");
  await expect(reply).toContainText("images.example.net");
  await page.reload();
  await expect(chat.assistantMessages.first().locator("img")).toHaveCount(0);
  expect(remote).toEqual([]);
});

test("with memory off the empty chat does not claim to remember", async ({ page }) => {
  await register(page, newTestUser());
  await expect(page.getByText(/it remembers/)).toBeVisible(); // memory on: it says so
  const off = await page.request.patch("/api/settings/memory", { data: { enabled: false } });
  expect(off.ok()).toBe(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(/it remembers/)).toHaveCount(0);
  await expect(page.getByText(/Memory is off/).first()).toBeVisible();
});
