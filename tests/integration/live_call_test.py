#!/usr/bin/env python3
"""End-to-end tests of the salescopilot binary: live calls through `serve` + `simulate`,
abrupt disconnects, crash recovery, offline `analyze` and the `calls` commands.

    python3 tests/integration/live_call_test.py --binary build/release/src/cli/salescopilot \
        --work build/release/integration [unittest args, e.g. -v or Test1LiveCall]

Registered with ctest as `live_call_integration` (tests/CMakeLists.txt).

Test calls are synthesized once into WORK/testcalls by scripts/make-test-calls (its synthesis
cache lives there too) and reused while newer than their dialogue scripts; every run gets a
fresh WORK/run/ with one data directory and log file per server. Servers listen on --port 0
(the port is read from their stderr) and are always killed in tearDown, even when a test fails.

Works with an AddressSanitizer build (detected from the binary; timeouts are scaled and stderr
of every process is checked for sanitizer reports). Nothing asserts on timing: latencies and
wall times are printed for the CI log only.

Python standard library only. Scoring uses scripts/wer.py (imported).
"""

import argparse
import atexit
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "scripts"))
import wer  # noqa: E402  (scripts/wer.py)

BINARY = None        # set by main()
WORK = None          # set by main()
RUN = None           # WORK/run: data dirs and logs of this run (wiped at start)
CALLS = None         # WORK/testcalls
SLOW = 1.0           # timeout multiplier (ASan builds: 4)
SANITIZED = False

# Call used for the live tests (tests 1 and 3): the demo call (77 s, flite rms / kal). It is not
# held out, so tuning on it is allowed.
LIVE_CALL = "demo"
LIVE_DIALOGUE = os.path.join(REPO, "testdata", "dialogues", "demo.txt")
# Held-out call for the offline test (test 4): never tuned on (testdata/dialogues/heldout).
HELDOUT_CALL = "cold_call_insurance"
HELDOUT_DIALOGUE = os.path.join(REPO, "testdata", "dialogues", "heldout", "cold_call_insurance.txt")
# Short call for the abrupt-disconnect test (test 2), written into WORK, not into testdata.
SHORT_CALL = "abrupt_short"
SHORT_DIALOGUE_TEXT = """\
# title: Short call for the abrupt-disconnect test (written by tests/integration/live_call_test.py)
# agent_voice: flite:rms
# prospect_voice: flite:kal
A: Hi, this is Daniel from Clear Route. Do you have a minute to talk about your delivery routes?
P: Sure, I have a few minutes before my next meeting.
A: Great. How many trucks do you run every day right now?
P: About forty trucks, mostly in the city.
"""

SPEED = 2  # test 1 plays at twice real time

# ---------------------------------------------------------------------------------- bounds
#
# WER bound for the live call (test 1: demo call via serve + simulate --speed 2, transcript
# read back from GET /api/calls/{sid}, scored with scripts/wer.py against demo.truth.jsonl).
# Measured 2026-11 on 2 shared cores (a parallel ASan build running during some runs):
#   offline `analyze demo.wav` (release):  24.5% (200 ref words: 38 sub, 5 del, 6 ins)
#   live, release build, 6 runs:           24.5% every time (identical transcripts)
#   live, ASan build, 1 run:               24.5%
# The transcript does not depend on wall-clock timing: the endpointer and recognizer run on
# stream time and nothing is dropped (asserted separately); the same 24.5% came out whether
# the loaded machine gave a p50 end-of-utterance latency of 0.5 s or 6 s.
# The bound leaves 7.5 points of margin (15 words of 200) for small recognizer/endpointer
# tuning changes, while still failing on a real regression: losing any one of the call's five
# longest turns (19-29 words, 9.5-14.5 points) or a few short ones fails it.
LIVE_WER_MAX = 0.32
# Held-out call (test 4, offline analyze of cold_call_insurance.wav, agent flite:kal16, prospect
# flite:awb). Measured 48.9% (309 ref words: 126 sub,
# 4 del, 21 ins) in all 7 runs (release and ASan). Loose bound: this call is reported, not tuned;
# the bound only catches a collapse (losing the agent track alone is >= 63.8%: 197 of the 309
# words), while leaving 11 points for recognizer changes that help the tune set but not this call.
HELDOUT_WER_MAX = 0.60
# Talk ratio (agent share of talk time) vs truth, percentage points (brief: within 3 pp).
# Measured: live demo +0.4 pp, held-out -0.1 pp, abrupt short call (not asserted) printed.
TALK_RATIO_MAX_PP = 3.0
# analyze --transcript TRUTH recomputes the talk ratio from the truth times themselves.
TRANSCRIPT_TALK_RATIO_MAX_PP = 0.5

