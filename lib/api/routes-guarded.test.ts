import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every state-changing API handler goes through `route()`, which refuses cross-site requests and
 * bodies that are not JSON. Auth.js's own handlers are the exception: it checks its CSRF token
 * (a double-submit cookie) on every POST itself.
 */
const API = join(import.meta.dirname, "..", "..", "app", "api");
const AUTH_ROUTE = "auth/[...nextauth]/route.ts";

const routeFiles = readdirSync(API, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith("route.ts"))
  .map((file) => ({ file, text: readFileSync(join(API, file), "utf8") }));

describe("state-changing API routes", () => {
  it("are found", () => {
    expect(routeFiles.length).toBeGreaterThan(10);
  });

  it("are all wrapped in route()", () => {
    const unguarded = routeFiles.flatMap(({ file, text }) => {
      if (file === AUTH_ROUTE) return [];
      const exported = [
        ...text.matchAll(
          /export\s+(?:const|async\s+function|function)\s+(POST|PUT|PATCH|DELETE)\b(.{0,40})/gu,
        ),
      ];
      return exported
        .filter(([, , rest]) => !/^\s*=\s*route\b/u.test(rest ?? ""))
        .map(([, method]) => `${method} ${relative(API, join(API, file))}`);
    });
    expect(unguarded).toEqual([]);
  });
});
