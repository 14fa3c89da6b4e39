#!/bin/sh
# CLI round trip of voice calibration (cli/calibrate.h): add a tenant and a
# user, calibrate from a generated test call's agent channel (as 8 kHz u-law
# when sox is installed), show the stored profile, and check the clear
# errors. Exits 77 (ctest: skipped) when the test calls are absent; make
# them with scripts/make-test-calls.
#   calibrate_cli_test.sh SALESCOPILOT_BINARY SOURCE_DIR
set -u
bin=$1
calls=${SC_TEST_CALLS_DIR:-$2/build/testcalls}
call=$calls/discovery_freight
if [ ! -f "$call.wav" ] || [ ! -f "$call.truth.jsonl" ]; then
  echo "SKIP: no test calls in $calls; run scripts/make-test-calls"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/sc_calibrate_cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
data=$work/data
fail() { echo "FAIL: $*"; exit 1; }
# expect CODE COMMAND...: runs COMMAND, checks its exit code.
expect() {
  want=$1; shift
  "$@" >"$work/out" 2>"$work/err"
  got=$?
  if [ "$got" != "$want" ]; then
    cat "$work/out" "$work/err"
    fail "exit $got (want $want): $*"
  fi
}

expect 0 "$bin" tenant add acme --data "$data"
expect 0 "$bin" tenant add globex --data "$data"
expect 0 "$bin" user add alice --tenant acme --data "$data"

# The script the agent read: their turns of the truth file.
python3 -c '
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    if t["speaker"] == "agent":
        print(t["text"])
' "$call.truth.jsonl" >"$work/script.txt" || fail "cannot extract the script"

audio=$call.wav
if command -v sox >/dev/null 2>&1; then
  sox "$call.wav" -e u-law "$work/ulaw.wav" || fail "sox failed"
  audio=$work/ulaw.wav
fi

# Clear errors, before any profile exists.
expect 2 "$bin" user voice-profile --tenant acme --user alice --data "$data"
grep -q "no voice profile" "$work/err" || fail "no-profile message"
expect 2 "$bin" user calibrate --tenant acme --user bob --audio "$audio" \
  --data "$data"
grep -q "not found in tenant acme" "$work/err" || fail "unknown-user message"
expect 2 "$bin" user calibrate --tenant globex --user alice --audio "$audio" \
  --data "$data"
expect 2 "$bin" user calibrate --tenant acme --user alice \
  --audio "$work/missing.wav" --data "$data"
echo "not audio" >"$work/text.wav"
expect 2 "$bin" user calibrate --tenant acme --user alice \
  --audio "$work/text.wav" --data "$data"
python3 -c '
import sys, wave
w = wave.open(sys.argv[1], "wb")
w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
w.writeframes(b"\0\0" * 8000 * 3)
' "$work/silence.wav" || fail "cannot write silence.wav"
expect 2 "$bin" user calibrate --tenant acme --user alice \
  --audio "$work/silence.wav" --data "$data"
grep -q "recognized speech" "$work/err" || fail "too-little-speech message"
expect 2 "$bin" user calibrate --tenant acme --user alice --audio "$audio" \
  --channel 5 --data "$data"

# The real thing: the agent channel (0) of a stereo telephone call.
expect 0 "$bin" user calibrate --tenant acme --user alice --audio "$audio" \
  --script "$work/script.txt" --channel 0 --data "$data"
cat "$work/out"
grep -q "voice profile 1 stored for alice" "$work/out" || fail "summary"
grep -q "words/min (from the script)" "$work/out" || fail "rate source"
# No word of the script reaches stderr (the log).
if grep -qi "freight\|route" "$work/err"; then fail "script text in the log"; fi

expect 0 "$bin" user voice-profile --tenant acme --user alice --data "$data"
cat "$work/out"
python3 -c '
import json, sys
o = json.load(open(sys.argv[1]))
p = o["profile"]
assert o["user_id"] == "alice" and o["tenant_id"] == "acme", o
assert o["version"] == 1, o
assert len(p["cmninit"]) == 13, p
assert 100 < p["words_per_minute"] < 260, p["words_per_minute"]
assert p["rate_source"] == "script", p
assert 100 < o["audio_s"] < 200, o["audio_s"]
' "$work/out" || fail "voice-profile JSON"
# Tenant isolation: globex cannot see alice's profile.
expect 2 "$bin" user voice-profile --tenant globex --user alice --data "$data"
echo "PASS"
