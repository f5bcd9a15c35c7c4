// Names the failed tests in a Vitest or Playwright JSON report, with the first line of each
// error, so the end of a long CI log says what broke.
const ansiColour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const firstLine = (text) =>
  (
    (text ?? "")
      .replace(ansiColour, "")
      .split("\n")
      .find((line) => line.trim()) ?? ""
  ).trim();

function vitestFailures(report) {
  const failures = [];
  for (const file of report.testResults ?? []) {
    const failedAssertions = (file.assertionResults ?? []).filter(
      (test) => test.status === "failed",
    );
    for (const test of failedAssertions) {
      failures.push(`${file.name}: ${test.fullName} — ${firstLine(test.failureMessages?.[0])}`);
    }
    if (failedAssertions.length === 0 && file.status === "failed") {
      failures.push(`${file.name}: ${firstLine(file.message)}`);
    }
  }
  return failures;
}

function playwrightFailures(report) {
  const failures = [];
  const walk = (suite, parentTitles) => {
    // The top suite is the file, which each failure already names.
    const titles =
      suite.title && suite.title !== suite.file ? [...parentTitles, suite.title] : parentTitles;
    for (const spec of suite.specs ?? []) {
      if (spec.ok) continue;
      const error = spec.tests?.flatMap((test) => test.results ?? []).find((r) => r.error)?.error;
      failures.push(
        `${spec.file}:${spec.line} ${[...titles, spec.title].join(" › ")} — ${firstLine(error?.message)}`,
      );
    }
    for (const child of suite.suites ?? [])
      walk(child, suite.title ? [...titles, suite.title] : titles);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  for (const error of report.errors ?? []) failures.push(firstLine(error.message));
  return failures;
}

export function failedTests(report) {
  return Array.isArray(report.testResults) ? vitestFailures(report) : playwrightFailures(report);
}
