/**
 * Import and hygiene on the memory page: an export file's round trip through the page (download,
 * delete all, import with a preview), a pasted ChatGPT-style answer turned into imported
 * suggestions, likely duplicates merged or kept, and the prompt-budget line.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { addMemories, listMemories, MemoryPage, seedMemory, word } from "./support/memory-page";
import { scriptExtraction } from "./support/mocks";

test.beforeEach(async ({ page }) => {
  // Several page loads and imports each: more than the default 30 s on a busy machine.
  test.slow();
  await register(page, newTestUser("import"));
});

/** What a user would compare: everything a memory says, not its row's id or times. */
const comparable = (memories: Awaited<ReturnType<typeof listMemories>>) =>
  memories
    .map(({ type, category, topic, detail, confidence_score, source, status, confirmed }) => ({
      type,
      category,
      topic,
      detail,
      confidence_score,
      source,
      status,
      confirmed,
    }))
    .sort((a, b) => (`${a.topic}/${a.status}` < `${b.topic}/${b.status}` ? -1 : 1));

test("an export file comes back through Import: preview, then import, and a second import changes nothing", async ({
  page,
}) => {
  await addMemories(page.request, [
    { type: "fact", category: "location", topic: "city", detail: "lives in Yogyakarta" },
    { type: "goal", category: "language", topic: "japanese", detail: "wants to learn Japanese" },
  ]);
  await seedMemory(page.request, {
    type: "interest",
    category: "hobbies",
    topic: "climbing",
    detail: "bouldering",
    status: "suggested",
    source_text: "I might try bouldering",
  });
  const before = comparable(await listMemories(page.request));
  expect(before).toHaveLength(3);

  const memory = new MemoryPage(page);
  await memory.open();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export" }).click();
  const filePath = await (await downloading).path();
  const file = JSON.parse(await readFile(filePath, "utf8"));
  expect(file.version).toBe(1);

  await memory.button("Delete all").click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete all" }).click();
  await expect(page.getByText("Nothing remembered yet")).toBeVisible();

  const importButton = memory.button("Import");
  await importButton.click();
  const dialog = page.getByRole("dialog", { name: "Import memories" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(":focus")).toHaveCount(1);
  await dialog.getByLabel("Export file", { exact: true }).setInputFiles(filePath);
  await dialog.getByRole("button", { name: "Preview" }).click();
  const summary = dialog.getByRole("heading", { name: "Would add 3, update 0, skip 0" });
  await expect(summary).toBeFocused();
  await expect(dialog.getByTestId("import-preview-item")).toHaveCount(3);
  await expect(dialog.getByTestId("import-preview-item").first()).toContainText("Add");
  // Nothing is written by the preview.
  expect(await listMemories(page.request)).toEqual([]);

  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(memory.status).toContainText("Imported: 3 added, 0 updated, 0 skipped.");
  await expect(importButton).toBeFocused();
  await expect(memory.memory("City")).toBeVisible();
  await expect(memory.suggestion("Climbing")).toBeVisible();
  expect(comparable(await listMemories(page.request))).toEqual(before);

  // The same file again: everything is skipped.
  await importButton.click();
  await dialog.getByLabel("Export file", { exact: true }).setInputFiles(filePath);
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(
    dialog.getByRole("heading", { name: "Would add 0, update 0, skip 3" }),
  ).toBeVisible();
  await expect(dialog.getByTestId("import-preview-item").first()).toContainText(
    "you already have it",
  );
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(importButton).toBeFocused();
  expect(comparable(await listMemories(page.request))).toEqual(before);
});

test("a broken or foreign file gets a clear message in the dialog", async ({ page }) => {
  await addMemories(page.request, [
    { type: "fact", category: "work", topic: "job", detail: "works as a nurse" },
  ]);
  const memory = new MemoryPage(page);
  await memory.open();
  await memory.button("Import").click();
  const dialog = page.getByRole("dialog", { name: "Import memories" });
  const input = dialog.getByLabel("Export file", { exact: true });

  await input.setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"memories": ['),
  });
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByRole("alert")).toContainText("This file is not valid JSON");
  await expect(input).toHaveAttribute("aria-invalid", "true");

  await input.setInputFiles({
    name: "other.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ memories: [{ type: "belief", topic: "x" }] })),
  });
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByRole("alert")).toContainText("memories.0.type");
});

test("a pasted ChatGPT answer becomes suggestions marked Imported in Review", async ({ page }) => {
  const tag = word();
  const answer = [
    "Here's what I know about you so far:",
    "",
    "- You live in Bandung, Indonesia.",
    "- You work as a nurse at a children's hospital.",
    "- Your sister is a pilot.",
    "",
    `Let me know if you'd like me to update anything! (${tag})`,
  ].join("\n");
  await scriptExtraction(tag, [
    {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "lives in Bandung",
      confidence_score: 0.95,
      source_text: "You live in Bandung, Indonesia",
      explicit: false,
    },
    {
      type: "fact",
      category: "work",
      topic: "job",
      detail: "works as a nurse",
      confidence_score: 0.95,
      source_text: "You work as a nurse at a children's hospital",
      explicit: true,
    },
    // Someone else's job: the write gate refuses it.
    {
      type: "fact",
      category: "work",
      topic: "sister job",
      detail: "pilot",
      confidence_score: 0.9,
      source_text: "Your sister is a pilot",
      explicit: false,
    },
  ]);
  await addMemories(page.request, [
    { type: "interest", category: "media", topic: "films", detail: "loves horror films" },
  ]);
  const memory = new MemoryPage(page);
  await memory.open();
  await memory.button("Import").click();
  const dialog = page.getByRole("dialog", { name: "Import memories" });
  await dialog.getByLabel("Text from another assistant").fill(answer);
  await dialog.getByRole("button", { name: "Suggest memories" }).click();
  await expect(dialog).toBeHidden();
  await expect(memory.status).toContainText("2 suggestions from the text are waiting in Review.");

  for (const topic of ["City", "Job"]) {
    const suggestion = memory.suggestion(topic);
    await expect(suggestion).toBeVisible();
    await expect(suggestion.getByText("Imported", { exact: true })).toBeVisible();
  }
  await expect(memory.suggestion("Sister job")).toHaveCount(0);
  // Nothing from the paste is used until accepted.
  const active = (await listMemories(page.request, "status=active")).map((m) => m.topic);
  expect(active).toEqual(["films"]);

  await memory.suggestion("City").getByRole("button", { name: "Accept City" }).click();
  await expect(memory.memory("City")).toBeVisible();
});

