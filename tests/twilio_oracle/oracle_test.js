#!/usr/bin/env node
// Checks our Twilio protocol code against Twilio's official helper library
// (npm twilio@6.2.0): signatures in both directions, TwiML (builder features
// and every case of the voice webhook) compared as normalised XML, and access
// tokens compared claim by claim and verified with the secret.
//
//   node oracle_test.js --tool build/.../twilio_oracle_tool --node-modules node_modules
//
// Exits 0 only when every check passed; prints each mismatch. A missing
// package or tool is a failure, never a skip.
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const toolPath = arg('--tool');
const nodeModules = path.resolve(arg('--node-modules') ||
    path.join(__dirname, '..', '..', 'node_modules'));

function fatal(message) {
  console.error('twilio_oracle: FAIL: ' + message);
  process.exit(1);
}
if (!toolPath || !fs.existsSync(toolPath)) {
  fatal('the C++ tool was not found (' + toolPath + '); build twilio_oracle_tool');
}
let twilio, jsonwebtoken;
try {
  twilio = require(path.join(nodeModules, 'twilio'));
  jsonwebtoken = require(path.join(nodeModules, 'jsonwebtoken'));
} catch (e) {
  fatal('npm package twilio is not installed in ' + nodeModules +
        ' (run scripts/setup, which installs twilio@6.2.0): ' + e.message);
}
const twilioVersion = require(path.join(nodeModules, 'twilio', 'package.json')).version;
if (twilioVersion !== '6.2.0') {
  fatal('expected twilio@6.2.0, found ' + twilioVersion);
}

let failures = 0;
let checks = 0;
function check(ok, what, detail) {
  checks++;
  if (!ok) {
    failures++;
    if (failures <= 50) {
      console.error('MISMATCH: ' + what + (detail ? '\n  ' + detail : ''));
    }
  }
}

// Runs the C++ tool over a batch of cases.
function runTool(cases) {
  const out = execFileSync(toolPath, [], {
    input: JSON.stringify({ cases }),
    maxBuffer: 64 * 1024 * 1024,
  });
  const results = JSON.parse(out.toString('utf8')).results;
  if (results.length !== cases.length) fatal('tool returned a wrong number of results');
  return results;
}

// A small deterministic PRNG, so a failure reproduces.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20240611);
const pick = (list) => list[Math.floor(random() * list.length)];

// ---------------------------------------------------------------------------
// 1. Signatures.

const TOKEN = '12345abcdef';
const schemes = ['https', 'http'];
const hosts = ['mycompany.com', 'Copilot.Example.COM', '127.0.0.1', 'api.example.co.uk'];
const ports = ['', '', ':443', ':80', ':8443', ':1234'];
const paths = ['/api/twilio-calls/status', '/', '', '/webhook/España', '/a%20b',
               '//double', '/a/./b/../c', '/trailing/', '/myapp.php'];
const queries = ['', '', '?foo=1&bar=2', "?Body=It's+amazing", '?x=hello%20world&y=test%2Bvalue',
                 '?a=1&a=2', '?año=2023', '?empty=&flag', '?2=x&b=1&1=y', '?q=a+b&q=c'];
const paramPool = [
  ['CallSid', () => 'CA' + Math.floor(random() * 1e9)],
  ['AccountSid', () => 'AC1234567890abcdef'],
  ['From', () => pick(['+14158675309', 'client:alice', 'anonymous', ''])],
  ['To', () => pick(['+18005551212', '+4930123456'])],
  ['Caller', () => '+14158675309'],
  ['CallStatus', () => pick(['ringing', 'in-progress', 'completed'])],
  ['Digits', () => pick(['1234', '', '#*'])],
  ['Message', () => 'Hello & goodbye! @#$%^*()'],
  ['Special', () => 'unicode: ñáéíóú 😀 中文'],
  ['EmptyParam', () => ''],
  ['callSid', () => 'lowercase'],
  ['CALLSID', () => 'allcaps'],
  ['Spaces', () => '  leading and trailing  '],
  ['Newline', () => 'line1\nline2'],
];

