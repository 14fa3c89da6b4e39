#!/usr/bin/env node
// A local stand-in for Twilio's REST API (2010-04-01) and recording media
// host, speaking Twilio's wire format (TWILIO.md §6), for tests and for
// `salescopilot simulate --twilio`. Plain Node.js, no npm dependencies.
//
//   node tests/twilio_rest/twilio_double.js [options]
//   -> first stdout line: "LISTENING <port>"
//
// Options (all optional):
//   --port N             listen port on 127.0.0.1 (default 0: any free port)
//   --account-sid AC..   the account (default AC + 32 'a')
//   --auth-token T       its auth token (default "authtoken123")
//   --api-key SK.. --api-secret S   an API key accepted for the account too
//   --wav FILE           the WAV served for every recording's media (default:
//                        a generated 2 s dual-channel 8 kHz 16-bit tone)
//   --requests-file F    also append every request as a JSON line to F
//   --tls-cert F --tls-key F   serve HTTPS instead of HTTP
//   --media-host NAME    host name used in media redirects (default
//                        "localhost", a different origin from 127.0.0.1, so
//                        clients must drop credentials, as with Twilio's
//                        media host)
//
// Twilio API (HTTP Basic auth as the account SID + token or API key + secret;
// else 401 with Twilio error 20003):
//   POST /2010-04-01/Accounts/{AC}/Calls.json            create, 201 + Call
//        (400 21211 for an invalid To, 21213 without From, 21205 without
//        Url/Twiml/ApplicationSid)
//   POST /2010-04-01/Accounts/{AC}/Calls/{CA}.json       update, 200 + Call
//        (404 20404 for an unknown call; Status=completed/canceled ends it)
//   GET  /2010-04-01/Accounts/{AC}/Calls/{CA}.json       fetch
//   GET  /2010-04-01/Accounts/{AC}/Recordings/{RE}.json  recording metadata
//   GET  /2010-04-01/Accounts/{AC}/Recordings/{RE}[.wav|.mp3]
//        302 to http://<media-host>:<port>/__media/{RE}.wav?Signature=...
//        (a pre-signed URL that needs no credentials, like Twilio's media
//        host); the media itself is the WAV above (mp3: 404, not supported)
//
// Control endpoints (no auth; JSON bodies):
//   GET  /__requests           every recorded request, in order:
//        [{method, path, query, headers (lower-case names), body, form:
//          [[key, value], ...]}]
//   POST /__reset              forget recorded requests and faults
//   POST /__inject {status, count=1, path (substring, optional), delay_ms,
//        drop (close the socket without answering), retry_after}
//        the next `count` API requests matching `path` get that fault
//   POST /__calls {sid?, to?, from?, status?}  seed a call; returns the Call
//   POST /__recordings {call_sid, sid?, channels?, duration?}
//        create a completed recording; returns {sid, call_sid, url,
//        recording_url, ...}: `recording_url` is the RecordingUrl Twilio
//        would put in the recording status callback (TWILIO.md §3.4)
//   GET  /__calls/{CA}         the call's state as the double holds it
//                              (including the last TwiML/Url redirect)
// Control requests are not recorded.
'use strict';

const http = require('http');
const https = require('https');
const fs = require('fs');
const crypto = require('crypto');

function parseArgs(argv) {
  const out = {};
  for (let i = 2; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) throw new Error('unexpected argument ' + argv[i]);
    out[argv[i].slice(2)] = argv[++i];
  }
  return out;
}

const args = parseArgs(process.argv);
const ACCOUNT = args['account-sid'] || 'AC' + 'a'.repeat(32);
const TOKEN = args['auth-token'] || 'authtoken123';
const API_KEY = args['api-key'] || '';
const API_SECRET = args['api-secret'] || '';
const MEDIA_HOST = args['media-host'] || 'localhost';
const TLS = Boolean(args['tls-cert']);

