/**
 * Replies of reasoning models: the reasoning (in `<think>` tags or in reasoning_content deltas)
 * is shown collapsed under "Reasoning" while the reply is on screen, and never becomes part of
 * the reply — not on screen, not after a reload, not in the extraction prompt.
 */
import { expect, type Page, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage } from "./support/chat-page";
import { chatMock, extractionMock, marker } from "./support/mocks";

async function replyAndReasoning(page: Page, text: string) {
  const chat = new ChatPage(page);
  await chat.sendAndWait(text);
  const reply = chat.assistantMessages.last();
  await expect(reply).toContainText("The answer is 42.");
  return { chat, reply };
}

for (const [name, response] of [
  [
    "<think> tags in the content",
    { type: "text", text: "<think>\nWeighing options, THOUGHT-X.\n</think>\n\nThe answer is 42." },
  ],
  [
    "reasoning_content deltas",
    { type: "text", text: "The answer is 42.", reasoning: "Weighing options, THOUGHT-X." },
  ],
] as const) {
  test(`reasoning from ${name} is shown collapsed and never saved with the reply`, async ({
    page,
  }) => {
    await register(page, newTestUser());
    const t = marker("reasoning");
    await chatMock.addRule({ match: t, kind: "chat", response });
    const { chat, reply } = await replyAndReasoning(page, `What is the answer? ${t}`);

    const reasoning = reply.getByTestId("message-reasoning");
    const summary = reasoning.getByText("Reasoning", { exact: true });
    await expect(summary).toBeVisible();
    const thought = reasoning.getByText("Weighing options, THOUGHT-X.");
    await expect(thought).toBeHidden();
    await summary.click();
    await expect(thought).toBeVisible();

    // After a reload the saved reply is the answer alone.
    await page.reload();
    const saved = chat.assistantMessages.last();
    await expect(saved).toContainText("The answer is 42.");
    await expect(saved).not.toContainText("THOUGHT-X");
    await expect(saved).not.toContainText("think>");
    await expect(saved.getByTestId("message-reasoning")).toHaveCount(0);

    // The extraction model read the answer without the reasoning.
    await expect.poll(async () => (await extractionMock.requests({ contains: t })).length).toBe(1);
    const [extraction] = await extractionMock.requests({ contains: t });
    expect(JSON.stringify(extraction?.messages)).not.toContain("THOUGHT-X");
  });
}
