/**
 * The report in a real browser: headless Chromium (Debian package
 * `chromium`, driven by playwright-core) opens the file from disk with the
 * network cut off, every chart must have rendered with data, the console
 * must stay free of errors, and a screenshot is saved to
 * packages/report/test-output/report.png. Skipped, saying why, where
 * /usr/bin/chromium is missing (.ci/run installs it).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { backendSection, renderReport, resultSections, seriesSections } from "../src/index.js";
import { BACKENDS, RESULT, SERIES } from "./fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const out = join(dirname(fileURLToPath(import.meta.url)), "../test-output");

describe.skipIf(!existsSync(CHROMIUM))(`report in headless Chromium (needs ${CHROMIUM})`, () => {
  it("renders every chart with data, offline, with no console errors", { timeout: 60_000 }, async () => {
    mkdirSync(out, { recursive: true });
    const html = renderReport({
      title: "ksm-sim report",
      subtitle: "test",
      sections: [...resultSections(RESULT), ...seriesSections(SERIES, "density"), backendSection(BACKENDS)],
    });
    const file = join(out, "report.html");
    writeFileSync(file, html);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const context = await browser.newContext({ offline: true, viewport: { width: 1360, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      const requests: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith("file:")) requests.push(r.url());
      });
      await page.goto(pathToFileURL(file).href);
      const charts = await page.$$eval("svg.chart", (svgs) =>
        svgs.map((s) => {
          const box = s.getBoundingClientRect();
          return {
            id: s.id,
            points: Number(s.getAttribute("data-points")),
            marks: s.querySelectorAll("polyline, rect:not(.legend rect), circle").length,
            width: box.width,
            height: box.height,
          };
        }),
      );
      expect(charts.length).toBe(11);
      for (const c of charts) {
        expect(c.points, c.id).toBeGreaterThan(0);
        expect(c.marks, c.id).toBeGreaterThan(0);
        expect(c.width, c.id).toBeGreaterThan(300);
        expect(c.height, c.id).toBeGreaterThan(100);
      }
      expect(await page.getAttribute("body", "data-charts")).toBe("11");
      // the legend works: a click dims its series
      await page.click("#r-counters g.legend >> nth=0");
      expect(await page.$eval("#r-counters g.series", (g) => g.classList.contains("off"))).toBe(true);
      await page.screenshot({ path: join(out, "report.png"), fullPage: true });
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
