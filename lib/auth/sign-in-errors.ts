/** How Auth.js errors are told apart for logging. */
// The same classes next-auth re-exports, without its Next.js entry (which unit tests cannot load).
import { CredentialsSignin } from "@auth/core/errors";

/**
 * A wrong email or password is an expected outcome, not a server error worth a log line. Checked
 * by class and by Auth.js's `type`, never by `name`: the production build minifies class names.
 */
export function isFailedSignIn(error: unknown): boolean {
  return (
    error instanceof CredentialsSignin ||
    (error as { type?: unknown } | null)?.type === CredentialsSignin.type
  );
}
