#!/usr/bin/env node
// Oracle test of our Twilio REST client (src/telephony/twilio/rest_client.h).
//
// Starts the Twilio test double (twilio_double.js), then for every case in
// cases.json performs the operation once with twilio-node (Twilio's official
// helper library, pointed at the double with client.api.baseUrl, TWILIO.md
// §6.5) and once with our client (twilio_rest_tool), and compares what the
// double recorded: method, path, query, raw body, the decoded form as an
// ordered multimap, and the Authorization, Content-Type, Accept and
// Accept-Charset headers. User-Agent differs by design (twilio-node/... vs
// salescopilot-twilio-rest/...), and so does Connection (keep-alive vs
// close); both are ignored.
//
// Then error mapping (against the same errors twilio-node reports), the
// retry policy (fault injection in the double), recording media downloads
// (redirect to a pre-signed media URL on another origin, without
// credentials) and FetchRecording into a local store.
//
//   node oracle_test.js --tool build/.../twilio_rest_tool --work DIR
//
// Exits non-zero on any failure, including a missing `twilio` package.
'use strict';

const assert = require('assert');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const twilio = require('twilio'); // Throws (test fails) when not installed.

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
if (!args.tool || !fs.existsSync(args.tool)) {
  console.error('usage: oracle_test.js --tool PATH_TO_twilio_rest_tool --work DIR');
  process.exit(2);
}
const WORK = args.work || fs.mkdtempSync('/tmp/twilio_rest_oracle_');
fs.rmSync(WORK, { recursive: true, force: true });
fs.mkdirSync(WORK, { recursive: true });

const ACCOUNT = 'AC' + 'a'.repeat(32);
const TOKEN = 'authtoken123';
const API_KEY = 'SK' + 'b'.repeat(32);
const API_SECRET = 'apikeysecret456';
const CALL_SID = 'CA' + '1'.repeat(32);
const AGENT_SID = 'CA' + '2'.repeat(32);
const COMPARED_HEADERS = ['authorization', 'content-type', 'accept', 'accept-charset'];

// A 1 s mono 8 kHz WAV of noise: distinct from the double's default.
function writeWav(file) {
  const data = crypto.randomBytes(16000);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8);
  h.write('fmt ', 12); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22); h.writeUInt32LE(8000, 24); h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34); h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  const wav = Buffer.concat([h, data]);
  fs.writeFileSync(file, wav);
  return wav;
}

function startDouble(wavFile, extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'twilio_double.js'),
      '--account-sid', ACCOUNT, '--auth-token', TOKEN, '--api-key', API_KEY,
      '--api-secret', API_SECRET, '--wav', wavFile, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^LISTENING (\d+)\n/);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error('double exited with ' + code)));
  });
}

function control(port, method, p, body) {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, method, path: p,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve(JSON.parse(data)));
    });
    req.on('error', reject);
    req.end(text);
  });
}

function substitute(value, sids) {
  return JSON.parse(JSON.stringify(value).replace(/CALL_SID|AGENT_SID|RECORDING_SID/g, (m) => sids[m]));
}

function nodeClient(port, credentials) {
  const client = credentials === 'api_key'
    ? twilio(API_KEY, API_SECRET, { accountSid: ACCOUNT })
    : twilio(ACCOUNT, credentials === 'bad' ? 'wrong-token' : TOKEN);
  client.api.baseUrl = `http://127.0.0.1:${port}`;
  return client;
}

// The operation, the official way. Resolves to the instance or rejects with
// twilio-node's RestException.
function runNode(port, c) {
  const client = nodeClient(port, c.credentials);
  const VoiceResponse = twilio.twiml.VoiceResponse;
  switch (c.op) {
    case 'create_call': return client.calls.create(c.params);
    case 'update_call': return client.calls(c.sid).update(c.params);
    case 'hangup': return client.calls(c.sid).update({ status: 'completed' });
    case 'hold': {
      const r = new VoiceResponse();
      r.enqueue(c.waitUrl ? { waitUrl: c.waitUrl } : {}, 'hold-' + c.sid);
      return client.calls(c.sid).update({ twiml: r });
    }
    case 'resume': {
      const r = new VoiceResponse();
      r.dial().queue('hold-' + c.heldSid);
      return client.calls(c.sid).update({ twiml: r });
    }
    case 'fetch_recording': return client.recordings(c.sid).fetch();
    default: throw new Error('no node mapping for ' + c.op);
  }
}

