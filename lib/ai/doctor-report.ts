/**
 * The doctor's report as plain text for a terminal: one column per endpoint, one row per
 * check, then what to change.
 */
import type { DoctorCheck, DoctorReport, EndpointDiagnosis } from "./doctor";

const LABEL = { ok: "ok", warn: "WARN", fail: "FAIL", skip: "--" } as const;
const CELL_WIDTH = 54;

type Row = [label: string, cell: (endpoint: EndpointDiagnosis) => string];

const check =
  (pick: (checks: EndpointDiagnosis["checks"]) => DoctorCheck) => (e: EndpointDiagnosis) => {
    const { status, detail } = pick(e.checks);
    return `${LABEL[status].padEnd(4)} ${detail}`;
  };

const ms = (value: number | null) => (value === null ? "--" : `${value} ms`);

const ROWS: Row[] = [
  ["endpoint", (e) => (e.offline ? "offline model (no key, no base URL)" : (e.baseURL ?? ""))],
  ["model", (e) => e.modelId],
  ["reachable", check((c) => c.reachable)],
  ["key accepted", check((c) => c.key)],
  ["model exists", check((c) => c.model)],
  ["streaming", check((c) => c.streaming)],
  ["structured output", check((c) => c.structuredOutput)],
  ["first token", (e) => ms(e.firstTokenMs)],
  ["reply total", (e) => ms(e.totalMs)],
  ["extraction call", (e) => ms(e.extractionMs)],
];

export function formatDoctorReport(report: DoctorReport): string {
  const labelWidth = Math.max(...ROWS.map(([label]) => label.length)) + 2;
  const line = (label: string, cells: string[]) =>
    `${label.padEnd(labelWidth)}${cells.map((cell) => truncate(cell).padEnd(CELL_WIDTH + 2)).join("")}`.trimEnd();

  const lines = [
    `Ingat doctor: model endpoints (${report.checkedAt})`,
    "",
    line(
      "",
      report.endpoints.map((endpoint) => endpoint.role),
    ),
    ...ROWS.map(([label, cell]) => line(label, report.endpoints.map(cell))),
    "",
  ];
  const fixes = report.endpoints.flatMap((endpoint) =>
    endpoint.fixes.map((fix) => `- ${endpoint.role}: ${fix}`),
  );
  if (fixes.length) lines.push("What to change:", ...fixes, "");
  const failed = report.endpoints.flatMap((endpoint) =>
    Object.values(endpoint.checks).filter((c) => c.status === "fail"),
  ).length;
  lines.push(report.ok ? "Result: every check passed." : `Result: ${failed} check(s) failed.`);
  return lines.join("\n");
}

function truncate(text: string): string {
  return text.length <= CELL_WIDTH ? text : `${text.slice(0, CELL_WIDTH - 1)}…`;
}
