// An HTTP endpoint that stress-tests a portfolio on request, with @tailforge/engine
// (no CLI, no files written). See README.md beside this file.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { InputError, readPricesCsv, registerBuiltinModels } from '@tailforge/core';
import { buildSummary, stressTest } from '@tailforge/engine';

/** Bodies larger than this are refused (a portfolio is small). */
const MAX_BODY = 1 << 20;

/** Query settings and how to read them; everything else takes the engine's defaults. */
const SETTINGS = {
  model: String,
  paths: Number,
  horizon: Number,
  seed: Number,
  confidence: (v) => v.split(',').map(Number),
};

/**
 * The service: `POST /stress-test` with a portfolio JSON body
 * (`{ "name"?, "positions": [{ "symbol", "quantity" | "marketValue" }] }`) and
 * optional query settings (`?model=gaussian&paths=20000&horizon=10&seed=1&confidence=0.95,0.99`)
 * answers 200 with the run's summary (the content of summary.json); 400 with
 * `{ "error" }` for a bad portfolio or setting. A client that hangs up
 * cancels its run (AbortSignal). The prices are read once, at start.
 */
export async function createStressService({ pricesFile }) {
  registerBuiltinModels();
  const prices = await readPricesCsv(pricesFile);
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://service');
    if (url.pathname !== '/stress-test') return reply(res, 404, { error: 'not found: POST /stress-test' });
    if (req.method !== 'POST') return reply(res, 405, { error: 'use POST with a portfolio JSON body' });
    const controller = new AbortController();
    res.on('close', () => controller.abort(new Error('client went away')));
    try {
      const portfolio = JSON.parse(await body(req));
      const settings = {};
      for (const [key, parse] of Object.entries(SETTINGS)) {
        const v = url.searchParams.get(key);
        if (v !== null) settings[key] = parse(v);
      }
      const result = await stressTest({ ...settings, portfolio, prices }, { signal: controller.signal });
      reply(res, 200, buildSummary(result));
    } catch (e) {
      if (controller.signal.aborted) return;
      const userError = e instanceof SyntaxError || e instanceof InputError || e instanceof RangeError;
      reply(res, userError ? 400 : 500, { error: e instanceof Error ? e.message : String(e) });
    }
  });
}

function body(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      text += chunk;
      if (text.length > MAX_BODY) reject(new RangeError(`request body over ${MAX_BODY} bytes`));
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function reply(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(`${JSON.stringify(value)}\n`);
}

// `node service.js --prices FILE [--port 8080]`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { prices: { type: 'string' }, port: { type: 'string', default: '8080' } } });
  if (values.prices === undefined) {
    process.stderr.write('usage: node service.js --prices FILE [--port 8080]\n');
    process.exit(2);
  }
  const server = await createStressService({ pricesFile: values.prices });
  server.listen(Number(values.port), () => process.stderr.write(`POST http://localhost:${server.address().port}/stress-test\n`));
}
