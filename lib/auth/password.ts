/** Password hashing with Argon2id (OWASP's first choice); passwords are never stored in clear. */
import "server-only";
import { hash, verify } from "@node-rs/argon2";

// A hash of a random string, verified against when an email is unknown so a wrong email takes
// as long as a wrong password and the response time reveals nothing.
let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string | undefined, password: string) {
  if (!passwordHash) {
    dummyHash ??= hash(crypto.randomUUID());
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