FIGURES = []  # (test, text) lines for the summary


def note(test, text):
    FIGURES.append((test, text))
    print(f"    [{test}] {text}", flush=True)


# ---------------------------------------------------------------------------------- helpers

SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                     "ThreadSanitizer", "SUMMARY: UndefinedBehaviorSanitizer")


def sanitizer_report(text):
    """The first lines of a sanitizer report in text, or None."""
    for m in SANITIZER_MARKERS:
        i = text.find(m)
        if i >= 0:
            return text[max(0, i - 200):i + 3000]
    return None


def read_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def tail(text, n=40):
    return "\n".join(text.splitlines()[-n:])


def detect_sanitizer(binary):
    """True if the binary was built with AddressSanitizer."""
    needle = b"__asan_init"
    prev = b""
    with open(binary, "rb") as f:
        while True:
            chunk = f.read(1 << 22)
            if not chunk:
                return False
            if needle in prev + chunk:
                return True
            prev = chunk[-len(needle):]


def run_cli(args, timeout, log_name, expect_rc=0):
    """Run the binary to completion; returns (rc, stdout, stderr). stderr goes to RUN/logs."""
    log = os.path.join(RUN, "logs", log_name)
    with open(log, "w") as err:
        p = spawn([BINARY] + args, stdout=subprocess.PIPE, stderr=err, text=True)
        try:
            out, _ = p.communicate(timeout=timeout * SLOW)
        except subprocess.TimeoutExpired:
            kill_process(p)
            raise AssertionError(f"{' '.join(args[:2])} did not finish in {timeout * SLOW:.0f} s "
                                 f"(log {log}):\n{tail(read_text(log))}")
    stderr = read_text(log)
    rep = sanitizer_report(stderr)
    if rep:
        raise AssertionError(f"sanitizer report from {' '.join(args[:2])} (log {log}):\n{rep}")
    if expect_rc is not None and p.returncode != expect_rc:
        raise AssertionError(f"{' '.join(args)} exited {p.returncode}, expected {expect_rc} "
                             f"(log {log}):\n{tail(stderr)}")
    return p.returncode, out, stderr


STARTED = []  # every Popen of this run, killed at exit if still running (last resort)


def spawn(args, **kw):
    p = subprocess.Popen(args, **kw)
    STARTED.append(p)
    return p


def kill_leftovers():
    for p in STARTED:
        if p.poll() is None:
            kill_process(p)


def kill_process(p, sig=signal.SIGKILL, wait=30):
    """Signal one process we started (by pid) and reap it."""
    if p.poll() is None:
        try:
            os.kill(p.pid, sig)
        except ProcessLookupError:
            pass
    try:
        p.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=wait)


class Server:
    """`salescopilot serve --port 0 --data DIR`, stderr to a log file."""

    def __init__(self, name, data_dir):
        self.name = name
        self.data_dir = data_dir
        self.log = os.path.join(RUN, "logs", f"{name}.serve.log")
        os.makedirs(data_dir, exist_ok=True)
        self._log_file = open(self.log, "a")
        self.proc = spawn([BINARY, "serve", "--port", "0", "--data", data_dir],
                          stdin=subprocess.DEVNULL, stdout=self._log_file, stderr=self._log_file)
        self.port = None
        deadline = time.monotonic() + 60 * SLOW
        marker = "salescopilot: serving on http://127.0.0.1:"
        while time.monotonic() < deadline:
            text = read_text(self.log)
            i = text.find(marker)
            if i >= 0 and "/" in text[i + len(marker):]:
                self.port = int(text[i + len(marker):].split("/", 1)[0])
                break
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        if self.port is None:
            self.kill()
            raise AssertionError(f"server {name} did not start (rc {self.proc.returncode}, "
                                 f"log {self.log}):\n{tail(read_text(self.log))}")

    @property
    def ws_url(self):
        return f"ws://127.0.0.1:{self.port}/api/twilio-calls/media-stream"

    def get(self, path, timeout=30):
        """GET path -> (status, parsed JSON or text)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout * SLOW)
        try:
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read().decode("utf-8")
        finally:
            conn.close()
        try:
            return r.status, json.loads(body)
        except ValueError:
            return r.status, body

    def get_json(self, path):
        status, body = self.get(path)
        if status != 200:
            raise AssertionError(f"GET {path} -> {status}: {body}")
        return body

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        """SIGTERM, wait; returns the exit code (SIGKILL after a long wait)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60 * SLOW)
            except subprocess.TimeoutExpired:
                kill_process(self.proc)
        self._log_file.close()
        return self.proc.returncode

    def kill(self):
        """SIGKILL (a crash), reap."""
        kill_process(self.proc)
        self._log_file.close()

    def sanitizer_report(self):
        return sanitizer_report(read_text(self.log))


