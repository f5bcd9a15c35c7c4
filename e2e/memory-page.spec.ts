/**
 * The memory page (/settings/memory, SPEC §6): every action a user takes there, in Chromium, each
 * test with a fresh user whose memories are seeded through the JSON API.
 */
import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage } from "./support/chat-page";
import {
  addMemories,
  addMemory,
  listMemories,
  MemoryPage,
  seedMemory,
  tabTo,
  word,
} from "./support/memory-page";
import { chatMock, extractionMock, scriptExtraction } from "./support/mocks";

test.beforeEach(async ({ page }) => {
  await register(page, newTestUser("memory"));
});

test("memories are grouped by type with confidence, source and the quote linked to its chat message", async ({
  page,
}) => {
  const t = word();
  await scriptExtraction(t, [
    {
      type: "fact",
      category: "work",
      topic: "job",
      detail: "works as a nurse",
      confidence_score: 0.9,
      source_text: "I work as a nurse",
      explicit: false,
    },
  ]);
  const chat = new ChatPage(page);
  await chat.sendAndWait(`Hi, I work as a nurse ${t}`);
  const chatUrl = page.url();
  await expect.poll(async () => (await listMemories(page.request)).length).toBe(1);
  await addMemories(page.request, [
    { type: "interest", category: "hobbies", topic: "climbing", detail: "bouldering on weekends" },
    { type: "goal", category: "language", topic: "japanese", detail: "wants to learn Japanese" },
    { type: "dislike", category: "food", topic: "durian", detail: "cannot stand durian" },
  ]);

  const memory = new MemoryPage(page);
  await memory.open();
  await expect(page.getByText("Ingat remembers 4 things about you.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 })).toHaveText([
    "Facts",
    "Interests",
    "Goals",
    "Dislikes",
  ]);

  const job = memory.memory("job");
  await expect(memory.group("Facts").getByTestId("memory")).toHaveCount(1);
  await expect(job).toContainText("works as a nurse");
  await expect(job).toContainText("work");
  await expect(job.getByRole("meter", { name: "Confidence" })).toHaveAttribute(
    "aria-valuetext",
    "90%",
  );
  await expect(job.getByText("Inferred")).toBeVisible();
  await expect(job.getByRole("blockquote")).toHaveText("“I work as a nurse”");
  await expect(memory.memory("climbing").getByText("Added by you")).toBeVisible();
  await expect(memory.group("Dislikes")).toContainText("cannot stand durian");

  const [learned] = await listMemories(page.request, "q=nurse");
  await job.getByRole("link", { name: "You said this in a chat" }).click();
  await expect(page).toHaveURL(`${chatUrl}#message-${learned?.message_id}`);
  await expect(page.locator(`#message-${learned?.message_id}`)).toContainText("I work as a nurse");
});

