import { expect, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage, expectFocusKept } from "./support/chat-page";
import { chatMock, marker } from "./support/mocks";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("Copy on every message puts its text on the clipboard", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("copy");
  await chat.sendAndWait(`Copy me ${tag}`);
  await chat.sendAndWait(`And me ${tag}`);
  for (const message of await chat.messages.all()) {
    await expect(message.getByRole("button", { name: "Copy" })).toBeVisible();
  }
  await chat.userMessages.first().getByRole("button", { name: "Copy" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`Copy me ${tag}`);
  await expect(chat.userMessages.first().getByRole("button", { name: "Copied" })).toBeFocused();

  await chat.assistantMessages.first().getByRole("button", { name: "Copy" }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`Mock reply to: "Copy me ${tag}"`);
  expect(copied).toContain("**"); // the reply's Markdown source, as ChatGPT copies it
});

test("Regenerate replaces the last reply; after a reload only the new one is there", async ({
  page,
}) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("regen");
  await chatMock.addRule({
    match: tag,
    kind: "chat",
    once: true,
    response: { type: "text", text: "The first answer." },
  });
  await chatMock.addRule({
    match: tag,
    kind: "chat",
    once: true,
    response: { type: "text", text: "A better answer." },
  });
  await chat.sendAndWait(`Give me an answer ${tag}`);
  await expect(chat.assistantMessages.first()).toContainText("The first answer.");
  // Only the last reply offers Regenerate.
  await expect(chat.assistantMessages.getByRole("button", { name: "Regenerate" })).toHaveCount(1);

  await chat.assistantMessages.last().getByRole("button", { name: "Regenerate" }).click();
  await expect(chat.assistantMessages).toHaveCount(1);
  await expect(chat.assistantMessages.first()).toContainText("A better answer.");
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeVisible();
  await expectFocusKept(page);
  await expect(chat.userMessages).toHaveCount(1);

  // The model saw the question once, not the old answer.
  const requests = await chatMock.requests({ contains: tag, kind: "chat" });
  expect(requests).toHaveLength(2);
  expect(JSON.stringify(requests[1]?.messages)).not.toContain("The first answer.");

  await page.reload();
  await expect(chat.assistantMessages).toHaveCount(1);
  await expect(chat.assistantMessages.first()).toContainText("A better answer.");
  await expect(chat.userMessages).toHaveCount(1);
});

test("Edit on the last message resends it in place", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("edit");
  await chat.sendAndWait(`Earlier question ${tag}`);
  await chat.sendAndWait(`Wrong question ${tag}`);
  // Only the last user message can be edited.
  await expect(chat.userMessages.getByRole("button", { name: "Edit" })).toHaveCount(1);

  await chat.userMessages.last().getByRole("button", { name: "Edit" }).click();
  const editor = page.getByRole("textbox", { name: "Edit message" });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(`Wrong question ${tag}`);
  await editor.fill(`Right question ${tag}`);
  await page.getByRole("button", { name: "Send edited message" }).click();

  await expect(chat.userMessages).toHaveCount(2);
  await expect(chat.userMessages.last()).toContainText(`Right question ${tag}`);
  await expect(chat.assistantMessages.last()).toContainText(
    `Mock reply to: "Right question ${tag}"`,
  );
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeVisible();
  await expectFocusKept(page);
  await expect(page.getByText(`Wrong question ${tag}`)).toHaveCount(0);

  const [resent] = await chatMock.requests({ contains: `Right question ${tag}`, kind: "chat" });
  expect(JSON.stringify(resent?.messages)).not.toContain("Wrong question");
  expect(JSON.stringify(resent?.messages)).toContain("Earlier question");

  await page.reload();
  await expect(chat.userMessages).toHaveCount(2);
  await expect(chat.userMessages.last()).toContainText(`Right question ${tag}`);
  await expect(chat.assistantMessages).toHaveCount(2);

  // Cancel puts focus back on Edit and changes nothing.
  await chat.userMessages.last().getByRole("button", { name: "Edit" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(chat.userMessages.last().getByRole("button", { name: "Edit" })).toBeFocused();
});

test("code blocks are highlighted and have their own Copy button", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const tag = marker("code");
  const code = 'function greet(name) {\n  return "Hello, " + name;\n}';
  await chatMock.addRule({
    match: tag,
    kind: "chat",
    response: { type: "text", text: `Here you go:\n\n\`\`\`js\n${code}\n\`\`\`\n\nDone.` },
  });
  await chat.sendAndWait(`Write a greeting function ${tag}`);
  const block = chat.assistantMessages.first().getByTestId("code-block");
  await expect(block).toBeVisible();
  await expect(block.locator(".hljs-keyword").first()).toHaveText("function");
  await expect(block.locator(".hljs-string").first()).toBeVisible();
  await expect(block).toContainText("javascript");
  await block.getByRole("button", { name: "Copy code" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
});