function runTool(port, c, extra = []) {
  const op = Object.assign({}, c);
  delete op.name; delete op.credentials;
  const username = c.credentials === 'api_key' ? API_KEY : ACCOUNT;
  const password = c.credentials === 'api_key' ? API_SECRET : c.credentials === 'bad' ? 'wrong-token' : TOKEN;
  const baseUrl = c.baseUrl || `http://127.0.0.1:${port}`;
  const started = Date.now();
  const r = spawnSync(args.tool, ['--base-url', baseUrl, '--account-sid', ACCOUNT,
    '--username', username, '--backoff-ms', '20', '--store-dir', path.join(WORK, 'recordings'),
    ...extra, JSON.stringify(op)],
    { env: Object.assign({}, process.env, { TWILIO_REST_TOOL_PASSWORD: password }), encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`tool failed (${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  out.elapsed_ms = Date.now() - started;
  // The password must never be printed.
  assert(!r.stdout.includes(password) && !r.stderr.includes(password), 'tool output leaks the password');
  return out;
}

async function seed(port, sids) {
  await control(port, 'POST', '/__calls', { sid: sids.CALL_SID, status: 'in-progress' });
  await control(port, 'POST', '/__calls', { sid: sids.AGENT_SID, status: 'in-progress' });
}

let failures = 0;
let passes = 0;
async function check(name, fn) {
  try {
    await fn();
    passes++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}\n     ${String(e.stack || e).split('\n').slice(0, 6).join('\n     ')}`);
  }
}

function comparable(r) {
  const headers = {};
  for (const h of COMPARED_HEADERS) headers[h] = r.headers[h];
  return { method: r.method, path: r.path, query: r.query, body: r.body, form: r.form, headers };
}

// A self-signed certificate from the openssl CLI (the test fails without it).
function makeCert(name, san) {
  const key = path.join(WORK, name + '.key'), cert = path.join(WORK, name + '.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=' + name,
    '-addext', 'subjectAltName=' + san], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('openssl req failed: ' + (r.error || r.stderr));
  return { key, cert };
}

// HTTPS: the certificate is verified against the trust store and the host
// name; --ca-file adds a trust anchor (as TWILIO_CA_BUNDLE does for
// twilio-node).
async function tlsChecks(wav, wavSha) {
  const good = makeCert('double', 'IP:127.0.0.1,DNS:localhost');
  const wrong = makeCert('elsewhere', 'DNS:wrong.example');
  const create = { op: 'create_call', params: { to: '+15558675310', from: '+15017122661', url: 'https://example.com/t' } };
  for (const [label, cert, trusted, expectOk] of [
    ['untrusted certificate is refused', good, false, false],
    ['trusted certificate (--ca-file) works, media redirect included', good, true, true],
    ['certificate for another host name is refused', wrong, true, false],
  ]) {
    const d = await startDouble(path.join(WORK, 'served.wav'), ['--tls-cert', cert.cert, '--tls-key', cert.key]);
    try {
      await check(`tls: ${label}`, async () => {
        const c = Object.assign({ baseUrl: `https://127.0.0.1:${d.port}` }, create);
        const extra = ['--max-retries', '0'].concat(trusted ? ['--ca-file', cert.cert] : []);
        const ours = runTool(d.port, c, extra);
        if (!expectOk) {
          assert.strictEqual(ours.code, 'Unavailable', JSON.stringify(ours));
          assert(ours.message.includes('TLS handshake'), ours.message);
          return;
        }
        assert.strictEqual(ours.ok, true, JSON.stringify(ours));
        const rec = await controlTls(d.port, '/__recordings', { call_sid: CALL_SID });
        const media = runTool(d.port, { baseUrl: `https://127.0.0.1:${d.port}`, op: 'download_recording_url',
          url: rec.recording_url, format: 'wav' }, extra);
        assert.strictEqual(media.ok, true, JSON.stringify(media));
        assert.strictEqual(media.result.sha256, wavSha);
        assert.strictEqual(media.result.size, wav.length);
      });
    } finally {
      d.child.kill('SIGTERM');
    }
  }
}