class ProcessTestCase(unittest.TestCase):
    """Tracks every server and background process a test starts; tearDown kills them."""

    def setUp(self):
        self.servers = []
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            kill_process(p)
        for s in self.servers:
            if s.alive():
                s.stop()
        for s in self.servers:
            rep = s.sanitizer_report()
            if rep:
                self.fail(f"sanitizer report in {s.log}:\n{rep}")

    def start_server(self, name, data_dir):
        s = Server(name, data_dir)
        self.servers.append(s)
        return s


def data_dir(name):
    return os.path.join(RUN, "data", name)


def call_paths(name):
    base = os.path.join(CALLS, name)
    return {"wav": base + ".wav", "truth": base + ".truth.jsonl", "meta": base + ".meta.json"}


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1)
    return path


def score(name, analysis, label):
    """wer.compare(truth, analysis) for test call `name`; the analysis is saved under RUN."""
    hyp = write_json(os.path.join(RUN, f"{label}.analysis.json"), analysis)
    return wer.compare(wer.load(call_paths(name)["truth"]), wer.load(hyp))


def truth_agent_share(name):
    return load_json(call_paths(name)["meta"])["talk_ratio"]["agent"]


def analysis_agent_share(analysis):
    return analysis["metrics"]["talk_ratio"]["agent"]


def simulate(server, name, label, extra=(), timeout=None):
    """Run simulate to completion; returns the parsed --format json report."""
    wav = call_paths(name)["wav"]
    if timeout is None:
        timeout = 180 + wave_seconds(wav) / SPEED
    _, out, _ = run_cli(["simulate", "--url", server.ws_url, wav, "--format", "json", "--quiet",
                         *extra], timeout, f"{label}.simulate.log")
    return json.loads(out)


def wave_seconds(path):
    import wave
    with wave.open(path) as w:
        return w.getnframes() / w.getframerate()


def wait_for(what, fn, timeout, interval=0.2):
    """Poll fn() until it returns something truthy; returns it."""
    deadline = time.monotonic() + timeout * SLOW
    while True:
        v = fn()
        if v:
            return v
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout * SLOW:.0f} s waiting for {what}")
        time.sleep(interval)


def wait_finished(server, sid, timeout=180):
    """The call record once it is finished and has its analysis."""
    def done():
        status, rec = server.get(f"/api/calls/{sid}")
        if status == 200 and rec.get("state") != "active" and rec.get("analysis"):
            return rec
        return None
    return wait_for(f"call {sid} to finish", done, timeout)


def check_event_sequence(tc, events, end_reason):
    """seq 1..N contiguous; call.started first; call.ended(reason) then analysis.ready last."""
    tc.assertGreaterEqual(len(events), 3, [e["type"] for e in events])
    tc.assertEqual([e["seq"] for e in events], list(range(1, len(events) + 1)),
                   "event seq must be 1..N without gaps")
    tc.assertEqual(events[0]["type"], "call.started")
    tc.assertEqual(events[-1]["type"], "analysis.ready")
    tc.assertEqual(events[-2]["type"], "call.ended")
    tc.assertEqual(events[-2]["data"]["reason"], end_reason)
    types = [e["type"] for e in events]
    tc.assertEqual(types.count("call.started"), 1, types)
    tc.assertEqual(types.count("call.ended"), 1, types)
    tc.assertEqual(types.count("analysis.ready"), 1, types)


def finals_of(events):
    return [e["data"] for e in events if e["type"] == "transcript.final"]


def utterance_key(u):
    """(speaker, start in ms, text) of an analysis utterance or a transcript.final event."""
    if "start_ms" in u:
        start_ms = int(u["start_ms"])
    else:
        start_ms = int(round(float(u["start_s"]) * 1000))
    return (u["speaker"], start_ms, u["text"])


