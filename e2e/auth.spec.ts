import { expect, test } from "@playwright/test";
import { newTestUser, register, signIn, signOut } from "./support/accounts";

test("a signed-out visit to / lands on the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("register, get signed in, sign out, sign in again", async ({ page }) => {
  const user = newTestUser();
  await register(page, user);
  await expect(page).toHaveURL(/\/$/);
  await signOut(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, user);
  await expect(page).toHaveURL(/\/$/);
});

test("a signed-in visit to /login goes to the app", async ({ page }) => {
  await register(page, newTestUser());
  await page.goto("/login");
  await expect(page).toHaveURL(/\/$/);
});

test("registration explains an invalid email and a short password at their fields", async ({
  page,
}) => {
  await page.goto("/register");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription(/valid email/i);
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/at least 8 characters/i);
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
});

test("registering an email twice says it is taken", async ({ page, browser }) => {
  const user = newTestUser();
  await register(page, user);
  const other = await browser.newPage();
  await other.goto("/register");
  await other.getByLabel("Email").fill(user.email.toUpperCase());
  await other.getByLabel("Password").fill("another-password");
  await other.getByRole("button", { name: "Sign up" }).click();
  await expect(other.getByLabel("Email")).toHaveAccessibleDescription(/already exists/i);
  await other.close();
});

test("a wrong password and an unknown email get the same message", async ({ page, browser }) => {
  const user = newTestUser();
  await register(page, user);
  const visitor = await browser.newPage();
  const messages: string[] = [];
  for (const attempt of [
    { email: user.email, password: "wrong-password" },
    { email: newTestUser().email, password: user.password },
  ]) {
    await visitor.goto("/login");
    await visitor.getByLabel("Email").fill(attempt.email);
    await visitor.getByLabel("Password").fill(attempt.password);
    await visitor.getByRole("button", { name: "Sign in" }).click();
    const alert = visitor.getByRole("alert").filter({ hasText: /wrong/i });
    await expect(alert).toBeVisible();
    messages.push((await alert.textContent()) ?? "");
  }
  expect(messages[0]).toBe("Wrong email or password.");
  expect(messages[1]).toBe(messages[0]);
  await visitor.close();
});
