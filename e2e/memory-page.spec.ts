/**
 * The memory page (/settings/memory): every action a user takes there, in Chromium, each
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

  const job = memory.memory("Job");
  await expect(memory.group("Facts").getByTestId("memory")).toHaveCount(1);
  await expect(job).toContainText("works as a nurse");
  await expect(job).toContainText("work");
  await expect(job.getByRole("meter", { name: "Confidence" })).toHaveAttribute(
    "aria-valuetext",
    "90%",
  );
  await expect(job.getByText("Inferred")).toBeVisible();
  await expect(job.getByRole("blockquote")).toHaveText("“I work as a nurse”");
  await expect(memory.memory("Climbing").getByText("Added by you")).toBeVisible();
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
  const job = memory.memory("Job");
  await expect(job.getByText("Inferred")).toBeVisible();
  await expect(job.getByRole("meter", { name: "Confidence" })).toHaveAttribute(
    "aria-valuetext",
    "70%",
  );

  await memory.button("Edit Job").click();
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
  await expect(memory.button("Confirm Job")).toHaveCount(0);

  await page.reload();
  await expect(memory.memory("Job")).toContainText("head nurse at a hospital");
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
  await memory.button("Confirm City").click();
  const city = memory.memory("City");
  await expect(city.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(memory.button("Confirm City")).toHaveCount(0);
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
  const suggestion = memory.suggestion("City");
  await expect(suggestion).toContainText("Ingat thinks this changed:");
  await expect(suggestion.getByRole("deletion")).toHaveText("Paris");
  await expect(suggestion.getByRole("insertion")).toHaveText("Berlin");
  await expect(suggestion.getByRole("blockquote")).toHaveText("“I live in Berlin now”");

  await memory.button("Accept City").click();
  await expect(memory.review).toHaveCount(0);
  await expect(memory.status).toContainText("Accepted “City”.");
  await expect(city).toContainText("Berlin");
  // The replaced value is shown only as the card's timeline line.
  await expect(city.getByTestId("memory-previous")).toContainText("Previously: Paris, until");
  await page.reload();
  await expect(memory.memory("City")).toContainText("Berlin");
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
  const tea = memory.suggestion("Tea");
  await expect(tea).toContainText("likes green tea");
  await expect(tea.getByText("Needs review")).toBeVisible();
  await expect(memory.memory("Tea")).toHaveCount(0); // not in use until accepted

  await memory.button("Reject Tea").click();
  await expect(memory.review).toHaveCount(0);
  await expect(memory.status).toContainText("Rejected “Tea”.");
  await expect(page.getByText("Ingat remembers 1 thing about you.")).toBeVisible();
  await page.reload();
  await expect(memory.review).toHaveCount(0);
  await expect(memory.memory("Tea")).toHaveCount(0);
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

  await memory.button("Delete Pet").click();
  await expect(memory.memory("Pet")).toHaveCount(0);
  await expect(memory.status).toContainText("Deleted “Pet”.");
  const undo = memory.status.getByRole("button", { name: "Undo" });
  await expect(undo).toBeFocused();
  await undo.click();
  await expect(memory.status).toContainText("Restored “Pet”.");
  await expect(memory.memory("Pet")).toContainText("has a cat named Mochi");
  await page.reload();
  await expect(memory.memory("Pet")).toContainText("has a cat named Mochi");

  await memory.button("Delete City").click();
  await expect(memory.status).toContainText("Deleted “City”.");
  await memory.status.getByRole("button", { name: "Dismiss" }).click();
  await page.reload();
  await expect(memory.memory("Pet")).toBeVisible();
  await expect(memory.memory("City")).toHaveCount(0);
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
  await expect(sister).toContainText("Family"); // stored as "family", shown as a word
  await expect(sister.getByText("Added by you")).toBeVisible();
  await expect(sister.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(memory.status).toContainText("Added “Sister”.");
  await page.reload();
  await expect(memory.memory("Sister")).toContainText("Ratna, a dentist in Jakarta");
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
  await memory.button("Edit Job").click();
  const edit = page.getByRole("dialog", { name: "Edit memory" });
  await edit.getByLabel("Detail").fill("school principal");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();

  const trigger = memory.button("History of Job");
  await trigger.click();
  const dialog = page.getByRole("dialog", { name: "History of “Job”" });
  const changes = dialog.getByRole("list", { name: "Changes" }).getByRole("listitem");
  await expect(changes).toHaveCount(2);
  await expect(changes.nth(0)).toContainText("Added by you");
  await expect(changes.nth(1)).toContainText("Edited by you");
  await expect(changes.nth(1).getByRole("deletion")).toHaveText("teacher");
  await expect(changes.nth(1)).toContainText("school principal");

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
  await expect(memory.memory("City")).toBeVisible();

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
  await memory.memorySaved();
  await page.reload();
  await expect(memory.memorySwitch).not.toBeChecked();
  await expect(memory.memory("City")).toBeVisible(); // kept until the user deletes it

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
  await memory.memorySaved();
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
  test.slow(); // 120 memories through the API, then three pages and four filters
  const types = ["fact", "interest", "goal", "dislike"] as const;
  const seeded = Array.from({ length: 120 }, (_, i) => ({
    type: types[i % 4] ?? "fact",
    category: i % 3 === 0 ? "travel" : "other",
    topic: `Topic ${word(8)}`,
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
  await tabTo(page, memory.button("Confirm Job"));
  await keys.press("Enter");
  await expect(memory.memory("Job").getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(memory.memory("Job")).toBeFocused();

  // Edit it.
  await tabTo(page, memory.button("Edit Job"));
  await keys.press("Enter");
  const edit = page.getByRole("dialog", { name: "Edit memory" });
  await expect(edit.getByLabel("Topic")).toBeFocused();
  await keys.press("Tab");
  await keys.press("ControlOrMeta+a");
  await keys.type("airline pilot");
  await tabTo(page, edit.getByRole("button", { name: "Save" }));
  await keys.press("Enter");
  await expect(edit).toBeHidden();
  await expect(memory.memory("Job")).toContainText("airline pilot");
  await expect(memory.button("Edit Job")).toBeFocused();

  // Delete, then Undo from the status line, which takes focus.
  await tabTo(page, memory.button("Delete Hobby"));
  await keys.press("Enter");
  await expect(memory.memory("Hobby")).toHaveCount(0);
  await expect(memory.status.getByRole("button", { name: "Undo" })).toBeFocused();
  await keys.press("Enter");
  await expect(memory.memory("Hobby")).toContainText("plays the gamelan");
  await expect(memory.memory("Hobby")).toBeFocused();

  // The Memory switch.
  await tabTo(page, memory.memorySwitch, { shift: true });
  await keys.press("Space");
  await expect(memory.memorySwitch).not.toBeChecked();
  await memory.memorySaved();
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

test("the Memory switch keeps keyboard focus after a click and after Space", async ({ page }) => {
  const memory = new MemoryPage(page);
  await memory.open();
  const saved = () =>
    page.waitForResponse((r) => r.url().endsWith("/api/settings/memory") && r.ok());

  let saving = saved();
  await memory.memorySwitch.click();
  await saving;
  await expect(memory.memorySwitch).not.toBeChecked();
  await expect(memory.memorySwitch).toBeEnabled();
  await expect(memory.memorySwitch).toBeFocused();
  // The response arrives a moment before the page has read it; a press while still saving is ignored.
  await expect(memory.memorySwitch).toHaveAttribute("aria-busy", "false");

  saving = saved();
  await page.keyboard.press("Space");
  await saving;
  await expect(memory.memorySwitch).toBeChecked();
  await expect(memory.memorySwitch).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("switch");
});

test("topics and categories read as words, not stored keys", async ({ page }) => {
  await addMemories(page.request, [
    { type: "goal", category: "language", topic: "japanese", detail: "wants to learn Japanese" },
    { type: "interest", category: "tech", topic: "iPhone apps", detail: "builds iPhone apps" },
  ]);
  await seedMemory(page.request, {
    type: "interest",
    category: "food",
    topic: "green tea",
    detail: "likes green tea",
    status: "suggested",
    confidence_score: 0.6,
  });
  const memory = new MemoryPage(page);
  await memory.open();

  const japanese = memory.memory("Japanese");
  await expect(japanese).toBeVisible();
  await expect(japanese.getByText("Category: Language")).toBeVisible();
  await expect(japanese).not.toContainText("japanese");
  await expect(memory.button("Edit Japanese")).toBeVisible();
  await expect(memory.button("Delete Japanese")).toBeVisible();
  // A topic the user wrote with capitals is shown as written.
  await expect(memory.memory("iPhone apps").getByText("Category: Tech")).toBeVisible();

  const tea = memory.suggestion("Green tea");
  await expect(tea.getByText("Category: Food")).toBeVisible();
  await expect(memory.button("Accept Green tea")).toBeVisible();

  const categories = page.getByLabel("Category", { exact: true }).locator("option");
  await expect(categories).toHaveText(["All categories", "Food", "Language", "Tech"]);
  await page.getByLabel("Category", { exact: true }).selectOption("Language");
  await expect(page.getByTestId("memory")).toHaveCount(1);
  await expect(japanese).toBeVisible();
});

test("a memory accepted from Review, or one the user asked Ingat to remember, is confirmed", async ({
  page,
}) => {
  await seedMemory(page.request, {
    type: "goal",
    category: "language",
    topic: "japanese",
    detail: "wants to learn Japanese",
    source_text: "Remember that I want to learn Japanese",
    explicit: true,
    confidence_score: 1,
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
  await expect(memory.review).toContainText("Ingat isn’t sure");

  await memory.button("Accept Tea").click();
  await expect(memory.review).toHaveCount(0);
  await expect(page.getByText(/isn’t sure/)).toHaveCount(0);
  for (const reload of [false, true]) {
    if (reload) await page.reload();
    const tea = memory.memory("Tea");
    await expect(tea.getByText("Confirmed", { exact: true })).toBeVisible();
    await expect(tea.getByRole("meter", { name: "Confidence" })).toHaveAttribute(
      "aria-valuetext",
      "100%",
    );
    await expect(memory.button("Confirm Tea")).toHaveCount(0);

    const japanese = memory.memory("Japanese");
    await expect(japanese.getByText("You asked to remember")).toBeVisible();
    await expect(japanese.getByText("Confirmed", { exact: true })).toBeVisible();
    await expect(memory.button("Confirm Japanese")).toHaveCount(0);
  }
  const [accepted] = await listMemories(page.request, "q=tea");
  expect(accepted).toMatchObject({ confirmed: true, confidence_score: 1, status: "active" });
});

test("a memory added by hand says the user added it, not that Ingat learned it", async ({
  page,
}) => {
  await addMemory(page.request, {
    type: "fact",
    category: "family",
    topic: "sister",
    detail: "Ratna, a dentist",
  });
  await seedMemory(page.request, {
    type: "fact",
    category: "work",
    topic: "job",
    detail: "nurse",
    source_text: "I work as a nurse",
  });
  const memory = new MemoryPage(page);
  await memory.open();
  const sister = memory.memory("Sister");
  await expect(sister.getByText("Added by you")).toBeVisible();
  await expect(sister).toContainText(/Added \w{3} \d{1,2}, \d{4}/);
  await expect(sister).not.toContainText("Learned");
  await expect(memory.memory("Job")).toContainText(/Learned \w{3} \d{1,2}, \d{4}/);
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`more than three memories fit on one screen at ${viewport.width}×${viewport.height}`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    for (const [index, topic] of ["job", "city", "pet", "sister", "coffee", "car"].entries()) {
      await seedMemory(page.request, {
        type: "fact",
        category: "other",
        topic,
        detail: `a detail about the ${topic} that takes a few words to say`,
        confidence_score: 0.7 + index / 100,
      });
    }
    const memory = new MemoryPage(page);
    await memory.open();
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
    // Nothing is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      viewport.width,
    );
  });
}

test("search and filters live in the URL: reload, back, forward and a shared link keep them", async ({
  page,
  context,
}) => {
  await addMemories(page.request, [
    { type: "fact", category: "travel", topic: "passport", detail: "renews passport in May" },
    { type: "goal", category: "travel", topic: "trip", detail: "wants a trip to Lombok" },
    { type: "interest", category: "food", topic: "tea", detail: "likes green tea" },
  ]);
  const memory = new MemoryPage(page);
  await memory.open();
  const cards = page.getByTestId("memory");
  await expect(cards).toHaveCount(3);
  const typeFilter = page.getByLabel("Type", { exact: true });
  const categoryFilter = page.getByLabel("Category", { exact: true });

  await categoryFilter.selectOption("Travel");
  await expect(page).toHaveURL(/[?&]category=travel/);
  await expect(cards).toHaveCount(2);
  await typeFilter.selectOption("Goals");
  await expect(page).toHaveURL(/[?&]type=goal/);
  await expect(cards).toHaveCount(1);

  await page.reload();
  await expect(typeFilter).toHaveValue("goal");
  await expect(categoryFilter).toHaveValue("travel");
  await expect(cards).toHaveCount(1);
  await expect(memory.memory("Trip")).toBeVisible();

  await page.goBack();
  await expect(page).not.toHaveURL(/type=goal/);
  await expect(typeFilter).toHaveValue("");
  await expect(categoryFilter).toHaveValue("travel");
  await expect(cards).toHaveCount(2);
  await page.goForward();
  await expect(typeFilter).toHaveValue("goal");
  await expect(cards).toHaveCount(1);

  await typeFilter.selectOption("");
  await categoryFilter.selectOption("");
  await memory.search.fill("green");
  await expect(page).toHaveURL(/[?&]q=green/);
  await expect(cards).toHaveCount(1);
  await expect(memory.memory("Tea")).toBeVisible();

  // Leave through the menu and come back with Back: the search is still there.
  await page.getByRole("link", { name: "Ingat" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await page.goBack();
  await expect(memory.search).toHaveValue("green");
  await expect(cards).toHaveCount(1);

  // The same address in another tab shows the same view.
  const shared = await context.newPage();
  await shared.goto(page.url());
  await expect(shared.getByRole("searchbox", { name: "Search", exact: true })).toHaveValue("green");
  await expect(shared.getByTestId("memory")).toHaveCount(1);
  await shared.close();
});

test("filters in the URL that make no sense are ignored, not an error", async ({ page }) => {
  await addMemory(page.request, {
    type: "fact",
    category: "travel",
    topic: "passport",
    detail: "renews passport in May",
  });
  await page.goto(`/settings/memory?type=bogus&category=${"x".repeat(500)}&q=${"y".repeat(5000)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Memory" })).toBeVisible();
  await expect(page.getByLabel("Type", { exact: true })).toHaveValue("");
  await expect(page.getByText("No memories match these filters.")).toBeVisible();
  await page.goto("/settings/memory?type=bogus");
  await expect(page.getByTestId("memory")).toHaveCount(1);
});
