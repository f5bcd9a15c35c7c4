/**
 * Starts `npm run worker` (scripts/worker.ts) as a child process beside app servers started by
 * app-server.ts, with the same environment: extraction in a process of its own.
 */
import { spawn } from "node:child_process";
import { type AppServerOptions, appEnvironment, stopProcess } from "./app-server";

export type WorkerProcess = {
  pid: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
  output(): string;
};

export async function startWorkerProcess(
  options: Pick<
    AppServerOptions,
    "databaseUrl" | "chatBaseUrl" | "extractionBaseUrl" | "env" | "unsetEnv"
  >,
): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    // tsx as a loader, not its CLI: the CLI runs the script in a child process, which a kill of
    // the CLI's pid would leave running.
    ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"],
    { env: appEnvironment(options) as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const deadline = Date.now() + 60_000;
  while (!output.includes("[worker] running")) {
    if (child.exitCode !== null) throw new Error(`worker exited early:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`worker did not start within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    pid: child.pid ?? 0,
    stop: (signal = "SIGTERM") => stopProcess(child, signal),
    output: () => output,
  };
}
