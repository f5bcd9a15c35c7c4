import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import id from "@/messages/id.json";
import { relativeTime } from "./format";

describe("memory use on the card", () => {
  const now = Date.parse("2026-12-01T12:00:00Z");
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it("says when it was last used, relative to now", () => {
    expect(relativeTime(ago(10), now, "en")).toBe("just now");
    expect(relativeTime(ago(5 * 60), now, "en")).toBe("5 minutes ago");
    expect(relativeTime(ago(3 * 3600), now, "en")).toBe("3 hours ago");
    expect(relativeTime(ago(26 * 3600), now, "en")).toBe("yesterday");
    expect(relativeTime(ago(15 * 24 * 3600), now, "en")).toBe("2 weeks ago");
    expect(relativeTime(ago(400 * 24 * 3600), now, "en")).toBe("last year");
  });

  it("says just now in the reader's language", () => {
    expect(relativeTime(ago(10), now, "id", "baru saja")).toBe("baru saja");
    expect(relativeTime(ago(5 * 60), now, "id")).toBe("5 menit yang lalu");
  });

  it("counts uses, one in the singular", () => {
    const english = createTranslator({ locale: "en", messages: en, namespace: "Memory" });
    const indonesian = createTranslator({ locale: "id", messages: id, namespace: "Memory" });
    expect(english("timesUsed", { count: 1 })).toBe("Used 1 time");
    expect(english("timesUsed", { count: 7 })).toBe("Used 7 times");
    expect(indonesian("timesUsed", { count: 7 })).toBe("Dipakai 7 kali");
  });
});
