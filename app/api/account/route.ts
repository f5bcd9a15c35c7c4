import { parseJsonBody } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { registerAccount, registrationSchema } from "@/lib/auth/credentials";
import { getDb } from "@/lib/db/client";

/**
 * Creates an account for API clients (the sign-up page uses a server action with the same
 * rules). Sign in afterwards through Auth.js: /api/auth/csrf, then /api/auth/callback/credentials.
 */
export const POST = route(async (request) => {
  const input = await parseJsonBody(request, registrationSchema, { maxBytes: 4096 });
  const user = await registerAccount(await getDb(), input);
  return Response.json({ user: { id: user.id, email: user.email } }, { status: 201 });
});
