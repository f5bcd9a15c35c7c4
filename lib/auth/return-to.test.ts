import { describe, expect, it } from "vitest";
import { authPageHref, safeReturnPath } from "./return-to";

describe("safeReturnPath", () => {
  it("keeps a path of this site with its query and fragment", () => {
    expect(safeReturnPath("/settings/memory")).toBe("/settings/memory");
    expect(safeReturnPath("/settings/memory?q=tea&type=goal")).toBe(
      "/settings/memory?q=tea&type=goal",
    );
    expect(safeReturnPath("/chat/abc#message-1")).toBe("/chat/abc#message-1");
  });

  it.each([
    "//evil.example",
    "//evil.example/settings",
    "https://evil.example",
    "http:/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/foo\\bar",
    " //evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/".padEnd(3000, "a"),
  ])("sends %j home", (value) => {
    expect(safeReturnPath(value)).toBe("/");
  });

  it("never returns to the sign-in pages or an API route", () => {
    expect(safeReturnPath("/login")).toBe("/");
    expect(safeReturnPath("/register?callbackUrl=/x")).toBe("/");
    expect(safeReturnPath("/api/memories/export")).toBe("/");
  });

  it("sends anything that is not a string home", () => {
    expect(safeReturnPath(undefined)).toBe("/");
    expect(safeReturnPath(["/settings/memory"])).toBe("/");
    expect(safeReturnPath(null)).toBe("/");
  });

  it("normalises dot segments without leaving the site", () => {
    expect(safeReturnPath("/settings/../settings/memory")).toBe("/settings/memory");
    expect(safeReturnPath("/../../evil.example")).toBe("/evil.example");
  });
});

describe("authPageHref", () => {
  it("carries a return path, and leaves the link bare for the home page", () => {
    expect(authPageHref("/register", "/settings/memory?q=a%20b")).toBe(
      "/register?callbackUrl=%2Fsettings%2Fmemory%3Fq%3Da%2520b",
    );
    expect(authPageHref("/login", "/")).toBe("/login");
    expect(authPageHref("/login", "//evil.example")).toBe("/login");
  });
});
