import { expect, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage, expectFocusKept } from "./support/chat-page";
import { chatMock, marker } from "./support/mocks";

test("New chat after a conversation opens an empty chat; the next message starts a new one", async ({
  page,
}) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const first = marker("first");
  await chat.sendAndWait(`Plan my garden ${first}`);
  const firstChatId = chat.chatId();

  await chat.newChat();
  await expect(page).toHaveURL(/\/$/);
  await expect(chat.composer).toBeFocused();
  await expectFocusKept(page);

  // A long reply in the new chat, stopped half-way: Stop must reach this chat, not the first.
  const second = marker("second");
  const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(" ");
  await chatMock.addRule({
    match: second,
    kind: "chat",
    response: { type: "text", text: words },
    tokenDelayMs: 100,
  });
  await chat.send(`Tell me about tomatoes ${second}`);
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  const secondChatId = chat.chatId();
  expect(secondChatId).not.toBe(firstChatId);
  await expect(chat.userMessages).toHaveCount(1);
  await expect(chat.assistantMessages.first()).toContainText("w2");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(chat.assistantMessages.first()).toContainText("Stopped");
  await expect
    .poll(async () => (await chatMock.requests({ contains: second, kind: "chat" }))[0]?.outcome)
    .toBe("client-closed");

  await page.reload();
  await expect(chat.userMessages).toHaveCount(1);
  await expect(chat.userMessages.first()).toContainText(second);
  await expect(chat.assistantMessages.first()).toContainText("Stopped");

  // The first chat kept only its own turn.
  await chat.sidebar.getByRole("link", { name: `Plan my garden ${first}` }).click();
  await expect(page).toHaveURL(new RegExp(`/chat/${firstChatId}$`));
  await expect(chat.userMessages).toHaveCount(1);
  await expect(chat.userMessages.first()).toContainText(first);
  await expect(chat.messages.filter({ hasText: second })).toHaveCount(0);
});

test("New chat twice in a row, and from a chat opened in the sidebar", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const one = marker("one");
  await chat.sendAndWait(`First topic ${one}`);
  await chat.newChat();
  const two = marker("two");
  await chat.sendAndWait(`Second topic ${two}`);
  await chat.newChat();
  const three = marker("three");
  await chat.sendAndWait(`Third topic ${three}`);
  await expect(chat.userMessages).toHaveCount(1);

  await chat.sidebar.getByRole("link", { name: `First topic ${one}` }).click();
  await expect(chat.userMessages.first()).toContainText(one);
  await chat.newChat();
  await expect(chat.composer).toBeFocused();

  const list = chat.sidebar.getByRole("listitem");
  await expect(list).toHaveCount(3);
  await expect(list.first()).toContainText(`Third topic ${three}`);
});
