import { describe, expect, it } from "vitest";
import { describeMatcher, detailMatches, matches } from "./match";

const nurse = {
  type: "fact",
  category: "work",
  topic: "Job",
  detail: "Bekerja sebagai Perawat di RS",
  status: "active",
  source: "inferred",
};

describe("matches", () => {
  it("matches when every given field matches", () => {
    expect(matches({ type: "fact", category: "work", detail: ["perawat|nurse"] }, nurse)).toBe(
      true,
    );
    expect(matches({ type: "goal", detail: ["perawat"] }, nurse)).toBe(false);
    expect(matches({ category: "Work" }, nurse)).toBe(false); // categories exactly
  });

  it("compares topics by their normalised key", () => {
    expect(matches({ topic: "the job!" }, nurse)).toBe(true);
    expect(matches({ topic: "my  JOB" }, nurse)).toBe(true);
    expect(matches({ topic: "jobs" }, nurse)).toBe(false);
  });

  it("needs every detail entry, each satisfied by one of its alternatives", () => {
    expect(matches({ detail: ["perawat", "rs"] }, nurse)).toBe(true);
    expect(matches({ detail: ["perawat", "dokter|bidan"] }, nurse)).toBe(false);
  });

  it("checks status and source only when given", () => {
    expect(matches({ topic: "job", status: "suggested" }, nurse)).toBe(false);
    expect(matches({ topic: "job", source: "explicit" }, nurse)).toBe(false);
    expect(matches({ topic: "job", status: "active", source: "inferred" }, nurse)).toBe(true);
    // Prompt lines carry neither: a matcher asking for one cannot match them.
    expect(matches({ topic: "job", status: "active" }, { ...nurse, status: undefined })).toBe(
      false,
    );
  });
});

describe("detailMatches", () => {
  it("is a case-insensitive substring test over the alternatives", () => {
    expect(detailMatches("NURSE|perawat", "works as a nurse")).toBe(true);
    expect(detailMatches("pilot", "works as a nurse")).toBe(false);
    expect(detailMatches(" nurse ", "Works as a  NURSE")).toBe(true);
  });

  it("never lets an empty alternative ('a||b', a trailing '|') match everything", () => {
    expect(detailMatches("pilot|", "works as a nurse")).toBe(false);
    expect(detailMatches("|", "anything")).toBe(false);
  });
});

describe("describeMatcher", () => {
  it("writes a matcher as one readable line", () => {
    expect(
      describeMatcher({ category: "work", topic: "job", detail: ["a|b", "c"], status: "active" }),
    ).toBe("*/work/job ~ a|b & c (status=active)");
  });
});
