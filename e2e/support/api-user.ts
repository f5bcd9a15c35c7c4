/**
 * A signed-in user for JSON API tests: an APIRequestContext that keeps the session cookie. The
 * account is created through POST /api/account and signed in through Auth.js's credentials
 * callback, as an API client would; no browser page is needed.
 */
import { type APIRequestContext, expect, type PlaywrightWorkerArgs } from "@playwright/test";
import { newTestUser } from "./accounts";

export type ApiUser = { request: APIRequestContext; email: string };

export async function signedInApiUser(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string,
  label = "api",
): Promise<ApiUser> {
  const { email, password } = newTestUser(label);
  const request = await playwright.request.newContext({ baseURL });
  const created = await request.post("/api/account", { data: { email, password } });
  expect(created.status(), await created.text()).toBe(201);
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password },
    maxRedirects: 0,
  });
  const { cookies } = await request.storageState();
  expect(cookies.map((cookie) => cookie.name)).toContainEqual(
    expect.stringContaining("session-token"),
  );
  return { request, email };
}
