/**
 * Import of text pasted from another assistant ("what do you know about me?"): `{ "text": "…" }`.
 * The extraction model reads it, the write gate checks every item against it, and everything
 * that passes lands in Review as a suggestion marked imported. Answers `{ suggestions, rejected,
 * skipped }`; 502 when the extraction model cannot be reached (nothing is written then).
 */
import { z } from "zod";
import { callExtractionModel } from "@/lib/ai/extraction";
import { parseJsonBody, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { importPastedText, MAX_PASTE_CHARS } from "@/lib/memory/import-text";
import { listMemoryKeys } from "@/lib/memory/queries";
import { withReplacedMemories } from "@/lib/memory/views";

const pasteSchema = z.strictObject({
  text: z
    .string("must be text")
    .trim()
    .min(1, "is required: paste what the other assistant knows about you")
    .max(
      MAX_PASTE_CHARS,
      `is too long (at most ${MAX_PASTE_CHARS.toLocaleString("en")} characters)`,
    ),
});

export const POST = route(async (request) => {
  const user = await requireUser();
  const { text } = await parseJsonBody(request, pasteSchema, { maxBytes: 4 * MAX_PASTE_CHARS });
  const db = await getDb();
  const env = getEnv();
  const extraction = await callExtractionModel({
    userMessage: text,
    assistantMessage: "",
    earlierTurns: [],
    memoryKeys: await listMemoryKeys(db, user.id),
    today: new Date().toISOString().slice(0, 10),
    pastedDescription: true,
  }).catch(() => {
    throw new AppError(
      "model_unavailable",
      "The extraction model could not read the text just now. Nothing was imported; try again.",
    );
  });
  const result = await importPastedText(db, {
    userId: user.id,
    text,
    output: extraction.output,
    thresholds: {
      minConfidence: env.MEMORY_MIN_CONFIDENCE,
      autoAcceptConfidence: env.MEMORY_AUTO_ACCEPT_CONFIDENCE,
    },
  });
  return Response.json({
    suggestions: await withReplacedMemories(db, user.id, result.suggestions),
    rejected: result.rejected,
    skipped: result.skipped,
  });
});
