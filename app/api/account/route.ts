import { z } from "zod";
import { parseJsonBody } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { registerAccount, registrationSchema } from "@/lib/auth/credentials";
import { limitSignUp, requestAddress } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db/client";

/**
 * Creates an account for API clients (the sign-up page uses a server action with the same
 * rules and limits, and `invite` when registration needs an invite). Sign in afterwards through Auth.js: /api/auth/csrf, then /api/auth/callback/credentials.
 */
export const POST = route(async (request) => {
  const input = await parseJsonBody(
    request,
    registrationSchema.extend({ invite: z.string().max(200).optional() }),
    { maxBytes: 4096 },
  );
  const db = await getDb();
  await limitSignUp(db, { address: requestAddress(request.headers) });
  const user = await registerAccount(db, input);
  return Response.json({ user: { id: user.id, email: user.email } }, { status: 201 });
});
