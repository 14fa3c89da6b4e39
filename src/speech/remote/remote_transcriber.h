// A remote speech engine: the OpenAI-compatible audio transcription API
// (docs/speech-engines.md), for post-call re-transcription at higher
// accuracy by a whisper server (whisper.cpp, faster-whisper, vLLM...) or a
// cloud service. The live path stays on the embedded PocketSphinx engine
// unless configured otherwise.
//
//   RemoteTranscriberOptions o;
//   o.base_url = "http://127.0.0.1:9000/v1";
//   o.api_key = key;  // From config or the environment; never logged.
//   SC_ASSIGN_OR_RETURN(auto rt, RemoteTranscriber::Create(o));
//   SC_ASSIGN_OR_RETURN(std::vector<RemoteSegment> segs,
//                       TranscribeTrack(*rt, agent_pcm, 8000));
//
//   // Or as a speech::Recognizer (batch only: no partials, the utterance
//   // is sent when it ends):
//   SC_ASSIGN_OR_RETURN(auto rec, OpenRemoteRecognizer(o));
//
// Transcribe() POSTs {base_url}/audio/transcriptions as multipart/form-data:
// file (a 16-bit PCM mono WAV of the samples, at their own rate), model,
// response_format=verbose_json, timestamp_granularities[]=word and =segment
// (kWords), language and prompt when set, with "Authorization: Bearer
// <api_key>" when a key is configured. It parses the verbose_json reply:
// "segments" (start, end, text, avg_logprob) and, when the server supports
// word timestamps, "words" (word, start, end, optional probability).
//
// Errors (the message names the HTTP status and the server's OpenAI error
// message; the API key never appears in it, even when the server echoes it):
//   InvalidArgument    HTTP 400/413/415/422, bad options or audio.
//   Unauthenticated    HTTP 401 (missing or wrong API key).
//   PermissionDenied   HTTP 403.
//   NotFound           HTTP 404 (wrong base_url path or unknown model).
//   ResourceExhausted  HTTP 429 after the retries.
//   Unavailable        HTTP 5xx after the retries, connection or TLS
//                      failure, the timeout, a malformed reply.
// HTTP 429 and 5xx are retried up to max_retries times with exponential
// backoff (honouring a Retry-After in seconds, up to max_backoff); nothing
// else is retried (a timeout may have been costly work on the server).
//
// Texts keep the server's casing and punctuation ("Hi, Michael."), unlike
// PocketSphinx's lower-case words: they are personal data, log them only in
// sc::Pii() fields.
//
// Thread-safety: a RemoteTranscriber is immutable and may be used from many
// threads at once; each request has its own connection. Every call blocks:
// run it on a worker, never on a network thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "speech/recognizer.h"

