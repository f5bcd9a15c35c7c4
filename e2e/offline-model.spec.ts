/**
 * The app without any model configured: the built-in offline model answers and a banner says so.
 * This file starts its own production server (no OPENAI_* variables) beside the e2e one.
 */
import { expect, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { type AppServer, startAppServer } from "./support/app-server";
import { ChatPage, expectFocusKept } from "./support/chat-page";
import { E2E } from "./support/ports";

test.describe.configure({ mode: "serial" });

let server: AppServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startAppServer({
    port: E2E.offlineAppPort,
    pgliteDir: `.data/e2e-offline-${E2E.offlineAppPort}`,
    chatBaseUrl: "",
    extractionBaseUrl: "",
    unsetEnv: [
      "OPENAI_BASE_URL",
      "OPENAI_API_KEY",
      "CHAT_MODEL",
      "EXTRACTION_BASE_URL",
      "EXTRACTION_API_KEY",
      "EXTRACTION_MODEL",
    ],
  });
});

test.afterAll(async () => {
  await server?.stop();
});

test.use({ baseURL: `http://localhost:${E2E.offlineAppPort}` });

test("the offline banner can be dismissed, and stays dismissed", async ({ page }) => {
  await register(page, newTestUser("offline"));
  const banner = page.getByTestId("offline-banner");
  await expect(banner).toBeVisible();
  await expect(page.getByTestId("chat-model")).toHaveText(/offline model/);
  await banner.getByRole("button", { name: "Dismiss" }).click();
  await expect(banner).toHaveCount(0);
  await expectFocusKept(page);
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await expect(banner).toHaveCount(0);
  // The model line still says where replies come from.
  await expect(page.getByTestId("chat-model")).toHaveText(/offline model/);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the offline banner takes one short line", async ({ page }) => {
    await register(page, newTestUser("offline"));
    const banner = page.getByTestId("offline-banner");
    await expect(banner).toBeVisible();
    const box = await banner.boundingBox();
    expect(box?.height ?? 999).toBeLessThanOrEqual(44);
    const chat = new ChatPage(page);
    await chat.sendAndWait("Hello offline model");
    await expect(chat.assistantMessages.first()).not.toBeEmpty();
  });
});
