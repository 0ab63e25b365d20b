// The model-risk guard on damaged copies of the shipped prices: builds each
// damaged file in a temporary folder, runs the data checks on it (as
// `tailforge check-data` does) and prints the findings, then the clean shipped
// files (which must give no warn-level finding) and the fit warnings of
// student-t / fhs / gaussian on the stale-Friday copy.
// Needs the compiled packages: `npx -y pnpm@10 build` first. Usage: node bench/guard.mjs
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkMarketData,
  countBySeverity,
  formatFindings,
  fhsModel,
  gaussianModel,
  readMarketData,
  sliceDates,
  studentTModel,
  toLogReturns,
} from '../packages/core/dist/index.js';

const root = new URL('../', import.meta.url).pathname;
const DOW = join(root, 'examples/dowjones30_prices.csv');
const SWX = join(root, 'examples/swx_prices.csv');
const dir = await mkdtemp(join(tmpdir(), 'tailforge-guard-'));

const text = await readFile(DOW, 'utf8');
const lines = text.trim().split('\n');
const header = lines[0].split(',');
const rows = lines.slice(1).map((l) => l.split(','));
const col = (s) => header.indexOf(s);
const weekday = (d) => new Date(`${d}T00:00:00Z`).getUTCDay();
const write = async (name, head, body) => {
  const path = join(dir, name);
  await writeFile(path, `${[head.join(','), ...body.map((r) => r.join(','))].join('\n')}\n`);
  return path;
};

// 1. Stale Fridays: KO's Friday close is a copy of Thursday's.
const ko = col('KO');
const staleFridays = rows.map((r, i) => (i > 0 && weekday(r[0]) === 5 && weekday(rows[i - 1][0]) === 4 ? Object.assign([...r], { [ko]: rows[i - 1][ko] }) : r));
// 2. A bad tick: IBM's close on 1995-06-14 typed 25% too high, right the next day.
const ibm = col('IBM');
const badTick = rows.map((r) => (r[0] === '1995-06-14' ? Object.assign([...r], { [ibm]: (+r[ibm] * 1.25).toFixed(2) }) : r));
// 3. A 3-week hole in Citigroup (C) inside 1998's turmoil (LTCM, Russia): 1998-08-24 .. 1998-09-11 blank.
const c = col('C');
const hole = rows.map((r) => (r[0] >= '1998-08-24' && r[0] <= '1998-09-11' ? Object.assign([...r], { [c]: '' }) : r));
// 4. Returns: daily log returns of 5 stocks; month-end simple returns; gross returns read as prices.
const five = ['AA', 'IBM', 'KO', 'MSFT', 'GE'].map(col);
const logRet = rows.slice(1).map((r, i) => [r[0], ...five.map((k) => Math.log(+r[k] / +rows[i][k]).toFixed(8))]);
const monthEnds = rows.filter((r, i) => i === rows.length - 1 || rows[i + 1][0].slice(0, 7) !== r[0].slice(0, 7));
const monthly = monthEnds.slice(1).map((r, i) => [r[0], ...five.map((k) => (+r[k] / +monthEnds[i][k] - 1).toFixed(8))]);
const gross = rows.slice(1).map((r, i) => [r[0], ...five.map((k) => (+r[k] / +rows[i][k]).toFixed(8))]);
const fiveHead = ['date', 'AA', 'IBM', 'KO', 'MSFT', 'GE'];

const cases = [
  ['shipped Dow Jones prices', { prices: DOW }],
  ['shipped SWX indices', { prices: SWX }],
  ['stale Fridays in KO', { prices: await write('stale-fridays.csv', header, staleFridays) }],
  ['bad tick in IBM on 1995-06-14', { prices: await write('bad-tick.csv', header, badTick) }],
  ['3-week hole in C, Aug-Sep 1998, --missing ffill', { prices: await write('hole-1998.csv', header, hole), missing: 'ffill' }],
  ['3-week hole in C, Aug-Sep 1998, --missing drop', { prices: join(dir, 'hole-1998.csv'), missing: 'drop' }],
  ['daily log returns, --returns-kind log', { returns: await write('log-returns.csv', fiveHead, logRet), returnsKind: 'log' }],
  ['month-end simple returns, --returns-kind simple', { returns: await write('monthly-returns.csv', fiveHead, monthly), returnsKind: 'simple' }],
  ['gross returns (1 + r) read as prices', { prices: await write('gross-returns.csv', fiveHead, gross) }],
  ['log returns read as prices', { prices: join(dir, 'log-returns.csv') }],
];

let shippedClean = true;
for (const [label, source] of cases) {
  process.stdout.write(`\n== ${label}\n`);
  try {
    const t0 = performance.now();
    const data = await readMarketData(source);
    const findings = checkMarketData(data);
    const ms = performance.now() - t0;
    process.stdout.write(formatFindings(findings));
    process.stdout.write(`(${data.table.dates.length} rows × ${data.table.symbols.length} symbols, ${data.frequency.frequency}; read and checked in ${ms.toFixed(0)} ms)\n`);
    if (label.startsWith('shipped') && countBySeverity(findings).warn + countBySeverity(findings).error > 0) shippedClean = false;
  } catch (e) {
    process.stdout.write(`input error (exit 2): ${e.message}\n`);
  }
}

// Fit warnings: the three classical models on the last 1000 days of the stale-Friday copy (KO, IBM, MSFT, GE, AA).
process.stdout.write('\n== fit warnings, last 1000 returns of AA, IBM, KO, MSFT, GE\n');
for (const [label, file] of [['shipped', DOW], ['stale Fridays in KO', join(dir, 'stale-fridays.csv')]]) {
  const data = await readMarketData({ prices: file, symbols: ['AA', 'IBM', 'KO', 'MSFT', 'GE'] });
  const returns = toLogReturns(sliceDates(data.table, { last: 1001 }));
  for (const factory of [studentTModel, fhsModel, gaussianModel]) {
    const m = await factory.fit(returns, {}, { seed: 1 });
    const w = m.fitInfo.warnings ?? [];
    const dof = m.fitInfo.degreesOfFreedom !== undefined ? ` ν = ${m.fitInfo.degreesOfFreedom.toFixed(2)}` : '';
    process.stdout.write(`${label.padEnd(22)} ${factory.name.padEnd(10)}${dof} ${w.length === 0 ? 'no warnings' : w.map((f) => `${f.severity} ${f.code}${f.symbol ? ` ${f.symbol}` : ''}`).join('; ')}\n`);
  }
}
await rm(dir, { recursive: true, force: true });
process.stdout.write(`\nshipped files without warn/error findings: ${shippedClean ? 'yes' : 'NO'}\n`);
process.exitCode = shippedClean ? 0 : 1;