test("Edit: the user's wording replaces Ingat's, and the memory becomes theirs and confirmed", async ({
  page,
}) => {
  await seedMemory(page.request, {
    type: "fact",
    category: "work",
    topic: "job",
    detail: "nurse",
    confidence_score: 0.7,
    source_text: "I work as a nurse",
  });
  const memory = new MemoryPage(page);
  await memory.open();
  const job = memory.memory("job");
  await expect(job.getByText("Inferred")).toBeVisible();
  await expect(job.getByRole("meter", { name: "Confidence" })).toHaveAttribute(
    "aria-valuetext",
    "70%",
  );

  await memory.button("Edit job").click();
  const dialog = page.getByRole("dialog", { name: "Edit memory" });
  await expect(dialog.getByLabel("Detail")).toHaveValue("nurse");
  await dialog.getByLabel("Detail").fill("head nurse at a hospital");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  await expect(job).toContainText("head nurse at a hospital");
  await expect(job.getByText("Edited by you")).toBeVisible();
  await expect(job.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(job.getByRole("meter", { name: "Confidence" })).toHaveAttribute(
    "aria-valuetext",
    "100%",
  );
  await expect(memory.button("Confirm job")).toHaveCount(0);

  await page.reload();
  await expect(memory.memory("job")).toContainText("head nurse at a hospital");
  const [stored] = await listMemories(page.request);
  expect(stored).toMatchObject({
    detail: "head nurse at a hospital",
    source: "user",
    confirmed: true,
  });
});

test("Confirm locks a memory: a later inference becomes a change to review, which Accept applies", async ({
  page,
}) => {
  await seedMemory(page.request, {
    type: "fact",
    category: "location",
    topic: "city",
    detail: "Paris",
    confidence_score: 0.85,
  });
  const memory = new MemoryPage(page);
  await memory.open();
  await memory.button("Confirm city").click();
  const city = memory.memory("city");
  await expect(city.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(memory.button("Confirm city")).toHaveCount(0);
  await expect(city.getByRole("meter", { name: "Confidence" })).toHaveAttribute(
    "aria-valuetext",
    "100%",
  );

  // A later turn infers a new city: it must not silently replace the confirmed one.
  const t = word();
  await scriptExtraction(t, [
    {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "Berlin",
      confidence_score: 0.95,
      source_text: "I live in Berlin now",
      explicit: false,
    },
  ]);
  await new ChatPage(page).open();
  await new ChatPage(page).sendAndWait(`I live in Berlin now ${t}`);
  await expect
    .poll(async () => (await listMemories(page.request, "status=suggested")).length)
    .toBe(1);

  await memory.open();
  await expect(page.getByText("Ingat remembers 1 thing about you; 1 to review.")).toBeVisible();
  await expect(city).toContainText("Paris");
  const suggestion = memory.suggestion("city");
  await expect(suggestion).toContainText("Ingat thinks this changed:");
  await expect(suggestion.getByRole("deletion")).toHaveText("Paris");
  await expect(suggestion.getByRole("insertion")).toHaveText("Berlin");
  await expect(suggestion.getByRole("blockquote")).toHaveText("“I live in Berlin now”");

  await memory.button("Accept city").click();
  await expect(memory.review).toHaveCount(0);
  await expect(memory.status).toContainText("Accepted “city”.");
  await expect(city).toContainText("Berlin");
  await expect(city).not.toContainText("Paris");
  await page.reload();
  await expect(memory.memory("city")).toContainText("Berlin");
  await expect(memory.review).toHaveCount(0);
});

test("Reject removes a suggestion for good", async ({ page }) => {
  await addMemory(page.request, {
    type: "fact",
    category: "location",
    topic: "city",
    detail: "Bandung",
  });
  await seedMemory(page.request, {
    type: "interest",
    category: "food",
    topic: "tea",
    detail: "likes green tea",
    status: "suggested",
    confidence_score: 0.6,
  });
  const memory = new MemoryPage(page);
  await memory.open();
  await expect(page.getByText("Ingat remembers 1 thing about you; 1 to review.")).toBeVisible();
  const tea = memory.suggestion("tea");
  await expect(tea).toContainText("likes green tea");
  await expect(tea.getByText("Needs review")).toBeVisible();
  await expect(memory.memory("tea")).toHaveCount(0); // not in use until accepted

  await memory.button("Reject tea").click();
  await expect(memory.review).toHaveCount(0);
  await expect(memory.status).toContainText("Rejected “tea”.");
  await expect(page.getByText("Ingat remembers 1 thing about you.")).toBeVisible();
  await page.reload();
  await expect(memory.review).toHaveCount(0);
  await expect(memory.memory("tea")).toHaveCount(0);
  expect((await listMemories(page.request)).map((m) => m.topic)).toEqual(["city"]);
});

test("Delete takes a memory away, Undo brings it back, and without Undo it stays gone", async ({
  page,
}) => {
  await addMemories(page.request, [
    { type: "fact", category: "family", topic: "pet", detail: "has a cat named Mochi" },
    { type: "fact", category: "location", topic: "city", detail: "Surabaya" },
  ]);
  const memory = new MemoryPage(page);
  await memory.open();

  await memory.button("Delete pet").click();
  await expect(memory.memory("pet")).toHaveCount(0);
  await expect(memory.status).toContainText("Deleted “pet”.");
  const undo = memory.status.getByRole("button", { name: "Undo" });
  await expect(undo).toBeFocused();
  await undo.click();
  await expect(memory.status).toContainText("Restored “pet”.");
  await expect(memory.memory("pet")).toContainText("has a cat named Mochi");
  await page.reload();
  await expect(memory.memory("pet")).toContainText("has a cat named Mochi");

  await memory.button("Delete city").click();
  await expect(memory.status).toContainText("Deleted “city”.");
  await memory.status.getByRole("button", { name: "Dismiss" }).click();
  await page.reload();
  await expect(memory.memory("pet")).toBeVisible();
  await expect(memory.memory("city")).toHaveCount(0);
  expect((await listMemories(page.request)).map((m) => m.topic)).toEqual(["pet"]);
});

test("Add memory: refused input is explained at its field; a valid one is listed as the user's own", async ({
  page,
}) => {
  const memory = new MemoryPage(page);
  await memory.open();
  await expect(page.getByRole("heading", { name: "Nothing remembered yet" })).toBeVisible();

  await memory.button("Add memory").click();
  const dialog = page.getByRole("dialog", { name: "Add a memory" });
  await dialog.getByLabel("Topic").fill("bank");
  await dialog.getByLabel("Detail").fill("my password is hunter");
  await dialog.getByLabel("Type").selectOption("Fact");
  await dialog.getByLabel("Category").fill("Family");
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(dialog.getByLabel("Detail")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("Detail")).toHaveAccessibleDescription(
    /looks like a password, key, card or ID number/,
  );

  await dialog.getByLabel("Topic").fill("sister");
  await dialog.getByLabel("Detail").fill("Ratna, a dentist in Jakarta");
  await dialog.getByLabel("Type").selectOption("Fact");
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(dialog).toBeHidden();

  const sister = memory.group("Facts").getByTestId("memory");
  await expect(sister).toContainText("Ratna, a dentist in Jakarta");
  await expect(sister).toContainText("family"); // categories are stored lower-case
  await expect(sister.getByText("Added by you")).toBeVisible();
  await expect(sister.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(memory.status).toContainText("Added “sister”.");
  await page.reload();
  await expect(memory.memory("sister")).toContainText("Ratna, a dentist in Jakarta");
});

test("History lists every change of a memory, in a dialog that keeps focus until closed", async ({
  page,
}) => {
  await addMemory(page.request, {
    type: "fact",
    category: "work",
    topic: "job",
    detail: "teacher",
  });
  const memory = new MemoryPage(page);
  await memory.open();
  await memory.button("Edit job").click();
  const edit = page.getByRole("dialog", { name: "Edit memory" });
  await edit.getByLabel("Detail").fill("school principal");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();

  const trigger = memory.button("History of job");
  await trigger.click();
  const dialog = page.getByRole("dialog", { name: "History of “job”" });
  const changes = dialog.getByRole("list", { name: "Changes" }).getByRole("listitem");
  await expect(changes).toHaveCount(2);
  await expect(changes.nth(0)).toContainText("Edited by you");
  await expect(changes.nth(0).getByRole("deletion")).toHaveText("teacher");
  await expect(changes.nth(0)).toContainText("school principal");
  await expect(changes.nth(1)).toContainText("Added by you");

  for (let presses = 0; presses < 5; presses += 1) {
    await page.keyboard.press("Tab");
    await expect(dialog.locator(":focus")).toHaveCount(1);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
});

test("Export downloads a dated JSON file of the user's memories", async ({ page }) => {
  await addMemories(page.request, [
    { type: "fact", category: "location", topic: "city", detail: "Yogyakarta" },
    { type: "goal", category: "tech", topic: "rust", detail: "learn Rust this year" },
  ]);
  const memory = new MemoryPage(page);
  await memory.open();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export" }).click();
  const download = await downloading;
  const today = new Date().toISOString().slice(0, 10);
  expect(download.suggestedFilename()).toBe(`ingat-memories-${today}.json`);

  const file = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(file.exported_at.slice(0, 10)).toBe(today);
  const exported = file.memories.map((m: { topic: string; detail: string }) => [m.topic, m.detail]);
  expect(exported.sort()).toEqual([
    ["city", "Yogyakarta"],
    ["rust", "learn Rust this year"],
  ]);
  expect(file.memories[0].history[0]).toMatchObject({ actor: "user", action: "added" });
});

test("Delete all asks first, then leaves nothing", async ({ page }) => {
  await addMemories(page.request, [
    { type: "fact", category: "location", topic: "city", detail: "Medan" },
    { type: "interest", category: "media", topic: "films", detail: "loves horror films" },
  ]);
  await seedMemory(page.request, {
    type: "goal",
    category: "travel",
    topic: "trip",
    detail: "visit Lombok",
    status: "suggested",
  });
  const memory = new MemoryPage(page);
  await memory.open();

  await memory.button("Delete all").click();
  const confirmDialog = page.getByRole("alertdialog", { name: "Delete all memories?" });
  await expect(confirmDialog).toContainText("This can’t be undone");
  await confirmDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(confirmDialog).toBeHidden();
  await expect(memory.memory("city")).toBeVisible();

  await memory.button("Delete all").click();
  await confirmDialog.getByRole("button", { name: "Delete all" }).click();
  await expect(confirmDialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "Nothing remembered yet" })).toBeVisible();
  await expect(memory.status).toContainText("Deleted all memories.");
  await expect(memory.button("Delete all")).toBeDisabled();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Nothing remembered yet" })).toBeVisible();
  expect(await listMemories(page.request)).toEqual([]);
  expect(await listMemories(page.request, "status=suggested")).toEqual([]);
});

test("Memory off: the page and the chat say so, and replies neither use nor learn anything", async ({
  page,
}) => {
  await addMemory(page.request, {
    type: "fact",
    category: "location",
    topic: "city",
    detail: "lives in Makassar",
  });
  const memory = new MemoryPage(page);
  await memory.open();
  await expect(memory.memorySwitch).toBeChecked();
  await memory.memorySwitch.click();
  await expect(memory.memorySwitch).not.toBeChecked();
  await expect(memory.memorySwitch).toHaveAccessibleDescription(/Off: Ingat doesn’t learn/);
  await page.reload();
  await expect(memory.memorySwitch).not.toBeChecked();
  await expect(memory.memory("city")).toBeVisible(); // kept until the user deletes it

  const chat = new ChatPage(page);
  await chat.open();
  await expect(page.getByText("Memory is off")).toBeVisible();
  const off = word();
  await scriptExtraction(off, [
    {
      type: "interest",
      category: "hobbies",
      topic: "diving",
      detail: "loves diving",
      confidence_score: 0.95,
      source_text: "I love diving",
      explicit: false,
    },
  ]);
  await chat.sendAndWait(`I love diving ${off}`);
  const [offRequest] = await chatMock.requests({ contains: off, kind: "chat" });
  expect(JSON.stringify(offRequest?.messages[0])).not.toContain("Makassar");
  expect(await turnExtractionStatus(page)).toBe("none"); // no extraction job was queued
  expect(await extractionMock.requests({ contains: off })).toEqual([]);

  await memory.open();
  await memory.memorySwitch.click();
  await expect(memory.memorySwitch).toBeChecked();
  await chat.open();
  await expect(page.getByText("Memory is off")).toHaveCount(0);
  const on = word();
  await chat.sendAndWait(`Where should I eat tonight ${on}`);
  const [onRequest] = await chatMock.requests({ contains: on, kind: "chat" });
  expect(JSON.stringify(onRequest?.messages[0])).toContain("Makassar");
  expect((await listMemories(page.request)).map((m) => m.topic)).toEqual(["city"]);
});

test("search and filters run on the server and reach memories beyond the first page", async ({
  page,
}) => {
  const types = ["fact", "interest", "goal", "dislike"] as const;
  const seeded = Array.from({ length: 120 }, (_, i) => ({
    type: types[i % 4] ?? "fact",
    category: i % 3 === 0 ? "travel" : "other",
    topic: `topic ${word(8)}`,
    detail: `detail ${word(8)}`,
  }));
  const added = await addMemories(page.request, seeded);
  const memory = new MemoryPage(page);
  await memory.open();
  await expect(page.getByText("Ingat remembers 120 things about you.")).toBeVisible();
  const cards = page.getByTestId("memory");
  await expect(cards).toHaveCount(50);
  await expect(page.getByText("50 memories shown, more below.")).toBeVisible();

  // A memory that is not on the first page is still found: the search runs on the server.
  const shown = await cards.getByRole("heading", { level: 3 }).allTextContents();
  const hidden = added.find((m) => !shown.includes(m.topic));
  if (!hidden) throw new Error("every memory was on the first page");
  await memory.search.fill(hidden.detail.replace("detail ", ""));
  await expect(cards).toHaveCount(1);
  await expect(memory.memory(hidden.topic)).toContainText(hidden.detail);
  await expect(page.getByText("1 memory shown.")).toBeVisible();

  await memory.search.fill("");
  await expect(cards).toHaveCount(50);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(cards).toHaveCount(100);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(cards).toHaveCount(120);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);

  await page.getByLabel("Type", { exact: true }).selectOption("Goals");
  await expect(cards).toHaveCount(30);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Goals"]);
  await page.getByLabel("Category", { exact: true }).selectOption("travel");
  const expected = seeded.filter((m) => m.type === "goal" && m.category === "travel");
  await expect(cards).toHaveCount(expected.length);
  await memory.search.fill("nothingmatchesthis");
  await expect(page.getByText("No memories match these filters.")).toBeVisible();
});

test("the whole page works from the keyboard: add, edit, confirm, delete and undo, switch", async ({
  page,
}) => {
  await seedMemory(page.request, {
    type: "fact",
    category: "work",
    topic: "job",
    detail: "pilot",
    confidence_score: 0.75,
  });
  const memory = new MemoryPage(page);
  await memory.open();
  const keys = page.keyboard;

  // Add a memory.
  await tabTo(page, memory.button("Add memory"));
  await keys.press("Enter");
  const add = page.getByRole("dialog", { name: "Add a memory" });
  await expect(add.getByLabel("Topic")).toBeFocused();
  await keys.type("hobby");
  await keys.press("Tab");
  await keys.type("plays the gamelan");
  await keys.press("Tab");
  await expect(add.getByLabel("Type")).toBeFocused();
  await keys.press("ArrowDown"); // Fact → Interest
  await keys.press("Tab");
  await keys.type("hobbies");
  await keys.press("Enter");
  await expect(add).toBeHidden();
  await expect(memory.group("Interests")).toContainText("plays the gamelan");

  // Confirm the inferred one.
  await tabTo(page, memory.button("Confirm job"));
  await keys.press("Enter");
  await expect(memory.memory("job").getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(memory.memory("job")).toBeFocused();

  // Edit it.
  await tabTo(page, memory.button("Edit job"));
  await keys.press("Enter");
  const edit = page.getByRole("dialog", { name: "Edit memory" });
  await expect(edit.getByLabel("Topic")).toBeFocused();
  await keys.press("Tab");
  await keys.press("ControlOrMeta+a");
  await keys.type("airline pilot");
  await tabTo(page, edit.getByRole("button", { name: "Save" }));
  await keys.press("Enter");
  await expect(edit).toBeHidden();
  await expect(memory.memory("job")).toContainText("airline pilot");
  await expect(memory.button("Edit job")).toBeFocused();

  // Delete, then Undo from the status line, which takes focus.
  await tabTo(page, memory.button("Delete hobby"));
  await keys.press("Enter");
  await expect(memory.memory("hobby")).toHaveCount(0);
  await expect(memory.status.getByRole("button", { name: "Undo" })).toBeFocused();
  await keys.press("Enter");
  await expect(memory.memory("hobby")).toContainText("plays the gamelan");
  await expect(memory.memory("hobby")).toBeFocused();

  // The Memory switch.
  await tabTo(page, memory.memorySwitch, { shift: true });
  await keys.press("Space");
  await expect(memory.memorySwitch).not.toBeChecked();
  await page.reload();
  await expect(memory.memorySwitch).not.toBeChecked();
  expect((await listMemories(page.request)).map((m) => [m.topic, m.detail]).sort()).toEqual([
    ["hobby", "plays the gamelan"],
    ["job", "airline pilot"],
  ]);
});

/** Whether the last turn of the open chat queued an extraction ("none" when it did not). */
async function turnExtractionStatus(page: Page): Promise<string> {
  const chatId = new ChatPage(page).chatId();
  const body = await (await page.request.get(`/api/chats/${chatId}`)).json();
  const assistant = body.messages.filter((m: { role: string }) => m.role === "assistant").at(-1);
  const updates = await page.request.get(`/api/memory-updates/${assistant.id}`);
  return (await updates.json()).status;
}
