/**
 * Undo of a forget or a delete, the way a person does it: from the memory page's status line
 * (the server's undo token; keyboard focus never falls to <body>, also when Undo fails) and
 * from the chat's "Memory updated" notice after "forget that…".
 */
import { expect, type Page, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage } from "./support/chat-page";
import { addMemories, addMemory, listMemories, MemoryPage, word } from "./support/memory-page";
import { scriptExtraction } from "./support/mocks";

test.beforeEach(async ({ page }) => {
  await register(page, newTestUser("undo"));
});

const focusIsOnBody = (page: Page) => page.evaluate(() => document.activeElement === document.body);

test("Undo on the memory page restores from the server, and focus lands on something each time", async ({
  page,
}) => {
  await addMemories(page.request, [
    { type: "fact", category: "family", topic: "pet", detail: "has a cat named Mochi" },
    { type: "fact", category: "location", topic: "city", detail: "Kupang" },
  ]);
  const memory = new MemoryPage(page);
  await memory.open();

  await memory.button("Delete Pet").click();
  const undo = memory.status.getByRole("button", { name: "Undo" });
  await expect(undo).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(memory.status).toContainText("Restored “Pet”.");
  await expect(memory.memory("Pet")).toBeFocused();
  await page.reload();
  await expect(memory.memory("Pet")).toContainText("has a cat named Mochi");

  // Undo that cannot work (the topic was taken meanwhile) explains itself and keeps focus.
  await memory.button("Delete City").click();
  await expect(undo).toBeFocused();
  await addMemory(page.request, {
    type: "fact",
    category: "location",
    topic: "city",
    detail: "Ende",
  });
  await page.keyboard.press("Enter");
  await expect(memory.status).toContainText("There is already a memory about “city”");
  await expect(undo).toBeFocused();
  expect(await focusIsOnBody(page)).toBe(false);
  expect((await listMemories(page.request)).map((m) => m.detail).sort()).toEqual([
    "Ende",
    "has a cat named Mochi",
  ]);
});

test("the notice under a 'forget that…' turn offers Undo, which brings the memory back", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  const t = word();
  await scriptExtraction(t, [
    {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "Ubud",
      confidence_score: 0.9,
      source_text: "I live in Ubud",
      explicit: false,
    },
  ]);
  await chat.sendAndWait(`I live in Ubud ${t}`);
  await expect.poll(async () => (await listMemories(page.request)).length).toBe(1);

  const f = word();
  await scriptExtraction(
    f,
    [],
    [{ category: "location", topic: "city", source_text: "Forget that I live in Ubud" }],
  );
  await chat.sendAndWait(`Forget that I live in Ubud. ${f}`);
  const notice = page.getByTestId("memory-notice").last();
  await expect(notice).toContainText("Forgot — City (Location)");
  await expect.poll(async () => listMemories(page.request)).toEqual([]);

  await notice.getByRole("button", { name: "Undo" }).click();
  await expect(notice).toContainText("Memory update undone");
  expect((await listMemories(page.request)).map((m) => m.detail)).toEqual(["Ubud"]);
});
