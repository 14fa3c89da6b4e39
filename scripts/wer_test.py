#!/usr/bin/env python3
"""Unit tests for scripts/wer.py. Run: python3 -m unittest discover -s scripts -p '*_test.py'"""

import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wer  # noqa: E402


def counts(ref, hyp):
    c, _ = wer.wer_counts(ref.split(), hyp.split())
    return c["sub"], c["del"], c["ins"]


class EditDistance(unittest.TestCase):
    def test_identical(self):
        c, ops = wer.wer_counts("a b c".split(), "a b c".split())
        self.assertEqual((c["sub"], c["del"], c["ins"], c["wer"]), (0, 0, 0, 0.0))
        self.assertEqual([o[0] for o in ops], ["=", "=", "="])

    def test_known_distances(self):
        self.assertEqual(counts("a b c", "a x c"), (1, 0, 0))
        self.assertEqual(counts("a b c", "a c"), (0, 1, 0))
        self.assertEqual(counts("a b c", "a b c d"), (0, 0, 1))
        self.assertEqual(counts("a b c d", "x a b d"), (0, 1, 1))   # shift: 1 ins + 1 del
        self.assertEqual(counts("kitten sitting on the mat", "sitting on a mat"), (1, 1, 0))
        self.assertEqual(counts("the cat", ""), (0, 2, 0))
        self.assertEqual(counts("", "the cat"), (0, 0, 2))

    def test_wer_value(self):
        c, _ = wer.wer_counts("one two three four".split(), "one too three".split())
        self.assertEqual(c["errors"], 2)
        self.assertAlmostEqual(c["wer"], 0.5)

    def test_wer_can_exceed_one(self):
        c, _ = wer.wer_counts(["a"], "x y z".split())
        self.assertEqual(c["errors"], 3)
        self.assertAlmostEqual(c["wer"], 3.0)

    def test_empty_reference(self):
        self.assertEqual(wer.wer_counts([], [])[0]["wer"], 0.0)
        self.assertIsNone(wer.wer_counts([], ["a"])[0]["wer"])

    def test_edit_distance_matches_brute_force(self):
        import random
        rng = random.Random(7)
        for _ in range(200):
            r = [rng.choice("abc") for _ in range(rng.randint(0, 7))]
            h = [rng.choice("abc") for _ in range(rng.randint(0, 7))]
            c, ops = wer.wer_counts(r, h)
            self.assertEqual(c["errors"], _lev(r, h))
            # the alignment reproduces both sequences
            self.assertEqual([o[1] for o in ops if o[1] is not None], r)
            self.assertEqual([o[2] for o in ops if o[2] is not None], h)


def _lev(a, b):
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
    return d[-1][-1]


class Normalize(unittest.TestCase):
    def n(self, s):
        return " ".join(wer.normalize(s))

    def test_case_and_punctuation(self):
        self.assertEqual(self.n("Hello, World! How's it going?"), "hello world how is it going")

    def test_contractions_same_both_ways(self):
        for a, b in [("we're", "we are"), ("don't", "do not"), ("can't", "can not"),
                     ("cannot", "can not"), ("won't", "will not"), ("I'm", "i am"),
                     ("they'll", "they will"), ("we've", "we have"), ("I'd", "i would"),
                     ("it's", "it is"), ("that's", "that is"), ("let's", "let us"),
                     ("isn't", "is not"), ("We\u2019re", "we are")]:
            self.assertEqual(self.n(a), self.n(b), a)
            self.assertEqual(self.n(a), b.lower())

    def test_possessive_kept(self):
        self.assertEqual(self.n("the company's price"), "the company's price")

    def test_numbers(self):
        self.assertEqual(self.n("120 trucks"), "one hundred twenty trucks")
        self.assertEqual(self.n("one hundred and twenty trucks"), "one hundred twenty trucks")
        self.assertEqual(self.n("$40,000"), "forty thousand dollars")
        self.assertEqual(self.n("$1"), "one dollar")
        self.assertEqual(self.n("$4.50"), "four dollars fifty cents")
        self.assertEqual(self.n("$2 million"), "two million dollars")
        self.assertEqual(self.n("12%"), "twelve percent")
        self.assertEqual(self.n("2.5"), "two point five")
        self.assertEqual(self.n("the 3rd and 21st"), "the third and twenty first")
        self.assertEqual(self.n("at 10:30"), "at ten thirty")
        self.assertEqual(self.n("1,000,001"), "one million one")
        self.assertEqual(self.n("0"), "zero")

    def test_number_to_words(self):
        self.assertEqual(wer.number_to_words(1999), "one thousand nine hundred ninety nine".split())
        self.assertEqual(wer.number_to_words(55), ["fifty", "five"])

    def test_hyphens_and_equivalents(self):
        self.assertEqual(self.n("follow-up e-mail"), "follow up email")
        self.assertEqual(self.n("OK, alright"), "okay all right")
        self.assertEqual(self.n("gonna"), "going to")

    def test_fillers(self):
        self.assertEqual(self.n("um so uh yes hmm"), "so yes")
        self.assertEqual(" ".join(wer.normalize("um yes", keep_fillers=True)), "um yes")

    def test_recognizer_markup(self):
        self.assertEqual(self.n("<s> the(2) price <sil> [NOISE] ++breath++ is high </s>"),
                         "the price is high")


