// Browser test of the live page served at "/" (src/server/web_page.cc), in
// headless Chromium driven by puppeteer-core:
//
//   node tests/ui/live_page_test.mjs --binary build/release/src/cli/salescopilot \
//       --work build/release/ui --call build/release/ui-calls/live_page_call.wav
//
// Registered with ctest as `live_page_ui` (tests/CMakeLists.txt), after the
// fixture that synthesizes tests/ui/live_page_call.txt. A real server
// (`serve --port 0`) hears the call from `simulate` at real time, with real
// recognition; the page follows the call and must show the transcript, the
// price objection and its guidance card, store "dismissed" and "used"
// feedback through the API, replace the card with another approach on
// request, offer the card's audio, and end with the call. Any page error or failed request
// fails the test. Nothing asserts on timing (timeouts only stop a hung run).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

function parseArgs(argv) {
  const args = { chromium: process.env.SC_CHROMIUM || '/usr/bin/chromium' };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!['binary', 'work', 'call', 'chromium'].includes(key) || i + 1 >= argv.length) {
      throw new Error(`usage: live_page_test.mjs --binary BIN --work DIR --call WAV [--chromium PATH]; bad '${argv[i]}'`);
    }
    args[key] = argv[i + 1];
  }
  for (const k of ['binary', 'work', 'call']) {
    if (!args[k]) throw new Error(`--${k} is required`);
  }
  return args;
}

const args = parseArgs(process.argv);
// AddressSanitizer builds decode several times slower.
const SLOW = /asan|sanitize/i.test(args.binary) ? 4 : 1;
const children = [];
let browser = null;
// The server refuses unsigned media streams; simulate signs as Twilio would.
const env = { ...process.env, TWILIO_AUTH_TOKEN: 'live-page-ui-test-token' };

function log(...m) {
  console.log('[live_page_ui]', ...m);
}

