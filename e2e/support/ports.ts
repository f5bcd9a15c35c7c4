/**
 * Ports of the e2e stack; scripts/e2e-app.mjs reads the same variables. Override them to run a
 * second e2e stack beside the first on one machine.
 */
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const E2E = {
  appPort: port("E2E_APP_PORT", 3100),
  chatMockPort: port("E2E_CHAT_MOCK_PORT", 4010),
  extractionMockPort: port("E2E_EXTRACTION_MOCK_PORT", 4011),
  /** A second app server, on the offline model (e2e/offline-model.spec.ts). */
  offlineAppPort: port("E2E_OFFLINE_APP_PORT", port("E2E_APP_PORT", 3100) + 5),
  /** A third, on a fresh database of its own, so its first account is the admin (e2e/admin.spec.ts). */
  adminAppPort: port("E2E_ADMIN_APP_PORT", port("E2E_APP_PORT", 3100) + 6),
} as const;

export const chatMockUrl = `http://127.0.0.1:${E2E.chatMockPort}`;
export const extractionMockUrl = `http://127.0.0.1:${E2E.extractionMockPort}`;