namespace sc::speech {

// Whether to ask for word timestamps (timestamp_granularities[]=word).
enum class WordTimestamps {
  kRequest,  // Ask; servers that cannot give them return segments only.
  kOff,      // Segments only (some servers charge or slow down for words).
};

struct RemoteTranscriberOptions {
  // The API root, "http://host:port/v1" or "https://api.openai.com/v1",
  // without "/audio/transcriptions". Required.
  std::string base_url;
  std::string model = "whisper-1";
  // Sent as a bearer token when non-empty. Secret: never logged, never in a
  // Status message.
  std::string api_key;
  // ISO-639-1 code ("en"); improves accuracy and latency. Empty: the server
  // detects the language.
  std::string language = "en";
  // Domain terms (product, company and contact names) sent as the prompt,
  // joined by ", ", which biases whisper-style models towards them.
  // Empty: no prompt.
  std::vector<std::string> prompt_terms;
  WordTimestamps word_timestamps = WordTimestamps::kRequest;
  // Per attempt, covering connect, upload, server work and the reply.
  // Whisper on a CPU takes a while for minutes of audio.
  std::chrono::milliseconds timeout{300'000};
  int max_retries = 2;  // Extra attempts after HTTP 429 or 5xx; 0..10.
  std::chrono::milliseconds initial_backoff{1'000};  // Doubles per retry.
  std::chrono::milliseconds max_backoff{30'000};
  // PEM file of trusted CAs for https; empty: the system's store.
  std::string ca_file;
  // How the client waits between attempts; empty: std::this_thread's
  // sleep_for. Tests pass a recorder.
  std::function<void(std::chrono::milliseconds)> sleep;
};

// One segment of a transcription. Times are seconds from the start of the
// audio sent (TranscribeTrack: from the start of the track).
struct RemoteSegment {
  double start_s = 0, end_s = 0;
  std::string text;  // Trimmed.
  // The segment's words. With server word timestamps, the words the server
  // timed inside the segment (confidence: the server's word probability,
  // else the segment's). Without them (WordTimestamps::kOff or a server
  // that ignores the request), the words of `text` with times spread over
  // the segment in proportion to their length: estimates, not measurements.
  std::vector<WordTiming> words;
  bool word_times_estimated = false;
  // exp(avg_logprob) of the segment, 0..1; 0 when the server omits it.
  double confidence = 0;
};

struct RemoteTranscript {
  std::string text;       // The whole text, as the server returned it.
  std::string language;   // As reported by the server; may be empty.
  double duration_s = 0;  // Of the audio sent.
  std::vector<RemoteSegment> segments;
  int attempts = 1;  // 1 + retries used.
};

class RemoteTranscriber {
 public:
  // InvalidArgument when the options are unusable (a base_url that is not
  // http(s)://host[:port][/path], an empty model, a non-positive timeout,
  // max_retries outside 0..10, a line break in the key or model).
  static StatusOr<std::unique_ptr<RemoteTranscriber>> Create(
      RemoteTranscriberOptions options);
  virtual ~RemoteTranscriber() = default;

  // Transcribes mono 16-bit `pcm` at `sample_rate` (8000..48000) in one
  // request. InvalidArgument for an empty buffer, a bad rate, or more than
  // kMaxRequestSeconds of audio (use TranscribeTrack for long audio).
  virtual StatusOr<RemoteTranscript> Transcribe(std::span<const int16_t> pcm,
                                                int sample_rate) const = 0;

  // A request carries at most this much audio: the OpenAI service takes
  // files up to 25 MB, which is 13 minutes at 16 kHz.
  static constexpr double kMaxRequestSeconds = 600;
};

struct TrackOptions {
  // Audio longer than this is sent in pieces, each cut at the quietest
  // 20 ms within the last `cut_search_s` before the limit, so words are
  // rarely split. At most RemoteTranscriber::kMaxRequestSeconds.
  double max_piece_s = 600;
  double cut_search_s = 10;
};

// The segments of a whole call track (mono `pcm` at `sample_rate`), in
// order, with times from the start of the track. Errors as Transcribe();
// the first failing piece fails the call.
StatusOr<std::vector<RemoteSegment>> TranscribeTrack(
    const RemoteTranscriber& transcriber, std::span<const int16_t> pcm,
    int sample_rate, const TrackOptions& options = {});

// The remote engine as a speech::Recognizer, so the pipeline can run it
// where it runs PocketSphinx. capabilities(): no streaming, no partial
// results, word times (estimated when the server has none), no keyword
// spotting. Sessions buffer the fed audio (at most kMaxRequestSeconds per
// utterance; more fails Feed with ResourceExhausted) and transcribe it in
// EndUtterance, which therefore blocks for a network round trip; Partial()
// always returns nullopt. Hypothesis words and text follow the server
// (casing, punctuation); times are call times as the interface requires.
// sample_rate(): `sample_rate` (16 kHz, what whisper models use; the
// pipeline resamples telephone audio up to it).
StatusOr<std::shared_ptr<Recognizer>> OpenRemoteRecognizer(
    RemoteTranscriberOptions options, int sample_rate = 16000);

}  // namespace sc::speech
