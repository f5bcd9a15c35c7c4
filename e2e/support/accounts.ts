/** Test accounts: each test registers its own user, so tests can run in parallel. */
import { randomUUID } from "node:crypto";
import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";

export type TestUser = { email: string; password: string };

export function newTestUser(label = "user"): TestUser {
  return { email: `${label}-${randomUUID().slice(0, 8)}@example.com`, password: "password-1234" };
}

export async function register(page: Page, user: TestUser): Promise<void> {
  await page.goto("/register");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByTestId("signed-in-email")).toHaveText(user.email);
}

export async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-email")).toHaveText(user.email);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** A fresh browser context with a newly registered, signed-in user. */
export async function signedInContext(
  browser: Browser,
  label = "user",
): Promise<{ context: BrowserContext; page: Page; user: TestUser }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = newTestUser(label);
  await register(page, user);
  return { context, page, user };
}
