import { requireAdmin } from "@/lib/admin/access";
import { createInvite } from "@/lib/admin/registration";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";

/** A new single-use sign-up link. Its token is shown this once: only its hash is stored. */
export const POST = route(async () => {
  const admin = await requireAdmin();
  const invite = await createInvite(await getDb(), { adminId: admin.id });
  return Response.json(
    { invite: { path: invite.path, expiresAt: invite.expiresAt.toISOString() } },
    { status: 201 },
  );
});
