import { expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { applyExtraction } from "./apply";
import { previousDetails } from "./history";
import { confirmMemory, editMemory } from "./mutations";
import { memoryHistory } from "./queries";
import {
  createTurn,
  createUser,
  output,
  preference,
  seedMemories,
  THRESHOLDS,
} from "./testing/fixtures";
import { undoJobChanges } from "./undo";
import { listMemoryItems } from "./views";

/** The user says where they live, as a chat turn the extractor learns from. */
async function saysCity(db: Database, userId: string, city: string) {
  const turn = await createTurn(db, { userId, userMessage: `I live in ${city}` });
  await db.transaction((tx) =>
    applyExtraction(tx, {
      ...turn,
      output: output([
        preference({
          category: "location",
          topic: "city",
          detail: `lives in ${city}`,
          source_text: `I live in ${city}`,
        }),
      ]),
      thresholds: THRESHOLDS,
    }),
  );
  return turn;
}

async function itemsOf(db: Database, userId: string) {
  return (await listMemoryItems(db, userId)).memories;
}

describeWithDatabase("what a memory said before it was replaced", (getDb) => {
  it("a memory replaced twice shows the middle detail, until the latest replacement", async () => {
    const db = getDb();
    const userId = await createUser(db);
    await saysCity(db, userId, "Bandung");
    await saysCity(db, userId, "Surabaya");
    await saysCity(db, userId, "Jakarta");

    const [city] = await itemsOf(db, userId);
    expect(city?.detail).toBe("lives in Jakarta");
    const [latest] = await memoryHistory(db, userId, city?.id ?? "");
    expect(latest?.action).toBe("updated");
    expect(city?.previous).toEqual({
      detail: "lives in Surabaya",
      until: latest?.createdAt.toISOString(),
    });
  });

  it("a memory only confirmed or seen again has no previous detail; an edit by the user has", async () => {
    const db = getDb();
    const userId = await createUser(db);
    await saysCity(db, userId, "Bandung");
    await saysCity(db, userId, "Bandung");
    const [seeded] = await seedMemories(db, userId, [
      { category: "work", topic: "job", detail: "nurse" },
    ]);
    await confirmMemory(db, userId, seeded?.id ?? "");

    const items = await itemsOf(db, userId);
    expect(items.map((item) => [item.topic, item.previous])).toEqual(
      expect.arrayContaining([
        ["city", null],
        ["job", null],
      ]),
    );

    await editMemory(db, userId, seeded?.id ?? "", { detail: "head nurse" });
    const job = (await itemsOf(db, userId)).find((item) => item.topic === "job");
    expect(job?.previous).toMatchObject({ detail: "nurse" });
  });

  it("an undone replacement leaves nothing to show", async () => {
    const db = getDb();
    const userId = await createUser(db);
    await saysCity(db, userId, "Bandung");
    const moved = await saysCity(db, userId, "Surabaya");
    expect((await itemsOf(db, userId))[0]?.previous).toMatchObject({ detail: "lives in Bandung" });

    await undoJobChanges(db, { userId, jobId: moved.jobId });
    const [city] = await itemsOf(db, userId);
    expect(city?.detail).toBe("lives in Bandung");
    expect(city?.previous).toBeNull();
  });

  it("never shows another user's history", async () => {
    const db = getDb();
    const owner = await createUser(db, "owner");
    const other = await createUser(db, "other");
    await saysCity(db, owner, "Bandung");
    await saysCity(db, owner, "Surabaya");
    await saysCity(db, other, "Medan");

    const [othersCity] = await itemsOf(db, other);
    expect(othersCity?.detail).toBe("lives in Medan");
    expect(othersCity?.previous).toBeNull();
    const ownersItems = await itemsOf(db, owner);
    expect(ownersItems).toHaveLength(1);
    expect(ownersItems[0]?.previous).toMatchObject({ detail: "lives in Bandung" });
    // Asked about the owner's memory by id, the other user's view holds nothing.
    expect(await previousDetails(db, other, [ownersItems[0]?.id ?? ""])).toEqual(new Map());
  });
});
