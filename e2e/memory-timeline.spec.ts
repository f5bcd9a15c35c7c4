/**
 * The timeline of a memory: a newer observation replaces what Ingat knew, and the memory page
 * says what it was before and until when, with the whole chain in the History dialog.
 */
import { expect, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage } from "./support/chat-page";
import { addMemories, listMemories, MemoryPage, word } from "./support/memory-page";
import { scriptExtraction } from "./support/mocks";

async function tellCity(chat: ChatPage, sentence: string, detail: string) {
  const t = word();
  await scriptExtraction(t, [
    {
      type: "fact",
      category: "location",
      topic: "city",
      detail,
      confidence_score: 0.9,
      source_text: sentence,
      explicit: false,
    },
  ]);
  await chat.sendAndWait(`${sentence} ${t}`);
  await expect
    .poll(async () => (await listMemories(chat.page.request)).map((memory) => memory.detail))
    .toEqual([detail]);
}

test("a replaced memory says what it was before, and History shows the chain oldest first", async ({
  page,
}) => {
  await register(page, newTestUser("timeline"));
  const chat = new ChatPage(page);
  await tellCity(chat, "I live in Bandung", "lives in Bandung");
  await chat.newChat();
  await tellCity(chat, "I moved to Surabaya", "lives in Surabaya");

  const memory = new MemoryPage(page);
  await memory.open();
  const city = memory.memory("City");
  await expect(city).toContainText("lives in Surabaya");
  await expect(city.getByTestId("memory-previous")).toHaveText(
    /^Previously: lives in Bandung, until \w{3} \d{1,2}, \d{4}$/,
  );

  await city.getByRole("button", { name: "History of City" }).click();
  const dialog = page.getByRole("dialog", { name: "History of “City”" });
  await expect(dialog).toContainText("oldest first");
  const changes = dialog.getByRole("list", { name: "Changes" }).getByRole("listitem");
  await expect(changes).toHaveCount(2);
  await expect(changes.nth(0)).toContainText("Learned in chat");
  await expect(changes.nth(0)).toContainText("lives in Bandung");
  await expect(changes.nth(0).locator("time")).toHaveText(/\d{4}/);
  await expect(changes.nth(1)).toContainText("Updated from chat");
  await expect(changes.nth(1).getByRole("deletion")).toHaveText("lives in Bandung");
  await expect(changes.nth(1)).toContainText("lives in Surabaya");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // A memory that was never replaced says nothing of the kind.
  await addMemories(page.request, [
    { type: "fact", category: "work", topic: "job", detail: "works as a nurse" },
  ]);
  await page.reload();
  await expect(memory.memory("Job")).toContainText("works as a nurse");
  await expect(memory.memory("Job").getByTestId("memory-previous")).toHaveCount(0);
});

test("a card with its previous detail stays compact on a phone", async ({ page }) => {
  await register(page, newTestUser("timeline-phone"));
  const chat = new ChatPage(page);
  await tellCity(chat, "I live in Bandung near the old train station", "lives in Bandung");
  await chat.newChat();
  await tellCity(
    chat,
    "I moved to Surabaya near the harbour and the zoo",
    "lives in Surabaya near the harbour and the zoo",
  );
  await addMemories(
    page.request,
    ["job", "pet", "sister", "coffee", "car"].map((topic) => ({
      type: "fact" as const,
      category: "other",
      topic,
      detail: `a detail about the ${topic} that takes a few words to say`,
    })),
  );

  const viewport = { width: 390, height: 844 };
  await page.setViewportSize(viewport);
  const memory = new MemoryPage(page);
  await memory.open();
  await expect(memory.memory("City").getByTestId("memory-previous")).toBeVisible();
  const cards = page.getByTestId("memory");
  await expect(cards).toHaveCount(6);
  await cards.first().evaluate((card) => card.scrollIntoView({ block: "start" }));
  const fullyVisible = await cards.evaluateAll(
    (all, height) =>
      all.filter((card) => {
        const box = card.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= height;
      }).length,
    viewport.height,
  );
  expect(fullyVisible).toBeGreaterThan(3);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    viewport.width,
  );
});