function makeParams() {
  // Both our form (ordered pairs, names may repeat) and node's object (arrays
  // for repeated names).
  const pairs = [];
  const obj = {};
  const n = Math.floor(random() * 7);
  for (let i = 0; i < n; i++) {
    const [name, gen] = pick(paramPool);
    const value = gen();
    pairs.push([name, value]);
    if (name in obj) {
      obj[name] = [].concat(obj[name], value);
    } else {
      obj[name] = value;
    }
  }
  if (random() < 0.2) {  // A repeated key with a duplicate value.
    pairs.push(['Digits', '5678'], ['Digits', '1234'], ['Digits', '1234']);
    obj.Digits = [].concat(obj.Digits === undefined ? [] : obj.Digits, '5678', '1234', '1234');
  }
  return { pairs, obj };
}

function splitPort(url) {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(url);
  const authority = m[2];
  const at = authority.lastIndexOf('@');
  const hostPort = authority.slice(at + 1);
  const colon = hostPort.indexOf(':');
  return {
    prefix: m[1] + authority.slice(0, at + 1),
    host: colon < 0 ? hostPort : hostPort.slice(0, colon),
    port: colon < 0 ? '' : hostPort.slice(colon),
    rest: m[3],
  };
}
const withoutPort = (u) => { const p = splitPort(u); return p.prefix + p.host + p.rest; };
const withPort = (u, port) => { const p = splitPort(u); return p.prefix + p.host + port + p.rest; };

const sigCases = [];
const sigMeta = [];
for (let i = 0; i < 400; i++) {
  const url = pick(schemes) + '://' + pick(hosts) + pick(ports) + pick(paths) + pick(queries);
  const { pairs, obj } = makeParams();
  // (a) ours signs, node validates.
  sigCases.push({ op: 'sign', token: TOKEN, url, params: pairs });
  sigMeta.push({ kind: 'ours_signs', url, obj });
  // (b) node signs the URL as Twilio's back ends might have, ours validates;
  //     ours must agree with node's validateRequest on every variant.
  let normalized = url;
  try { normalized = new URL(url).toString(); } catch (e) { /* keep */ }
  const variants = [url, withoutPort(url), withPort(url, ':443'), withPort(url, ':80'),
                    normalized, withPort(normalized, ':443'),
                    url.replace('/api', '/API'), url + (url.includes('?') ? '&x=1' : '?x=1')];
  for (const variant of variants) {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, variant, obj);
    sigCases.push({ op: 'validate_form', token: TOKEN, signature, url, params: pairs });
    sigMeta.push({ kind: 'node_signs', url, variant, obj, signature });
  }
  // (c) a forged signature: right URL, another token.
  const forged = twilio.getExpectedTwilioSignature('not-the-token', url, obj);
  sigCases.push({ op: 'validate_form', token: TOKEN, signature: forged, url, params: pairs });
  sigMeta.push({ kind: 'forged', url, obj, signature: forged });
}
// JSON bodies bound by bodySHA256.
for (let i = 0; i < 60; i++) {
  const base = pick(schemes) + '://' + pick(hosts) + pick(ports) + pick(paths);
  const body = JSON.stringify({ n: i, text: pick(['héllo', 'a&b', '', '😀']), ok: random() < 0.5 });
  const query = pick(['', '?foo=1&bar=2']);
  const url = base + query + (query ? '&' : '?') + 'bodySHA256=' +
      twilio.getExpectedBodyHash(body);
  const signature = twilio.getExpectedTwilioSignature(TOKEN, url, {});
  sigCases.push({ op: 'validate_json', token: TOKEN, signature, url, body });
  sigMeta.push({ kind: 'json_node_signs', url, body, signature });
  sigCases.push({ op: 'validate_json', token: TOKEN, signature, url, body: body + ' ' });
  sigMeta.push({ kind: 'json_tampered', url, body: body + ' ', signature });
  sigCases.push({ op: 'sign', token: TOKEN, url, params: [] });
  sigMeta.push({ kind: 'json_ours_signs', url, body });
}
// WebSocket upgrades: Twilio signs the wss:// URL with no parameters.
for (const host of hosts) {
  for (const p of ['/api/twilio-calls/media-stream', '/api/twilio-calls/media-stream/']) {
    for (const port of ['', ':443']) {
      const url = 'wss://' + host + port + p;
      const signature = twilio.getExpectedTwilioSignature(TOKEN, url, {});
      sigCases.push({ op: 'validate_ws', token: TOKEN, signature,
                      url: 'wss://' + host + '/api/twilio-calls/media-stream' });
      sigMeta.push({ kind: 'ws', url, signature });
    }
  }
}

