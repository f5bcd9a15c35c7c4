/**
 * A sign-in refused for too many attempts, as Auth.js carries it: `authorize` throws it (Auth.js
 * redirects with `code=rate_limited`, and the sign-in form, a server action, receives the error
 * itself) and notes the wait for the sign-in endpoint, which answers 429 instead.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { CredentialsSignin } from "next-auth";

/**
 * What Auth.js's `authorize` throws for a throttled sign-in. Auth.js redirects with
 * `code=rate_limited`; the sign-in form (a server action) receives the error itself.
 */
export class SignInThrottled extends CredentialsSignin {
  code = "rate_limited";
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super("sign-in throttled");
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * The sign-in endpoint answers a throttled attempt with 429 rather than Auth.js's redirect:
 * `authorize` notes the wait here, and the route reads it after Auth.js has answered.
 */
const throttledSignIn = new AsyncLocalStorage<{ retryAfterSeconds?: number }>();

export async function withSignInThrottleNote<T>(
  run: () => Promise<T>,
): Promise<{ result: T; retryAfterSeconds?: number }> {
  const note: { retryAfterSeconds?: number } = {};
  const result = await throttledSignIn.run(note, run);
  return { result, retryAfterSeconds: note.retryAfterSeconds };
}

export function noteSignInThrottled(retryAfterSeconds: number): void {
  const note = throttledSignIn.getStore();
  if (note) note.retryAfterSeconds = retryAfterSeconds;
}