# ---------------------------------------------------------------------------------- test calls

def generate_test_calls():
    """Synthesize the calls the tests need into CALLS (reused while up to date)."""
    os.makedirs(CALLS, exist_ok=True)
    short_txt = os.path.join(CALLS, SHORT_CALL + ".txt")
    if read_text(short_txt) != SHORT_DIALOGUE_TEXT:
        with open(short_txt, "w", encoding="utf-8") as f:
            f.write(SHORT_DIALOGUE_TEXT)
    generator = os.path.join(REPO, "scripts", "make-test-calls")
    needed = []
    for dialogue in (LIVE_DIALOGUE, HELDOUT_DIALOGUE, short_txt):
        name = os.path.splitext(os.path.basename(dialogue))[0]
        outs = list(call_paths(name).values())
        newest_input = max(os.path.getmtime(dialogue), os.path.getmtime(generator))
        if not all(os.path.exists(p) and os.path.getmtime(p) >= newest_input for p in outs):
            needed.append(dialogue)
    if not needed:
        print(f"test calls: reusing {CALLS}", flush=True)
        return
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, generator, "--out", CALLS, "-q", *needed],
                       capture_output=True, text=True, timeout=900)
    if r.returncode != 0:
        raise RuntimeError(f"make-test-calls failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    print(f"test calls: generated {len(needed)} into {CALLS} in {time.monotonic() - t0:.1f} s",
          flush=True)


def setUpModule():
    generate_test_calls()


# ---------------------------------------------------------------------------------- tests

