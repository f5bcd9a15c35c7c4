/**
 * "Used N memories" under a reply, as a user goes: the disclosure, a link to the memory on the
 * memory page and back, Forget in place (and after a reload, still shown as forgotten); nothing
 * for a reply that used none or a temporary chat; the memory page's use counts and its sort.
 */
import { expect, type Page, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage, expectFocusKept } from "./support/chat-page";
import { addMemory, listMemories, MemoryPage, word } from "./support/memory-page";
import { scriptExtraction } from "./support/mocks";

const disclosure = (page: Page, name: string | RegExp) =>
  page.getByRole("button", { name, exact: typeof name === "string" });
const usedList = (page: Page) =>
  page.getByRole("list", { name: "Memories used in this reply" }).last();

async function useCount(page: Page, topic: string): Promise<number> {
  const memories = (await listMemories(page.request)) as unknown as {
    topic: string;
    use_count: number;
  }[];
  return memories.find((memory) => memory.topic === topic)?.use_count ?? -1;
}

test("a reply lists the memories it used; each links to its memory and can be forgotten in place", async ({
  page,
}) => {
  await register(page, newTestUser("used"));
  const city = word();
  const pet = word();
  await addMemory(page.request, {
    type: "fact",
    category: "location",
    topic: "city",
    detail: city,
  });
  await addMemory(page.request, { type: "fact", category: "family", topic: "pet", detail: pet });

  const chat = new ChatPage(page);
  await chat.open();
  await chat.sendAndWait(`Plan my weekend ${word()}`);
  const button = disclosure(page, "Used 2 memories");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(usedList(page)).toBeHidden();
  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(usedList(page).getByRole("link")).toHaveCount(2);
  await expect(usedList(page)).toContainText(`City: ${city}`);
  await expect(usedList(page)).toContainText(`Pet: ${pet}`);

  // Follow the link: the memory page, that memory marked and focused, its use counted.
  await expect.poll(() => useCount(page, "city")).toBe(1);
  const chatUrl = page.url();
  await usedList(page)
    .getByRole("link", { name: new RegExp(`City: ${city}`) })
    .click();
  await expect(page).toHaveURL(/\/settings\/memory\?memory=[0-9a-f-]{36}$/);
  const memoryPage = new MemoryPage(page);
  const card = memoryPage.memory("City");
  await expect(card).toHaveAttribute("data-highlighted", "true");
  await expect(card).toBeFocused();
  await expect(card).toContainText("Used 1 time");
  await expect(card).toContainText(/Last used (just now|1 minute ago)/);

  // Back to the chat: Forget one in place, with Undo offered where the button was.
  await page.goBack();
  await expect(page).toHaveURL(chatUrl);
  const again = disclosure(page, "Used 2 memories");
  if ((await again.getAttribute("aria-expanded")) !== "true") await again.click();
  await usedList(page).getByRole("button", { name: "Forget Pet" }).click();
  // The row that starts with the topic: a random detail can contain "pet" too.
  const row = usedList(page)
    .getByTestId("used-memory")
    .filter({ hasText: /^Pet\b/ });
  await expect(row).toHaveAttribute("data-forgotten", "true");
  await expect(row).toContainText("forgotten");
  await expect(usedList(page).getByRole("button", { name: "Undo forget Pet" })).toBeFocused();
  await expect
    .poll(async () => (await listMemories(page.request)).map((memory) => memory.topic))
    .toEqual(["city"]);

  // Reload: still "Used 2 memories", the forgotten one listed as forgotten, its words gone.
  await page.reload();
  await disclosure(page, "Used 2 memories").click();
  await expect(usedList(page).getByRole("link")).toHaveCount(1);
  await expect(usedList(page)).toContainText("A memory you forgot");
  await expect(usedList(page)).not.toContainText(pet);
  const api = await (await page.request.get(`/api/chats/${chat.chatId()}`)).json();
  const reply = api.messages.find((message: { role: string }) => message.role === "assistant");
  expect(reply.usedMemories).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ topic: "city", detail: city, forgotten: false }),
      { id: expect.any(String), forgotten: true },
    ]),
  );
  expect(JSON.stringify(api)).not.toContain(pet);
  await expectFocusKept(page);
});

test("after “forget that…”, the replies that used the memory list it as forgotten at once", async ({
  page,
}) => {
  await register(page, newTestUser("forgotuse"));
  const city = word();
  await addMemory(page.request, {
    type: "fact",
    category: "location",
    topic: "city",
    detail: city,
  });
  const chat = new ChatPage(page);
  await chat.open();
  await chat.sendAndWait(`Plan my weekend ${word()}`);

  const request = `Forget that I live in ${city}`;
  await scriptExtraction(
    request,
    [],
    [{ category: "location", topic: "city", source_text: request }],
  );
  await chat.sendAndWait(request);
  await expect(page.getByTestId("memory-notice").last()).toContainText("Forgot — City (Location)");

  // Both replies carried the memory: neither offers to forget it again, without a reload.
  for (const reply of [0, 1]) {
    const button = page.getByRole("button", { name: "Used 1 memory" }).nth(reply);
    await button.click();
    const list = page.getByRole("list", { name: "Memories used in this reply" }).nth(reply);
    await expect(list.getByTestId("used-memory")).toHaveAttribute("data-forgotten", "true");
    await expect(list.getByRole("button", { name: "Forget City" })).toHaveCount(0);
  }

  // Undo in the notice brings it back, and with it Forget.
  await page.getByTestId("memory-notice").last().getByRole("button", { name: /Undo/ }).click();
  await expect.poll(async () => (await listMemories(page.request)).length).toBe(1);
  const first = page.getByRole("list", { name: "Memories used in this reply" }).first();
  await expect(first.getByRole("button", { name: "Forget City" })).toBeVisible();
});

