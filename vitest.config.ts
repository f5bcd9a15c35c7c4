import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = { "@": root, "server-only": `${root}lib/testing/server-only-stub.ts` };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,components,app,e2e}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/*.rel.test.ts", "node_modules/**"],
          environment: "node",
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["{lib,app}/**/*.int.test.ts"],
          environment: "node",
          // Safety nets, not speed checks: opening PGlite with its extensions and seeding
          // 10,000 memories took over 30 s on a loaded 2-core machine.
          testTimeout: 90_000,
          hookTimeout: 180_000,
          // PGlite instances are memory-hungry; two files at a time suits a 2-core machine.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          // `npm run test:reliability`: the production build under crashes, faulty model
          // endpoints, load and hostile clients. Each file runs its own server on the same
          // ports, so files run one after another.
          name: "reliability",
          include: ["e2e/reliability/**/*.rel.test.ts"],
          environment: "node",
          globalSetup: ["e2e/reliability/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
