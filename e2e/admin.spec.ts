/**
 * The admin page, on a server of its own with a fresh database: the first account registered
 * here is the admin, and closing registration affects no other spec.
 */
import { type Browser, expect, type Page, test } from "@playwright/test";
import { newTestUser, register, signIn, type TestUser } from "./support/accounts";
import { type AppServer, startAppServer } from "./support/app-server";
import { chatMockUrl, E2E, extractionMockUrl } from "./support/ports";

test.describe.configure({ mode: "serial" });

const baseURL = `http://localhost:${E2E.adminAppPort}`;
let server: AppServer;
let admin: TestUser;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startAppServer({
    port: E2E.adminAppPort,
    pgliteDir: `.data/e2e-admin-${E2E.adminAppPort}`,
    chatBaseUrl: `${chatMockUrl}/v1`,
    extractionBaseUrl: `${extractionMockUrl}/v1`,
  });
});

test.afterAll(async () => {
  await server?.stop();
});

test.use({ baseURL });

async function openAdmin(page: Page) {
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
}

const userRow = (page: Page, email: string) =>
  page.getByTestId("admin-user-row").filter({ hasText: email });

async function newUserPage(browser: Browser, user: TestUser, invitePath?: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  if (invitePath) {
    await page.goto(invitePath);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByTestId("signed-in-email")).toHaveText(user.email);
  } else {
    await register(page, user);
  }
  return { context, page };
}

test("the first account is the admin and walks the admin page", async ({ page, browser }) => {
  test.setTimeout(90_000);
  admin = newTestUser("admin");
  await register(page, admin);
  const member = newTestUser("member");
  const memberSession = await newUserPage(browser, member);

  // The member has no Admin link, and /admin and its API do not exist for them.
  await memberSession.page.getByRole("button", { name: /account menu/i }).click();
  await expect(memberSession.page.getByRole("menuitem", { name: "Account" })).toBeVisible();
  await expect(memberSession.page.getByRole("menuitem", { name: "Admin" })).toHaveCount(0);
  await memberSession.page.keyboard.press("Escape");
  const memberAdmin = await memberSession.page.goto("/admin");
  expect(memberAdmin?.status()).toBe(404);
  await expect(memberSession.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  const memberApi = await memberSession.page.request.get("/api/admin/users");
  expect(memberApi.status()).toBe(404);

  // The admin sees both accounts with their counts.
  await openAdmin(page);
  await expect(page.getByTestId("admin-user-row")).toHaveCount(2);
  await expect(userRow(page, admin.email)).toContainText("Admin");
  await expect(userRow(page, admin.email)).toContainText("You");
  await expect(userRow(page, member.email)).toBeVisible();

  // Invite only: a second browser registers with the link, which then no longer works.
  await page.getByRole("radio", { name: "Invite only" }).check();
  await page.getByRole("button", { name: "Save registration mode" }).click();
  await expect(page.getByText("Registration is now: Invite only.")).toBeVisible();
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = page.getByLabel("New invite link");
  await expect(link).toBeFocused();
  const inviteUrl = new URL(await link.inputValue());
  expect(inviteUrl.pathname).toBe("/register");
  const invitePath = `${inviteUrl.pathname}${inviteUrl.search}`;

  const signedOut = await browser.newContext({ baseURL });
  const visitor = await signedOut.newPage();
  await visitor.goto("/register");
  await expect(visitor.getByRole("heading", { name: "An invite is needed" })).toBeVisible();

  const invited = newTestUser("invited");
  const invitedSession = await newUserPage(browser, invited, invitePath);
  await visitor.goto(invitePath);
  await expect(visitor.getByText(/invite link is not valid/)).toBeVisible();
  await expect(visitor.getByLabel("Email")).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId("admin-user-row")).toHaveCount(3);

  // Disable the member: their next request is refused, and they cannot sign in again.
  await page.getByRole("button", { name: `Disable ${member.email}` }).click();
  await expect(userRow(page, member.email)).toContainText("Disabled");
  await expect(page.getByRole("button", { name: `Enable ${member.email}` })).toBeFocused();
  const refused = await memberSession.page.request.get("/api/chats");
  expect(refused.status()).toBe(401);
  await memberSession.page.goto("/");
  await expect(memberSession.page).toHaveURL(/\/login\?disabled=1/);
  await expect(memberSession.page.getByText(/disabled by the admin/).first()).toBeVisible();
  await memberSession.page.getByLabel("Email").fill(member.email);
  await memberSession.page.getByLabel("Password").fill(member.password);
  await memberSession.page.getByRole("button", { name: "Sign in" }).click();
  await expect(memberSession.page.locator("form").getByRole("alert")).toHaveText(
    /disabled by the admin/,
  );

  // Delete the invited user: the dialog needs their email; focus lands on the table heading.
  await page.getByRole("button", { name: `Delete ${invited.email}` }).click();
  const dialog = page.getByRole("alertdialog");
  const confirm = dialog.getByLabel("Type the account’s email to confirm");
  await expect(confirm).toBeFocused();
  await confirm.fill("wrong@example.com");
  await confirm.press("Enter");
  await expect(dialog.getByRole("alert")).toContainText("doesn’t match");
  await confirm.fill(invited.email);
  await dialog.getByRole("button", { name: "Delete user" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(userRow(page, invited.email)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /^Users/ })).toBeFocused();
  await invitedSession.page.goto("/");
  await expect(invitedSession.page).toHaveURL(/\/login\?deleted=1/);

  // Closed: the sign-up page says so.
  await page.getByRole("radio", { name: "Closed" }).check();
  await page.getByRole("button", { name: "Save registration mode" }).click();
  await expect(page.getByText("Registration is now: Closed.")).toBeVisible();
  await visitor.goto("/register");
  await expect(visitor.getByRole("heading", { name: "Registration is closed" })).toBeVisible();
  await expect(visitor.getByLabel("Password")).toHaveCount(0);

  // The admin is still signed in and can open the page again after a reload.
  await page.reload();
  await expect(page.getByRole("radio", { name: "Closed" })).toBeChecked();
  await Promise.all(
    [memberSession.context, invitedSession.context, signedOut].map((c) => c.close()),
  );
});

test("the model endpoints check shows a table", async ({ page }) => {
  await signIn(page, admin);
  await page.goto("/admin");
  await page.getByRole("button", { name: "Check model endpoints" }).click();
  const table = page.getByTestId("doctor-table");
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table.getByRole("columnheader", { name: "chat" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "extraction" })).toBeVisible();
  await expect(table.getByRole("row", { name: /Reachable/ })).toContainText("OK");
});

test("signed out, /api/admin answers 404 like any unknown route", async ({ request }) => {
  for (const path of ["/api/admin/users", "/api/admin/settings"]) {
    expect((await request.get(path)).status()).toBe(404);
  }
});
