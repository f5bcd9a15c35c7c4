import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/support/ports";

const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: true,
  // `npm test` asks for a JSON report too (PLAYWRIGHT_JSON_OUTPUT_FILE) to name failures in its summary.
  reporter: [
    ["list"],
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [["json"] as const] : []),
    ...(process.env.CI ? [] : [["html", { open: "never" }] as const]),
  ],
  // Generous: a test that walks several pages with password hashing takes ~30 s on a loaded 2-core machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    // localhost, not 127.0.0.1: Auth.js builds redirects from localhost and cookies must match.
    baseURL: `http://localhost:${E2E.appPort}`,
    trace: "retain-on-failure",
    // A click or fill that can never happen fails naming its element, not as a bare test timeout.
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: existsSync(systemChromium) ? { executablePath: systemChromium } : {},
      },
    },
  ],
  webServer: [
    {
      command: `npx tsx e2e/mock-openai/cli.ts --port ${E2E.chatMockPort} --first-token-delay 50 --token-delay 10`,
      url: `http://127.0.0.1:${E2E.chatMockPort}/__mock/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `npx tsx e2e/mock-openai/cli.ts --port ${E2E.extractionMockPort} --first-token-delay 0 --token-delay 0`,
      url: `http://127.0.0.1:${E2E.extractionMockPort}/__mock/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node scripts/e2e-app.mjs",
      url: `http://localhost:${E2E.appPort}/login`,
      reuseExistingServer: false,
      // A production build; on a loaded 2-core machine it has taken over four minutes.
      timeout: 600_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
