/**
 * PGlite is a single-process database: two processes writing one folder corrupt it silently.
 * The process that opens a folder writes its pid to a lock file inside it; another process that
 * finds the file with a live pid refuses to start, one that finds a dead pid (a crash, kill -9)
 * takes the lock over. The lock goes when the database is closed or the process exits.
 */
import "server-only";
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

export const LOCK_FILE_NAME = "ingat.lock";

export class PgliteFolderInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The PGlite folder ${dataDir} is in use by process ${pid} (another Ingat server?). PGlite allows one process per folder: stop that process (if it is not Ingat, delete ${path.join(dataDir, LOCK_FILE_NAME)}), or set DATABASE_URL to share a Postgres server.`,
    );
    this.name = "PgliteFolderInUseError";
  }
}

/** Takes the folder's lock for this process; returns the function that releases it. */
export function lockPgliteFolder(dataDir: string): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return onceReleased(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = lockHolder(lockPath);
    if (holder === process.pid) return () => {}; // this process holds it already
    if (holder !== null && isAlive(holder)) throw new PgliteFolderInUseError(dataDir, holder);
    unlinkSync(lockPath); // stale: its process is gone
  }
  throw new Error(`Could not take the lock ${lockPath}: another process keeps taking it.`);
}

function onceReleased(lockPath: string): () => void {
  const release = () => {
    process.off("exit", release);
    try {
      if (lockHolder(lockPath) === process.pid) unlinkSync(lockPath);
    } catch {
      // gone already
    }
  };
  process.on("exit", release);
  return release;
}

function lockHolder(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
