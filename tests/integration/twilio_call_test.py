#!/usr/bin/env python3
"""End-to-end tests of the Twilio Programmable Voice flow through the salescopilot binary:
`serve` with a Twilio auth token, the admin CLI (tenant, user, phone), `simulate --twilio`
(signed webhooks -> TwiML -> signed media stream -> status and recording callbacks, the
recording served by simulate's stand-in for Twilio's API), and raw requests as an attacker or
a misbehaving Twilio would send them.

    python3 tests/integration/twilio_call_test.py --binary build/release/src/cli/salescopilot \
        --work build/release/integration-twilio [unittest args, e.g. -v]

Registered with ctest as `twilio_call_integration` (tests/CMakeLists.txt).

Signatures are computed here with Python's own hmac/hashlib (Twilio's published algorithm,
TWILIO.md 4.1), independently of the C++ signer. Servers listen on --port 0 and are killed in
tearDown. Python standard library only; the process helpers come from live_call_test.py.
"""

import argparse
import atexit
import base64
import hashlib
import hmac
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import unittest
import urllib.parse
import wave

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import live_call_test as lct  # noqa: E402  (process helpers: Server, run_cli, spawn, ...)

TOKEN = "integration-auth-token-" + "%08x" % random.getrandbits(32)
ACCOUNT = "AC" + "%032x" % random.getrandbits(128)
TENANT, USER, IDENTITY, NUMBER = "acme", "alice", "alice_1", "+15017122661"
PROSPECT = "+15558675310"
SHORT_CALL = "twilio_short"
SHORT_DIALOGUE = """\
# title: Short call for the Twilio integration test (written by tests/integration/twilio_call_test.py)
# agent_voice: flite:rms
# prospect_voice: flite:kal
A: Hi, this is Daniel from Clear Route. Do you have a minute to talk about your delivery routes?
P: Sure, I have a few minutes before my next meeting.
A: Great. How many trucks do you run every day right now?
P: About forty trucks, mostly in the city.
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign(url, params, token=TOKEN):
    """X-Twilio-Signature: base64(HMAC-SHA1(token, url + sorted name+value pairs))."""
    data = url + "".join(k + v for k, v in sorted(params))
    return base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode()


def sid(prefix):
    return prefix + "%032x" % random.getrandbits(128)


def rfc2822(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))


class TwilioServer(lct.Server):
    """A server with Twilio configured; recordings come from the stand-in at api_port."""

    def __init__(self, name, data_dir, api_port):
        os.environ["TWILIO_AUTH_TOKEN"] = TOKEN
        os.environ["TWILIO_ACCOUNT_SID"] = ACCOUNT
        os.environ["SALESCOPILOT_TWILIO_API_BASE_URL"] = f"http://127.0.0.1:{api_port}"
        os.environ.pop("SALESCOPILOT_PUBLIC_URL", None)
        super().__init__(name, data_dir)
        self.base = f"http://127.0.0.1:{self.port}"

    def post(self, path, params, signature=None, content_type="application/x-www-form-urlencoded",
             body=None):
        """POST a form; signature None = signed correctly, "" = no header."""
        headers = {"Content-Type": content_type}
        if signature is None:
            signature = sign(self.base + path, params)
        if signature:
            headers["X-Twilio-Signature"] = signature
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30 * lct.SLOW)
        try:
            conn.request("POST", path, body if body is not None else urllib.parse.urlencode(params),
                         headers)
            r = conn.getresponse()
            return r.status, r.read().decode("utf-8"), r.getheader("Content-Type", "")
        finally:
            conn.close()

    def upgrade(self, path, signature):
        """A raw WebSocket handshake; returns the HTTP status line's code."""
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", "Upgrade: websocket",
                 "Connection: Upgrade", f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
        if signature:
            lines.append(f"X-Twilio-Signature: {signature}")
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as s:
            s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
            head = s.recv(4096).decode("latin-1")
        return int(head.split(" ", 2)[1])


def admin(data, *args):
    lct.run_cli(list(args) + ["--data", data], 60, f"admin-{args[0]}-{args[1]}.log")


def provision(data):
    admin(data, "tenant", "add", TENANT, "--name", "Acme Inc")
    admin(data, "user", "add", USER, "--tenant", TENANT, "--identity", IDENTITY,
          "--permission", "phone.call", "--permission", "ai.sales-copilot")
    admin(data, "phone", "assign", USER, NUMBER, "--caller-id-name", "Acme Sales")


