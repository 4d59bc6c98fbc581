import { defineConfig } from "vitest/config";

/** Every package and app is one vitest project; `pnpm test` runs them all. */
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "tools/repo-checks"],
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
  },
});
