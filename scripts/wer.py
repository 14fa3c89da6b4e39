#!/usr/bin/env python3
"""wer.py: word error rate (overall and per speaker) and talk-ratio error of a call transcript.

Usage:  wer.py [--json] [--align] [--keep-fillers] REF HYP

REF and HYP may each be:
  * a truth file (.jsonl), one JSON object per line:
        {"speaker": "agent"|"prospect", "start_s": 1.2, "end_s": 3.4, "text": "..."}
  * an analysis JSON document:
        {"utterances": [{"speaker": .., "start_s": .., "end_s": .., "text": ..}, ...],
         "metrics": {"talk_ratio": {"agent": 0.6, "prospect": 0.4}}}
    (a bare JSON list of utterances is accepted too)
  * a dialogue script (testdata/dialogues format: "A: text" / "P: text" lines)
  * plain text (no speakers: only the overall WER is computed)

Normalization (the same on both sides, see normalize()):
  lowercase; curly quotes -> '; recognizer markup removed (<s>, </s>, <sil>, [noise],
  ++garbage++, alternate-pronunciation suffixes like "the(2)"); numbers written out as words
  ("$40,000" -> "forty thousand dollars", "12%" -> "twelve percent", "3rd" -> "third",
  "2.5" -> "two point five", "one hundred and twenty" -> "one hundred twenty");
  contractions expanded ("we're" -> "we are", "don't" -> "do not", "can't" -> "can not",
  "won't" -> "will not", "I'm" -> "i am", "'ll" -> "will", "'ve" -> "have", "'d" -> "would",
  "it's"/"that's"/"there's"/... -> "... is", "let's" -> "let us"; other "'s" are possessives and stay);
  hyphens and slashes split words ("follow-up" -> "follow up"); "ok" -> "okay",
  "alright" -> "all right", "gonna" -> "going to", "wanna" -> "want to";
  other punctuation dropped; fillers (um, uh, hmm, ...) dropped unless --keep-fillers.

Overall WER aligns all words of each side in time order (utterances sorted by start_s; document
order when there are no times), ignoring speakers. Per-speaker WER aligns each speaker's
utterances, concatenated in time order, against the same speaker's on the other side.
"speaker-attributed" sums the per-speaker errors (a word given to the wrong speaker counts
twice there: a deletion on one side and an insertion on the other).

Talk-ratio error: agent share of total speech time (overlaps count for both speakers), HYP minus
REF, in percentage points. REF/HYP share comes from metrics.talk_ratio when the document has one,
else from utterance times.

Exit status: 0 on success, 2 on bad input.
"""

import argparse
import json
import os
import re
import sys

__all__ = ["normalize", "align", "wer_counts", "load", "compare", "number_to_words"]