def generate_short_call():
    os.makedirs(lct.CALLS, exist_ok=True)
    txt = os.path.join(lct.CALLS, SHORT_CALL + ".txt")
    wav = os.path.join(lct.CALLS, SHORT_CALL + ".wav")
    if lct.read_text(txt) != SHORT_DIALOGUE:
        with open(txt, "w", encoding="utf-8") as f:
            f.write(SHORT_DIALOGUE)
    if os.path.exists(wav) and os.path.getmtime(wav) >= os.path.getmtime(txt):
        return wav
    r = subprocess.run([sys.executable, os.path.join(lct.REPO, "scripts", "make-test-calls"),
                        "--out", lct.CALLS, "-q", txt], capture_output=True, text=True, timeout=900)
    if r.returncode != 0:
        raise RuntimeError(f"make-test-calls failed:\n{r.stdout}\n{r.stderr}")
    return wav


class TwilioTestCase(lct.ProcessTestCase):
    def start(self, name):
        self.api_port = free_port()
        data = lct.data_dir(name)
        provision(data)
        s = TwilioServer(name, data, self.api_port)
        self.servers.append(s)
        return s


class Test1SignedCallEndToEnd(TwilioTestCase):
    """simulate --twilio: the whole call; the recording is fetched and linked."""

    def test_call(self):
        server = self.start("twilio-e2e")
        wav = generate_short_call()
        _, out, _ = lct.run_cli(
            ["simulate", "--twilio", "--url", server.base, wav, "--from", f"client:{IDENTITY}",
             "--to", PROSPECT, "--twilio-api-listen", f"127.0.0.1:{self.api_port}",
             "--speed", "2", "--format", "json", "--quiet"],
            240 + lct.wave_seconds(wav), "twilio-e2e.simulate.log")
        r = json.loads(out)
        lct.note("twilio", f"simulate --twilio: {r['finals']} finals, analysis_ready "
                           f"{r['analysis_ready']}, status {r['twilio_status']}, recording "
                           f"{r['recording_status']} ({r['recording_downloads']} downloads)")
        self.assertEqual(r["decision"], "dial")
        self.assertTrue(r["streamed"])
        self.assertTrue(r["analysis_ready"])
        self.assertGreater(r["finals"], 0)
        self.assertEqual(r["twilio_status"], "completed")
        self.assertEqual(r["recording_status"], "stored")
        self.assertGreaterEqual(r["recording_downloads"], 1)

        call = server.get_json(f"/api/calls/{r['call_sid']}")
        self.assertEqual(call["state"], "completed")
        self.assertEqual(call["twilio"]["user_id"], USER)
        self.assertEqual(call["twilio"]["tenant_id"], TENANT)
        self.assertEqual(call["twilio"]["direction"], "outbound")
        [rec] = call["recordings"]
        self.assertEqual(rec["status"], "stored")
        self.assertEqual(rec["channels"], 2)
        path = rec["local_path"]
        self.assertTrue(path.startswith(os.path.join(server.data_dir, "recordings")), path)
        self.assertIn(f"/{TENANT}/{r['call_sid']}/", path)
        with wave.open(path) as w:
            self.assertEqual(w.getnchannels(), 2)
            self.assertEqual(w.getframerate(), 8000)
            self.assertAlmostEqual(w.getnframes() / 8000, r["audio_s"], delta=1.0)
        # Phone numbers never reach the log text (only redacted fields).
        log = lct.read_text(server.log)
        self.assertNotIn(PROSPECT, log)
        self.assertNotIn(NUMBER, log)
        self.assertNotIn(TOKEN, log)


class Test2Signatures(TwilioTestCase):
    """Unsigned or forged webhooks get 403; so does an unsigned media-stream upgrade."""

    def test_webhooks_and_upgrade(self):
        server = self.start("twilio-sig")
        voice = [("AccountSid", ACCOUNT), ("CallSid", sid("CA")), ("From", f"client:{IDENTITY}"),
                 ("To", PROSPECT), ("CallStatus", "ringing"), ("Direction", "inbound")]
        status, body, ctype = server.post("/api/twilio-calls/twiml", voice)
        self.assertEqual(status, 200, body)
        self.assertTrue(ctype.startswith("text/xml"), ctype)
        self.assertIn("<Dial", body)
        for path in ("/api/twilio-calls/twiml", "/api/twilio-calls/status",
                     "/api/twilio-calls/recording", "/api/twilio-calls/dial-action"):
            self.assertEqual(server.post(path, voice, signature="")[0], 403, path)
            self.assertEqual(server.post(path, voice, signature=sign(server.base + path, voice,
                                                                     "wrong-token"))[0], 403)
        # A signature for other parameters than those sent.
        forged = sign(server.base + "/api/twilio-calls/twiml", voice[:-1])
        self.assertEqual(server.post("/api/twilio-calls/twiml", voice, signature=forged)[0], 403)
        self.assertIn("twilio.signature_rejected", lct.read_text(server.log))
        # Strict form parsing: bad encoding 400, not a form 415.
        path = "/api/twilio-calls/twiml"
        self.assertEqual(server.post(path, [], body="CallSid=%G1")[0], 400)
        self.assertEqual(server.post(path, [], content_type="application/json", body="{}")[0], 415)

        media = "/api/twilio-calls/media-stream"
        self.assertEqual(server.upgrade(media, None), 403)
        self.assertEqual(server.upgrade(media, sign(f"ws://127.0.0.1:{server.port}{media}", [],
                                                    "wrong-token")), 403)
        self.assertEqual(server.upgrade(media, sign(f"ws://127.0.0.1:{server.port}{media}", [])),
                         101)