test("a reply that used no memories, or a temporary chat's, shows nothing; one memory is singular", async ({
  page,
}) => {
  await register(page, newTestUser("unused"));
  const chat = new ChatPage(page);
  await chat.open();
  await chat.sendAndWait(`Hello there ${word()}`);
  await expect(chat.assistantMessages).toHaveCount(1);
  await expect(disclosure(page, /^Used \d+ memor/)).toHaveCount(0);

  await addMemory(page.request, {
    type: "goal",
    category: "language",
    topic: "japanese",
    detail: "learn Japanese",
  });
  await chat.sendAndWait(`What next ${word()}`);
  await expect(disclosure(page, "Used 1 memory")).toHaveCount(1);

  await chat.newChat();
  await page.getByRole("button", { name: "Temporary chat" }).click();
  await chat.sendAndWait(`Just between us ${word()}`);
  await expect(disclosure(page, /^Used \d+ memor/)).toHaveCount(0);
});

test("the memory page sorts by most used and last used, kept in the address", async ({ page }) => {
  await register(page, newTestUser("sort"));
  const chat = new ChatPage(page);
  await chat.open();
  await addMemory(page.request, {
    type: "goal",
    category: "hobbies",
    topic: "often",
    detail: "used often",
  });
  await chat.sendAndWait(`One ${word()}`);
  await addMemory(page.request, {
    type: "fact",
    category: "hobbies",
    topic: "sometimes",
    detail: "used sometimes",
  });
  await chat.sendAndWait(`Two ${word()}`);
  await chat.sendAndWait(`Three ${word()}`);
  await addMemory(page.request, {
    type: "fact",
    category: "hobbies",
    topic: "never",
    detail: "not used",
  });
  await expect.poll(() => useCount(page, "often")).toBe(3);
  await expect.poll(() => useCount(page, "sometimes")).toBe(2);

  const memoryPage = new MemoryPage(page);
  await memoryPage.open();
  const topics = page.getByTestId("memory").getByRole("heading", { level: 3 });
  await expect(topics).toHaveText(["Never", "Sometimes", "Often"]); // Facts, then Goals
  await expect(memoryPage.memory("Often")).toContainText("Used 3 times");
  await expect(memoryPage.memory("Never")).not.toContainText(/Used \d|Last used/);

  await page
    .getByRole("combobox", { name: "Sort", exact: true })
    .selectOption({ label: "Most used" });
  await expect(page).toHaveURL(/[?&]sort=most_used/);
  await expect(page.getByRole("heading", { level: 2, name: "Most used" })).toBeVisible();
  await expect(topics).toHaveText(["Often", "Sometimes", "Never"]);
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Sort", exact: true })).toHaveValue("most_used");
  await expect(topics).toHaveText(["Often", "Sometimes", "Never"]);

  await page
    .getByRole("combobox", { name: "Sort", exact: true })
    .selectOption({ label: "Last used" });
  await expect(page).toHaveURL(/[?&]sort=last_used/);
  await expect(page.getByRole("heading", { level: 2, name: "Last used" })).toBeVisible();
  await expect(topics.last()).toHaveText("Never"); // never used: after every used one
  await page.goBack();
  await expect(page.getByRole("combobox", { name: "Sort", exact: true })).toHaveValue("most_used");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("the disclosure opens, links and forgets at 390×844", async ({ page }) => {
    await register(page, newTestUser("used-phone"));
    const detail = word();
    await addMemory(page.request, { type: "fact", category: "work", topic: "job", detail });
    const chat = new ChatPage(page);
    await chat.open();
    await chat.sendAndWait(`What should I wear to work ${word()}`);
    const button = disclosure(page, "Used 1 memory");
    await button.tap();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    const link = usedList(page).getByRole("link", { name: new RegExp(`Job: ${detail}`) });
    const forget = usedList(page).getByRole("button", { name: "Forget Job" });
    await expect(link).toBeInViewport();
    await expect(forget).toBeInViewport();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await forget.tap();
    await expect(usedList(page).getByRole("button", { name: "Undo forget Job" })).toBeVisible();
    await usedList(page).getByRole("button", { name: "Undo forget Job" }).tap();
    await expect(link).toBeVisible();
    await link.tap();
    await expect(page).toHaveURL(/\/settings\/memory\?memory=/);
    await expect(new MemoryPage(page).memory("Job")).toHaveAttribute("data-highlighted", "true");
  });
});
