import { expect, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage, expectFocusKept } from "./support/chat-page";
import { word } from "./support/memory-page";
import { chatMock, extractionMock, scriptExtraction } from "./support/mocks";

const climbing = {
  type: "interest" as const,
  category: "hobbies",
  topic: "climbing",
  detail: "loves climbing",
  confidence_score: 0.9,
  source_text: "I love climbing",
  explicit: false,
};

test("the Memory updated notice is announced, seen, and still under its turn after a reload", async ({
  page,
}) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const t = word();
  await scriptExtraction(t, [climbing]);
  // A reply longer than the screen: the notice lands below it.
  await chatMock.addRule({
    match: t,
    kind: "chat",
    response: {
      type: "text",
      text: Array.from({ length: 40 }, (_, i) => `Paragraph ${i}.`).join("\n\n"),
    },
  });
  await chat.sendAndWait(`I love climbing ${t}`);
  const notice = page.getByTestId("memory-notice");
  await expect(notice).toContainText("Memory updated");
  await expect(notice).toContainText("Climbing: loves climbing");
  await expect(notice).toBeInViewport();
  // Announced politely: the notice is (inside) a polite live region.
  await expect(page.getByRole("status").filter({ hasText: "Memory updated" })).toHaveCount(1);

  const second = word();
  await chat.sendAndWait(`Nothing to learn here ${second}`);

  await page.reload();
  await expect(chat.assistantMessages).toHaveCount(2);
  const notices = page.getByTestId("memory-notice");
  await expect(notices).toHaveCount(1);
  await expect(notices.first()).toContainText("Climbing: loves climbing");
  // It sits under the first turn, not the second.
  const turn = page.getByTestId("turn").filter({ hasText: `I love climbing ${t}` });
  await expect(turn.getByTestId("memory-notice")).toHaveCount(1);
  await expect(notices.first().getByRole("button", { name: "Undo" })).toBeVisible();
});

test("labels in the notice are words, not raw keys", async ({ page }) => {
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
  await expect(page.getByTestId("memory-notice")).toContainText("Bandung");
  await scriptExtraction(
    `Forget where I live ${t}`,
    [],
    [{ category: "location", topic: "city", source_text: "Forget where I live" }],
  );
  await chat.sendAndWait(`Forget where I live ${t}`);
  const forgot = page.getByTestId("memory-notice").last();
  await expect(forgot).toContainText("Forgot");
  await expect(forgot).not.toContainText("Forgot city");
  await expect(forgot).toContainText("City (Location)");
});

test("a failed extraction says Couldn't update memory, and Retry runs it again", async ({
  page,
}) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const t = word();
  await extractionMock.addRule({
    match: t,
    kind: "extraction",
    response: { type: "error", status: 500, message: "extraction is down" },
  });
  await chat.sendAndWait(`I love climbing ${t}`);
  const notice = page.getByTestId("memory-notice");
  await expect(notice).toContainText("Couldn't update memory", { timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: "Couldn't update memory" })).toHaveCount(
    1,
  );

  await page.reload();
  await expect(notice).toContainText("Couldn't update memory");
  await extractionMock.reset(t);
  await scriptExtraction(t, [climbing]);
  await notice.getByRole("button", { name: "Retry" }).click();
  await expectFocusKept(page);
  await expect(notice).toContainText("Memory updated");
  await expect(notice).toContainText("Climbing: loves climbing");
  await expectFocusKept(page);
  const memories = await (await page.request.get("/api/memories")).json();
  expect(memories.memories.map((m: { topic: string }) => m.topic)).toEqual(["climbing"]);
});

test("Retry of another user's failed job is not found", async ({ page, browser }) => {
  await register(page, newTestUser("owner"));
  const chat = new ChatPage(page);
  const t = word();
  await extractionMock.addRule({
    match: t,
    kind: "extraction",
    response: { type: "error", status: 500 },
  });
  await chat.sendAndWait(`I love climbing ${t}`);
  await expect(page.getByTestId("memory-notice")).toContainText("Couldn't update memory", {
    timeout: 20_000,
  });
  const chatBody = await (await page.request.get(`/api/chats/${chat.chatId()}`)).json();
  const replyId = chatBody.messages.find((m: { role: string }) => m.role === "assistant").id;

  const intruder = await browser.newContext();
  const intruderPage = await intruder.newPage();
  await register(intruderPage, newTestUser("intruder"));
  const retry = await intruderPage.request.post(`/api/memory-updates/${replyId}/retry`);
  expect(retry.status()).toBe(404);
  expect((await intruderPage.request.post("/api/memory-updates/not-a-uuid/retry")).status()).toBe(
    404,
  );
  await intruder.close();
  // A job that has not failed cannot be re-queued either.
  const done = word();
  await extractionMock.reset(t);
  await chat.sendAndWait(`Hello ${done}`);
  const after = await (await page.request.get(`/api/chats/${chat.chatId()}`)).json();
  const doneId = after.messages.filter((m: { role: string }) => m.role === "assistant").at(-1).id;
  await expect
    .poll(
      async () => (await (await page.request.get(`/api/memory-updates/${doneId}`)).json()).status,
    )
    .toBe("done");
  expect((await page.request.post(`/api/memory-updates/${doneId}/retry`)).status()).toBe(409);
});

test("the notice of a slow extraction is pushed to the chat, not polled for", async ({ page }) => {
  await register(page, newTestUser());
  const chat = new ChatPage(page);
  const t = word();
  await extractionMock.addRule({
    match: t,
    kind: "extraction",
    once: true,
    delayMs: 8000,
    response: { type: "json", body: { preferences: [climbing], forget: [] } },
  });
  const polls: number[] = [];
  const streams: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/memory-updates/")) polls.push(Date.now());
    if (/\/api\/chats\/[^/]+\/events$/.test(request.url())) streams.push(request.url());
  });
  await chat.sendAndWait(`I love climbing ${t}`);
  await expect(page.getByTestId("memory-notice")).toContainText("Memory updated", {
    timeout: 20_000,
  });
  // The chat's event stream says when the job has settled: one read when it is listening and
  // one on the event — where polling twice a second for 8 s would be 16, backing off 5.
  expect(streams.length).toBeGreaterThanOrEqual(1);
  expect(polls.length).toBeLessThanOrEqual(3);
});
