/**
 * Runs the mock OpenAI server until SIGTERM/SIGINT:
 *   npx tsx e2e/mock-openai/cli.ts --port 4010 --first-token-delay 200 --token-delay 5
 * Other flags: --host (default 127.0.0.1), --extraction-delay MS, --profile NAME (behave like
 * that kind of server, see profiles.ts), --api-key KEY (require it).
 * Prints exactly one line once listening: `mock-openai listening on http://127.0.0.1:PORT`.
 */
import { parseArgs } from "node:util";
import { isMockProfileName, MOCK_PROFILE_NAMES } from "./profiles";
import { startMockOpenAI } from "./server";

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`mock-openai: --${name} must be a non-negative integer, got "${value}"`);
    process.exit(2);
  }
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "first-token-delay": { type: "string" },
      "token-delay": { type: "string" },
      "extraction-delay": { type: "string" },
      profile: { type: "string" },
      "api-key": { type: "string" },
    },
  });
  const profile = values.profile ?? "openai";
  if (!isMockProfileName(profile)) {
    console.error(`mock-openai: --profile must be one of ${MOCK_PROFILE_NAMES.join(", ")}`);
    process.exit(2);
  }
  const server = await startMockOpenAI({
    port: numberFlag("port", values.port),
    host: values.host,
    firstTokenDelayMs: numberFlag("first-token-delay", values["first-token-delay"]),
    tokenDelayMs: numberFlag("token-delay", values["token-delay"]),
    extractionDelayMs: numberFlag("extraction-delay", values["extraction-delay"]),
    profile,
    apiKey: values["api-key"],
  });
  console.log(`mock-openai listening on ${server.url}`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  console.error(`mock-openai: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
