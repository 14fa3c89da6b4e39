#!/usr/bin/env python3
"""Speech regression benchmark: accuracy and cost of the recognizer on the test calls.

Runs bench speech_bench (the live speech path: endpointer, upsampling, one session per
track) over the tune and held-out calls from scripts/make-test-calls, scores the
transcripts with scripts/wer.py (speaker-attributed WER, the same normalization as
everywhere else), and prints one row per set:
  WER, CPU seconds per second of two-track call (process CPU time, not wall time),
  utterance finalization CPU p50/p95 (EndUtterance), RSS per extra track.
Then compares with the figures recorded in bench/speech_baseline.json (the numbers in
docs/speech.md) and exits 1, loudly, when WER or CPU per call-second is more than 10%
worse (relative) on any set that has a baseline. Not a ctest test: CPU figures move
with machine load, so run it on a quiet machine (or read the CPU line with care).

  bench/speech_regression.py [--build build/h-s1-speech] [--calls build/testcalls]
                             [--profile fast] [--sets tune,heldout] [--extra ARG ...]
                             [--write-baseline]

Sets: tune (5 calls), heldout (2 calls), demo, espeak (tune calls re-voiced with
espeak-ng, generated on first use), human (the clips in /work/shared/eval/speech;
16 kHz read speech sent through 8 kHz u-law). espeak and human are reported, never
compared (they are not the accuracy target).
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import wer  # noqa: E402

TOLERANCE = 0.10
HUMAN_DIR = "/work/shared/eval/speech"


def names(pattern):
    return sorted(os.path.splitext(os.path.basename(p))[0]
                  for p in glob.glob(os.path.join(ROOT, pattern)))


def call_items(calls_dir, set_name):
    if set_name in ("tune", "heldout"):
        return [os.path.join(calls_dir, n) for n in names(f"testdata/dialogues/{set_name}/*.txt")]
    if set_name == "demo":
        return [os.path.join(calls_dir, "demo")]
    raise ValueError(set_name)


def ensure_espeak_calls(out_dir):
    """The tune dialogues voiced by espeak-ng (both speakers), made once."""
    dialogues = sorted(glob.glob(os.path.join(ROOT, "testdata/dialogues/tune/*.txt")))
    want = [os.path.join(out_dir, os.path.splitext(os.path.basename(d))[0]) for d in dialogues]
    if not all(os.path.exists(w + ".agent.wav") for w in want):
        subprocess.run([os.path.join(ROOT, "scripts/make-test-calls"), "--out", out_dir, "-q",
                        "--voices", "agent=espeak-ng:en-us,prospect=espeak-ng:en-us+m3"]
                       + dialogues, check=True)
    return want


def human_items():
    items, refs = [], {}
    manifest = os.path.join(HUMAN_DIR, "manifest.tsv")
    if not os.path.exists(manifest):
        return items, refs
    with open(manifest) as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            path = os.path.join(HUMAN_DIR, cols[0])
            items.append(path)
            refs[path] = cols[4]
    return items, refs


def run_bench(binary, items, profile, extra):
    cmd = [binary, f"--profile={profile}"] + extra + items
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    lines = [json.loads(l) for l in out.splitlines() if l.strip()]
    return lines[0], lines[1:]


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(p * (len(values) - 1) + 0.5))]


def score(set_name, results, refs=None):
    errors = ref_words = 0
    cpu = audio = 0.0
    fin = []
    for r in results:
        hyp = {"path": "hyp", "kind": "analysis", "utterances": r["utterances"]}
        if refs is not None:
            ref = {"path": "ref", "kind": "text",
                   "utterances": [{"speaker": "agent", "start_s": 0, "end_s": 0,
                                   "text": refs[r["item"]]}]}
            for u in hyp["utterances"]:
                u["speaker"] = "agent"
        else:
            ref = wer.load(r["item"] + ".truth.jsonl")
        hyp["utterances"] = [wer._utterance(u) for u in hyp["utterances"]]
        c = wer.compare(ref, hyp)
        tot = c.get("speaker_attributed") or c["overall"]
        errors += tot["errors"]
        ref_words += tot["ref_words"]
        cpu += r["cpu_s"]
        audio += r["audio_s"]
        fin += r["finalize_cpu_ms"]
    return {"set": set_name, "calls": len(results), "ref_words": ref_words,
            "wer": errors / ref_words if ref_words else 0.0,
            "cpu_per_call_s": cpu / audio if audio else 0.0,
            "finalize_cpu_ms_p50": percentile(fin, 0.5),
            "finalize_cpu_ms_p95": percentile(fin, 0.95)}


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build/release"))
    ap.add_argument("--calls", default=os.path.join(ROOT, "build/testcalls"))
    ap.add_argument("--profile", default="fast")
    ap.add_argument("--sets", default="tune,heldout")
    ap.add_argument("--only", default="",
                    help="comma-separated call names: decode only these (quick sweeps)")
    ap.add_argument("--extra", action="append", default=[],
                    help="extra speech_bench flag, e.g. --extra=--ds=2 (repeatable)")
    ap.add_argument("--baseline", default=os.path.join(ROOT, "bench/speech_baseline.json"))
    ap.add_argument("--write-baseline", action="store_true",
                    help="record these figures as the new baseline (after updating docs)")
    args = ap.parse_args()
    binary = os.path.join(args.build, "bench/speech_bench")
    if not os.path.exists(binary):
        raise SystemExit(f"{binary} missing: ninja -C {args.build} speech_bench")

    rows, header = [], None
    for s in args.sets.split(","):
        refs = None
        if s == "espeak":
            items = ensure_espeak_calls(os.path.join(args.build, "speech-calls-espeak"))
        elif s == "human":
            items, refs = human_items()
        else:
            items = call_items(args.calls, s)
        if args.only:
            keep = set(args.only.split(","))
            items = [i for i in items if os.path.basename(i) in keep]
        missing = [i for i in items if refs is None and not os.path.exists(i + ".agent.wav")]
        if missing:
            raise SystemExit(f"missing test calls {missing}: scripts/make-test-calls --out {args.calls} ...")
        header, results = run_bench(binary, items, args.profile, args.extra)
        rows.append(score(s, results, refs))

    print(f"profile {args.profile} {' '.join(args.extra)}")
    print(f"options: {header['options']}")
    print(f"open {header['open_cpu_s']:.2f} CPU s; RSS: recognizer {header['rss_open_mb']:.0f} MB, "
          f"extra track {header['rss_per_track_mb']:.1f} MB")
    print(f"{'set':<8} {'calls':>5} {'words':>6} {'WER':>7} {'CPU/call-s':>10} "
          f"{'final p50':>9} {'final p95':>9}   (CPU time; final = EndUtterance CPU ms)")
    for r in rows:
        print(f"{r['set']:<8} {r['calls']:>5} {r['ref_words']:>6} {100 * r['wer']:>6.1f}% "
              f"{r['cpu_per_call_s']:>10.4f} {r['finalize_cpu_ms_p50']:>8.1f}  "
              f"{r['finalize_cpu_ms_p95']:>8.1f}")

    if args.write_baseline:
        base = {"profile": args.profile, "extra": args.extra,
                "rss_per_track_mb": header["rss_per_track_mb"],
                "sets": {r["set"]: {k: r[k] for k in ("wer", "cpu_per_call_s")} for r in rows
                         if r["set"] in ("tune", "heldout", "demo")}}
        with open(args.baseline, "w") as f:
            json.dump(base, f, indent=2)
            f.write("\n")
        print(f"baseline written to {args.baseline}")
        return 0

    if not os.path.exists(args.baseline):
        print("no baseline file: nothing compared")
        return 0
    with open(args.baseline) as f:
        base = json.load(f)
    if (base.get("profile") != args.profile or base.get("extra", []) != args.extra
            or args.only):
        print(f"baseline is for profile {base.get('profile')} {base.get('extra')}: nothing compared")
        return 0
    failures = []
    for r in rows:
        b = base["sets"].get(r["set"])
        if not b:
            continue
        for key, label in (("wer", "WER"), ("cpu_per_call_s", "CPU per call-second")):
            if r[key] > b[key] * (1 + TOLERANCE):
                failures.append(f"{r['set']}: {label} {r[key]:.4f} is more than "
                                f"{int(TOLERANCE * 100)}% worse than the baseline {b[key]:.4f}")
    if failures:
        print("\n" + "!" * 72)
        print("SPEECH REGRESSION:")
        for f in failures:
            print("  " + f)
        print("!" * 72)
        return 1
    print(f"OK: within {int(TOLERANCE * 100)}% of {os.path.relpath(args.baseline, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
