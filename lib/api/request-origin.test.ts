import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertSameOriginJson } from "./request-origin";

const APP = "http://localhost:3000";

function statusOf(method: string, headers: Record<string, string>, body?: string): number {
  const request = new Request(`${APP}/api/memories`, {
    method,
    headers: { host: "localhost:3000", ...headers },
    body,
  });
  try {
    assertSameOriginJson(request);
    return 200;
  } catch (error) {
    return error instanceof AppError ? error.status : 500;
  }
}

const JSON_TYPE = { "content-type": "application/json" };

describe("assertSameOriginJson", () => {
  it("lets the app's own JSON requests through", () => {
    expect(statusOf("POST", { ...JSON_TYPE, origin: APP }, "{}")).toBe(200);
    expect(statusOf("POST", { "content-type": "application/json; charset=utf-8" }, "{}")).toBe(200);
    expect(statusOf("DELETE", { origin: APP, "sec-fetch-site": "same-origin" })).toBe(200);
    expect(statusOf("POST", { origin: APP })).toBe(200); // an Undo button: no body at all
  });

  it("refuses bodies that are not JSON with 415", () => {
    expect(statusOf("POST", { "content-type": "text/plain", origin: APP }, '{"a":1}')).toBe(415);
    expect(statusOf("PATCH", { "content-type": "application/x-www-form-urlencoded" }, "a=1")).toBe(
      415,
    );
    expect(statusOf("PUT", { "content-type": "multipart/form-data; boundary=x" }, "--x--")).toBe(
      415,
    );
    expect(statusOf("POST", { "content-type": "application/jsonp" }, "{}")).toBe(415);
  });

  it("refuses cross-site requests with 403, whatever the body", () => {
    expect(statusOf("POST", { ...JSON_TYPE, origin: "https://evil.example" }, "{}")).toBe(403);
    expect(statusOf("DELETE", { origin: "http://localhost:3001" })).toBe(403);
    expect(statusOf("DELETE", { origin: "null" })).toBe(403);
    expect(statusOf("POST", { ...JSON_TYPE, "sec-fetch-site": "cross-site" }, "{}")).toBe(403);
    expect(statusOf("POST", { ...JSON_TYPE, "sec-fetch-site": "same-site" }, "{}")).toBe(403);
    expect(statusOf("POST", { "content-type": "text/plain", origin: "https://evil.example" })).toBe(
      403,
    );
  });

  it("takes the host a reverse proxy forwarded", () => {
    const proxied = { ...JSON_TYPE, "x-forwarded-host": "ingat.example.org" };
    expect(statusOf("POST", { ...proxied, origin: "https://ingat.example.org" }, "{}")).toBe(200);
    expect(statusOf("POST", { ...proxied, origin: APP }, "{}")).toBe(403);
  });

  it("leaves reads alone", () => {
    expect(
      statusOf("GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }),
    ).toBe(200);
  });
});
