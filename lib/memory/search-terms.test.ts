import { describe, expect, it } from "vitest";
import { affixedForms, searchForms, searchWords } from "./search-terms";

describe("searchWords", () => {
  it("keeps only words, without stop words", () => {
    expect(searchWords("What should I cook with Tofu & rice?!")).toEqual(["cook", "tofu", "rice"]);
  });

  it("drops operators and quotes a user might type", () => {
    expect(searchWords(`"sushi" OR -ramen :* (x) <-> !bali`)).toEqual(["sushi", "ramen", "bali"]);
  });

  it("handles Indonesian stop words and other scripts", () => {
    expect(searchWords("Apa yang saya suka makan? 寿司")).toEqual(["suka", "makan", "寿司"]);
  });

  it("is empty when nothing is left", () => {
    expect(searchWords("?? !! or and the")).toEqual([]);
  });
});

describe("affixedForms", () => {
  it("fuses ber- and meN- with the root as Indonesian does", () => {
    expect(affixedForms("renang")).toEqual(["berenang", "merenang"]);
    expect(affixedForms("masak")).toEqual(["bermasak", "memasak"]);
    expect(affixedForms("kerja")).toEqual(["berkerja", "mengerja"]);
    expect(affixedForms("pakai")).toEqual(["berpakai", "memakai"]);
    expect(affixedForms("tulis")).toEqual(["bertulis", "menulis"]);
    expect(affixedForms("sapu")).toEqual(["bersapu", "menyapu"]);
    expect(affixedForms("ajar")).toEqual(["berajar", "mengajar"]);
  });

  it("leaves short roots, digits and other scripts alone", () => {
    expect(affixedForms("ke")).toEqual([]);
    expect(affixedForms("2025")).toEqual([]);
    expect(affixedForms("寿司寿司")).toEqual([]);
  });
});

describe("searchForms", () => {
  it("adds the roots and affixed forms after the message's own words", () => {
    const forms = searchForms("kerjaan numpuk").split(" ");
    expect(forms.slice(0, 2)).toEqual(["kerjaan", "numpuk"]);
    expect(forms).toContain("kerja");
    expect(searchForms("kolam renang").split(" ")).toContain("berenang");
    expect(searchForms("resep masakan").split(" ")).toContain("memasak");
  });

  it("stays bounded however long the message is", () => {
    const message = Array.from({ length: 200 }, (_, i) => `kata${i}an menulis${i}`).join(" ");
    expect(searchForms(message).split(" ").length).toBeLessThanOrEqual(96);
  });

  it("is empty when there are no words", () => {
    expect(searchForms("!!! or the")).toBe("");
  });
});
