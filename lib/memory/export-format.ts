/**
 * Ingat's memory export file, as written by the export and read back by the import. The format
 * is versioned: `version` 1 is the current one; a file without `version` (exports from before
 * the field existed) has the same shape and is read as version 1. A file from a newer Ingat is
 * refused rather than half-read.
 *
 * Only what a memory is travels back in: ids, keys and timestamps of creation are the importing
 * database's own. Each field has the limits of a memory written by hand, so a crafted file cannot
 * store more than the memory page could.
 */
import { z } from "zod";
import { MEMORY_SOURCES, MEMORY_STATUSES } from "@/lib/db/schema";
import { cleanDetail, cleanTopic, normalizeCategory, topicKey } from "./normalize";
import { MEMORY_TYPES } from "./vocabulary";

export const EXPORT_FORMAT_VERSION = 1;
/** The largest file the import reads (the JSON body of the import routes). */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_MEMORIES = 5000;

const timestamp = z.iso.datetime({ offset: true, message: "must be an ISO date and time" });

const importedMemorySchema = z.object({
  type: z.enum(MEMORY_TYPES, "must be fact, interest, goal or dislike"),
  category: z.string().max(60, "is too long").transform(normalizeCategory),
  topic: z
    .string()
    .transform(cleanTopic)
    .pipe(z.string().min(1, "is required").max(120, "is too long"))
    .refine((topic) => topicKey(topic) !== "", "needs a word"),
  detail: z
    .string()
    .transform(cleanDetail)
    .pipe(z.string().min(1, "is required").max(1000, "is too long")),
  confidence_score: z.number().min(0, "must be 0 to 1").max(1, "must be 0 to 1"),
  source_text: z.string().max(2000, "is too long").nullable().default(null),
  source: z.enum(MEMORY_SOURCES, "must be inferred, explicit or user"),
  status: z.enum(MEMORY_STATUSES, "must be active or suggested"),
  confirmed_at: timestamp.nullable().default(null),
  chat_id: z.string().nullable().default(null),
  message_id: z.string().nullable().default(null),
  imported: z.boolean("must be true or false").default(false),
  observed_at: timestamp,
  last_seen_at: timestamp,
});

export const memoryExportFileSchema = z.object({
  version: z
    .number("must be a number")
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(
      EXPORT_FORMAT_VERSION,
      `is from a newer Ingat: this one reads version ${EXPORT_FORMAT_VERSION}`,
    )
    .default(EXPORT_FORMAT_VERSION),
  memories: z
    .array(importedMemorySchema, "must be a list of memories")
    .max(MAX_IMPORT_MEMORIES, `holds more than ${MAX_IMPORT_MEMORIES} memories`),
});

export type MemoryExportFile = z.output<typeof memoryExportFileSchema>;
export type ImportedMemory = MemoryExportFile["memories"][number];
