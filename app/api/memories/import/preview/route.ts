/**
 * What importing an Ingat export file would do, without writing anything: the body is the file
 * itself. Answers `{ added, updated, skipped, items: [{ outcome, reason, type, category, topic,
 * detail, status }] }`. 413 over the file limit, 400 for broken JSON or a field of the wrong
 * shape (named in `field`, e.g. "memories.3.detail").
 */
import { parseJsonBody, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { MAX_IMPORT_FILE_BYTES, memoryExportFileSchema } from "@/lib/memory/export-format";
import { previewMemoryImport } from "@/lib/memory/import-file";

export const POST = route(async (request) => {
  const user = await requireUser();
  const file = await parseJsonBody(request, memoryExportFileSchema, {
    maxBytes: MAX_IMPORT_FILE_BYTES,
  });
  const report = await previewMemoryImport(await getDb(), user.id, file);
  return Response.json(report, { headers: { "Cache-Control": "no-store" } });
});
