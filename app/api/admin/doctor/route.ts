import { requireAdmin } from "@/lib/admin/access";
import { runDoctor } from "@/lib/ai/doctor";
import { route } from "@/lib/api/respond";

/** The same check of the model endpoints as `npm run doctor`, on demand. */
export const POST = route(async () => {
  await requireAdmin();
  return Response.json({ report: await runDoctor({ timeoutMs: 20_000 }) });
});