class Test1LiveCall(unittest.TestCase):
    """serve + simulate --speed 2 of the demo call; then the `calls` commands on its data dir
    (test 6) once the server has stopped. The call runs once (setUpClass); each test checks
    one aspect of it."""

    @classmethod
    def setUpClass(cls):
        cls.data = data_dir("live")
        server = Server("live", cls.data)
        try:
            cls.report = simulate(server, LIVE_CALL, "live", ["--speed", str(SPEED)])
            cls.sid = cls.report["call_sid"]
            cls.record = wait_finished(server, cls.sid)
            cls.events = server.get_json(f"/api/calls/{cls.sid}/events")["events"]
        finally:
            cls.server_rc = server.stop()
            rep = server.sanitizer_report()
        if rep:
            raise AssertionError(f"sanitizer report in {server.log}:\n{rep}")
        r = cls.report
        note("live", f"simulate: {r['audio_s']:.1f} s of audio in {r['wall_s']:.1f} s "
                     f"(--speed {SPEED}), {r['finals']} finals, {r['partials']} partials, "
                     f"latency end-of-utterance -> final p50 {r['latency_ms']['p50']:.0f} ms, "
                     f"p95 {r['latency_ms']['p95']:.0f} ms, max {r['latency_ms']['max']:.0f} ms")

    def test_server_stops_cleanly(self):
        self.assertEqual(self.server_rc, 0, "serve should exit 0 on SIGTERM")

    def test_simulate_report(self):
        r = self.report
        self.assertTrue(r["analysis_ready"], "simulate did not see analysis.ready on /api/live")
        # Every final the server stored reached the live socket.
        self.assertEqual(r["finals"], len(finals_of(self.events)))
        self.assertGreater(r["finals"], 0)
        self.assertIsNotNone(r["analysis"])
        self.assertEqual(r["analysis"], self.record["analysis"])

    def test_transcript_wer(self):
        res = score(LIVE_CALL, self.record["analysis"], "live")
        o = res["overall"]
        note("live", f"stored transcript WER {100 * o['wer']:.1f}% ({o['ref_words']} words: "
                     f"{o['sub']} sub, {o['del']} del, {o['ins']} ins; per speaker "
                     + ", ".join(f"{k} {100 * v['wer']:.1f}%" for k, v in res["speakers"].items())
                     + f"); bound {100 * LIVE_WER_MAX:.0f}%")
        self.assertLessEqual(o["wer"], LIVE_WER_MAX)

    def test_talk_ratio(self):
        truth = truth_agent_share(LIVE_CALL)
        got = analysis_agent_share(self.record["analysis"])
        err = 100 * (got - truth)
        note("live", f"talk ratio agent {100 * got:.1f}% vs truth {100 * truth:.1f}% "
                     f"({err:+.2f} pp; bound {TALK_RATIO_MAX_PP} pp)")
        self.assertLessEqual(abs(err), TALK_RATIO_MAX_PP)
        speakers = {u["speaker"] for u in self.record["analysis"]["utterances"]}
        self.assertEqual(speakers, {"agent", "prospect"})

    def test_event_sequence(self):
        check_event_sequence(self, self.events, "stop")
        self.assertEqual(self.record["last_seq"], len(self.events))
        # The stored analysis holds exactly the stored finals.
        self.assertEqual(sorted(map(utterance_key, finals_of(self.events))),
                         sorted(map(utterance_key, self.record["analysis"]["utterances"])))

    def test_call_record_and_stats(self):
        rec = self.record
        self.assertEqual(rec["state"], "completed")
        self.assertEqual(rec["end_reason"], "stop")
        stats = rec["stats"]
        note("live", f"stats {json.dumps(stats, sort_keys=True)}; simulate frames_sent "
                     f"{self.report['frames_sent']}")
        # simulate counts 20 ms frames per track (one media message per track each); the
        # server counts media messages, i.e. both tracks.
        self.assertEqual(stats["frames"], 2 * self.report["frames_sent"])
        self.assertEqual(stats["dropped_audio_ms"], 0, "audio was dropped (backlog)")
        self.assertEqual(stats["sequence_gaps"], 0)
        self.assertEqual(stats["bad_frames"], 0)
        # The same stats are in the call.ended event.
        self.assertEqual(self.events[-2]["data"]["stats"], stats)
        # Duration: the audio sent, to the 20 ms frame.
        self.assertAlmostEqual(rec["duration_ms"] / 1000, self.report["audio_s"], delta=0.05)

    def test_calls_cli_after_stop(self):
        """Test 6: `calls list` / `calls show` read the stopped server's data dir."""
        _, out, _ = run_cli(["calls", "list", "--data", self.data], 60, "calls-list.log")
        line = next((ln for ln in out.splitlines() if ln.startswith(self.sid)), None)
        self.assertIsNotNone(line, f"{self.sid} not in `calls list`:\n{out}")
        self.assertIn("completed", line)
        self.assertTrue(line.rstrip().endswith("stop"), line)
        _, out, _ = run_cli(["calls", "list", "--data", self.data, "--format", "json"], 60,
                            "calls-list-json.log")
        listed = [c for c in json.loads(out) if c["call_sid"] == self.sid]
        self.assertEqual(len(listed), 1, out)
        self.assertEqual(listed[0]["state"], "completed")
        self.assertEqual(listed[0]["end_reason"], "stop")
        self.assertEqual(listed[0]["duration_ms"], self.record["duration_ms"])
        _, out, _ = run_cli(["calls", "show", self.sid, "--data", self.data, "--format", "json"],
                            60, "calls-show.log")
        shown = json.loads(out)
        self.assertEqual(shown["call"]["call_sid"], self.sid)
        self.assertEqual(shown, self.record["analysis"])
        # An unknown call is a clean "not found" (exit 3).
        run_cli(["calls", "show", "CA" + "0" * 32, "--data", self.data, "--format", "json"], 60,
                "calls-show-missing.log", expect_rc=3)


class Test2AbruptDisconnect(ProcessTestCase):
    """simulate --abrupt: the media socket drops without a stop message."""

    def test_abrupt_disconnect_finalizes_call(self):
        server = self.start_server("abrupt", data_dir("abrupt"))
        report = simulate(server, SHORT_CALL, "abrupt", ["--speed", str(SPEED), "--abrupt"])
        sid = report["call_sid"]
        rec = wait_finished(server, sid)
        events = server.get_json(f"/api/calls/{sid}/events")["events"]
        self.assertEqual(rec["state"], "completed")
        self.assertEqual(rec["end_reason"], "disconnect")
        check_event_sequence(self, events, "disconnect")
        a = rec["analysis"]
        self.assertIsInstance(a, dict)
        self.assertGreater(len(a["utterances"]), 0, "analysis has no utterances")
        self.assertEqual({u["speaker"] for u in a["utterances"]}, {"agent", "prospect"})
        self.assertEqual(sorted(map(utterance_key, finals_of(events))),
                         sorted(map(utterance_key, a["utterances"])))
        self.assertEqual(rec["stats"]["frames"], 2 * report["frames_sent"])
        self.assertTrue(report["analysis_ready"])
        res = score(SHORT_CALL, a, "abrupt")
        tr = res.get("talk_ratio", {})
        note("abrupt", f"{len(a['utterances'])} utterances, WER {100 * res['overall']['wer']:.1f}% "
                       f"({res['overall']['ref_words']} words), talk ratio error "
                       f"{tr.get('error_pp', float('nan')):+.2f} pp (not asserted)")


