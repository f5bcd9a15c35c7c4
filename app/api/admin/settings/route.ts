import { requireAdmin } from "@/lib/admin/access";
import {
  getRegistrationMode,
  registrationModeSchema,
  setRegistrationMode,
} from "@/lib/admin/registration";
import { parseJsonBody } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";

export const GET = route(async () => {
  await requireAdmin();
  return Response.json({ registrationMode: await getRegistrationMode(await getDb()) });
});

/** `{ registrationMode: "open" | "invite" | "closed" }`, for every server on this database. */
export const PUT = route(async (request) => {
  const admin = await requireAdmin();
  const { registrationMode } = await parseJsonBody(request, registrationModeSchema, {
    maxBytes: 4096,
  });
  const mode = await setRegistrationMode(await getDb(), {
    adminId: admin.id,
    mode: registrationMode,
  });
  return Response.json({ registrationMode: mode });
});
