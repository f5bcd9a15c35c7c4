/**
 * Import of text pasted from another assistant — its answer to "what do you know about me?".
 * The extraction model has read the paste; its output goes through the write gate with the
 * paste as the evidence, read as a description of the user ("You live in Bandung" is the user's
 * fact, see speaker.ts). Every item that passes lands in Review as a suggestion marked
 * imported, whatever the model claimed: nothing another assistant says becomes a memory until
 * the user accepts it, and a paste never forgets anything. The conflict rule still applies: a
 * suggestion against an existing memory says what it would change; what the user already has,
 * or has said more recently, is skipped.
 */
import "server-only";
import type { Executor } from "@/lib/db/open";
import { decideConflict } from "./conflict";
import type { ExtractionOutput } from "./extraction-schema";
import { screenExtraction } from "./gate";
import { recordHistory } from "./history";
import { type MemoryRow, snapshotOf } from "./memory-row";
import { insertMemory, lockKeyRows, updateMemory } from "./store";

/** The longest paste read (the write gate reads no further either). */
export const MAX_PASTE_CHARS = 20_000;

export type PastedTextImport = {
  userId: string;
  text: string;
  output: ExtractionOutput;
  thresholds: { minConfidence: number; autoAcceptConfidence: number };
  now?: Date;
};

export type PastedTextResult = {
  /** The suggestions written, for Review. */
  suggestions: MemoryRow[];
  /** Items (and forgets) the write gate refused. */
  rejected: number;
  /** Items the user already has, or has stated more recently. */
  skipped: number;
};

export async function importPastedText(
  db: Executor,
  input: PastedTextImport,
): Promise<PastedTextResult> {
  const screening = screenExtraction(input.output, {
    userMessage: input.text,
    voice: "about_user",
    ...input.thresholds,
  });
  const observedAt = input.now ?? new Date();
  const rejected = screening.rejected.length + input.output.forget.length;
  const items = [...screening.accepted].sort((a, b) =>
    `${a.category}\u0000${a.topicKey}` < `${b.category}\u0000${b.topicKey}` ? -1 : 1,
  );
  return db.transaction(async (tx) => {
    const suggestions: MemoryRow[] = [];
    let skipped = 0;
    for (const item of items) {
      const stored = await lockKeyRows(tx, { userId: input.userId, ...item });
      const decision = decideConflict(
        { ...item, source: "inferred", status: "suggested", observedAt },
        stored,
      );
      // A suggestion (never active, never explicit) can only create or change a suggestion;
      // the same thing seen again is already known.
      if (decision.kind !== "create" && decision.kind !== "suggest") {
        skipped += 1;
        continue;
      }
      const values = {
        type: item.type,
        category: item.category,
        topic: item.topic,
        topicKey: item.topicKey,
        detail: item.detail,
        confidenceScore: item.confidence,
        sourceText: item.sourceText,
        source: "inferred" as const,
        status: "suggested" as const,
        confirmedAt: null,
        imported: true,
        chatId: null,
        messageId: null,
        replacesMemoryId: decision.kind === "suggest" ? decision.replacesMemoryId : null,
        observedAt,
        lastSeenAt: observedAt,
      };
      const before =
        decision.kind === "suggest" && decision.suggestionId ? stored.suggestion : null;
      const row = before
        ? await updateMemory(tx, { userId: input.userId, memoryId: before.id }, values)
        : await insertMemory(tx, { ...values, userId: input.userId });
      // Only a concurrent write of the same key's suggestion returns nothing: it is there now.
      if (!row) {
        skipped += 1;
        continue;
      }
      await recordHistory(tx, {
        userId: input.userId,
        memoryId: row.id,
        actor: "extractor",
        action: "imported",
        before: before && snapshotOf(before),
        after: snapshotOf(row),
      });
      suggestions.push(row);
    }
    return { suggestions, rejected, skipped };
  });
}
