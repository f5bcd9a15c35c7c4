import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./locales";

describe("negotiateLocale", () => {
  it("picks the first supported language of Accept-Language", () => {
    expect(negotiateLocale("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("id");
    expect(negotiateLocale("en-GB,en;q=0.9")).toBe("en");
    expect(negotiateLocale("fr-FR,fr;q=0.9,id;q=0.5")).toBe("id");
  });

  it("orders by quality, not position", () => {
    expect(negotiateLocale("en;q=0.3,id;q=0.8")).toBe("id");
    expect(negotiateLocale("id;q=0,en;q=0.1")).toBe("en");
  });

  it("falls back to English", () => {
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("")).toBe("en");
    expect(negotiateLocale("de,fr;q=0.5")).toBe("en");
    expect(negotiateLocale("*")).toBe("en");
  });
});
