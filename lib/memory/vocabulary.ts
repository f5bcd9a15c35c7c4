/**
 * The words memories are filed under, shared by the server (extraction schema, queries) and the
 * memory page. No imports, so client components can use it without pulling in server code.
 */
export const MEMORY_TYPES = ["fact", "interest", "goal", "dislike"] as const;
export type MemoryType = (typeof MEMORY_TYPES)[number];

/** Offered to the extraction model and in the memory form; any lower-case word is allowed. */
export const SUGGESTED_CATEGORIES = [
  "work",
  "education",
  "location",
  "family",
  "hobbies",
  "food",
  "health",
  "travel",
  "media",
  "tech",
  "language",
  "lifestyle",
  "other",
] as const;
