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

test("signing in from a page asked for while signed out returns to that page", async ({ page }) => {
  const user = newTestUser("return");
  await register(page, user);
  await signOut(page);

  await page.goto("/settings/memory?q=tea");
  await expect(page).toHaveURL(/\/login\?/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\/memory\?q=tea$/);
  await expect(page.getByRole("heading", { level: 1, name: "Memory" })).toBeVisible();
});

test("a new user sent to sign in from a page gets there after signing up instead", async ({
  page,
}) => {
  await page.goto("/settings/memory");
  await expect(page).toHaveURL(/\/login\?/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/register\?/);
  const user = newTestUser("return-new");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/settings\/memory$/);
  await expect(page.getByRole("heading", { level: 1, name: "Memory" })).toBeVisible();
});

for (const target of [
  "//evil.example",
  "https://evil.example/",
  "/\\evil.example",
  "/%5Cevil.example",
  "/%2F%2Fevil.example",
  "javascript:alert(1)",
  " //evil.example",
  "/login",
]) {
  test(`a return address of ${JSON.stringify(target)} never leaves the app`, async ({ page }) => {
    const user = newTestUser("redirect");
    await register(page, user);
    await signOut(page);
    await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-email")).toHaveText(user.email);
    const app = new URL(test.info().project.use.baseURL ?? "");
    const landed = new URL(page.url());
    expect(landed.origin).toBe(app.origin);
    expect(landed.pathname).toBe("/");

    // Signed in already, the sign-in page sends the visitor on — to the app, still.
    await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
    await expect(page.getByTestId("signed-in-email")).toHaveText(user.email);
    expect(new URL(page.url()).origin).toBe(app.origin);
    expect(new URL(page.url()).pathname).toBe("/");
  });
}

test("the taken-email message links to sign in; the password stays and focus is on the email", async ({
  page,
  browser,
}) => {
  const user = newTestUser("taken");
  await register(page, user);
  const other = await browser.newPage();
  await other.goto("/register");
  await other.getByLabel("Email").fill(user.email);
  await other.getByLabel("Password").fill("another-password");
  await other.getByRole("button", { name: "Sign up" }).click();
  const email = other.getByLabel("Email");
  await expect(email).toHaveAccessibleDescription(/already exists/i);
  await expect(email).toBeFocused();
  await expect(other.getByLabel("Password")).toHaveValue("another-password");

  await other.getByRole("link", { name: "Sign in instead" }).click();
  await expect(other).toHaveURL(/\/login/);
  await expect(other.getByRole("button", { name: "Sign in" })).toBeVisible();
  await other.close();
});

test("sign-up field errors keep what was typed and focus the first field in error", async ({
  page,
}) => {
  await page.goto("/register");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("long-enough-password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription(/valid email/i);
  await expect(page.getByLabel("Email")).toBeFocused();
  await expect(page.getByLabel("Password")).toHaveValue("long-enough-password");

  await page.getByLabel("Email").fill(newTestUser("fields").email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/at least 8 characters/i);
  await expect(page.getByLabel("Password")).toBeFocused();
  await expect(page.getByLabel("Password")).toHaveValue("short");
});

test("after a wrong password, focus is on the cleared password field, which names the error", async ({
  page,
  browser,
}) => {
  const user = newTestUser("wrong");
  await register(page, user);
  const visitor = await browser.newPage();
  await visitor.goto("/login");
  await visitor.getByLabel("Email").fill(user.email);
  await visitor.getByLabel("Password").fill("wrong-password");
  await visitor.getByRole("button", { name: "Sign in" }).click();
  const password = visitor.getByLabel("Password");
  await expect(password).toHaveAccessibleDescription("Wrong email or password.");
  await expect(password).toBeFocused();
  // Cleared on purpose: a wrong password is retyped, not proofread behind the dots.
  await expect(password).toHaveValue("");
  await expect(visitor.getByLabel("Email")).toHaveValue(user.email);

  await visitor.keyboard.type(user.password);
  await visitor.keyboard.press("Enter");
  await expect(visitor.getByTestId("signed-in-email")).toHaveText(user.email);
  await visitor.close();
});
