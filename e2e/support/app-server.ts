/**
 * Starts the production build of Ingat as a child process on a port of its own, for the bench
 * and the reliability suite (which must kill -9 and restart it). It needs `next build` first.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";

export type AppServerOptions = {
  port: number;
  /** Interface to listen on, e.g. "127.0.0.1" (default: Next's, all interfaces; URL on localhost). */
  hostname?: string;
  /** A fresh PGlite folder for this server (removed at start unless `keepData`), or… */
  pgliteDir?: string;
  /** …a Postgres URL. */
  databaseUrl?: string;
  chatBaseUrl: string;
  extractionBaseUrl: string;
  env?: Record<string, string>;
  /** Variables to leave out of the server's environment (e.g. OPENAI_BASE_URL for the offline model). */
  unsetEnv?: string[];
  keepData?: boolean;
  /** Extra flags for node, e.g. `["--cpu-prof", "--cpu-prof-dir=/tmp/prof"]` to profile it. */
  nodeArgs?: string[];
  /** Print the server's output (default: only on failure to start). */
  verbose?: boolean;
};

export type AppServer = {
  url: string;
  /** The server's process id (the bench reads its CPU time). */
  pid: number;
  /** Sends a signal and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the same server again on the same data. */
  restart(): Promise<AppServer>;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
};

/** The environment of an app server (or of a worker beside it) with these options. */
export function appEnvironment(
  options: Omit<AppServerOptions, "port" | "hostname" | "nodeArgs" | "verbose">,
): Record<string, string> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: "test-secret-not-for-production-0123456789abcdef",
    AUTH_TRUST_HOST: "true",
    OPENAI_BASE_URL: options.chatBaseUrl,
    OPENAI_API_KEY: "mock-chat-key",
    CHAT_MODEL: "mock-chat",
    EXTRACTION_BASE_URL: options.extractionBaseUrl,
    EXTRACTION_API_KEY: "mock-extraction-key",
    EXTRACTION_MODEL: "mock-extraction",
    // Every test user registers, signs in and writes memories from this one machine.
    CHAT_RATE_LIMIT_PER_MINUTE: "100000",
    SIGN_UP_LIMIT_PER_ADDRESS: "100000",
    SIGN_IN_LIMIT_PER_ADDRESS: "100000",
    MEMORY_WRITE_RATE_LIMIT_PER_MINUTE: "100000",
    EXTRACTION_WORKER_INTERVAL_MS: "500",
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.PGLITE_DIR;
  for (const name of options.unsetEnv ?? []) delete env[name];
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else if (options.pgliteDir) env.PGLITE_DIR = options.pgliteDir;
  return env;
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  if (options.pgliteDir && !options.keepData)
    rmSync(options.pgliteDir, { recursive: true, force: true });
  const env = appEnvironment(options);

  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      "node_modules/next/dist/bin/next",
      "start",
      "-p",
      String(options.port),
      // As `npm start` does: idle connections outlive a proxy's (and a test client's) reuse.
      "--keepAliveTimeout",
      "65000",
      ...(options.hostname ? ["-H", options.hostname] : []),
    ],
    { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (options.verbose) process.stdout.write(chunk);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const url = `http://${options.hostname ?? "localhost"}:${options.port}`;
  await waitUntilReady(url, child, () => output);
  return {
    url,
    pid: child.pid ?? 0,
    stop: (signal = "SIGTERM") => stopProcess(child, signal),
    restart: () => startAppServer({ ...options, keepData: true }),
    output: () => output,
  };
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app server exited early:\n${output()}`);
    try {
      const response = await fetch(`${url}/login`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`app server did not start within 60 s:\n${output()}`);
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