class Documents(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def write(self, name, text):
        p = os.path.join(self.tmp.name, name)
        with open(p, "w") as f:
            f.write(text)
        return p

    def truth(self):
        rows = [{"speaker": "agent", "start_s": 0.5, "end_s": 2.5, "text": "Hi, this is Tom. Do you have a minute?"},
                {"speaker": "prospect", "start_s": 3.0, "end_s": 4.0, "text": "We're busy."},
                {"speaker": "agent", "start_s": 4.5, "end_s": 6.5, "text": "It's about your 3 trucks."}]
        return self.write("t.truth.jsonl", "".join(json.dumps(r) + "\n" for r in rows))

    def test_truth_vs_itself(self):
        t = self.truth()
        res = wer.compare(wer.load(t), wer.load(t))
        self.assertEqual(res["overall"]["errors"], 0)
        self.assertEqual(res["speakers"]["agent"]["ref_words"], 15)
        self.assertEqual(res["talk_ratio"]["error_pp"], 0.0)

    def test_analysis_document(self):
        t = self.truth()
        hyp = {"utterances": [
            {"speaker": "prospect", "start_s": 3.1, "end_s": 4.0, "text": "we are busy"},
            {"speaker": "agent", "start_s": 0.6, "end_s": 2.4, "text": "hi this is tom do you have a minute"},
            {"speaker": "agent", "start_s": 4.6, "end_s": 6.0, "text": "it is about your tree trucks"}],
            "metrics": {"talk_ratio": {"agent": 0.7, "prospect": 0.3}}}
        h = self.write("a.json", json.dumps(hyp))
        res = wer.compare(wer.load(t), wer.load(h))
        self.assertEqual(res["hyp"]["kind"], "analysis")
        self.assertEqual(res["overall"]["sub"], 1)
        self.assertEqual(res["overall"]["errors"], 1)
        self.assertEqual(res["speakers"]["prospect"]["errors"], 0)
        self.assertEqual(res["speakers"]["agent"]["sub"], 1)
        # ref agent share = 4 / 5 = 80 %, hyp says 70 % -> -10 pp
        self.assertAlmostEqual(res["talk_ratio"]["error_pp"], -10.0)

    def test_talk_ratio_from_times_when_no_metrics(self):
        t = self.truth()
        h = self.write("a.json", json.dumps({"utterances": [
            {"speaker": "agent", "start_s": 0, "end_s": 3, "text": "x"},
            {"speaker": "prospect", "start_s": 3, "end_s": 4, "text": "y"}]}))
        res = wer.compare(wer.load(t), wer.load(h))
        self.assertAlmostEqual(res["talk_ratio"]["hyp_agent"], 0.75)

    def test_wrong_speaker_counts_in_speaker_attributed_only(self):
        t = self.truth()
        hyp = {"utterances": [
            {"speaker": "agent", "start_s": 0.5, "end_s": 2.5, "text": "Hi, this is Tom. Do you have a minute?"},
            {"speaker": "agent", "start_s": 3.0, "end_s": 4.0, "text": "We're busy."},
            {"speaker": "agent", "start_s": 4.5, "end_s": 6.5, "text": "It's about your 3 trucks."}]}
        res = wer.compare(wer.load(t), wer.load(self.write("h.json", json.dumps(hyp))))
        self.assertEqual(res["overall"]["errors"], 0)
        self.assertEqual(res["speaker_attributed"]["errors"], 6)   # 3 del + 3 ins

    def test_event_stream_with_ms_times(self):
        t = self.truth()
        ev = [{"type": "call.started", "call_sid": "x"},
              {"type": "transcript.partial", "speaker": "agent", "start_ms": 500, "end_ms": 900, "text": "hi"},
              {"type": "transcript.final", "speaker": "agent", "start_ms": 500, "end_ms": 2500,
               "text": "hi this is tom do you have a minute"},
              {"type": "transcript.final", "data": {"speaker": "prospect", "start_ms": 3000, "end_ms": 4000,
                                                    "text": "we are busy"}},
              {"type": "transcript.final", "speaker": "agent", "start_ms": 4500, "end_ms": 6500,
               "text": "it is about your three trucks"}]
        h = self.write("events.jsonl", "".join(json.dumps(e) + "\n" for e in ev))
        hyp = wer.load(h)
        self.assertEqual(len(hyp["utterances"]), 3)
        self.assertEqual(hyp["utterances"][0]["start_s"], 0.5)
        res = wer.compare(wer.load(t), hyp)
        self.assertEqual(res["speaker_attributed"]["errors"], 0)
        self.assertEqual(res["talk_ratio"]["error_pp"], 0.0)

    def test_plain_text_and_dialogue(self):
        d = self.write("d.txt", "# title: x\nA: Hi there.\n[pause 1]\nP: Hello!\nP~: Who's this?\n")
        p = self.write("p.txt", "hi there hello who is this\n")
        dd, pp = wer.load(d), wer.load(p)
        self.assertEqual(dd["kind"], "dialogue")
        self.assertEqual(pp["kind"], "plain")
        res = wer.compare(dd, pp)
        self.assertEqual(res["overall"]["errors"], 0)
        self.assertNotIn("speakers", res)
        self.assertNotIn("talk_ratio", res)

    def test_cli_json_and_text(self):
        t = self.truth()
        p = self.write("p.txt", "hi this is tom do you have a minute we are busy it is about your three trucks")
        buf = io.StringIO()
        with redirect_stdout(buf):
            self.assertEqual(wer.main(["--json", t, p]), 0)
        self.assertEqual(json.loads(buf.getvalue())["overall"]["wer"], 0.0)
        buf = io.StringIO()
        with redirect_stdout(buf):
            self.assertEqual(wer.main([t, t]), 0)
        out = buf.getvalue()
        self.assertIn("overall", out)
        self.assertIn("talk ratio", out)


if __name__ == "__main__":
    unittest.main()
