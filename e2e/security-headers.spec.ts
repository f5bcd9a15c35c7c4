/**
 * Security headers on pages and API responses, and the app still working under its
 * Content-Security-Policy: a chat, a reload and the memory page with no CSP violation.
 */
import { expect, type Page, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage } from "./support/chat-page";
import { addMemory, MemoryPage } from "./support/memory-page";
import { marker } from "./support/mocks";

/** Collects CSP violations the page reports, and console errors that mention the policy. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|CSP violation/iu.test(message.text())) {
      violations.push(message.text());
    }
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  return violations;
}

test("pages carry a nonce-based CSP and the other security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response?.headers() ?? {};
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/u);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("img-src 'self'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Plain http here: HSTS is only sent when the app is reached over https.
  expect(headers["strict-transport-security"]).toBeUndefined();

  // A fresh nonce per page view, and it is the one on Next's scripts.
  const nonce = /'nonce-([^']+)'/u.exec(csp)?.[1];
  const again = await page.request.get("/login");
  expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  const scriptNonces = await page
    .locator("script[src]")
    .evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
});

test("API responses carry a CSP that allows nothing, and the other headers", async ({ page }) => {
  const response = await page.request.get("/api/memories");
  expect(response.status()).toBe(401);
  const headers = response.headers();
  expect(headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});

test("HSTS is sent when the app is reached over https (behind a TLS proxy)", async ({ page }) => {
  const response = await page.request.get("/login", {
    headers: { "x-forwarded-proto": "https" },
  });
  expect(response.headers()["strict-transport-security"]).toBe("max-age=31536000");
  expect(response.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("chat and the memory page work with no CSP violation", async ({ page }) => {
  const violations = await watchCsp(page);
  await register(page, newTestUser("csp"));
  const chat = new ChatPage(page);
  const tag = marker("csp");
  await chat.sendAndWait(`Hello under a strict policy ${tag}`);
  await expect(chat.assistantMessages.first()).toContainText(`Mock reply to: "Hello under`);
  await page.reload();
  await expect(chat.assistantMessages.first()).toContainText("Mock reply to:");

  await addMemory(page.request, {
    type: "fact",
    category: "location",
    topic: "City",
    detail: "lives in Bandung",
  });
  const memoryPage = new MemoryPage(page);
  await memoryPage.open();
  await expect(memoryPage.memory("City")).toBeVisible();
  await page.goto("/settings/account");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});
