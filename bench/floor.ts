/**
 * The floor app (bench/floor): one route, `streamText(...).toUIMessageStreamResponse()`, built from
 * the repository's own Next and AI SDK versions. What Ingat adds above it is what the bench reports.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { timeStream } from "./direct";

const FLOOR_DIR = "bench/floor";

export type FloorServer = { url: string; pid: number; stop(): Promise<void> };

export function buildFloor() {
  if (existsSync(`${FLOOR_DIR}/.next/BUILD_ID`)) return;
  console.log("bench: building the floor app (next build bench/floor)…");
  const build = spawnSync(
    process.execPath,
    ["node_modules/next/dist/bin/next", "build", FLOOR_DIR],
    {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  if (build.status !== 0) throw new Error("next build bench/floor failed");
}

export async function startFloor(port: number, openaiBaseUrl: string): Promise<FloorServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", FLOOR_DIR, "-p", String(port)],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        OPENAI_BASE_URL: openaiBaseUrl,
        OPENAI_API_KEY: "bench",
        CHAT_MODEL: "mock-chat",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`floor app exited early:\n${output}`);
    const ready = await fetch(`${url}/api/chat`, { method: "GET" }).then(
      () => true,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`floor app did not start within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** One reply from the floor, timed like a user's reply through Ingat (first text delta, end). */
export async function chatFloor(
  url: string,
  text: string,
): Promise<{ firstTokenMs: number | null; totalMs: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: randomUUID(),
      messages: [{ id: randomUUID(), role: "user", parts: [{ type: "text", text }] }],
    }),
  });
  if (!response.ok || !response.body) throw new Error(`floor answered ${response.status}`);
  return timeStream(response.body, started, '"type":"text-delta"');
}
