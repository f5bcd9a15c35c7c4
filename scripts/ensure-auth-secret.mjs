// Runs before `npm run dev`: Auth.js needs AUTH_SECRET, so a fresh clone gets a random one in
// .env.local (git-ignored) instead of an error. An existing value is never touched.
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";

const files = [".env", ".env.local"];
const defined =
  Boolean(process.env.AUTH_SECRET) ||
  files.some(
    (file) => existsSync(file) && /^\s*AUTH_SECRET\s*=\s*\S/m.test(readFileSync(file, "utf8")),
  );

if (!defined) {
  const secret = randomBytes(32).toString("base64url");
  const prefix =
    existsSync(".env.local") && !readFileSync(".env.local", "utf8").endsWith("\n") ? "\n" : "";
  appendFileSync(
    ".env.local",
    `${prefix}# Generated on first run by scripts/ensure-auth-secret.mjs\nAUTH_SECRET=${secret}\n`,
  );
  console.log("Generated AUTH_SECRET in .env.local");
}
