// The Node.js line Ingat runs on is package.json's `engines.node` minimum. Plain JavaScript on
// purpose: it must run, and explain itself, on the old Node it refuses.

/** The minimum version, e.g. "24.11.0", from an engines range of the form ">=24.11.0". */
export function minimumNodeVersion(enginesRange) {
  return enginesRange.replace(/^>=\s*/, "").trim();
}

/** The one-line reason `version` cannot run Ingat, or null when it can. */
export function nodeVersionProblem(version, minimum) {
  const parts = (text) =>
    text
      .replace(/^v/, "")
      .split(".")
      .map((part) => Number(part) || 0);
  const have = parts(version);
  const need = parts(minimum);
  for (let index = 0; index < 3; index++) {
    if ((have[index] ?? 0) > (need[index] ?? 0)) return null;
    if ((have[index] ?? 0) < (need[index] ?? 0)) {
      return `Ingat needs Node.js ${minimum} or newer (the ${need[0]} LTS line); this is ${version}. Install Node ${need[0]} LTS from https://nodejs.org or with \`nvm install\` (reads .nvmrc).`;
    }
  }
  return null;
}
