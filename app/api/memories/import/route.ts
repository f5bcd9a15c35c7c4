/**
 * Imports an Ingat export file (the body is the file itself) in one transaction, merged by the
 * conflict rule; importing the same file again changes nothing. Answers the same report as
 * /api/memories/import/preview, now of what was done.
 */
import { parseJsonBody, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { MAX_IMPORT_FILE_BYTES, memoryExportFileSchema } from "@/lib/memory/export-format";
import { applyMemoryImport } from "@/lib/memory/import-file";

export const POST = route(async (request) => {
  const user = await requireUser();
  const file = await parseJsonBody(request, memoryExportFileSchema, {
    maxBytes: MAX_IMPORT_FILE_BYTES,
  });
  const report = await applyMemoryImport(await getDb(), user.id, file);
  return Response.json(report);
});
