import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { keepBoth, listDuplicateItems, listLikelyDuplicates, mergeDuplicates } from "./duplicates";
import { confirmMemory } from "./mutations";
import { getMemory, memoryHistory } from "./queries";
import { createUser, seedMemories } from "./testing/fixtures";

async function twoCities(db: Database, userId: string) {
  return seedMemories(db, userId, [
    {
      category: "location",
      topic: "city",
      detail: "lives in Bandung",
      confidenceScore: 0.7,
      observedAt: new Date("2025-03-01T00:00:00Z"),
      lastSeenAt: new Date("2025-03-01T00:00:00Z"),
    },
    {
      category: "places",
      topic: "home city",
      detail: "lives in Bandung",
      confidenceScore: 0.9,
      observedAt: new Date("2025-02-01T00:00:00Z"),
      lastSeenAt: new Date("2025-02-01T00:00:00Z"),
    },
    { category: "food", topic: "sushi", detail: "loves salmon nigiri" },
  ]);
}

describeWithDatabase("likely duplicates", (getDb) => {
  it("finds the same thing under two topics, and nothing else", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const [city, homeCity] = await twoCities(db, userId);
    const pairs = await listLikelyDuplicates(db, userId);
    expect(pairs).toHaveLength(1);
    expect(new Set([pairs[0]?.firstId, pairs[0]?.secondId])).toEqual(
      new Set([city?.id, homeCity?.id]),
    );
    const [item] = await listDuplicateItems(db, userId);
    expect(item?.memories.map((memory) => memory.topic).sort()).toEqual(["city", "home city"]);
    // Another user's similar memories are not this user's duplicates.
    expect(await listLikelyDuplicates(db, await createUser(db))).toEqual([]);
  });

  it("Merge keeps the stronger one and records the merge in its history", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const [city, homeCity] = await twoCities(db, userId);
    if (!city || !homeCity) throw new Error("not seeded");
    // Higher confidence wins over newer.
    const { kept, removedId } = await mergeDuplicates(db, userId, [city.id, homeCity.id]);
    expect(kept.id).toBe(homeCity.id);
    expect(removedId).toBe(city.id);
    await expect(getMemory(db, userId, city.id)).rejects.toMatchObject({ status: 404 });
    const [entry] = await memoryHistory(db, userId, homeCity.id);
    expect(entry).toMatchObject({ action: "merged", actor: "user" });
    expect(entry?.before).toMatchObject({ topic: "city", detail: "lives in Bandung" });
    expect(entry?.after).toMatchObject({ topic: "home city" });
    expect(await listLikelyDuplicates(db, userId)).toEqual([]);
  });

  it("Merge keeps a confirmed memory over a more confident one", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const [city, homeCity] = await twoCities(db, userId);
    if (!city || !homeCity) throw new Error("not seeded");
    await confirmMemory(db, userId, city.id);
    const { kept } = await mergeDuplicates(db, userId, [homeCity.id, city.id]);
    expect(kept.id).toBe(city.id);
  });

  it("Keep both is remembered: the pair is not offered again", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const [city, homeCity] = await twoCities(db, userId);
    if (!city || !homeCity) throw new Error("not seeded");
    await keepBoth(db, userId, [homeCity.id, city.id]);
    await keepBoth(db, userId, [city.id, homeCity.id]);
    expect(await listLikelyDuplicates(db, userId)).toEqual([]);
    expect((await getMemory(db, userId, city.id)).id).toBe(city.id);
    expect((await getMemory(db, userId, homeCity.id)).id).toBe(homeCity.id);
  });

  it("answers 404 for another user's memory or an unknown id", async () => {
    const db = getDb();
    const owner = await createUser(db);
    const [city, homeCity] = await twoCities(db, owner);
    if (!city || !homeCity) throw new Error("not seeded");
    const stranger = await createUser(db);
    const [own] = await seedMemories(db, stranger, [{ topic: "city", detail: "lives in Bandung" }]);
    if (!own) throw new Error("not seeded");
    await expect(mergeDuplicates(db, stranger, [own.id, city.id])).rejects.toMatchObject({
      status: 404,
    });
    await expect(keepBoth(db, stranger, [own.id, randomUUID()])).rejects.toMatchObject({
      status: 404,
    });
    expect(await listLikelyDuplicates(db, owner)).toHaveLength(1);
  });
});
