/** Ports of the e2e stack; scripts/e2e-app.mjs uses the same numbers. */
export const E2E = {
  appPort: 3100,
  chatMockPort: 4010,
  extractionMockPort: 4011,
} as const;

export const chatMockUrl = `http://127.0.0.1:${E2E.chatMockPort}`;
export const extractionMockUrl = `http://127.0.0.1:${E2E.extractionMockPort}`;