const sigResults = runTool(sigCases);
sigResults.forEach((r, i) => {
  const m = sigMeta[i];
  const label = m.kind + ' ' + JSON.stringify(m.url);
  switch (m.kind) {
    case 'ours_signs':
      check(twilio.validateRequest(TOKEN, r.signature, m.url, m.obj), label,
            'node rejected our signature ' + r.signature + ' params ' + JSON.stringify(m.obj));
      check(r.signature === twilio.getExpectedTwilioSignature(TOKEN, m.url, m.obj), label,
            'signatures differ');
      break;
    case 'node_signs': {
      const nodeValid = twilio.validateRequest(TOKEN, m.signature, m.url, m.obj);
      check(r.valid === nodeValid, label + ' signed over ' + JSON.stringify(m.variant),
            'ours=' + r.valid + ' node=' + nodeValid);
      if (m.variant === m.url) check(r.valid, label, 'exact URL not accepted');
      break;
    }
    case 'forged':
      check(r.valid === false, label, 'forged signature accepted');
      break;
    case 'json_node_signs':
      check(r.valid === true, label, 'JSON body request rejected');
      check(twilio.validateRequestWithBody(TOKEN, m.signature, m.url, m.body), label,
            'node rejects its own JSON signature');
      break;
    case 'json_tampered':
      check(r.valid === false, label, 'tampered JSON body accepted');
      check(!twilio.validateRequestWithBody(TOKEN, m.signature, m.url, m.body), label,
            'node accepts a tampered body');
      break;
    case 'json_ours_signs':
      check(twilio.validateRequestWithBody(TOKEN, r.signature, m.url, m.body), label,
            'node rejected our JSON signature');
      break;
    case 'ws':
      check(r.valid === true, label, 'WebSocket upgrade signature rejected');
      break;
  }
});

// ---------------------------------------------------------------------------
// 2. TwiML, compared as normalised XML.

const { sameXml } = require('./xml_compare.js');

// Builds a verb list (the tool's format) with the official VoiceResponse.
function buildWithTwilio(verbs) {
  const r = new twilio.twiml.VoiceResponse();
  for (const v of verbs) {
    const o = v.options || {};
    const streamOf = (parent) => {
      const { parameters, ...attrs } = o;
      const s = parent.stream(attrs);
      for (const [name, value] of parameters || []) s.parameter({ name, value });
    };
    switch (v.verb) {
      case 'say': r.say(o, v.text); break;
      case 'play': r.play(o, v.url); break;
      case 'pause': r.pause(o); break;
      case 'hangup': r.hangup(); break;
      case 'start_stream': streamOf(r.start()); break;
      case 'connect_stream': streamOf(r.connect()); break;
      case 'stop_stream': r.stop().stream(o); break;
      case 'redirect': r.redirect(o, v.url); break;
      case 'enqueue': r.enqueue(o, v.name); break;
      case 'record': r.record(o); break;
      case 'dial': {
        const d = r.dial(o);
        for (const n of v.nouns) {
          const no = n.options || {};
          if ('number' in n) d.number(no, n.number);
          else if ('queue' in n) d.queue(no, n.queue);
          else if (n.parameters && n.parameters.length) {
            const c = d.client(no);
            c.identity(n.client);
            for (const [name, value] of n.parameters) c.parameter({ name, value });
          } else d.client(no, n.client);
        }
        break;
      }
      default: throw new Error('unknown verb ' + v.verb);
    }
  }
  return r.toString();
}