function controlTls(port, p, body) {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = require('https').request({ host: '127.0.0.1', port, method: 'POST', path: p, rejectUnauthorized: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve(JSON.parse(data)));
    });
    req.on('error', reject);
    req.end(text);
  });
}

async function main() {
  const wav = writeWav(path.join(WORK, 'served.wav'));
  const wavSha = crypto.createHash('sha256').update(wav).digest('hex');
  const { child, port } = await startDouble(path.join(WORK, 'served.wav'));
  try {
    const rec = await control(port, 'POST', '/__recordings', { call_sid: CALL_SID, channels: 1 });
    const sids = { CALL_SID, AGENT_SID, RECORDING_SID: rec.sid };
    const cases = JSON.parse(fs.readFileSync(path.join(__dirname, 'cases.json'), 'utf8')).cases;
    let userAgents = null;

    // 1. Oracle comparison, case by case.
    for (const raw of cases) {
      const c = substitute(raw, sids);
      await check(`oracle: ${c.name}`, async () => {
        await seed(port, sids);
        await control(port, 'POST', '/__reset');
        const official = await runNode(port, c);
        const theirs = await control(port, 'GET', '/__requests');
        await seed(port, sids);
        await control(port, 'POST', '/__reset');
        const ours = runTool(port, c);
        const mine = await control(port, 'GET', '/__requests');
        assert.strictEqual(ours.ok, true, 'our client failed: ' + JSON.stringify(ours));
        assert.strictEqual(mine.length, 1, 'our client sent ' + mine.length + ' requests');
        assert.strictEqual(theirs.length, 1, 'twilio-node sent ' + theirs.length + ' requests');
        assert.deepStrictEqual(comparable(mine[0]), comparable(theirs[0]));
        userAgents = [theirs[0].headers['user-agent'], mine[0].headers['user-agent']];
        // Both read the same response the same way (a created call gets a
        // fresh SID each time).
        if (c.op === 'create_call') {
          assert.match(ours.result.sid, /^CA[0-9a-f]{32}$/);
          assert.strictEqual(ours.result.to, official.to);
          assert.strictEqual(ours.result.from, official.from);
        } else {
          assert.strictEqual(ours.result.sid, official.sid);
        }
        if (c.op === 'fetch_recording') {
          assert.strictEqual(ours.result.callSid, official.callSid);
          assert.strictEqual(ours.result.channels, official.channels);
          assert.strictEqual(String(ours.result.duration), official.duration);
        } else {
          assert.strictEqual(ours.result.status, official.status);
        }
      });
    }
    if (userAgents) console.log(`     (ignored) User-Agent: twilio-node "${userAgents[0]}", ours "${userAgents[1]}"`);

    // 2. Error mapping: the same Twilio errors twilio-node surfaces.
    const errorCases = [
      { name: 'bad credentials -> Unauthenticated (20003)', code: 'Unauthenticated', twilio: 20003, http: 401,
        c: { op: 'hangup', sid: CALL_SID, credentials: 'bad' } },
      { name: 'unknown call -> NotFound (20404)', code: 'NotFound', twilio: 20404, http: 404,
        c: { op: 'hangup', sid: 'CA' + 'f'.repeat(32) } },
      { name: 'unknown recording -> NotFound (20404)', code: 'NotFound', twilio: 20404, http: 404,
        c: { op: 'fetch_recording', sid: 'RE' + 'f'.repeat(32) } },
      { name: 'invalid To -> InvalidArgument (21211), number scrubbed', code: 'InvalidArgument', twilio: 21211, http: 400,
        c: { op: 'create_call', params: { to: '5551234567', from: '+15017122661', url: 'https://example.com/t' } },
        absent: '5551234567' },
      { name: 'missing Url -> InvalidArgument (21205)', code: 'InvalidArgument', twilio: 21205, http: 400,
        c: { op: 'create_call', params: { to: '+15558675310', from: '+15017122661' } } },
    ];
    for (const e of errorCases) {
      await check(`error: ${e.name}`, async () => {
        await seed(port, sids);
        let thrown = null;
        try { await runNode(port, e.c); } catch (x) { thrown = x; }
        assert(thrown, 'twilio-node did not fail');
        assert.strictEqual(thrown.status, e.http);
        assert.strictEqual(thrown.code, e.twilio);
        const ours = runTool(port, e.c);
        assert.strictEqual(ours.ok, false);
        assert.strictEqual(ours.code, e.code, ours.message);
        assert(ours.message.includes(`Twilio error ${e.twilio} (HTTP ${e.http})`), ours.message);
        assert(ours.message.includes(`https://www.twilio.com/docs/errors/${e.twilio}`), ours.message);
        if (e.absent) assert(!ours.message.includes(e.absent), 'personal data in: ' + ours.message);
        assert(!ours.message.includes(TOKEN));
      });
    }
    await check('error: redirecting a completed call -> FailedPrecondition (21220)', async () => {
      await control(port, 'POST', '/__calls', { sid: CALL_SID, status: 'completed' });
      const ours = runTool(port, { op: 'hold', sid: CALL_SID });
      assert.strictEqual(ours.code, 'FailedPrecondition', JSON.stringify(ours));
    });

    // 3. Retry policy.
    const retryCase = async (name, fault, c, expect) => {
      await check(`retry: ${name}`, async () => {
        await seed(port, sids);
        await control(port, 'POST', '/__reset');
        await control(port, 'POST', '/__inject', fault);
        const ours = runTool(port, c, expect.extra || []);
        const seen = (await control(port, 'GET', '/__requests')).filter((r) => !r.path.startsWith('/__'));
        assert.strictEqual(ours.ok, expect.ok, JSON.stringify(ours));
        if (!expect.ok) assert.strictEqual(ours.code, expect.code, ours.message);
        assert.strictEqual(seen.length, expect.requests, `${seen.length} requests sent`);
        for (const r of seen) assert.strictEqual(r.body, seen[0].body);
        if (expect.maxMs) assert(ours.elapsed_ms < expect.maxMs, `took ${ours.elapsed_ms} ms`);
        if (expect.message) assert(ours.message.includes(expect.message), ours.message);
      });
    };
    const create = { op: 'create_call', params: { to: '+15558675310', from: '+15017122661', url: 'https://example.com/t' } };
    await retryCase('fetch is retried after a 500', { status: 500, path: '/Recordings/' },
      { op: 'fetch_recording', sid: rec.sid }, { ok: true, requests: 2 });
    await retryCase('hang-up is retried after a dropped connection', { drop: true, path: '/Calls/' },
      { op: 'hangup', sid: CALL_SID }, { ok: true, requests: 2 });
    await retryCase('create call is retried after 429 (Twilio did not act)', { status: 429, path: '/Calls.json', retry_after: 0 },
      create, { ok: true, requests: 2 });
    await retryCase('create call is NOT retried after a 500 (it may have been placed)', { status: 500, path: '/Calls.json' },
      create, { ok: false, code: 'Unavailable', requests: 1 });
    await retryCase('create call is NOT retried after a dropped connection', { drop: true, path: '/Calls.json' },
      create, { ok: false, code: 'Unavailable', requests: 1 });
    await retryCase('retries stop at max_retries', { status: 503, path: '/Recordings/', count: 10 },
      { op: 'fetch_recording', sid: rec.sid }, { ok: false, code: 'Unavailable', requests: 3, extra: ['--max-retries', '2'] });
    await retryCase('a slow answer times out', { delay_ms: 3000, path: '/Recordings/' },
      { op: 'fetch_recording', sid: rec.sid },
      { ok: false, code: 'Unavailable', requests: 1, maxMs: 2500, message: 'timed out',
        extra: ['--timeout-ms', '400', '--max-retries', '0'] });
    await check('retry: connection refused is retried, then Unavailable', async () => {
      const ours = runTool(port, Object.assign({ baseUrl: 'http://127.0.0.1:1' }, create), ['--max-retries', '2']);
      assert.strictEqual(ours.code, 'Unavailable', JSON.stringify(ours));
      assert(ours.message.includes('connecting to http://127.0.0.1:1'), ours.message);
    });

    // 4. Recording media and the recording store.
    const mediaCheck = async (name, c) => {
      await check(`media: ${name}`, async () => {
        await control(port, 'POST', '/__reset');
        const ours = runTool(port, c);
        assert.strictEqual(ours.ok, true, JSON.stringify(ours));
        assert.strictEqual(ours.result.sha256, wavSha);
        assert.strictEqual(ours.result.size, wav.length);
        const seen = await control(port, 'GET', '/__requests');
        assert.strictEqual(seen.length, 2);
        assert(seen[0].path.endsWith(`/Recordings/${rec.sid}.wav`), seen[0].path);
        assert(seen[0].headers.authorization, 'the API request carries credentials');
        assert(seen[1].path.startsWith('/__media/'), seen[1].path);
        assert.strictEqual(seen[1].headers.host, `localhost:${port}`);
        assert.strictEqual(seen[1].headers.authorization, undefined,
          'credentials were sent to the media host');
      });
    };
    await mediaCheck('download by SID follows the redirect without credentials',
      { op: 'download_recording', sid: rec.sid, format: 'wav' });
    await mediaCheck('download by RecordingUrl (+ .wav)',
      { op: 'download_recording_url', url: rec.recording_url, format: 'wav' });
    await check('media: a RecordingUrl on another origin is refused, nothing sent', async () => {
      await control(port, 'POST', '/__reset');
      const ours = runTool(port, { op: 'download_recording_url', url: rec.recording_url.replace('127.0.0.1', 'localhost') });
      assert.strictEqual(ours.code, 'PermissionDenied', JSON.stringify(ours));
      assert.strictEqual((await control(port, 'GET', '/__requests')).length, 0);
    });
    await check('media: mp3 not available -> NotFound', async () => {
      const ours = runTool(port, { op: 'download_recording', sid: rec.sid, format: 'mp3' });
      assert.strictEqual(ours.code, 'NotFound', JSON.stringify(ours));
    });
    await check('store: FetchRecording stores the file once, then serves it without the network', async () => {
      const c = { op: 'fetch_into_store', tenant: 'acme', callSid: CALL_SID, recordingSid: rec.sid,
                  recordingUrl: rec.recording_url, channels: 1 };
      await control(port, 'POST', '/__reset');
      const first = runTool(port, c);
      assert.strictEqual(first.ok, true, JSON.stringify(first));
      assert.strictEqual(first.result.outcome, 'created');
      const expected = path.join(WORK, 'recordings', 'acme', CALL_SID, rec.sid + '.wav');
      assert.strictEqual(first.result.path, path.resolve(expected));
      assert(fs.readFileSync(expected).equals(wav), 'stored bytes differ from the served WAV');
      assert.strictEqual(first.result.sha256, wavSha);
      assert.strictEqual(first.result.channels, 1);
      assert.strictEqual(first.result.sampleRate, 8000);
      assert.strictEqual(first.result.duration, 1);
      await control(port, 'POST', '/__reset');
      const second = runTool(port, c);
      assert.strictEqual(second.result.outcome, 'already_stored', JSON.stringify(second));
      assert.strictEqual((await control(port, 'GET', '/__requests')).length, 0, 'second fetch used the network');
    });
    await check('store: unknown recording -> NotFound, nothing stored', async () => {
      const sid = 'RE' + 'e'.repeat(32);
      const ours = runTool(port, { op: 'fetch_into_store', callSid: CALL_SID, recordingSid: sid });
      assert.strictEqual(ours.code, 'NotFound', JSON.stringify(ours));
      assert(!fs.existsSync(path.join(WORK, 'recordings', 'default', CALL_SID, sid + '.wav')));
    });
  } finally {
    child.kill('SIGTERM');
  }
  await tlsChecks(wav, wavSha);
  console.log(`${passes} passed, ${failures} failed`);
  process.exit(failures === 0 && passes > 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
