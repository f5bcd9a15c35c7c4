/**
 * The memory export as a streamed JSON file: the same document as `exportMemories`, written a
 * batch of memories at a time, so a large export neither waits for nor holds all of it at once.
 */
import "server-only";
import type { Executor } from "@/lib/db/open";
import { EXPORT_FORMAT_VERSION } from "./export-format";
import { exportMemoryBatches } from "./queries";

const indent = (json: string, spaces: number) => json.replaceAll("\n", `\n${" ".repeat(spaces)}`);

export function memoryExportStream(
  db: Executor,
  userId: string,
  exportedAt: Date,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = exportMemoryBatches(db, userId);
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const head = `{\n  "version": ${EXPORT_FORMAT_VERSION},\n  "exported_at": ${JSON.stringify(exportedAt.toISOString())},\n  "memories": [`;
      controller.enqueue(encoder.encode(head));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        controller.enqueue(encoder.encode(first ? "]\n}\n" : "\n  ]\n}\n"));
        controller.close();
        return;
      }
      const items = next.value.map((item) => `\n    ${indent(JSON.stringify(item, null, 2), 4)}`);
      if (items.length === 0) return;
      controller.enqueue(encoder.encode(`${first ? "" : ","}${items.join(",")}`));
      first = false;
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