const builderCases = [
  [{ verb: 'say', text: 'Please hold', options: { voice: 'alice', language: 'en-US' } },
   { verb: 'play', url: 'https://example.com/hold.mp3', options: { loop: 0 } },
   { verb: 'pause', options: { length: 2 } }, { verb: 'hangup' }],
  [{ verb: 'start_stream', options: { url: 'wss://example.com/media', track: 'both_tracks',
      statusCallback: 'https://example.com/stream-status', statusCallbackMethod: 'POST', name: 'rec1',
      parameters: [['callId', 'abc&123'], ['quote', 'say "hi" <now>'], ['ws', 'a\tb\nc\rd']] } },
   { verb: 'dial', options: { callerId: '+15017122661', record: 'record-from-answer-dual',
      recordingStatusCallback: 'https://example.com/rec', recordingStatusCallbackMethod: 'POST',
      recordingStatusCallbackEvent: ['in-progress', 'completed', 'absent'], answerOnBridge: true,
      timeout: 20, timeLimit: 3600, action: 'https://example.com/dial-action?a=1&b=2', method: 'POST' },
     nouns: [{ number: '+15558675310', options: { statusCallback: 'https://example.com/leg-status',
       statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'], statusCallbackMethod: 'POST' } },
       { number: '+15558675311' }] }],
  [{ verb: 'connect_stream', options: { url: 'wss://example.com/bidi', parameters: [['FirstName', 'Jane']] } }],
  [{ verb: 'dial', options: {}, nouns: [{ client: 'alice', options: { statusCallback: 'https://example.com/c',
      statusCallbackEvent: ['ringing', 'answered'] } }] },
   { verb: 'dial', options: { answerOnBridge: false }, nouns: [{ client: 'bob', parameters: [['k', 'v'], ['ü', '😀']] }] }],
  [{ verb: 'enqueue', name: 'hold-CA123', options: { waitUrl: 'https://example.com/hold-music',
      action: 'https://example.com/dequeued', method: 'POST' } },
   { verb: 'enqueue', name: 'silent', options: { waitUrl: '' } }],
  [{ verb: 'dial', options: {}, nouns: [{ queue: 'hold-CA123', options: { url: 'https://example.com/whisper' } }] },
   { verb: 'redirect', url: 'https://example.com/next', options: { method: 'GET' } },
   { verb: 'stop_stream', options: { name: 'copilot' } }],
  [{ verb: 'say', text: 'The person you called & friends <are> "away"; it\'s late.\r\n',
     options: { voice: 'Polly.Joanna', language: 'en-US', loop: 2 } },
   { verb: 'record', options: { action: 'https://example.com/vm', method: 'POST', timeout: 5,
      finishOnKey: '#', maxLength: 120, playBeep: true, trim: 'trim-silence',
      recordingStatusCallback: 'https://example.com/rec', recordingStatusCallbackMethod: 'POST',
      recordingStatusCallbackEvent: ['completed', 'absent'] } },
   { verb: 'pause' }, { verb: 'play', url: 'https://example.com/a.wav', options: { digits: 'ww1234' } }],
  [{ verb: 'say', text: 'España, 中文, 😀' }, { verb: 'hangup' }],
  [],
];

const voiceCases = require('./voice_cases.js')(twilio);

const twimlCases = builderCases.map((verbs) => ({ op: 'twiml', verbs }))
    .concat(voiceCases.map((c) => c.tool));
const twimlResults = runTool(twimlCases);
let identical = 0;
builderCases.forEach((verbs, i) => {
  const theirs = buildWithTwilio(verbs);
  const ours = twimlResults[i].twiml;
  if (ours === theirs) identical++;
  check(sameXml(ours, theirs), 'TwiML builder case ' + i, 'ours:   ' + ours + '\n  twilio: ' + theirs);
});
voiceCases.forEach((c, j) => {
  const r = twimlResults[builderCases.length + j];
  const label = 'voice ' + c.tool.kind + ' ' + JSON.stringify(c.tool.form.filter(([k]) =>
      ['From', 'To', 'DialCallStatus'].includes(k)));
  check(r.decision === c.decision, label, 'decision ours=' + r.decision + ' expected=' + c.decision);
  if (r.twiml === c.twiml) identical++;
  check(sameXml(r.twiml, c.twiml), label, 'ours:   ' + r.twiml + '\n  twilio: ' + c.twiml);
});
// The comparison itself must be able to fail.
check(!sameXml(buildWithTwilio([{ verb: 'hangup' }]), buildWithTwilio([{ verb: 'pause' }])),
      'normaliser sanity', 'different documents compared equal');

// ---------------------------------------------------------------------------
// 3. Access tokens.

const tokenInputs = [];
const secrets = ['secretsecretsecretsecretsecret12', 'another-secret-ü', 'x'.repeat(64)];
for (let i = 0; i < 40; i++) {
  tokenInputs.push({
    account_sid: 'AC' + (i % 2 ? 'a' : 'b').repeat(32),
    api_key_sid: 'SK' + (i % 3 ? 'c' : 'd').repeat(32),
    secret: pick(secrets),
    identity: pick(['alice', 'user_42', 'A_b_C_123', 'x'.repeat(121)]),
    outgoing_application_sid: random() < 0.8 ? 'AP' + 'e'.repeat(32) : '',
    incoming_allow: random() < 0.5,
    outgoing_params: random() < 0.3 ? [['tenant', 'acme'], ['note', 'say "hi" \\ ü']] : [],
    ttl: pick([60, 600, 3600, 86400]),
    nbf: random() < 0.3,
    region: random() < 0.2 ? 'ie1' : '',
    now_ms: 1700000000000 + Math.floor(random() * 1e9),
  });
}
function twilioToken(t) {
  const realNow = Date.now;
  Date.now = () => t.now_ms;
  try {
    const now = Math.floor(t.now_ms / 1000);
    const opts = { identity: t.identity, ttl: t.ttl };
    if (t.nbf) opts.nbf = now;
    if (t.region) opts.region = t.region;
    const token = new twilio.jwt.AccessToken(t.account_sid, t.api_key_sid, t.secret, opts);
    const grant = { incomingAllow: t.incoming_allow };
    if (t.outgoing_application_sid) grant.outgoingApplicationSid = t.outgoing_application_sid;
    if (t.outgoing_params.length) grant.outgoingApplicationParams = Object.fromEntries(t.outgoing_params);
    token.addGrant(new twilio.jwt.AccessToken.VoiceGrant(grant));
    return token.toJwt();
  } finally {
    Date.now = realNow;
  }
}
const decodePart = (s) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
const tokenCases = tokenInputs.map((t) => ({ op: 'token', ...t }));
const tokenResults = runTool(tokenCases);
const verifyCases = [];
tokenInputs.forEach((t, i) => {
  const label = 'access token ' + i;
  const ours = tokenResults[i].token;
  check(typeof ours === 'string', label, 'our token failed: ' + tokenResults[i].error);
  if (typeof ours !== 'string') return;
  const theirs = twilioToken(t);
  const [oh, op] = ours.split('.');
  const [th, tp] = theirs.split('.');
  check(JSON.stringify(decodePart(oh)) === JSON.stringify(decodePart(th)), label + ' header',
        JSON.stringify(decodePart(oh)) + ' vs ' + JSON.stringify(decodePart(th)));
  const a = decodePart(op);
  const b = decodePart(tp);
  const sorted = (o) => JSON.stringify(o, Object.keys(flatKeys(o)).sort());
  check(sorted(a) === sorted(b), label + ' claims', JSON.stringify(a) + '\n  vs ' + JSON.stringify(b));
  check(ours === theirs, label + ' bytes', 'ours ' + ours + '\n  twilio ' + theirs);
  let verified = false;
  try {
    jsonwebtoken.verify(ours, t.secret, { algorithms: ['HS256'], clockTimestamp: Math.floor(t.now_ms / 1000) });
    verified = true;
  } catch (e) { /* verified stays false */ }
  check(verified, label, 'jsonwebtoken cannot verify our token with the secret');
  verifyCases.push({ op: 'verify_token', token: theirs, secret: t.secret, expect: true });
  verifyCases.push({ op: 'verify_token', token: theirs, secret: t.secret + 'x', expect: false });
});
function flatKeys(o, acc = {}) {
  if (o && typeof o === 'object') for (const k of Object.keys(o)) { acc[k] = 1; flatKeys(o[k], acc); }
  return acc;
}
const verifyResults = runTool(verifyCases.map(({ expect, ...c }) => c));
verifyResults.forEach((r, i) => {
  check(r.valid === verifyCases[i].expect, 'verify twilio token ' + i,
        'ours said ' + r.valid + ', expected ' + verifyCases[i].expect);
});
// Invalid inputs are refused rather than signed.
const refused = runTool([{ op: 'token', ...tokenInputs[0], identity: 'has space' },
                         { op: 'token', ...tokenInputs[0], ttl: 90000 }]);
refused.forEach((r, i) => check(typeof r.error === 'string', 'refused token ' + i, 'a token was issued'));

console.log('twilio_oracle: ' + checks + ' checks against twilio@' + twilioVersion + ', ' +
            failures + ' failed; ' + identical + ' TwiML documents byte-identical');
process.exit(failures === 0 ? 0 : 1);
