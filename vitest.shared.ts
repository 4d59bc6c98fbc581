/** The one vitest project config every package reuses: tests run against sources, not dist. */
export function ksmSimProject(name: string) {
  return {
    resolve: { conditions: ["@ksm-sim/source"] },
    ssr: { resolve: { conditions: ["@ksm-sim/source"] } },
    test: { name, include: ["test/**/*.test.ts"] },
  };
}
