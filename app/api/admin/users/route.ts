import { requireAdmin } from "@/lib/admin/access";
import { listUsers } from "@/lib/admin/users";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";

export const GET = route(async () => {
  const admin = await requireAdmin();
  return Response.json({ users: await listUsers(await getDb(), { adminId: admin.id }) });
});
