import { expect, test } from "@playwright/test";
import { newTestUser } from "./support/accounts";

// The e2e server keeps the default limit per account email (10 attempts in 15 minutes).
const SIGN_IN_LIMIT_PER_EMAIL = 10;

test("too many wrong passwords: the sign-in form says how long to wait and keeps the focus", async ({
  page,
  request,
}) => {
  const user = newTestUser("throttled");
  const created = await request.post("/api/account", { data: user });
  expect(created.status()).toBe(201);

  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  const password = page.getByLabel("Password");
  const formAlert = page.locator("form").getByRole("alert");
  for (let i = 0; i < SIGN_IN_LIMIT_PER_EMAIL; i++) {
    await password.fill(`wrong-password-${i}`);
    await password.press("Enter");
    // A wrong password empties the field and puts the focus back in it.
    await expect(password).toHaveValue("");
    await expect(formAlert).toHaveText("Wrong email or password.");
  }

  // The right password now waits too: the limit is about the account, not the guess.
  await password.fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert).toHaveText(/^Too many attempts\. Try again in \d+ (seconds|minutes)\.$/);
  await expect(formAlert).toBeFocused();
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await expect(page).toHaveURL(/\/login/);
});
