#!/usr/bin/env python3
"""The remote speech engine through the salescopilot binary, against
src/speech/remote/test_transcription_server.py (the OpenAI
/v1/audio/transcriptions wire format, Python standard library only):
`analyze --engine remote`, its configuration errors, `config show` redaction
and `calls retranscribe` on a call that does not exist.

    python3 tests/integration/remote_engine_test.py --binary build/release/src/cli/salescopilot \
        --work build/release/integration-remote [unittest args, e.g. -v]

Registered with ctest as `remote_engine_integration` (tests/CMakeLists.txt). The post-call
re-transcription path itself is covered by retranscription_test (src/pipeline).
"""

import argparse
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import unittest
import wave

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
BINARY = None
WORK = None
SERVER = None
BASE_URL = None


def write_call(path):
    """A stereo 8 kHz call: two bursts per side, apart, with silence between."""
    rate = 8000
    frames = []
    for i in range(rate * 8):
        t = i / rate
        left = 6000 * math.sin(i * 0.3) if (0.5 < t < 2.0 or 4.5 < t < 6.0) else 0
        right = 6000 * math.sin(i * 0.2) if 2.5 < t < 4.0 else 0
        frames.append(struct.pack("<hh", int(left), int(right)))
    with wave.open(path, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(frames))


def run(args, env_extra, timeout=300):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SALESCOPILOT_")}
    env.update(env_extra)
    p = subprocess.run([BINARY] + args, env=env, capture_output=True, text=True,
                       timeout=timeout)
    return p.returncode, p.stdout, p.stderr


class RemoteEngineTest(unittest.TestCase):
    def setUp(self):
        self.data = os.path.join(WORK, self._testMethodName)
        shutil.rmtree(self.data, ignore_errors=True)
        os.makedirs(self.data)
        self.env = {"SALESCOPILOT_DATA": self.data,
                    "SALESCOPILOT_SPEECH_REMOTE_URL": BASE_URL,
                    "SALESCOPILOT_SPEECH_REMOTE_MODEL": "words"}

    def test_analyze_with_the_remote_engine(self):
        wav = os.path.join(self.data, "call.wav")
        write_call(wav)
        rc, out, err = run(["analyze", "--engine", "remote", "--no-progress", wav], self.env)
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        utterances = doc["utterances"]
        speakers = sorted({u["speaker"] for u in utterances})
        self.assertEqual(speakers, ["agent", "prospect"], out)
        # The test server's reply for model "words", with its casing and punctuation.
        self.assertTrue(all("Hi Michael, this is Anna." in u["text"] for u in utterances), out)
        self.assertGreaterEqual(len(utterances), 2, out)

    def test_engine_from_the_environment_and_errors(self):
        wav = os.path.join(self.data, "call.wav")
        write_call(wav)
        env = dict(self.env, SALESCOPILOT_SPEECH_ENGINE="remote")
        rc, out, err = run(["analyze", "--no-progress", wav], env)
        self.assertEqual(rc, 0, err)
        self.assertIn("Hi Michael", out)
        no_url = {"SALESCOPILOT_DATA": self.data}
        rc, _, err = run(["analyze", "--engine", "remote", "--no-progress", wav], no_url)
        self.assertEqual(rc, 2)
        self.assertIn("speech.remote.base_url", err)
        rc, _, err = run(["analyze", "--no-progress", wav],
                         dict(no_url, SALESCOPILOT_SPEECH_ENGINE="whisper"))
        self.assertEqual(rc, 2)
        self.assertIn("SALESCOPILOT_SPEECH_ENGINE", err)

    def test_a_failing_server_is_reported_not_fatal(self):
        wav = os.path.join(self.data, "call.wav")
        write_call(wav)
        env = dict(self.env, SALESCOPILOT_SPEECH_REMOTE_MODEL="broken")
        rc, out, err = run(["analyze", "--engine", "remote", "--no-progress", wav], env)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["utterances"], [])

    def test_config_show_redacts_the_key(self):
        env = dict(self.env, SALESCOPILOT_SPEECH_REMOTE_API_KEY="sk-integration-secret")
        rc, out, err = run(["config", "show"], env)
        self.assertEqual(rc, 0, err)
        self.assertNotIn("sk-integration-secret", out)
        speech = json.loads(out)["speech"]
        self.assertEqual(speech["remote"]["api_key"], "[set]")
        self.assertEqual(speech["remote"]["base_url"], BASE_URL)
        self.assertTrue(speech["remote"]["post_call"])

    def test_retranscribe_an_unknown_call(self):
        rc, _, err = run(["calls", "retranscribe", "CAnothere", "--data", self.data], self.env)
        self.assertEqual(rc, 3, err)
        rc, _, err = run(["calls", "retranscribe", "CAnothere", "--data", self.data],
                         {"SALESCOPILOT_DATA": self.data})
        self.assertEqual(rc, 2, err)
        self.assertIn("speech.remote.base_url", err)


def main():
    global BINARY, WORK, SERVER, BASE_URL
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--work", required=True)
    args, rest = ap.parse_known_args()
    BINARY = os.path.abspath(args.binary)
    WORK = os.path.abspath(args.work)
    os.makedirs(WORK, exist_ok=True)
    SERVER = subprocess.Popen(
        [sys.executable, os.path.join(SOURCE, "src/speech/remote/test_transcription_server.py")],
        stdout=subprocess.PIPE, text=True)
    try:
        line = SERVER.stdout.readline()
        if not line.startswith("PORT "):
            raise SystemExit("test transcription server did not start: " + line)
        BASE_URL = "http://127.0.0.1:%d/v1" % int(line.split()[1])
        prog = unittest.main(argv=[sys.argv[0]] + rest, exit=False)
        return 0 if prog.result.wasSuccessful() else 1
    finally:
        SERVER.terminate()
        SERVER.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
