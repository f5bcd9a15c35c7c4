/**
 * A second process for the PGlite lock test: opens the folder given as argv[2], prints "open",
 * writes a row when asked and stays until stdin closes — or prints the error it got on one line.
 */
import { sql } from "drizzle-orm";
import { openPglite } from "@/lib/db/open";

const dataDir = process.argv[2];
try {
  const db = await openPglite(dataDir);
  await db.execute(sql`select 1`);
  process.stdout.write("open\n");
  process.stdin.resume();
  process.stdin.on("end", () => {
    void db.$close().then(() => process.exit(0));
  });
} catch (error) {
  process.stdout.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(3);
}