class Test3RestartRecovery(ProcessTestCase):
    """SIGKILL the server mid-call; the next server on the same data dir finalizes the call."""

    def test_restart_recovers_interrupted_call(self):
        data = data_dir("restart")
        first = self.start_server("restart-1", data)
        sid = "CA" + "7e57" * 8
        wav = call_paths(LIVE_CALL)["wav"]
        sim_log = os.path.join(RUN, "logs", "restart.simulate.log")
        with open(sim_log, "w") as log:
            sim = spawn([BINARY, "simulate", "--url", first.ws_url, wav, "--speed", "1",
                         "--call-sid", sid, "--quiet", "--format", "json"],
                        stdout=subprocess.DEVNULL, stderr=log)
        self.procs.append(sim)

        def stored_finals():
            if sim.poll() is not None:
                raise AssertionError(f"simulate exited early ({sim.returncode}):\n"
                                     f"{tail(read_text(sim_log))}")
            status, body = first.get(f"/api/calls/{sid}/events")
            if status != 200:
                return None  # 404 until call.started is stored
            return finals_of(body["events"])

        before = wait_for("a stored transcript.final", stored_finals, 120)
        # Crash: the server first (killing simulate first would end the call as a disconnect).
        first.kill()
        kill_process(sim)
        self.assertIsNone(sanitizer_report(read_text(sim_log)), read_text(sim_log))
        note("restart", f"killed the server after {len(before)} stored final(s)")

        second = self.start_server("restart-2", data)
        self.assertIn('"event":"recovery.call_finalized"', read_text(second.log))
        status, rec = second.get(f"/api/calls/{sid}")
        self.assertEqual(status, 200, rec)
        self.assertEqual(rec["state"], "interrupted")
        self.assertEqual(rec["end_reason"], "restart")
        events = second.get_json(f"/api/calls/{sid}/events")["events"]
        check_event_sequence(self, events, "restart")
        self.assertEqual(rec["last_seq"], len(events))
        a = rec["analysis"]
        self.assertIsInstance(a, dict, "no analysis after recovery")
        got = set(map(utterance_key, a["utterances"]))
        # Everything seen before the crash is in the analysis ...
        for f in before:
            self.assertIn(utterance_key(f), got)
        # ... and the analysis is exactly the finals stored before the crash (recovery adds none).
        stored = finals_of(events)
        self.assertGreaterEqual(len(stored), len(before))
        self.assertEqual(sorted(map(utterance_key, stored)), sorted(got))
        self.assertEqual(a["call"]["call_sid"], sid)
        note("restart", f"recovered: state {rec['state']}, end_reason {rec['end_reason']}, "
                        f"{len(a['utterances'])} utterance(s), {len(events)} events, "
                        f"duration {rec['duration_ms']} ms")
        # A second restart changes nothing (the call is no longer active).
        second.stop()
        third = self.start_server("restart-3", data)
        self.assertNotIn("recovery.call_finalized", read_text(third.log))
        self.assertEqual(third.get_json(f"/api/calls/{sid}/events")["events"], events)


class Test4AnalyzeHeldout(unittest.TestCase):
    """Offline `analyze` of a held-out call (never tuned on)."""

    def test_analyze_heldout_call(self):
        wav = call_paths(HELDOUT_CALL)["wav"]
        t0 = time.monotonic()
        _, out, _ = run_cli(["analyze", wav, "--format", "json", "--no-progress"],
                            600 + 4 * wave_seconds(wav), "analyze-heldout.log")
        wall = time.monotonic() - t0
        a = json.loads(out)
        self.assertEqual({u["speaker"] for u in a["utterances"]}, {"agent", "prospect"})
        res = score(HELDOUT_CALL, a, "heldout")
        o = res["overall"]
        truth = truth_agent_share(HELDOUT_CALL)
        err = 100 * (analysis_agent_share(a) - truth)
        note("heldout", f"{HELDOUT_CALL}: {wave_seconds(wav):.1f} s analyzed in {wall:.1f} s; "
                        f"WER {100 * o['wer']:.1f}% ({o['ref_words']} words: {o['sub']} sub, "
                        f"{o['del']} del, {o['ins']} ins; bound {100 * HELDOUT_WER_MAX:.0f}%); "
                        f"talk ratio {err:+.2f} pp (bound {TALK_RATIO_MAX_PP} pp)")
        self.assertLessEqual(abs(err), TALK_RATIO_MAX_PP)
        self.assertLessEqual(o["wer"], HELDOUT_WER_MAX)


