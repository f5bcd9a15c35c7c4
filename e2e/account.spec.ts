/**
 * The account settings page (/settings/account) and what every app page shares: the skip link,
 * changing the password, deleting the account with everything in it, and the theme.
 */
import { type Browser, expect, type Page, test } from "@playwright/test";
import { newTestUser, register, type TestUser } from "./support/accounts";
import { ChatPage } from "./support/chat-page";
import { e2eDatabaseUrl, rowsPerUserTable } from "./support/database";
import { addMemory, listMemories, word } from "./support/memory-page";
import { scriptExtraction } from "./support/mocks";

async function openAccountFromMenu(page: Page) {
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
}

async function signInAs(page: Page, user: TestUser) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function secondSession(browser: Browser, user: TestUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user);
  await expect(page.getByTestId("signed-in-email")).toHaveText(user.email);
  return { context, page };
}

test("Skip to content is the first stop of the keyboard and moves focus to the page", async ({
  page,
}) => {
  await register(page, newTestUser("skip"));
  // The chat page puts focus in the composer itself; the skip link still comes first.
  expect(
    await page.evaluate(
      () => document.querySelector("a[href], button, input, textarea")?.textContent,
    ),
  ).toBe("Skip to content");
  for (const path of ["/settings/memory", "/settings/account"]) {
    await page.goto(path);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    const focused = await page.evaluate(() => ({
      tag: document.activeElement?.tagName,
      insideMain: Boolean(document.activeElement?.closest("main")),
    }));
    expect(focused.tag).not.toBe("BODY");
    expect(focused.insideMain).toBe(true);
    // The next Tab goes into the page, not back through the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
  }
});

test("change password: a wrong current password is explained at its field; the new one works and sessions keep working", async ({
  page,
  browser,
}) => {
  const user = newTestUser("password");
  await register(page, user);
  const other = await secondSession(browser, user);
  await openAccountFromMenu(page);

  const current = page.getByLabel("Current password");
  const next = page.getByLabel("New password");
  const change = page.getByRole("button", { name: "Change password" });
  await current.fill("not-my-password");
  await next.fill("brand-new-password");
  await change.click();
  await expect(current).toHaveAccessibleDescription(/current password is wrong/i);
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(current).toBeFocused();
  await expect(current).toHaveValue(""); // retyped, as on the sign-in page
  await expect(next).toHaveValue("brand-new-password");

  await current.fill(user.password);
  await next.fill("short");
  await change.click();
  await expect(next).toHaveAccessibleDescription(/at least 8 characters/i);
  await expect(next).toBeFocused();

  await next.fill("brand-new-password");
  await change.click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed." })).toBeVisible();
  await expect(current).toHaveValue("");
  await expect(next).toHaveValue("");
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");

  // This session and the other one keep working.
  await page.reload();
  await expect(page.getByTestId("signed-in-email")).toHaveText(user.email);
  await other.page.goto("/settings/memory");
  await expect(other.page.getByRole("heading", { level: 1, name: "Memory" })).toBeVisible();
  await other.context.close();

  // Only the new password signs in.
  const visitor = await browser.newContext();
  const signIn = await visitor.newPage();
  await signInAs(signIn, user);
  await expect(signIn.getByLabel("Password")).toHaveAccessibleDescription(
    "Wrong email or password.",
  );
  await signInAs(signIn, { ...user, password: "brand-new-password" });
  await expect(signIn.getByTestId("signed-in-email")).toHaveText(user.email);
  await visitor.close();
});

