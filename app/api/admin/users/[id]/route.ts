import { requireAdmin } from "@/lib/admin/access";
import {
  adminDeletionSchema,
  deleteUserAsAdmin,
  disableSchema,
  setUserDisabled,
} from "@/lib/admin/users";
import { parseId, parseJsonBody } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";

type Params = { id: string };

/** `{ disabled: true | false }`: disable or enable the account. */
export const PATCH = route<Params>(async (request, { params }) => {
  const admin = await requireAdmin();
  const userId = parseId((await params).id, "User not found");
  const { disabled } = await parseJsonBody(request, disableSchema, { maxBytes: 4096 });
  await setUserDisabled(await getDb(), { adminId: admin.id, userId, disabled });
  return Response.json({ user: { id: userId, disabled } });
});

/** `{ email }`, typed by the admin to confirm: deletes the account and everything in it. */
export const DELETE = route<Params>(async (request, { params }) => {
  const admin = await requireAdmin();
  const userId = parseId((await params).id, "User not found");
  const { email } = await parseJsonBody(request, adminDeletionSchema, { maxBytes: 4096 });
  await deleteUserAsAdmin(await getDb(), { adminId: admin.id, userId, email });
  return new Response(null, { status: 204 });
});