// A 2 s, 8 kHz, 16-bit, dual-channel WAV: 440 Hz on the left (inbound),
// 660 Hz on the right (outbound), like a dual-channel call recording.
function generatedWav() {
  const rate = 8000, seconds = 2, channels = 2;
  const frames = rate * seconds;
  const data = Buffer.alloc(frames * channels * 2);
  for (let i = 0; i < frames; i++) {
    data.writeInt16LE(Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / rate)), i * 4);
    data.writeInt16LE(Math.round(8000 * Math.sin(2 * Math.PI * 660 * i / rate)), i * 4 + 2);
  }
  const h = Buffer.alloc(44);
  h.write('RIFF', 0); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8);
  h.write('fmt ', 12); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22); h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * channels * 2, 28); h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34); h.write('data', 36); h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}
const WAV = args.wav ? fs.readFileSync(args.wav) : generatedWav();
function wavInfo(buf) {
  // channels at 22, byte rate at 28; data size after the 44-byte header.
  if (buf.length < 44 || buf.toString('latin1', 0, 4) !== 'RIFF') return { channels: 1, duration: 0 };
  return { channels: buf.readUInt16LE(22), duration: Math.round((buf.length - 44) / buf.readUInt32LE(28)) };
}

let requests = [];
let faults = [];
const calls = new Map();
const recordings = new Map();
const mediaTokens = new Map();
let port = 0;

function sid(prefix) { return prefix + crypto.randomBytes(16).toString('hex'); }
function rfc2822(d) { return d.toUTCString().replace('GMT', '+0000'); }

function callJson(c) {
  const now = rfc2822(c.updated);
  return {
    sid: c.sid, date_created: rfc2822(c.created), date_updated: now,
    parent_call_sid: c.parent_call_sid || null, account_sid: ACCOUNT,
    to: c.to, to_formatted: c.to, from: c.from, from_formatted: c.from,
    phone_number_sid: null, status: c.status, start_time: c.start_time || null,
    end_time: c.end_time || null, duration: c.duration || null, price: null,
    price_unit: 'USD', direction: 'outbound-api', answered_by: null,
    api_version: '2010-04-01', forwarded_from: null, group_sid: null,
    caller_name: null, queue_time: '0', trunk_sid: null,
    uri: `/2010-04-01/Accounts/${ACCOUNT}/Calls/${c.sid}.json`,
    subresource_uris: {
      recordings: `/2010-04-01/Accounts/${ACCOUNT}/Calls/${c.sid}/Recordings.json`,
      notifications: `/2010-04-01/Accounts/${ACCOUNT}/Calls/${c.sid}/Notifications.json`,
    },
  };
}

function recordingJson(r) {
  return {
    account_sid: ACCOUNT, api_version: '2010-04-01', call_sid: r.call_sid,
    conference_sid: null, date_created: rfc2822(r.created),
    date_updated: rfc2822(r.created), start_time: rfc2822(r.created),
    duration: String(r.duration), sid: r.sid, price: null, price_unit: 'USD',
    status: 'completed', channels: r.channels, source: r.source,
    error_code: null, uri: `/2010-04-01/Accounts/${ACCOUNT}/Recordings/${r.sid}.json`,
    encryption_details: null, subresource_uris: {},
    media_url: `${origin()}/2010-04-01/Accounts/${ACCOUNT}/Recordings/${r.sid}`,
  };
}

function origin() { return `${TLS ? 'https' : 'http'}://127.0.0.1:${port}`; }

function newCall(fields) {
  const now = new Date();
  const c = { sid: fields.sid || sid('CA'), to: fields.to || '+15558675310',
              from: fields.from || '+15017122661', status: fields.status || 'queued',
              created: now, updated: now, twiml: null, url: null };
  calls.set(c.sid, c);
  return c;
}

function newRecording(fields) {
  const info = wavInfo(WAV);
  const r = { sid: fields.sid || sid('RE'), call_sid: fields.call_sid || sid('CA'),
              channels: fields.channels || info.channels,
              duration: fields.duration !== undefined ? fields.duration : info.duration,
              source: fields.source || 'DialVerb', created: new Date() };
  recordings.set(r.sid, r);
  return r;
}

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, Object.assign({ 'Content-Type': 'application/json' }, headers));
  res.end(text);
}