test("delete account: the typed email must match; then every row is gone and the user is signed out", async ({
  page,
  browser,
}) => {
  const user = newTestUser("leaving");
  await register(page, user);
  const other = await secondSession(browser, user);
  const userId = (await (await page.request.get("/api/auth/session")).json()).user.id as string;

  // A chat with a learned memory (a job and its history), and one added by hand.
  const t = word();
  await scriptExtraction(t, [
    {
      type: "fact",
      category: "work",
      topic: "job",
      detail: "works as a nurse",
      confidence_score: 0.9,
      source_text: "I work as a nurse",
      explicit: false,
    },
  ]);
  await new ChatPage(page).sendAndWait(`I work as a nurse ${t}`);
  await expect.poll(async () => (await listMemories(page.request)).length).toBe(1);
  await addMemory(page.request, {
    type: "interest",
    category: "food",
    topic: "tea",
    detail: "tea",
  });

  const database = e2eDatabaseUrl();
  if (database) {
    const before = await rowsPerUserTable(database, userId);
    for (const table of ["chats", "messages", "memories", "memory_history", "extraction_jobs"]) {
      expect(before[table], table).toBeGreaterThan(0);
    }
  }

  await openAccountFromMenu(page);
  const open = page.getByRole("button", { name: "Delete account" });
  await open.click();
  const dialog = page.getByRole("alertdialog", { name: "Delete your account?" });
  await expect(dialog).toContainText(user.email);
  const confirmation = dialog.getByLabel("Type your email to confirm");
  await expect(confirmation).toBeFocused();
  await confirmation.fill("someone-else@example.com");
  await dialog.getByRole("button", { name: "Delete account" }).click();
  await expect(confirmation).toHaveAccessibleDescription(/doesn’t match/);
  await expect(confirmation).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  await page.reload();
  await expect(page.getByTestId("signed-in-email")).toHaveText(user.email);
  expect(await listMemories(page.request)).toHaveLength(2);

  await page.getByRole("button", { name: "Delete account" }).click();
  await dialog.getByLabel("Type your email to confirm").fill(user.email.toUpperCase());
  await dialog.getByRole("button", { name: "Delete account" }).click();
  await expect(page).toHaveURL(/\/login\?deleted=1$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Your account was deleted.");

  // Nothing of the account is left: the app is closed to the old cookie and credentials…
  expect((await page.request.get("/api/memories")).status()).toBe(401);
  await page.goto("/settings/memory");
  await expect(page).toHaveURL(/\/login\?/);
  await signInAs(page, user);
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Wrong email or password.");
  // The session on another device is signed out at its next page.
  await other.page.reload();
  await expect(other.page).toHaveURL(/\/login\?deleted=1$/);
  await expect(other.page.getByRole("status")).toContainText("Your account was deleted.");
  await other.context.close();
  // …and every table is empty of the user's rows.
  if (database) {
    const after = await rowsPerUserTable(database, userId);
    expect(
      Object.values(after).every((count) => count === 0),
      JSON.stringify(after),
    ).toBe(true);
  } else {
    test.info().annotations.push({
      type: "note",
      description:
        "row counts per table run when the e2e server is on Postgres (TEST_DATABASE_URL)",
    });
  }

  // The same email can start over, with nothing from before.
  await register(page, user);
  expect(await listMemories(page.request)).toEqual([]);
  await expect(page.getByText("Your chats will appear here.")).toBeVisible();
});

test("theme: system, light or dark, kept across reloads without a flash, also from the user menu", async ({
  page,
}) => {
  await register(page, newTestUser("theme"));
  await page.emulateMedia({ colorScheme: "light" });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lightBackground = await background();

  await openAccountFromMenu(page);
  const theme = page.getByRole("group", { name: "Theme" });
  await expect(theme.getByRole("radio", { name: "System" })).toBeChecked();
  await theme.getByRole("radio", { name: "Dark" }).check();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const darkBackground = await background();
  expect(darkBackground).not.toBe(lightBackground);
  await expect(theme.getByRole("radio", { name: "Dark" })).toBeFocused();

  // The server sends the page already dark: no light flash before scripts run.
  const html = await (await page.request.get("/settings/account")).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);
  await page.reload();
  expect(await background()).toBe(darkBackground);
  await expect(theme.getByRole("radio", { name: "Dark" })).toBeChecked();

  // From the user menu, on any page.
  await page.goto("/");
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitemradio", { name: "Light" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await background()).toBe(lightBackground); // the choice beats the system's

  await page.getByRole("button", { name: /account menu/i }).click();
  await expect(page.getByRole("menuitemradio", { name: "Light" })).toBeChecked();
  await page.getByRole("menuitemradio", { name: "System" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  expect(await background()).toBe(darkBackground); // the system is dark now
  await page.reload();
  expect(await background()).toBe(darkBackground);
});
