#!/usr/bin/env python3
"""Tests for scripts/make-test-calls (needs sox and flite).
Run: python3 -m unittest discover -s scripts -p '*_test.py'"""

import array
import importlib.machinery
import importlib.util
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import wave

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "make-test-calls")

TINY = """# title: tiny test call
# agent_voice: flite:rms
# prospect_voice: flite:kal
A: Hello, this is Anna from Team Calendar. Do you have a minute?
[pause 0.5]
P: Sorry, it is too expensive for us.
"""


def load_tool():
    loader = importlib.machinery.SourceFileLoader("make_test_calls", TOOL)
    spec = importlib.util.spec_from_loader("make_test_calls", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def read_wav(path):
    with wave.open(path) as w:
        params = (w.getnchannels(), w.getframerate(), w.getsampwidth(), w.getnframes())
        data = array.array("h", w.readframes(w.getnframes()))
    return params, data


def rms_db(x):
    if not len(x):
        return -200.0
    return 10 * math.log10(sum(v * v for v in x) / len(x) / 32768.0 ** 2 + 1e-20)


have_tools = shutil.which("sox") and shutil.which("flite")


@unittest.skipUnless(have_tools, "needs sox and flite")
class MakeTestCalls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="mtc-test-")
        cls.dlg = os.path.join(cls.tmp, "tiny.txt")
        with open(cls.dlg, "w") as f:
            f.write(TINY)
        cls.out = os.path.join(cls.tmp, "out")
        p = subprocess.run([sys.executable, TOOL, "-q", "--out", cls.out, "--seed", "3", cls.dlg],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise AssertionError(f"make-test-calls failed: {p.stderr}")
        cls.base = os.path.join(cls.out, "tiny")
        with open(cls.base + ".truth.jsonl") as f:
            cls.truth = [json.loads(line) for line in f]
        with open(cls.base + ".meta.json") as f:
            cls.meta = json.load(f)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_files_channels_rates(self):
        (ch, rate, width, n), _ = read_wav(self.base + ".wav")
        self.assertEqual((ch, rate, width), (2, 8000, 2))
        for who in ("agent", "prospect"):
            (mch, mrate, mwidth, mn), _ = read_wav(f"{self.base}.{who}.wav")
            self.assertEqual((mch, mrate, mwidth, mn), (1, 8000, 2, n))
        self.assertAlmostEqual(self.meta["duration_s"], n / 8000, delta=0.01)

    def test_stereo_is_agent_then_prospect(self):
        _, st = read_wav(self.base + ".wav")
        _, ag = read_wav(self.base + ".agent.wav")
        _, pr = read_wav(self.base + ".prospect.wav")
        self.assertEqual(st[0::2], ag)
        self.assertEqual(st[1::2], pr)

    def test_truth(self):
        self.assertEqual([t["speaker"] for t in self.truth], ["agent", "prospect"])
        self.assertTrue(self.truth[1]["text"].startswith("Sorry"))
        dur = self.meta["duration_s"]
        for t in self.truth:
            self.assertLess(0.0, t["start_s"])
            self.assertLess(t["start_s"], t["end_s"])
            self.assertLessEqual(t["end_s"], dur)
        gap = self.truth[1]["start_s"] - self.truth[0]["end_s"]
        self.assertGreaterEqual(gap, 0.4 + 0.5 - 0.01)      # default gap + [pause 0.5]
        self.assertLessEqual(gap, 0.9 + 0.5 + 0.01)

    def test_energy_where_truth_says(self):
        _, st = read_wav(self.base + ".wav")
        chans = {"agent": st[0::2], "prospect": st[1::2]}
        for t in self.truth:
            s, e = round(t["start_s"] * 8000), round(t["end_s"] * 8000)
            own = chans[t["speaker"]]
            other = chans["prospect" if t["speaker"] == "agent" else "agent"]
            self.assertGreater(rms_db(own[s:e]), -35, t)            # speech on its own channel
            self.assertLess(rms_db(other[s:e]), -70, t)             # nothing on the other one
            # tight edges: speech energy within the first and last 100 ms of the turn
            self.assertGreater(rms_db(own[s:s + 800]), -50, t)
            self.assertGreater(rms_db(own[e - 800:e]), -50, t)
            # silence just outside (beyond the 10 ms pad)
            self.assertLess(rms_db(own[max(0, s - 800):s - 120]), -70, t)
            self.assertLess(rms_db(own[e + 120:e + 800]), -70, t)

    def test_meta(self):
        m = self.meta
        self.assertEqual(m["voices"], {"agent": "flite:rms", "prospect": "flite:kal"})
        self.assertAlmostEqual(m["talk_ratio"]["agent"] + m["talk_ratio"]["prospect"], 1.0, places=3)
        a = sum(t["end_s"] - t["start_s"] for t in self.truth if t["speaker"] == "agent")
        self.assertAlmostEqual(m["talk_time_s"]["agent"], a, delta=0.005)

    def test_deterministic(self):
        out2 = os.path.join(self.tmp, "out2")
        subprocess.run([sys.executable, TOOL, "-q", "--out", out2, "--seed", "3", self.dlg], check=True)
        for suffix in (".wav", ".truth.jsonl", ".meta.json"):
            with open(self.base + suffix, "rb") as a, open(os.path.join(out2, "tiny" + suffix), "rb") as b:
                self.assertEqual(a.read(), b.read(), suffix)

    def test_every_engine_synthesizes(self):
        # flite is covered above; festival and espeak-ng voice whole calls too.
        for voices in ("agent=festival:kal_diphone,prospect=espeak-ng:en-us",
                       "agent=espeak-ng:en-us,prospect=festival:ked_diphone"):
            out = os.path.join(self.tmp, "engines-" + str(abs(hash(voices))))
            p = subprocess.run([sys.executable, TOOL, "-q", "--out", out, "--voices", voices,
                                self.dlg], capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(os.path.join(out, "tiny.truth.jsonl")) as f:
                truth = [json.loads(line) for line in f]
            self.assertEqual([t["speaker"] for t in truth], ["agent", "prospect"])
            for t in truth:
                self.assertGreater(t["end_s"] - t["start_s"], 0.5, voices)
            (channels, rate, _, frames), _ = read_wav(os.path.join(out, "tiny.wav"))
            self.assertEqual((channels, rate), (2, 8000))
            self.assertGreater(frames, 8000)

    def test_missing_voice_fails_clearly(self):
        p = subprocess.run([sys.executable, TOOL, "--out", os.path.join(self.tmp, "bad"),
                            "--voices", "agent=flite:nosuchvoice", self.dlg],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn("nosuchvoice", p.stderr)
        p = subprocess.run([sys.executable, TOOL, "--voices", "agent=nosuchengine:x", self.dlg],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn("unknown engine", p.stderr)


class Layout(unittest.TestCase):
    """Timeline rules, without synthesizing anything."""

    def setUp(self):
        self.mtc = load_tool()
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def dialogue(self, text):
        p = os.path.join(self.tmp.name, "d.txt")
        with open(p, "w") as f:
            f.write(text)
        return self.mtc.parse_dialogue(p)

    def test_overlap_and_pause(self):
        d = self.dialogue("A: one two three\nP~: four\n[pause 1.5]\nA: five\n")
        sec = 8000
        placed, total = self.mtc.layout(d, [(3 * sec, 80, 3 * sec - 160)] * 3, seed=1)
        a1, p1, a2 = placed
        self.assertAlmostEqual((a1[3] - p1[2]) / sec, 0.5, places=3)    # P~ starts 0.5 s before A ends
        gap = (a2[2] - max(a1[3], p1[3])) / sec
        self.assertTrue(0.4 + 1.5 - 1e-3 <= gap <= 0.9 + 1.5 + 1e-3, gap)
        self.assertGreater(total, a2[3])

    def test_gaps_depend_on_seed_only(self):
        d = self.dialogue("A: a\nP: b\nA: c\nP: d\n")
        durs = [(8000, 80, 7840)] * 4
        self.assertEqual(self.mtc.layout(d, durs, 5), self.mtc.layout(d, durs, 5))
        self.assertNotEqual(self.mtc.layout(d, durs, 5)[0][1:], self.mtc.layout(d, durs, 6)[0][1:])

    def test_bad_lines(self):
        for bad in ("X: hello\n", "P~: first turn overlaps\n", "A: hi\nA~: me again\n", "A:\n"):
            with self.assertRaises(self.mtc.UserError):
                self.dialogue(bad)

    def test_headers(self):
        d = self.dialogue("# title: T\n# agent_voice: festival:kal_diphone\n# prospect_voice: espeak:en-us\n"
                          "# some comment\nA: hi\n")
        self.assertEqual(d.title, "T")
        self.assertEqual(d.voices, {"agent": "festival:kal_diphone", "prospect": "espeak-ng:en-us"})


if __name__ == "__main__":
    unittest.main()
