import { expect, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage } from "./support/chat-page";
import { MemoryPage, word } from "./support/memory-page";
import { chatMock, scriptExtraction } from "./support/mocks";

test("the evidence link opens the chat at the quoted message, highlighted", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const t = word();
  await scriptExtraction(t, [
    {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "lives in Bandung",
      confidence_score: 0.95,
      source_text: "I live in Bandung",
      explicit: false,
    },
  ]);
  await chat.sendAndWait(`I live in Bandung ${t}`);
  await expect(page.getByTestId("memory-notice")).toContainText("Memory updated");

  // Three long replies push the quoted message far above the fold.
  const filler = word();
  const longReply = Array.from({ length: 40 }, (_, i) => `Line ${i} of a long answer.`).join(
    "\n\n",
  );
  await chatMock.addRule({
    match: filler,
    kind: "chat",
    response: { type: "text", text: longReply },
  });
  for (let turn = 0; turn < 3; turn += 1) await chat.sendAndWait(`Tell me more ${filler} ${turn}`);

  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: "Memory" }).click();
  const memoryPage = new MemoryPage(page);
  await memoryPage.memory("City").getByRole("link", { name: "You said this in a chat" }).click();

  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}#message-[0-9a-f-]{36}$/);
  const quoted = chat.userMessages.filter({ hasText: `I live in Bandung ${t}` });
  await expect(quoted).toBeInViewport();
  await expect(quoted).toHaveAttribute("data-linked", "true");
  // It stays there once the page has settled (nothing scrolls it away to the end).
  await page.waitForTimeout(1000);
  await expect(quoted).toBeInViewport();
  await expect(chat.assistantMessages.last()).not.toBeInViewport();

  // The same after a reload of that address.
  await page.reload();
  await expect(quoted).toBeInViewport();
  await expect(quoted).toHaveAttribute("data-linked", "true");
});
