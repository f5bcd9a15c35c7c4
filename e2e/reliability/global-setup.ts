// Builds the app once before the reliability files run (skipped when a build exists, e.g.
// after the e2e step of `npm test`).
import { ensureBuild } from "./support";

export default function setup(): void {
  ensureBuild();
}