class Test5AnalyzeTranscript(unittest.TestCase):
    """`analyze --transcript TRUTH.jsonl`: analysis of a given transcript, no recognition."""

    def test_analyze_truth_transcript(self):
        truth = call_paths(HELDOUT_CALL)["truth"]
        _, out, _ = run_cli(["analyze", "--transcript", truth, "--format", "json"], 60,
                            "analyze-transcript.log")
        a = json.loads(out)
        with open(truth, encoding="utf-8") as f:
            turns = [json.loads(ln) for ln in f if ln.strip()]
        self.assertEqual(len(a["utterances"]), len(turns))
        want = truth_agent_share(HELDOUT_CALL)
        err = 100 * (analysis_agent_share(a) - want)
        note("transcript", f"talk ratio from truth transcript {err:+.3f} pp "
                           f"(bound {TRANSCRIPT_TALK_RATIO_MAX_PP} pp), "
                           f"{len(a['utterances'])} utterances")
        self.assertLessEqual(abs(err), TRANSCRIPT_TALK_RATIO_MAX_PP)
        self.assertEqual([u["speaker"] for u in a["utterances"]], [t["speaker"] for t in turns])
        self.assertEqual(wer.compare(wer.load(truth), wer.load(
            write_json(os.path.join(RUN, "transcript.analysis.json"), a)))["overall"]["errors"], 0)


# ---------------------------------------------------------------------------------- main

def main(argv=None):
    global BINARY, WORK, RUN, CALLS, SLOW, SANITIZED
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], add_help=True)
    ap.add_argument("--binary", required=True, help="path of the salescopilot binary")
    ap.add_argument("--work", required=True, help="work directory (test calls, data, logs)")
    args, rest = ap.parse_known_args(argv)
    BINARY = os.path.abspath(args.binary)
    WORK = os.path.abspath(args.work)
    if not os.access(BINARY, os.X_OK):
        print(f"live_call_test: {BINARY} is not an executable", file=sys.stderr)
        return 2
    CALLS = os.path.join(WORK, "testcalls")
    RUN = os.path.join(WORK, "run")
    shutil.rmtree(RUN, ignore_errors=True)
    os.makedirs(os.path.join(RUN, "logs"))
    os.makedirs(os.path.join(RUN, "data"))
    SANITIZED = detect_sanitizer(BINARY)
    SLOW = 4.0 if SANITIZED else 1.0
    print(f"live_call_test: binary {BINARY}{' (sanitized: timeouts x4)' if SANITIZED else ''}\n"
          f"live_call_test: work {WORK} (logs and data in {RUN})", flush=True)

    # The server refuses unsigned media streams; serve and simulate share a Twilio auth token
    # through the environment (simulate signs its upgrade with TWILIO_AUTH_TOKEN).
    os.environ["TWILIO_AUTH_TOKEN"] = "live-call-test-token"
    os.environ.pop("SALESCOPILOT_PUBLIC_URL", None)

    # ctest's timeout or ^C: still reap every server and simulate we started.
    atexit.register(kill_leftovers)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    t0 = time.monotonic()
    prog = os.path.basename(sys.argv[0])
    program = unittest.main(module=__name__, argv=[prog] + rest, exit=False, verbosity=2)
    result = program.result
    elapsed = time.monotonic() - t0

    print("\n==================== live_call_test summary ====================")
    for test, text in FIGURES:
        print(f"  [{test}] {text}")
    ok = result.wasSuccessful() and result.testsRun > 0
    print(f"  {result.testsRun} tests, {len(result.failures)} failures, {len(result.errors)} errors, "
          f"{len(result.skipped)} skipped in {elapsed:.1f} s: {'PASS' if ok else 'FAIL'}")
    print(f"  logs: {os.path.join(RUN, 'logs')}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