# ----------------------------------------------------------------------------- numbers

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = [(10 ** 12, "trillion"), (10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand")]
_ORD = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
        "nine": "ninth", "twelve": "twelfth"}


def _below_1000(n):
    words = []
    if n >= 100:
        words += [_ONES[n // 100], "hundred"]
        n %= 100
    if n >= 20:
        words.append(_TENS[n // 10])
        if n % 10:
            words.append(_ONES[n % 10])
    elif n or not words:
        words.append(_ONES[n])
    return words


def number_to_words(n):
    """Cardinal number as a list of words, without 'and': 120 -> one hundred twenty."""
    n = int(n)
    if n < 0:
        return ["minus"] + number_to_words(-n)
    if n == 0:
        return ["zero"]
    words = []
    for value, name in _SCALES:
        if n >= value:
            words += number_to_words(n // value) + [name]
            n %= value
    if n:
        words += _below_1000(n)
    return words


def _ordinal(words):
    last = words[-1]
    if last in _ORD:
        last = _ORD[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return words[:-1] + [last]


def _decimal_words(s):
    s = s.replace(",", "")
    if "." in s:
        whole, frac = s.split(".", 1)
        out = number_to_words(int(whole or "0"))
        if frac:
            out += ["point"] + [_ONES[int(d)] for d in frac]
        return out
    return number_to_words(int(s))


_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+"
_SCALE_WORD = r"(?:\s+(thousand|million|billion|trillion))?"


def _sub_numbers(text):
    def money(m):
        words = _decimal_words(m.group(2))
        cents = None
        if m.group(3):
            words += [m.group(3)]
        elif "." in m.group(2):
            whole, frac = m.group(2).replace(",", "").split(".", 1)
            if len(frac) == 2:      # $4.50 -> four dollars fifty cents
                words = number_to_words(int(whole or "0"))
                cents = int(frac)
        unit = {"$": "dollars", "€": "euros", "£": "pounds"}[m.group(1)]
        if words == ["one"]:
            unit = unit[:-1]
        out = words + [unit]
        if cents:
            out += number_to_words(cents) + ["cents" if cents != 1 else "cent"]
        return " " + " ".join(out) + " "

    text = re.sub(r"([$€£])\s?(" + _NUM + r")" + _SCALE_WORD, money, text)
    text = re.sub(r"(" + _NUM + r")\s?%", lambda m: " " + " ".join(_decimal_words(m.group(1))) + " percent ", text)
    text = re.sub(r"\b(\d+)(st|nd|rd|th)\b", lambda m: " " + " ".join(_ordinal(number_to_words(int(m.group(1))))) + " ", text)
    text = re.sub(r"\b(\d{1,2}):(\d\d)\b", lambda m: " " + " ".join(
        number_to_words(int(m.group(1))) + ([] if m.group(2) == "00" else
                                            (["oh"] if m.group(2)[0] == "0" else []) + number_to_words(int(m.group(2))))) + " ", text)
    text = re.sub(_NUM, lambda m: " " + " ".join(_decimal_words(m.group(0))) + " ", text)
    return text


# ----------------------------------------------------------------------------- normalization

_CONTRACTION_S = {"it", "that", "there", "here", "what", "who", "where", "when", "why", "how",
                  "he", "she", "this", "everything", "nothing", "something", "everyone",
                  "someone", "nobody", "somebody"}
_SPECIAL = {"can't": "can not", "cannot": "can not", "won't": "will not", "shan't": "shall not",
            "ain't": "is not", "let's": "let us", "y'all": "you all", "ma'am": "madam",
            "gonna": "going to", "wanna": "want to", "gotta": "got to", "ok": "okay",
            "o.k.": "okay", "alright": "all right", "mr": "mister", "mrs": "missus",
            "dr": "doctor", "vs": "versus", "etc": "et cetera", "e-mail": "email",
            "&": "and", "'cause": "because", "cuz": "because"}
FILLERS = {"um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "hm", "mm", "mmm", "mhm",
           "uh-huh"}
_NUMBER_WORDS = set(_ONES) | set(_TENS[2:]) | {"hundred", "thousand", "million", "billion", "trillion"}
_MARKUP = re.compile(r"<[^>\s]*>|\[[^\]]*\]|\+\+[^+\s]*\+\+|\(\d+\)")


def _expand(tok):
    if tok in _SPECIAL:
        return _SPECIAL[tok].split()
    if tok.endswith("n't"):
        return [tok[:-3], "not"]
    for suf, rep in (("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'m", "am"), ("'d", "would")):
        if tok.endswith(suf) and len(tok) > len(suf):
            return [tok[:-len(suf)], rep]
    if tok.endswith("'s") and tok[:-2] in _CONTRACTION_S:
        return [tok[:-2], "is"]
    return [tok]


def normalize(text, keep_fillers=False):
    """Text -> list of normalized words (the same rules are applied to REF and HYP)."""
    t = text.lower()
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'").replace("`", "'")
    t = _MARKUP.sub(" ", t)
    t = re.sub(r"\bo\.k\.", "okay", t)
    t = re.sub(r"\be-mail", "email", t)
    t = t.replace("&", " and ")
    t = _sub_numbers(t)
    t = re.sub(r"[-/\u2013\u2014]", " ", t)            # follow-up -> follow up
    t = re.sub(r"[^a-z0-9' ]+", " ", t)                # drop other punctuation
    words = []
    for tok in t.split():
        tok = tok.strip("'")
        if not tok:
            continue
        for w in _expand(tok):
            w = w.strip("'")
            if w and (keep_fillers or w not in FILLERS):
                words.append(w)
    # "one hundred and twenty" -> "one hundred twenty" (numbers are compared without "and")
    out = []
    for i, w in enumerate(words):
        if (w == "and" and out and out[-1] in ("hundred", "thousand", "million", "billion", "trillion")
                and i + 1 < len(words) and words[i + 1] in _NUMBER_WORDS):
            continue
        out.append(w)
    return out


# ----------------------------------------------------------------------------- alignment

def align(ref, hyp):
    """Levenshtein alignment of two word lists.
    Returns a list of (op, ref_word, hyp_word) with op in '=', 'S', 'D', 'I'."""
    n, m = len(ref), len(hyp)
    prev = list(range(m + 1))
    back = [bytes([3]) * (m + 1)]                      # 0 diag, 1 up (deletion), 2 left (insertion)
    for i in range(1, n + 1):
        cur = [i] + [0] * m
        bp = bytearray(m + 1)
        bp[0] = 1
        r = ref[i - 1]
        for j in range(1, m + 1):
            d = prev[j - 1] + (r != hyp[j - 1])
            u = prev[j] + 1
            left = cur[j - 1] + 1
            if d <= u and d <= left:
                cur[j] = d
            elif u <= left:
                cur[j], bp[j] = u, 1
            else:
                cur[j], bp[j] = left, 2
        back.append(bytes(bp))
        prev = cur
    ops = []
    i, j = n, m
    while i > 0 or j > 0:
        b = back[i][j] if i > 0 else 2
        if i > 0 and j > 0 and b == 0:
            ops.append(("=" if ref[i - 1] == hyp[j - 1] else "S", ref[i - 1], hyp[j - 1]))
            i, j = i - 1, j - 1
        elif i > 0 and (b == 1 or j == 0):
            ops.append(("D", ref[i - 1], None))
            i -= 1
        else:
            ops.append(("I", None, hyp[j - 1]))
            j -= 1
    ops.reverse()
    return ops


def wer_counts(ref, hyp):
    """Counts for two word lists: dict(ref_words, hyp_words, sub, del, ins, errors, wer)."""
    ops = align(ref, hyp)
    c = {"ref_words": len(ref), "hyp_words": len(hyp),
         "sub": sum(o[0] == "S" for o in ops), "del": sum(o[0] == "D" for o in ops),
         "ins": sum(o[0] == "I" for o in ops)}
    c["errors"] = c["sub"] + c["del"] + c["ins"]
    c["wer"] = (c["errors"] / len(ref)) if ref else (0.0 if not hyp else None)
    return c, ops


# ----------------------------------------------------------------------------- loading

_SPEAKER_ALIASES = {"agent": "agent", "a": "agent", "rep": "agent", "seller": "agent",
                    "salesperson": "agent", "0": "agent", "ch0": "agent",
                    "prospect": "prospect", "p": "prospect", "customer": "prospect",
                    "client": "prospect", "buyer": "prospect", "caller": "prospect",
                    "1": "prospect", "ch1": "prospect"}


def _speaker(u):
    s = u.get("speaker", u.get("channel"))
    if s is None:
        return None
    return _SPEAKER_ALIASES.get(str(s).strip().lower(), str(s).strip().lower())


def _num(u, *keys):
    for k in keys:
        if u.get(k) is not None:
            return float(u[k])
    return None


def _time_s(u, name):
    v = _num(u, f"{name}_s", name)
    if v is None and u.get(f"{name}_ms") is not None:
        v = float(u[f"{name}_ms"]) / 1000.0
    return v


def _utterance(u):
    if not isinstance(u, dict) or "text" not in u:
        raise ValueError(f"utterance without 'text': {u!r}")
    return {"speaker": _speaker(u), "start_s": _time_s(u, "start"),
            "end_s": _time_s(u, "end"), "text": str(u["text"] or "")}


def _jsonl_utterances(s):
    """Truth lines, or an event stream: lines without 'text' and partial transcripts are skipped."""
    out = []
    for line in s.splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise ValueError(f"JSON line is not an object: {line[:80]!r}")
        if isinstance(obj.get("data"), dict) and "text" not in obj:
            obj = dict(obj["data"], type=obj.get("type", obj.get("event", "")))
        if "text" not in obj or "partial" in str(obj.get("type", obj.get("event", ""))):
            continue
        out.append(_utterance(obj))
    if not out:
        raise ValueError("no utterances (objects with 'text') in the JSON lines")
    return out


_DIALOGUE_LINE = re.compile(r"^([AP])~?\s*:\s*(.*)$")


def load(path):
    """Load REF or HYP. Returns dict(kind, utterances, talk_ratio or None)."""
    if path == "-":
        raw = sys.stdin.read()
    else:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
    s = raw.strip()
    doc = {"path": path, "talk_ratio": None}
    if s.startswith("{") or s.startswith("["):
        try:
            obj = json.loads(s)
        except ValueError:
            obj = None
        if isinstance(obj, dict) and "utterances" in obj:
            doc["kind"] = "analysis"
            doc["utterances"] = [_utterance(u) for u in obj["utterances"]]
            tr = (obj.get("metrics") or {}).get("talk_ratio")
            if isinstance(tr, dict) and tr.get("agent") is not None:
                a = float(tr["agent"])
                p = float(tr.get("prospect", 1 - a))
                doc["talk_ratio"] = a / (a + p) if a + p > 0 else None
                doc["talk_ratio_source"] = "metrics.talk_ratio"
            return doc
        if isinstance(obj, list):
            doc["kind"] = "analysis"
            doc["utterances"] = [_utterance(u) for u in obj]
            return doc
        if isinstance(obj, dict) and "text" in obj and "\n" not in s:
            doc["kind"] = "truth"
            doc["utterances"] = [_utterance(obj)]
            return doc
        if obj is None:     # JSON lines
            try:
                utts = _jsonl_utterances(s)
            except ValueError:
                utts = None
            if utts is not None:
                doc["kind"] = "truth"
                doc["utterances"] = utts
                return doc
        if isinstance(obj, dict) and "text" in obj:
            doc["kind"] = "plain"
            doc["utterances"] = [{"speaker": None, "start_s": None, "end_s": None, "text": str(obj["text"])}]
            return doc
    lines = [ln.strip() for ln in raw.splitlines()]
    body = [ln for ln in lines if ln and not ln.startswith("#") and not re.match(r"^\[.*\]$", ln)]
    if body and all(_DIALOGUE_LINE.match(ln) for ln in body):
        doc["kind"] = "dialogue"
        doc["utterances"] = [{"speaker": "agent" if m.group(1) == "A" else "prospect",
                              "start_s": None, "end_s": None, "text": m.group(2)}
                             for m in map(_DIALOGUE_LINE.match, body)]
        return doc
    doc["kind"] = "plain"
    doc["utterances"] = [{"speaker": None, "start_s": None, "end_s": None, "text": raw}]
    return doc


# ----------------------------------------------------------------------------- comparison

def _ordered(utts):
    if utts and all(u["start_s"] is not None for u in utts):
        return sorted(utts, key=lambda u: u["start_s"])
    return list(utts)


def _words(utts, keep_fillers, speaker=None):
    out = []
    for u in _ordered(utts):
        if speaker is None or u["speaker"] == speaker:
            out += normalize(u["text"], keep_fillers)
    return out


def _talk_share(doc):
    """Agent share of speech time (0..1) or None."""
    if doc.get("talk_ratio") is not None:
        return doc["talk_ratio"]
    t = {"agent": 0.0, "prospect": 0.0}
    for u in doc["utterances"]:
        if u["speaker"] not in t or u["start_s"] is None or u["end_s"] is None:
            if u["speaker"] in t:
                return None
            continue
        t[u["speaker"]] += max(0.0, u["end_s"] - u["start_s"])
    tot = t["agent"] + t["prospect"]
    return t["agent"] / tot if tot > 0 else None


def compare(ref, hyp, keep_fillers=False, with_alignment=False):
    """Compare two loaded documents (see load()). Returns a JSON-able dict."""
    res = {"ref": {"path": ref["path"], "kind": ref["kind"], "utterances": len(ref["utterances"])},
           "hyp": {"path": hyp["path"], "kind": hyp["kind"], "utterances": len(hyp["utterances"])}}
    c, ops = wer_counts(_words(ref["utterances"], keep_fillers), _words(hyp["utterances"], keep_fillers))
    res["overall"] = c
    if with_alignment:
        res["alignment"] = {"overall": ops}
    ref_spk = {u["speaker"] for u in ref["utterances"]} - {None}
    hyp_spk = {u["speaker"] for u in hyp["utterances"]} - {None}
    if ref_spk and hyp_spk:
        res["speakers"] = {}
        tot = {"ref_words": 0, "hyp_words": 0, "sub": 0, "del": 0, "ins": 0, "errors": 0}
        for spk in sorted(ref_spk | hyp_spk, key=lambda s: (s not in ("agent", "prospect"), s)):
            sc, sops = wer_counts(_words(ref["utterances"], keep_fillers, spk),
                                  _words(hyp["utterances"], keep_fillers, spk))
            res["speakers"][spk] = sc
            if with_alignment:
                res["alignment"][spk] = sops
            for k in tot:
                tot[k] += sc[k]
        tot["wer"] = tot["errors"] / tot["ref_words"] if tot["ref_words"] else None
        res["speaker_attributed"] = tot
    ra, ha = _talk_share(ref), _talk_share(hyp)
    if ra is not None and ha is not None:
        res["talk_ratio"] = {"ref_agent": round(ra, 4), "hyp_agent": round(ha, 4),
                             "error_pp": round((ha - ra) * 100, 2),
                             "abs_error_pp": round(abs(ha - ra) * 100, 2)}
    return res


def _pct(x):
    return "   n/a" if x is None else f"{100 * x:5.1f}%"


def format_text(res):
    lines = [f"REF {res['ref']['path']} ({res['ref']['kind']}, {res['ref']['utterances']} utterances)",
             f"HYP {res['hyp']['path']} ({res['hyp']['kind']}, {res['hyp']['utterances']} utterances)",
             f"{'':20s} {'ref words':>9s} {'WER':>7s} {'sub':>5s} {'del':>5s} {'ins':>5s}"]

    def row(name, c):
        lines.append(f"{name:20s} {c['ref_words']:9d} {_pct(c['wer']):>7s} {c['sub']:5d} {c['del']:5d} {c['ins']:5d}")

    row("overall", res["overall"])
    for spk, c in res.get("speakers", {}).items():
        row(spk, c)
    if "speaker_attributed" in res:
        row("speaker-attributed", res["speaker_attributed"])
    tr = res.get("talk_ratio")
    if tr:
        lines.append(f"talk ratio (agent share): ref {100 * tr['ref_agent']:.1f}%  hyp {100 * tr['hyp_agent']:.1f}%  "
                     f"error {tr['error_pp']:+.1f} pp")
    for name, ops in res.get("alignment", {}).items():
        lines.append(f"alignment [{name}] (=ok S sub D del I ins):")
        for op, r, h in ops:
            if op == "=":
                lines.append(f"  = {r}")
            else:
                lines.append(f"  {op} {r or '*'} -> {h or '*'}")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="wer.py", description=__doc__.split("\n\n")[0],
                                 epilog="Inputs: truth .jsonl, analysis JSON, dialogue script or plain "
                                        "text. Normalization rules: see the module docstring or "
                                        "docs/test-calls.md.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ref", metavar="REF")
    ap.add_argument("hyp", metavar="HYP")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--align", action="store_true", help="also print the word alignment")
    ap.add_argument("--keep-fillers", action="store_true", help="score um/uh/hmm like other words")
    args = ap.parse_args(argv)
    try:
        ref, hyp = load(args.ref), load(args.hyp)
    except (OSError, ValueError) as e:
        print(f"wer.py: error: {e}", file=sys.stderr)
        return 2
    res = compare(ref, hyp, keep_fillers=args.keep_fillers, with_alignment=args.align)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(format_text(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
