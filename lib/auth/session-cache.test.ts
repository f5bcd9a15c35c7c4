import { describe, expect, it } from "vitest";
import { createSessionCache } from "./session-cache";

describe("session cache", () => {
  it("answers for a cookie until its entry expires", () => {
    const cache = createSessionCache<string>({ ttlMs: 1000, maxEntries: 10 });
    cache.set("cookie-a", "user-a", 0);
    expect(cache.get("cookie-a", 999)).toBe("user-a");
    expect(cache.get("cookie-a", 1000)).toBeUndefined();
    expect(cache.get("cookie-b", 0)).toBeUndefined();
  });

  it("drops the oldest entries when full", () => {
    const cache = createSessionCache<string>({ ttlMs: 1000, maxEntries: 2 });
    cache.set("one", "1", 0);
    cache.set("two", "2", 0);
    cache.set("three", "3", 0);
    expect(cache.get("one", 0)).toBeUndefined();
    expect(cache.get("two", 0)).toBe("2");
    expect(cache.get("three", 0)).toBe("3");
  });
});