function twilioError(res, status, code, message) {
  send(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function decodeForm(body) {
  if (!body) return [];
  return body.split('&').filter((p) => p.length > 0).map((p) => {
    const i = p.indexOf('=');
    const dec = (s) => decodeURIComponent(s.replace(/\+/g, ' '));
    return i < 0 ? [dec(p), ''] : [dec(p.slice(0, i)), dec(p.slice(i + 1))];
  });
}

function formGet(form, key) {
  const hit = form.find(([k]) => k === key);
  return hit ? hit[1] : undefined;
}

function authorized(req) {
  const h = req.headers.authorization || '';
  if (!h.startsWith('Basic ')) return false;
  const plain = Buffer.from(h.slice(6), 'base64').toString('utf8');
  const i = plain.indexOf(':');
  const user = plain.slice(0, i), pass = plain.slice(i + 1);
  return (user === ACCOUNT && pass === TOKEN) ||
         (API_KEY !== '' && user === API_KEY && pass === API_SECRET);
}

function handleControl(req, res, url, body) {
  const json = body ? JSON.parse(body) : {};
  if (req.method === 'GET' && url.pathname === '/__requests') return send(res, 200, requests);
  if (req.method === 'POST' && url.pathname === '/__reset') {
    requests = []; faults = [];
    return send(res, 200, { ok: true });
  }
  if (req.method === 'POST' && url.pathname === '/__inject') {
    faults.push(Object.assign({ count: 1 }, json));
    return send(res, 200, { ok: true });
  }
  if (req.method === 'POST' && url.pathname === '/__calls') return send(res, 201, callJson(newCall(json)));
  let m = url.pathname.match(/^\/__calls\/(CA[0-9a-f]{32})$/);
  if (req.method === 'GET' && m) {
    const c = calls.get(m[1]);
    if (!c) return send(res, 404, { error: 'no such call' });
    return send(res, 200, Object.assign(callJson(c), { twiml: c.twiml, url: c.url }));
  }
  if (req.method === 'POST' && url.pathname === '/__recordings') {
    const r = newRecording(json);
    const base = `${origin()}/2010-04-01/Accounts/${ACCOUNT}/Recordings/${r.sid}`;
    return send(res, 201, Object.assign(recordingJson(r), { url: base, recording_url: base }));
  }
  m = url.pathname.match(/^\/__media\/(RE[0-9a-f]{32})\.wav$/);
  if (req.method === 'GET' && m) {
    if (!recordings.has(m[1]) || mediaTokens.get(url.searchParams.get('Signature')) !== m[1]) {
      return send(res, 403, '<Error>AccessDenied</Error>', { 'Content-Type': 'application/xml' });
    }
    return send(res, 200, WAV, { 'Content-Type': 'audio/x-wav' });
  }
  return send(res, 404, { error: 'unknown control endpoint' });
}

function handleApi(req, res, url, form) {
  if (!authorized(req)) {
    return twilioError(res, 401, 20003, 'Authentication Error - invalid username');
  }
  const prefix = '/2010-04-01/Accounts/';
  if (!url.pathname.startsWith(prefix)) {
    return twilioError(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
  }
  const rest = url.pathname.slice(prefix.length);
  const account = rest.slice(0, rest.indexOf('/'));
  if (account !== ACCOUNT) return twilioError(res, 401, 20003, 'Authenticate');
  const tail = rest.slice(account.length);
  let m;
  if (req.method === 'POST' && tail === '/Calls.json') {
    const to = formGet(form, 'To'), from = formGet(form, 'From');
    if (!from) return twilioError(res, 400, 21213, "No 'From' number is specified");
    if (!to || !(/^\+[1-9][0-9]{1,14}$/.test(to) || /^client:[A-Za-z0-9_.-]+$/.test(to) || /^sip:/.test(to))) {
      return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    }
    if (!formGet(form, 'Url') && !formGet(form, 'Twiml') && !formGet(form, 'ApplicationSid')) {
      return twilioError(res, 400, 21205, 'Url parameter is required.');
    }
    const c = newCall({ to, from });
    c.url = formGet(form, 'Url') || null;
    c.twiml = formGet(form, 'Twiml') || null;
    return send(res, 201, callJson(c));
  }
  if ((m = tail.match(/^\/Calls\/(CA[0-9a-fA-F]{32})\.json$/))) {
    const c = calls.get(m[1]);
    if (!c) return twilioError(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
    if (req.method === 'GET') return send(res, 200, callJson(c));
    if (req.method !== 'POST') return twilioError(res, 405, 20004, 'Method not allowed');
    const status = formGet(form, 'Status');
    const twiml = formGet(form, 'Twiml'), target = formGet(form, 'Url');
    if ((twiml || target) && ['completed', 'canceled', 'failed', 'busy', 'no-answer'].includes(c.status)) {
      return twilioError(res, 400, 21220, 'Call is not in-progress. Cannot redirect.');
    }
    if (status === 'completed' || status === 'canceled') {
      c.status = status;
      c.end_time = rfc2822(new Date());
      c.duration = '0';
    }
    if (twiml) c.twiml = twiml;
    if (target) c.url = target;
    c.updated = new Date();
    return send(res, 200, callJson(c));
  }
  if (req.method === 'GET' && (m = tail.match(/^\/Recordings\/(RE[0-9a-fA-F]{32})(\.json|\.wav|\.mp3)?$/))) {
    const r = recordings.get(m[1]);
    if (!r || m[2] === '.mp3') {
      return twilioError(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
    }
    if (m[2] === '.json') return send(res, 200, recordingJson(r));
    const token = crypto.randomBytes(12).toString('hex');
    mediaTokens.set(token, r.sid);
    const scheme = TLS ? 'https' : 'http';
    return send(res, 302, '', { Location: `${scheme}://${MEDIA_HOST}:${port}/__media/${r.sid}.wav?Signature=${token}` });
  }
  return twilioError(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
}

function onRequest(req, res) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://127.0.0.1');
    try {
      if (url.pathname.startsWith('/__') && !url.pathname.startsWith('/__media/')) {
        return handleControl(req, res, url, body);
      }
      const form = (req.headers['content-type'] || '').startsWith('application/x-www-form-urlencoded')
        ? decodeForm(body) : [];
      const record = { method: req.method, path: url.pathname, query: url.search,
                       headers: req.headers, body, form, time_ms: Date.now() };
      requests.push(record);
      if (args['requests-file']) fs.appendFileSync(args['requests-file'], JSON.stringify(record) + '\n');
      if (url.pathname.startsWith('/__media/')) return handleControl(req, res, url, body);
      const fault = faults.find((f) => f.count > 0 && (!f.path || url.pathname.includes(f.path)));
      if (fault) {
        fault.count--;
        const act = () => {
          if (fault.drop) return req.socket.destroy();
          if (fault.status) {
            const h = fault.retry_after !== undefined ? { 'Retry-After': String(fault.retry_after) } : {};
            const code = fault.status === 429 ? 20429 : 20500;
            return send(res, fault.status, { code, message: fault.status === 429 ? 'Too Many Requests' : 'Internal Server Error',
              more_info: `https://www.twilio.com/docs/errors/${code}`, status: fault.status }, h);
          }
          return handleApi(req, res, url, form);
        };
        return fault.delay_ms ? setTimeout(act, fault.delay_ms) : act();
      }
      return handleApi(req, res, url, form);
    } catch (e) {
      send(res, 500, { code: 20500, message: 'double failure: ' + e.message, status: 500 });
    }
  });
}

const server = TLS
  ? https.createServer({ cert: fs.readFileSync(args['tls-cert']), key: fs.readFileSync(args['tls-key']) }, onRequest)
  : http.createServer(onRequest);
server.listen(Number(args.port || 0), '127.0.0.1', () => {
  port = server.address().port;
  process.stdout.write(`LISTENING ${port}\n`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
