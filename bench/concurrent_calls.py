#!/usr/bin/env python3
"""Whole-system load run: how many simulated calls one server carries in real time.

Starts `salescopilot serve` on a fresh data dir, then for each N in --calls plays
N copies of a call concurrently at real-time pace with `salescopilot simulate`
(Twilio Media Streams protocol, both tracks), and prints per N:
  - audio dropped by the server (backlog overflow),
  - latency from the end of an utterance in the audio to its final transcript
    on the live socket (p50/p95 over all utterances of all calls),
  - server CPU seconds per second of two-track call audio,
  - server peak resident memory and memory per concurrent call.
"Real time" = no audio dropped and p95 latency under --max-p95-ms (2 s).
Prints figures only; asserts nothing.

  bench/concurrent_calls.py --calls 1,2,3 [--wav build/testcalls/demo.wav] [--config FILE]

CPU per call-second is server process CPU time (not wall time); "lat" is wall time from the
media frame holding an utterance's last recognized word to the final transcript arriving, so it
includes the endpointer hangover ([pipeline] hangover_ms, 500 ms by default).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_TOKEN = "concurrent-calls-bench-token"


def proc_cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def proc_mem_mb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(p * (len(values) - 1) + 0.5))]


def start_server(binary, data_dir, config):
    env = dict(os.environ)
    # The server refuses media streams it cannot verify; server and
    # simulators share a made-up token (no real Twilio account is involved).
    env.setdefault("TWILIO_AUTH_TOKEN", BENCH_TOKEN)
    if config:
        env["SALESCOPILOT_CONFIG"] = config
    proc = subprocess.Popen([binary, "serve", "--port", "0", "--data", data_dir],
                            stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stderr.readline()
        m = re.search(r"serving on http://[\d.]+:(\d+)/", line)
        if m:
            # Keep draining stderr so the server never blocks on a full pipe.
            subprocess.Popen(["cat"], stdin=proc.stderr, stdout=subprocess.DEVNULL)
            return proc, int(m.group(1))
    proc.kill()
    raise SystemExit("server did not start")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, "build/release/src/cli/salescopilot"))
    ap.add_argument("--wav", default=os.path.join(ROOT, "build/testcalls/demo.wav"))
    ap.add_argument("--calls", default="1,2,3")
    ap.add_argument("--speed", type=float, default=1.0)
    ap.add_argument("--max-p95-ms", type=float, default=2000,
                    help="above this final-transcript latency recognition is falling behind")
    ap.add_argument("--config", default="",
                    help="server config file (TOML), e.g. with [pipeline] hangover_ms = 300")
    args = ap.parse_args()
    if not os.path.exists(args.wav):
        raise SystemExit(f"{args.wav} missing: scripts/make-test-calls testdata/dialogues/demo.txt")
    data = tempfile.mkdtemp(prefix="sc-load-")
    server, port = start_server(args.binary, data, args.config)
    url = f"ws://127.0.0.1:{port}/api/twilio-calls/media-stream"
    print(f"server pid {server.pid} port {port}; call {os.path.basename(args.wav)}; {os.cpu_count()} cores")
    print(f"{'calls':>5} {'audio s':>8} {'dropped ms':>10} {'lat p50':>8} {'lat p95':>8} "
          f"{'cpu/call-s':>10} {'peak RSS MB':>11} {'MB/call':>8}  real time?")
    base_rss = proc_mem_mb(server.pid, "VmRSS")
    try:
        for n in [int(x) for x in args.calls.split(",")]:
            cpu0 = proc_cpu_seconds(server.pid)
            sims = [subprocess.Popen([args.binary, "simulate", "--url", url, args.wav, "--quiet",
                                      "--format", "json", "--speed", str(args.speed),
                                      "--auth-token", os.environ.get("TWILIO_AUTH_TOKEN", BENCH_TOKEN)],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                    for _ in range(n)]
            peak = 0.0
            while any(s.poll() is None for s in sims):
                peak = max(peak, proc_mem_mb(server.pid, "VmRSS"))
                time.sleep(0.5)
            reports = [json.loads(s.stdout.read() or "{}") for s in sims]
            cpu = proc_cpu_seconds(server.pid) - cpu0
            dropped, audio, lat = 0, 0.0, []
            p50s, p95s = [], []
            for r in reports:
                audio += r.get("audio_s", 0)
                p50s.append(r.get("latency_ms", {}).get("p50", 0))
                p95s.append(r.get("latency_ms", {}).get("p95", 0))
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/calls/{r['call_sid']}") as resp:
                    call = json.load(resp)
                dropped += (call.get("stats") or {}).get("dropped_audio_ms", 0)
            # Keeping up means nothing dropped and finals not piling up behind
            # the audio (a growing backlog shows as growing latency first).
            ok = (dropped == 0 and all(r.get("analysis_ready") for r in reports)
                  and max(p95s) <= args.max_p95_ms)
            print(f"{n:>5} {audio:>8.0f} {dropped:>10} {max(p50s):>7.0f}ms {max(p95s):>7.0f}ms "
                  f"{cpu / max(audio, 1e-9):>10.3f} {peak:>11.0f} {(peak - base_rss) / n:>8.0f}  "
                  f"{'yes' if ok else 'NO'}", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