class Test3UnknownNumber(TwilioTestCase):
    """A call to a number nobody owns gets TwiML that says so, never an error."""

    def test_unknown_number(self):
        server = self.start("twilio-unknown")
        params = [("AccountSid", ACCOUNT), ("CallSid", sid("CA")), ("From", PROSPECT),
                  ("To", "+15005550199"), ("CallStatus", "ringing"), ("Direction", "inbound")]
        status, body, ctype = server.post("/api/twilio-calls/twiml", params)
        self.assertEqual(status, 200, body)
        self.assertTrue(ctype.startswith("text/xml"), ctype)
        self.assertIn("<Say", body)
        self.assertIn("<Hangup/>", body)
        self.assertNotIn("<Dial", body)
        # A malformed To gets TwiML too.
        params[3] = ("To", "not-a-number")
        status, body, _ = server.post("/api/twilio-calls/twiml", params)
        self.assertEqual(status, 200)
        self.assertIn("<Hangup/>", body)
        # An inbound call to the user's own number rings their browser.
        params[3] = ("To", NUMBER)
        status, body, _ = server.post("/api/twilio-calls/twiml", params)
        self.assertEqual(status, 200)
        self.assertIn(f">{IDENTITY}</Client>", body)


class Test4StatusCallbackOrder(TwilioTestCase):
    """Status callbacks replayed twice, out of order and with gaps leave the same final state."""

    def test_replays(self):
        server = self.start("twilio-status")
        t0 = 1_700_000_000
        events = [("initiated", 0, t0), ("ringing", 1, t0 + 2), ("in-progress", 2, t0 + 5),
                  ("completed", 3, t0 + 65)]

        def callback(call_sid, status, seq, t):
            p = [("AccountSid", ACCOUNT), ("CallSid", call_sid), ("CallStatus", status),
                 ("SequenceNumber", str(seq)), ("Timestamp", rfc2822(t)),
                 ("CallbackSource", "call-progress-events"), ("Direction", "outbound-api"),
                 ("From", NUMBER), ("To", PROSPECT)]
            if status == "completed":
                p.append(("CallDuration", "60"))
            return p

        patterns = {
            "in_order": events,
            "twice": events + events,
            "reversed": list(reversed(events)),
            "gap": [events[0], events[2], events[3]],
            "late_and_duplicated": [events[3], events[1], events[3], events[0], events[2]],
        }
        finals = {}
        for name, deliveries in patterns.items():
            call_sid = sid("CA")
            for status, seq, t in deliveries:
                code, body, _ = server.post("/api/twilio-calls/status",
                                            callback(call_sid, status, seq, t))
                self.assertEqual(code, 204, f"{name} {status}: {body}")
            leg = server.get_json(f"/api/calls/{call_sid}/twilio")["twilio"]
            finals[name] = {k: leg[k] for k in ("status", "last_sequence_number", "answered_unix_ms",
                                                "ended_unix_ms", "duration_s")}
        want = finals["in_order"]
        self.assertEqual(want["status"], "completed")
        self.assertEqual(want["duration_s"], 60)
        self.assertEqual(want["ended_unix_ms"], (t0 + 65) * 1000)
        for name, got in finals.items():
            self.assertEqual(got, want, name)
        # A callback missing its status is a 400 naming it.
        code, body, _ = server.post("/api/twilio-calls/status",
                                    [("AccountSid", ACCOUNT), ("CallSid", sid("CA"))])
        self.assertEqual(code, 400)
        self.assertIn("CallStatus", body)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--work", required=True)
    args, rest = ap.parse_known_args(argv)
    lct.BINARY = os.path.abspath(args.binary)
    work = os.path.abspath(args.work)
    lct.CALLS = os.path.join(work, "testcalls")
    lct.RUN = os.path.join(work, "run")
    shutil.rmtree(lct.RUN, ignore_errors=True)
    os.makedirs(os.path.join(lct.RUN, "logs"))
    os.makedirs(os.path.join(lct.RUN, "data"))
    lct.SANITIZED = lct.detect_sanitizer(lct.BINARY)
    lct.SLOW = 4.0 if lct.SANITIZED else 1.0
    atexit.register(lct.kill_leftovers)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    program = unittest.main(module=__name__, argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
    print("\n==================== twilio_call_test summary ====================")
    for test, text in lct.FIGURES:
        print(f"  [{test}] {text}")
    ok = program.result.wasSuccessful() and program.result.testsRun > 0
    print(f"  logs: {os.path.join(lct.RUN, 'logs')}: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
