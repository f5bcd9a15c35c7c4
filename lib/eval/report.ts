/**
 * The eval's terminal report: aligned plain-text tables (they paste into Markdown as a code
 * block) of the metrics overall, per language and per tag, and the failing cases with why.
 */
import type {
  ExtractionMetrics,
  ExtractionScore,
  Grouped,
  RetrievalMetrics,
  RetrievalScore,
} from "./score";

/** Columns before `leftColumns` (names) are left-aligned, the rest (numbers) right-aligned. */
export function formatTable(headers: string[], rows: string[][], leftColumns = 1): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column < leftColumns
          ? cell.padEnd(widths[column] ?? 0)
          : cell.padStart(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

export function percent(value: number | null): string {
  return value === null ? "–" : `${Math.round(value * 100)}%`;
}

const fraction = (part: number, whole: number) => `${part}/${whole}`;

const EXTRACTION_HEADERS = [
  "",
  "cases",
  "passed",
  "precision",
  "recall",
  "violations",
  "update",
  "forget",
  "lost",
  "errors",
];

function extractionRow(name: string, metrics: ExtractionMetrics): string[] {
  const { violations } = metrics;
  return [
    name,
    String(metrics.cases),
    fraction(metrics.passed, metrics.cases),
    percent(metrics.precision),
    percent(metrics.recall),
    violations.total === 0
      ? "–"
      : `${fraction(violations.hits, violations.total)} (${percent(violations.rate)})`,
    percent(metrics.updateAccuracy),
    percent(metrics.forgetAccuracy),
    String(metrics.lost),
    String(metrics.errors),
  ];
}

export function extractionTables(grouped: Grouped<ExtractionMetrics>): string {
  const overall = [
    extractionRow("all", grouped.all),
    ...Object.entries(grouped.byLang).map(([lang, metrics]) => extractionRow(lang, metrics)),
  ];
  const byTag = Object.entries(grouped.byTag).map(([tag, metrics]) => extractionRow(tag, metrics));
  return [
    formatTable(EXTRACTION_HEADERS, overall),
    "",
    "by tag",
    formatTable(EXTRACTION_HEADERS, byTag),
  ].join("\n");
}

/**
 * The kinds of `not_stored` violation, by the tags of the cases that test them: who said it
 * (the wrong speaker), whether it was meant (hypotheticals, role-play), and text that tries to
 * instruct the memory.
 */
export const VIOLATION_KINDS: [string, string[]][] = [
  [
    "wrong speaker",
    ["assistant-only", "third-person", "pasted", "quoted", "code-block", "one-word"],
  ],
  ["hypothetical or role-play", ["hypothetical", "role-play"]],
  ["injected text", ["injection"]],
  ["secrets", ["secret"]],
  ["sensitive stored as active", ["sensitive"]],
  ["old value kept after an update", ["update"]],
];

export function violationTable(scores: ExtractionScore[]): string {
  const rows = VIOLATION_KINDS.map(([kind, tags]) => {
    const cases = scores.filter((score) => score.tags.some((tag) => tags.includes(tag)));
    const hits = cases.reduce((sum, score) => sum + score.violations.hits.length, 0);
    const total = cases.reduce((sum, score) => sum + score.violations.total, 0);
    return [
      kind,
      tags.join(", "),
      String(cases.length),
      fraction(hits, total),
      percent(total === 0 ? null : hits / total),
    ];
  });
  return formatTable(["not_stored violations", "tags", "cases", "stored", "rate"], rows, 2);
}

const RETRIEVAL_HEADERS = ["", "cases", "passed", "recall", "found"];

function retrievalRow(name: string, metrics: RetrievalMetrics): string[] {
  return [
    name,
    String(metrics.cases),
    fraction(metrics.passed, metrics.cases),
    percent(metrics.recall),
    fraction(metrics.found, metrics.relevant),
  ];
}

export function retrievalTables(grouped: Grouped<RetrievalMetrics>): string {
  const overall = [
    retrievalRow("all", grouped.all),
    ...Object.entries(grouped.byLang).map(([lang, metrics]) => retrievalRow(lang, metrics)),
  ];
  const byTag = Object.entries(grouped.byTag).map(([tag, metrics]) => retrievalRow(tag, metrics));
  return [
    formatTable(RETRIEVAL_HEADERS, overall),
    "",
    "by tag",
    formatTable(RETRIEVAL_HEADERS, byTag),
  ].join("\n");
}

/** One line per failing extraction case, saying each way it failed. */
export function extractionFailures(scores: ExtractionScore[]): string[] {
  return scores
    .filter((score) => !score.passed)
    .map((score) => {
      const reasons = [
        ...score.errors.map((error) => `error: ${error}`),
        ...score.stored.missed.map((miss) => `missed ${miss}`),
        ...score.violations.hits.map((hit) => `stored what it must not: ${hit}`),
        ...score.falsePositives
          .filter((row) => !score.violations.hits.some((hit) => hit.endsWith(row)))
          .map((row) => `unexpected ${row}`),
        ...score.forgotten.kept.map((kept) => `not forgotten ${kept}`),
        ...score.lost.map((row) => `lost ${row}`),
      ];
      return `${score.id} [${score.lang}; ${score.tags.join(", ")}]: ${reasons.join("; ")}`;
    });
}

export function retrievalFailures(scores: RetrievalScore[]): string[] {
  return scores
    .filter((score) => !score.passed)
    .map(
      (score) =>
        `${score.id} [${score.lang}; ${score.tags.join(", ")}]: not in the prompt ${score.missed.join(
          "; ",
        )} (${score.selected} of ${score.memories} memories fit)`,
    );
}

/** The first `limit` lines, and how many were left out. */
export function listLines(lines: string[], limit: number): string {
  if (lines.length <= limit) return lines.map((line) => `  ${line}`).join("\n");
  return [
    ...lines.slice(0, limit).map((line) => `  ${line}`),
    `  … and ${lines.length - limit} more (--verbose lists all; the results file has every case)`,
  ].join("\n");
}
