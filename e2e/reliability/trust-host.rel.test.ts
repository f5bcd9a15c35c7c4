/**
 * `npm run build && npm start` on a machine of one's own, without setting AUTH_TRUST_HOST: signing
 * up and in works, and pages are served instead of an error or a redirect loop.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { type AppServer, startAppServer } from "@/e2e/support/app-server";
import { createHttpUser } from "@/e2e/support/http-session";
import { RELIABILITY_PORTS } from "./support";

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({
    port: RELIABILITY_PORTS.app,
    pgliteDir: ".data/reliability-trust-host-pglite",
    chatBaseUrl: "http://127.0.0.1:9/v1",
    extractionBaseUrl: "http://127.0.0.1:9/v1",
    unsetEnv: ["AUTH_TRUST_HOST", "AUTH_URL"],
  });
});

afterAll(async () => {
  await server?.stop();
});

test("without AUTH_TRUST_HOST a new user signs up, signs in and gets the app's pages", async () => {
  const user = await createHttpUser(server.url, "trust-host");
  const home = await user.fetch("/", { redirect: "manual" });
  expect(home.status).toBe(200);
  const signedOut = await fetch(`${server.url}/login`, { redirect: "manual" });
  expect(signedOut.status).toBe(200);
  expect(server.output()).not.toContain("UntrustedHost");
  console.log("trust-host: signed up and in without AUTH_TRUST_HOST; / and /login answered 200");
});