async function waitFor(what, fn, seconds) {
  const deadline = Date.now() + seconds * 1000 * SLOW;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function startServer(dataDir, logPath) {
  const out = fs.openSync(logPath, 'a');
  const p = spawn(args.binary, ['serve', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', out, out],
    env,
  });
  children.push(p);
  return p;
}

async function serverPort(proc, logPath) {
  const marker = 'salescopilot: serving on http://127.0.0.1:';
  return waitFor('the server to listen', () => {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}); log ${logPath}`);
    const text = fs.readFileSync(logPath, 'utf8');
    const i = text.indexOf(marker);
    if (i < 0) return null;
    const rest = text.slice(i + marker.length);
    return rest.includes('/') ? Number(rest.split('/', 1)[0]) : null;
  }, 60);
}

function exited(proc) {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve(proc.exitCode);
    else proc.on('exit', (code) => resolve(code));
  });
}

async function main() {
  const run = path.join(args.work, 'run');
  fs.rmSync(run, { recursive: true, force: true });
  fs.mkdirSync(path.join(run, 'data'), { recursive: true });
  const serverLog = path.join(run, 'serve.log');
  const server = startServer(path.join(run, 'data'), serverLog);
  const port = await serverPort(server, serverLog);
  const base = `http://127.0.0.1:${port}`;
  log(`server on ${base}`);

  browser = await puppeteer.launch({
    executablePath: args.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required'],
  });
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Failed loads are reported with their URL below.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    // The audio element may abort its own range request when playback ends.
    if (!r.url().endsWith('/speech')) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  await page.goto(`${base}/?follow=1`, { waitUntil: 'load' });

  const simLog = fs.openSync(path.join(run, 'simulate.log'), 'a');
  const sim = spawn(args.binary, ['simulate', '--quiet', '--url', `ws://127.0.0.1:${port}/api/twilio-calls/media-stream`, args.call], {
    stdio: ['ignore', simLog, simLog],
    env,
  });
  children.push(sim);
  const simDone = exited(sim);

  // The page picks the call up by itself (?follow=1) and shows it live.
  await page.waitForFunction(() => document.getElementById('state').textContent === 'live', { timeout: 60000 * SLOW });
  const sid = await page.$eval('#title', (e) => e.textContent.replace(/^Call /, ''));
  log(`page follows ${sid}`);

  // The objection and its card, while the call is still going.
  const first = await page.waitForSelector('#cards .card.kind-objection', { timeout: 90000 * SLOW });
  const firstCard = await first.evaluate((c) => ({
    id: c.dataset.cardId, category: c.dataset.category, title: c.querySelector('h3').textContent,
    text: c.querySelector('p').textContent, why: c.querySelector('.why').textContent,
    buttons: [...c.querySelectorAll('button')].map((b) => b.textContent),
  }));
  log('card', JSON.stringify(firstCard));
  if (firstCard.category !== 'price') throw new Error(`first objection card is ${firstCard.category}, want price`);
  if (!firstCard.title || firstCard.text.length < 20) throw new Error('card without title or text');
  if (!firstCard.why.includes('price')) throw new Error(`card reason "${firstCard.why}" does not name the objection`);
  for (const b of ['Used', 'Dismiss', 'Another approach', 'Hear']) {
    if (!firstCard.buttons.includes(b)) throw new Error(`card has no "${b}" button: ${firstCard.buttons}`);
  }
  await page.waitForSelector('.obj[data-category="price"]', { timeout: 30000 * SLOW });
  const bubbles = await page.$$eval('#transcript .u.prospect', (b) => b.length);
  if (bubbles < 1) throw new Error('no prospect speech in the transcript');

  // Dismiss: stored, and the card is marked with its buttons disabled.
  await first.$eval('button.dismiss', (b) => b.click());
  await page.waitForSelector(`#card-${firstCard.id}.dismissed`, { timeout: 30000 * SLOW });
  const firstDisabled = await first.$$eval('button.fb', (bs) => bs.every((b) => b.disabled));
  if (!firstDisabled) throw new Error('feedback buttons stay active after "dismissed"');

  // Another approach: a new card replaces the first one on the screen.
  await first.$eval('button.alt', (b) => b.click());
  const alt = await page.waitForSelector(`#cards .card.kind-objection:not(#card-${firstCard.id}):not(.replaced)`, { timeout: 30000 * SLOW });
  const altCard = await alt.evaluate((c) => ({ id: c.dataset.cardId, approach: c.dataset.approach, text: c.querySelector('p').textContent }));
  const replaced = await page.$eval(`#card-${firstCard.id}`, (c) => c.classList.contains('replaced') && getComputedStyle(c).display === 'none');
  if (!replaced) throw new Error('the first card is still shown next to its alternative');
  if (altCard.text === firstCard.text) throw new Error('the alternative repeats the first card');
  log('alternative', JSON.stringify(altCard));

  // "Used" is stored through the API and marks the card.
  await alt.$eval('button.used', (b) => b.click());
  await page.waitForSelector(`#card-${altCard.id}.used`, { timeout: 30000 * SLOW });
  const disabled = await alt.$$eval('button.fb', (bs) => bs.every((b) => b.disabled));
  if (!disabled) throw new Error('feedback buttons stay active after "used"');
  const stored = await (await fetch(`${base}/api/calls/${encodeURIComponent(sid)}/feedback`)).json();
  const actions = (stored.feedback || []).map((f) => `${f.card_id}:${f.action}`).sort();
  const want = [`${firstCard.id}:dismissed`, `${altCard.id}:used`].sort();
  if (JSON.stringify(actions) !== JSON.stringify(want)) {
    throw new Error(`stored feedback ${JSON.stringify(actions)}, want ${JSON.stringify(want)}`);
  }

  // "Hear" loads the card's earpiece audio from the speech route.
  const speech = page.waitForResponse((r) => r.url().endsWith(`/cards/${altCard.id}/speech`), { timeout: 60000 * SLOW });
  await alt.$eval('button.hear', (b) => b.click());
  const sr = await speech;
  if (![200, 206].includes(sr.status()) || !(sr.headers()['content-type'] || '').startsWith('audio/')) {
    throw new Error(`speech route answered ${sr.status()} ${sr.headers()['content-type']}`);
  }

  // The end of the call reaches the page.
  const simCode = await simDone;
  if (simCode !== 0) throw new Error(`simulate exited ${simCode}`);
  await page.waitForFunction(() => document.getElementById('state').textContent.startsWith('ended'), { timeout: 60000 * SLOW });
  const mood = await page.$eval('#mood', (e) => e.textContent);
  if (!/^[+-]\d\.\d\d$/.test(mood)) throw new Error(`prospect mood shows "${mood}"`);
  const marks = await page.$$eval('#transcript .mood', (m) => m.length);
  if (marks < 2) throw new Error('finals carry no sentiment marks');
  if (problems.length) throw new Error(problems.join('\n'));
  log(`ok: card ${firstCard.id} dismissed -> ${altCard.id} used, mood ${mood}, ${bubbles}+ prospect finals`);

  await browser.close();
  browser = null;
  server.kill('SIGTERM');
  const code = await exited(server);
  if (code !== 0) throw new Error(`server exited ${code}; log ${serverLog}`);
  const serverText = fs.readFileSync(serverLog, 'utf8');
  if (/ERROR: (Address|Undefined|Leak)Sanitizer|runtime error:/.test(serverText)) {
    throw new Error(`sanitizer report in ${serverLog}`);
  }
}

main().then(
  () => process.exit(0),
  async (e) => {
    console.error('[live_page_ui] FAILED:', e.message);
    try {
      if (browser) await browser.close();
    } catch (_) { /* already gone */ }
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    process.exit(1);
  },
);
