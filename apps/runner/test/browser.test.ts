import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { cli, PRICES, ROOT, tempDir, writeTemp } from './helpers.js';

/**
 * The reports as a person sees them: Debian's chromium, headless, loads a
 * job report and the batch index from file://; no console errors, no failed
 * requests, charts drawn with real size, a screenshot that is not blank.
 * Chromium must be there in CI (.ci/run installs it); elsewhere the test is
 * skipped when it is missing.
 */
const CHROMIUM = process.env.TAILFORGE_CHROMIUM ?? '/usr/bin/chromium';
const HAVE = existsSync(CHROMIUM);
const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
if (!HAVE && !IN_CI) {
  process.stderr.write(`browser.test: skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set TAILFORGE_CHROMIUM); in CI it is required\n`);
}
const maybe = HAVE || IN_CI ? describe : describe.skip;

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

interface Visit {
  errors: string[];
  failed: string[];
}

async function visit(page: Page, url: string): Promise<Visit> {
  const v: Visit = { errors: [], failed: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') v.errors.push(m.text());
  });
  page.on('pageerror', (e) => v.errors.push(String(e)));
  page.on('requestfailed', (r) => v.failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  await page.goto(url, { waitUntil: 'load' });
  return v;
}

maybe('reports in headless Chromium', () => {
  let browser: Browser;
  let out: string;
  let shots: string;
  beforeAll(async () => {
    expect(HAVE ? '' : `chromium is required in CI but missing at ${CHROMIUM}: .ci/run installs the Debian package`).toBe('');
    const dir = await tempDir();
    shots = process.env.TAILFORGE_SCREENSHOTS ?? dir;
    out = join(dir, 'out');
    await writeTemp(dir, 'broken.csv', 'symbol,quantity\nIBM,1\nNOPE,2\n');
    await writeTemp(dir, 'evil.json', JSON.stringify({ name: 'Book <b>"A"</b> & co', positions: [{ symbol: 'IBM', quantity: 500 }, { symbol: 'KO', quantity: -300 }, { symbol: 'MSFT', quantity: 800 }] }));
    const config = await writeTemp(
      dir,
      'b.yaml',
      `version: 1\nout: out\nprices: ${PRICES}\ndefaults: { paths: 600, horizon: 10 }\njobs:\n  - portfolio: ${join(ROOT, 'examples/portfolios/balanced.csv')}\n  - portfolio: evil.json\n  - portfolio: broken.csv\n`,
    );
    // Two nights: the second report has a previous run to compare with and two points of history.
    expect((await cli('batch', '--allow-outside', '--config', config, '--quiet')).code).toBe(1);
    expect((await cli('batch', '--allow-outside', '--config', config, '--quiet', '--force')).code).toBe(1);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a job report loads cleanly and shows its charts', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const v = await visit(page, pathToFileURL(join(out, 'jobs', 'balanced', 'report.html')).href);
    expect(v.errors).toEqual([]);
    expect(v.failed).toEqual([]);
    const headings = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent));
    for (const h of ['Change since the previous run', 'VaR and ES history', 'P&L distribution', 'Portfolio value paths', 'Maximum drawdown', 'Positions']) {
      expect(headings).toContain(h);
    }
    // Every chart is an inline SVG with a real size and drawn marks.
    const charts = await page.$$eval('.chart > svg', (svgs) =>
      svgs.map((s) => {
        const r = s.getBoundingClientRect();
        const marks = [...s.querySelectorAll('.role-mark path, .role-mark line')].map((m) => m.getBoundingClientRect()).filter((b) => b.width > 0 || b.height > 0);
        return { width: r.width, height: r.height, marks: marks.length };
      }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const c of charts) {
      expect(c.width).toBeGreaterThan(300);
      expect(c.height).toBeGreaterThan(150);
      expect(c.marks).toBeGreaterThan(0);
    }
    const png = await page.screenshot({ fullPage: true });
    await writeFile(join(shots, 'report.png'), png);
    const size = pngSize(png);
    expect(size.width).toBe(1100);
    expect(size.height).toBeGreaterThan(2500);
    expect(png.length).toBeGreaterThan(80_000);
    await page.close();
  });

  it('the batch index lists every job, links the reports and shows the failure; names stay text', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const v = await visit(page, pathToFileURL(join(out, 'index.html')).href);
    expect(v.errors).toEqual([]);
    expect(v.failed).toEqual([]);
    const rows = await page.$$eval('table.jobs tbody tr:not(.error)', (trs) => trs.map((tr) => [tr.className, tr.querySelector('td:nth-child(2)')?.textContent ?? '']));
    expect(rows).toEqual([
      ['ok', 'balanced'],
      ['ok', 'evilBook <b>"A"</b> & co'],
      ['failed', 'broken'],
    ]);
    expect(await page.$$eval('b', (bs) => bs.map((b) => b.textContent)).then((bs) => bs.includes('"A"'))).toBe(false);
    expect(await page.textContent('tr.error')).toMatch(/broken\.csv, row 3, column symbol: unknown symbol "NOPE"/);
    const chart = await page.$eval('.chart > svg', (s) => s.getBoundingClientRect().toJSON() as { width: number; height: number });
    expect(chart.width).toBeGreaterThan(300);
    expect(chart.height).toBeGreaterThan(20);
    const png = await page.screenshot({ fullPage: true });
    await writeFile(join(shots, 'index.png'), png);
    expect(pngSize(png).width).toBe(1200);
    expect(png.length).toBeGreaterThan(30_000);
    // Following a link opens that job's report.
    await Promise.all([page.waitForEvent('load'), page.click('a[href="jobs/evil/report.html"]')]);
    expect(await page.title()).toBe('tailforge: Book <b>"A"</b> & co (2001-01-02)');
    await page.close();
  });

  it('a report with warnings shows the warnings box at the top, and the index counts them', async () => {
    // 600 paths at 99% is 6 tail paths: every job's run carries a few-tail-paths warning.
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const v = await visit(page, pathToFileURL(join(out, 'jobs', 'balanced', 'report.html')).href);
    expect(v.errors).toEqual([]);
    const box = await page.$eval('aside.warnings', (el) => {
      const r = el.getBoundingClientRect();
      const firstSection = document.querySelector('section');
      return {
        title: el.querySelector('h2')?.textContent ?? '',
        items: [...el.querySelectorAll('li')].map((li) => li.textContent ?? ''),
        width: r.width,
        height: r.height,
        border: getComputedStyle(el).borderTopWidth,
        // The box comes before every section of the report.
        beforeSections: firstSection !== null && (el.compareDocumentPosition(firstSection) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
      };
    });
    expect(box.title).toMatch(/^1 warning: check before trusting the figures$/);
    expect(box.items).toEqual([expect.stringMatching(/^warn few-tail-paths VaR \/ ES 99% rest on 6 tail paths of 600/)]);
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThan(40);
    expect(box.border).toBe('2px');
    expect(box.beforeSections).toBe(true);
    // The header states today's anomaly score and percentile.
    expect(await page.textContent('p.anomaly')).toMatch(/Market state on 2001-01-02: anomaly score \d+\.\d\d, \d+\.\dth percentile/);
    await page.close();
    const index = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await visit(index, pathToFileURL(join(out, 'index.html')).href);
    const counts = await index.$$eval('table.jobs tbody tr:not(.error)', (trs) => trs.map((tr) => tr.querySelector('td.warnings-count')?.textContent ?? ''));
    expect(counts).toEqual(['1', '1', '']);
    await index.close();
  });
});