test("likely duplicates: Merge keeps one and records it, Keep both stops asking", async ({
  page,
}) => {
  await addMemories(page.request, [
    { type: "fact", category: "location", topic: "city", detail: "lives in Bandung" },
    { type: "fact", category: "places", topic: "home city", detail: "lives in Bandung" },
  ]);
  await addMemories(page.request, [
    { type: "interest", category: "food", topic: "coffee", detail: "drinks black coffee" },
    {
      type: "interest",
      category: "drinks",
      topic: "morning coffee",
      detail: "drinks black coffee",
    },
  ]);
  const memory = new MemoryPage(page);
  await memory.open();
  await expect(memory.review.getByText("These look like the same thing")).toBeVisible();
  const pairs = memory.review.getByTestId("duplicate-pair");
  await expect(pairs).toHaveCount(2);

  const cityPair = pairs.filter({ hasText: "Bandung" });
  await cityPair.getByRole("button", { name: /^Merge / }).click();
  await expect(memory.status).toContainText("Merged");
  await expect(pairs).toHaveCount(1);
  const left = (await listMemories(page.request)).filter((m) => m.detail === "lives in Bandung");
  expect(left).toHaveLength(1);
  const kept = left[0]?.topic === "city" ? "City" : "Home city";
  await memory
    .memory(kept)
    .getByRole("button", { name: `History of ${kept}` })
    .click();
  const history = page.getByRole("dialog", { name: `History of “${kept}”` });
  await expect(history.getByRole("list", { name: "Changes" })).toContainText("Merged by you");
  await page.keyboard.press("Escape");

  await pairs.getByRole("button", { name: /^Keep both / }).click();
  await expect(memory.status).toContainText("Kept both");
  await expect(pairs).toHaveCount(0);
  await memory.open();
  await expect(memory.review.getByTestId("duplicate-pair")).toHaveCount(0);
  await expect(memory.memory("Coffee")).toBeVisible();
  await expect(memory.memory("Morning coffee")).toBeVisible();
});

test("the page says how many memories fit in each reply", async ({ page }) => {
  await addMemories(page.request, [
    { type: "fact", category: "work", topic: "job", detail: "works as a nurse" },
    { type: "fact", category: "location", topic: "city", detail: "lives in Medan" },
  ]);
  const memory = new MemoryPage(page);
  await memory.open();
  await expect(page.getByTestId("prompt-budget")).toHaveText(
    "All 2 of your memories fit in each reply.",
  );

  const long = (topic: string) =>
    `${topic} ${Array.from({ length: 30 }, () => word(6)).join(" ")}`.slice(0, 900);
  await addMemories(
    page.request,
    Array.from({ length: 30 }, () => {
      const topic = word(8);
      return { type: "interest" as const, category: "hobbies", topic, detail: long(topic) };
    }),
  );
  await memory.open();
  await expect(page.getByTestId("prompt-budget")).toHaveText(
    /^\d+ of your 32 memories fit in each reply; the rest are chosen by relevance to what you write\.$/,
  );
});

test("the import API answers 413 with the limit, 400 for broken JSON and 400 naming the field", async ({
  page,
}) => {
  const post = (path: string, data: string) =>
    page.request.post(path, {
      data: Buffer.from(data),
      headers: { "content-type": "application/json" },
    });
  const huge = await post(
    "/api/memories/import/preview",
    JSON.stringify({ memories: [], padding: "x".repeat(6 * 1024 * 1024) }),
  );
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error.message).toContain("limit 5 MB");

  const broken = await post("/api/memories/import", '{"memories": [');
  expect(broken.status()).toBe(400);
  expect((await broken.json()).error.message).toContain("valid JSON");

  const wrong = await post(
    "/api/memories/import/preview",
    JSON.stringify({ version: 1, memories: [{ type: "fact", topic: "city" }] }),
  );
  expect(wrong.status()).toBe(400);
  expect((await wrong.json()).error).toMatchObject({ field: "memories.0.category" });

  const pair = await page.request.post("/api/memories/duplicates/merge", {
    data: { memory_ids: ["not-an-id"] },
  });
  expect(pair.status()).toBe(400);
  expect((await pair.json()).error.field).toMatch(/^memory_ids/);
  const paste = await page.request.post("/api/memories/import/text", { data: { text: "" } });
  expect(paste.status()).toBe(400);
  expect((await paste.json()).error.field).toBe("text");
});
