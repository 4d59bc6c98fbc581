/** The one vitest project config every package reuses: tests run against sources, not dist. */
export function ksmSimProject(name: string) {
  return {
    resolve: { conditions: ["@ksm-sim/source"] },
    ssr: { resolve: { conditions: ["@ksm-sim/source"] } },
    // KSM_SIM_CHECK_WALKS: every shortcut of a trusted unstable-tree walk is checked the verified way (packages/ksm)
    test: { name, include: ["test/**/*.test.ts"], env: { KSM_SIM_CHECK_WALKS: "1" } },
  };
}
