/**
 * The memory page (/settings/memory) as a page object, and seeding memories through the JSON API
 * so each test starts from exactly the memories it needs without a model round trip.
 */
import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Locator, type Page } from "@playwright/test";
import { scriptExtraction } from "./mocks";

export type MemoryType = "fact" | "interest" | "goal" | "dislike";

export type MemoryJson = {
  id: string;
  type: MemoryType;
  category: string;
  topic: string;
  detail: string;
  confidence_score: number;
  source_text: string | null;
  source: "inferred" | "explicit" | "user";
  status: "active" | "suggested";
  confirmed: boolean;
  chat_id: string | null;
  message_id: string | null;
  replaces: { id: string; topic: string; detail: string } | null;
};

export type NewMemory = { type: MemoryType; category: string; topic: string; detail: string };

/**
 * A random lower-case word. Memory text must be letters only: digits or dashes could look like a
 * secret (lib/memory/secrets.ts) and be refused.
 */
export function word(length = 10): string {
  return Array.from({ length }, () =>
    String.fromCharCode(97 + Math.floor(Math.random() * 26)),
  ).join("");
}

/** Adds a memory as the user would by hand: active, confirmed, source "user". */
export async function addMemory(request: APIRequestContext, memory: NewMemory) {
  const response = await request.post("/api/memories", { data: memory });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).memory as MemoryJson;
}

/**
 * Seeds a memory as the extractor leaves it (inferred, unconfirmed, or a suggestion): one chat
 * turn whose extraction the mock is scripted to answer — the only way such a memory is made,
 * since Undo restores from what the server kept, never from fields a client sends. The status
 * follows from the confidence, as for any extraction: at or above the e2e server's auto-accept
 * threshold (0.7) it is active, below it a suggestion; a change to a confirmed memory of the
 * same topic is a suggestion that replaces it.
 */
export async function seedMemory(
  request: APIRequestContext,
  memory: NewMemory &
    Partial<{
      confidence_score: number;
      status: MemoryJson["status"];
      source_text: string;
      replaces_memory_id: string | null;
      /** The user asked to remember it: the quote should be a "Remember that …" sentence. */
      explicit: boolean;
    }>,
): Promise<MemoryJson> {
  const tag = word();
  const quote = memory.source_text ?? `I can tell you my ${memory.topic} is ${memory.detail}`;
  const confidence = memory.confidence_score ?? (memory.status === "suggested" ? 0.6 : 0.9);
  await scriptExtraction(tag, [
    {
      type: memory.type,
      category: memory.category,
      topic: memory.topic,
      detail: memory.detail,
      confidence_score: confidence,
      source_text: quote,
      explicit: memory.explicit ?? false,
    },
  ]);
  const reply = await request.post("/api/chat", {
    data: {
      id: randomUUID(),
      message: {
        id: randomUUID(),
        role: "user",
        parts: [{ type: "text", text: `${quote}. ${tag}` }],
      },
    },
  });
  expect(reply.status(), "seeding chat turn").toBe(200);
  const start = (await reply.text()).split("\n").find((line) => line.includes('"type":"start"'));
  const assistantId = start ? (JSON.parse(start.slice(5)) as { messageId?: string }).messageId : "";
  let memoryId: string | undefined;
  await expect
    .poll(async () => {
      const updates = await (await request.get(`/api/memory-updates/${assistantId}`)).json();
      memoryId = updates.changes?.[0]?.memoryId;
      return updates.status;
    })
    .toBe("done");
  const seeded = (await (await request.get(`/api/memories/${memoryId}`)).json())
    .memory as MemoryJson;
  expect(seeded, "the seeded memory").toMatchObject({ topic: memory.topic, detail: memory.detail });
  if (memory.status) expect(seeded.status, "the seeded memory's status").toBe(memory.status);
  if (memory.replaces_memory_id) expect(seeded.replaces?.id).toBe(memory.replaces_memory_id);
  return seeded;
}

/** Adds many memories, a few requests at a time. */
export async function addMemories(request: APIRequestContext, memories: NewMemory[]) {
  const queue = [...memories];
  const added: MemoryJson[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      added.push(await addMemory(request, next));
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return added;
}

export async function listMemories(request: APIRequestContext, query = "limit=200") {
  const response = await request.get(`/api/memories?${query}`);
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()).memories as MemoryJson[];
}

export class MemoryPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/settings/memory");
    await expect(this.page.getByRole("heading", { level: 1, name: "Memory" })).toBeVisible();
  }

  /** The card of an active memory, found by its topic (its accessible name). */
  memory(topic: string): Locator {
    return this.page.getByTestId("memory").filter({
      has: this.page.getByRole("heading", { level: 3, name: topic, exact: true }),
    });
  }

  /** A suggestion in the Review list, by topic. */
  suggestion(topic: string): Locator {
    return this.page.getByTestId("suggestion").filter({
      has: this.page.getByRole("heading", { level: 3, name: topic, exact: true }),
    });
  }

  /** The section of one type: "Facts", "Interests", "Goals" or "Dislikes". */
  group(name: string): Locator {
    return this.page.getByRole("region", { name, exact: true });
  }

  get review(): Locator {
    return this.page.getByRole("region", { name: "Review", exact: true });
  }

  /** The status line at the bottom ("Deleted “x”." with Undo). */
  get status(): Locator {
    return this.page
      .getByRole("status")
      .filter({ has: this.page.getByRole("button", { name: "Dismiss" }) });
  }

  get search(): Locator {
    return this.page.getByRole("searchbox", { name: "Search", exact: true });
  }

  get memorySwitch(): Locator {
    return this.page.getByRole("switch", { name: "Memory" });
  }

  /** Waits until the switch's change is saved (it shows the new state before the server answers). */
  async memorySaved(): Promise<void> {
    await expect(this.memorySwitch).toHaveAttribute("aria-busy", "false");
  }

  button(name: string): Locator {
    return this.page.getByRole("button", { name, exact: true });
  }

  get dialog(): Locator {
    return this.page.getByRole("dialog");
  }
}

/** Presses Tab until `target` has focus: moving through the page the way a keyboard user does. */
export async function tabTo(page: Page, target: Locator, { maxPresses = 60, shift = false } = {}) {
  for (let presses = 0; presses < maxPresses; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(shift ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}
