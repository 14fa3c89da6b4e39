#!/usr/bin/env python3
"""A local server speaking the OpenAI audio-transcription wire format, for
remote_transcriber_test.cc. Standard library only.

  test_transcription_server.py            # listens on 127.0.0.1:<free port>

Prints "PORT <n>" on stdout once listening, then serves until killed.

Every POST /v1/audio/transcriptions is checked the way a strict server
would: a multipart/form-data body (parsed with the email package, an
implementation independent of the client's), a "file" part that is a WAV
(16-bit PCM mono, checked with the wave module), "model", and
"response_format" = "verbose_json". A request that fails a check gets
HTTP 400 with OpenAI error JSON naming the problem.

The model name picks the reply, so each test scripts its own server:
  words          verbose_json with segments and word timestamps
  segments       verbose_json with segments only (no "words")
  echo           what the server saw, as the text: "rate R frames N
                 channels C bits B sum S language L prompt P
                 granularities G"
  auth           401 unless the key is "sk-test-123" (the error message
                 echoes the key it got, as real services partly do)
  flaky-<id>     429 with Retry-After: 0 on the first request per id, then
                 the "words" reply
  broken         500 with OpenAI error JSON, always
  slow           sleeps 3 s, then the "words" reply
  malformed      200 with a body that is not JSON
"""
import email.parser
import email.policy
import io
import json
import struct
import sys
import threading
import time
import wave
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_seen = set()
_lock = threading.Lock()

WORDS_REPLY = {
    "task": "transcribe",
    "language": "english",
    "duration": 2.0,
    "text": " Hi Michael, this is Anna. How is your day?",
    "segments": [
        {"id": 0, "seek": 0, "start": 0.0, "end": 1.2,
         "text": " Hi Michael, this is Anna.", "avg_logprob": -0.1,
         "no_speech_prob": 0.01},
        {"id": 1, "seek": 0, "start": 1.2, "end": 2.0,
         "text": " How is your day?", "avg_logprob": -0.3,
         "no_speech_prob": 0.02},
    ],
    "words": [
        {"word": " Hi", "start": 0.0, "end": 0.2},
        {"word": " Michael,", "start": 0.2, "end": 0.6},
        {"word": " this", "start": 0.6, "end": 0.75},
        {"word": " is", "start": 0.75, "end": 0.85},
        {"word": " Anna.", "start": 0.85, "end": 1.2},
        {"word": " How", "start": 1.25, "end": 1.4},
        {"word": " is", "start": 1.4, "end": 1.5},
        {"word": " your", "start": 1.5, "end": 1.7},
        {"word": " day?", "start": 1.7, "end": 2.0},
    ],
}


def error_body(message, kind, code=None):
    return json.dumps({"error": {"message": message, "type": kind,
                                 "param": None, "code": code}})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # Quiet: tests read stdout.
        pass

    def reply(self, status, body, headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def bad(self, message):
        self.reply(400, error_body(message, "invalid_request_error"))

    def do_POST(self):
        if self.path != "/v1/audio/transcriptions":
            self.reply(404, error_body("no route " + self.path,
                                       "invalid_request_error"))
            return
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        ctype = self.headers.get("Content-Type", "")
        if not ctype.startswith("multipart/form-data; boundary="):
            self.bad("expected multipart/form-data, got " + ctype)
            return
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body)
        if not msg.is_multipart():
            self.bad("body is not multipart")
            return
        fields = {}
        wav_bytes = None
        for part in msg.iter_parts():
            disp = part.get("Content-Disposition", "")
            if not disp.startswith("form-data"):
                self.bad("part without form-data disposition")
                return
            name = part.get_param("name", header="content-disposition")
            data = part.get_payload(decode=True)
            if name == "file":
                if not part.get_filename():
                    self.bad("file part without filename")
                    return
                wav_bytes = data
            else:
                fields.setdefault(name, []).append(data.decode())
        if wav_bytes is None:
            self.bad("missing file")
            return
        for required in ("model", "response_format"):
            if required not in fields:
                self.bad("missing " + required)
                return
        if fields["response_format"] != ["verbose_json"]:
            self.bad("expected verbose_json")
            return
        try:
            with wave.open(io.BytesIO(wav_bytes)) as w:
                rate, channels, width = (w.getframerate(), w.getnchannels(),
                                         w.getsampwidth())
                frames = w.readframes(w.getnframes())
        except (wave.Error, EOFError) as e:
            self.bad("file is not a WAV: %s" % e)
            return
        if channels != 1 or width != 2:
            self.bad("expected 16-bit mono")
            return
        nframes = len(frames) // 2
        if nframes * 2 + 44 != len(wav_bytes):
            self.bad("WAV length does not match its data")
            return
        total = sum(struct.unpack("<%dh" % nframes, frames))
        self.answer(fields, rate, nframes, total)

    def answer(self, fields, rate, nframes, total):
        model = fields["model"][0]
        words = dict(WORDS_REPLY, duration=nframes / rate)
        if model == "words":
            self.reply(200, json.dumps(words))
        elif model == "segments":
            self.reply(200, json.dumps(
                {k: v for k, v in words.items() if k != "words"}))
        elif model == "echo":
            text = "rate %d frames %d channels 1 bits 16 sum %d" % (
                rate, nframes, total)
            text += " language " + ",".join(fields.get("language", ["-"]))
            text += " prompt " + ",".join(fields.get("prompt", ["-"]))
            text += " granularities " + ",".join(
                fields.get("timestamp_granularities[]", ["-"]))
            self.reply(200, json.dumps({"text": text, "segments": [
                {"start": 0, "end": nframes / rate, "text": text}]}))
        elif model == "auth":
            got = self.headers.get("Authorization", "")
            if got != "Bearer sk-test-123":
                self.reply(401, error_body(
                    "Incorrect API key provided: " + got[7:],
                    "invalid_request_error", "invalid_api_key"))
            else:
                self.reply(200, json.dumps(words))
        elif model.startswith("flaky-"):
            with _lock:
                first = model not in _seen
                _seen.add(model)
            if first:
                self.reply(429, error_body("Rate limit reached",
                                           "requests", "rate_limit_exceeded"),
                           [("Retry-After", "0")])
            else:
                self.reply(200, json.dumps(words))
        elif model == "broken":
            self.reply(500, error_body("The server had an error",
                                       "server_error"))
        elif model == "slow":
            time.sleep(3)
            self.reply(200, json.dumps(words))
        elif model == "malformed":
            self.reply(200, "{\"text\": \"unterminated")
        else:
            self.reply(404, error_body("The model '%s' does not exist" % model,
                                       "invalid_request_error",
                                       "model_not_found"))


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
