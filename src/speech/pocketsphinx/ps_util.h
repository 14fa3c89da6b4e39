// Pieces every PocketSphinx user in this folder shares: the work directory
// for derived model files, the content hash that names them, decoder
// creation from an argument list, and a decoder's utterance lifecycle.
#pragma once

#include <pocketsphinx.h>

#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sc::speech::ps {

// $XDG_CACHE_HOME/salescopilot, else /tmp/salescopilot-model-<uid>.
std::string DefaultWorkDir();

// 64-bit FNV-1a of `s`, continuing from `h` (names cached model files by
// their content).
uint64_t Fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull);

// A decoder from PocketSphinx command-line style arguments ("-hmm", dir,
// ...). ps_init edits its configuration and touches the global log, so
// decoders are created one at a time (one lock for the whole process), each
// from a fresh configuration. `what` names the decoder in errors
// ("recognizer", "keyword spotter"). InvalidArgument when PocketSphinx
// rejects the arguments, Internal when it cannot load the model.
StatusOr<ps_decoder_t*> NewDecoder(const std::vector<std::string>& args,
                                   std::string_view what);

// Decoders from one argument list, for an engine's sessions. Init makes the
// first one, which validates the arguments once at start-up, and keeps it
// for the first session; later sessions get new ones. Thread-safe.
class DecoderFactory {
 public:
  // `what` names the decoders in errors (as NewDecoder's).
  DecoderFactory(std::vector<std::string> args, std::string what);
  ~DecoderFactory();
  DecoderFactory(const DecoderFactory&) = delete;
  DecoderFactory& operator=(const DecoderFactory&) = delete;

  Status Init();
  // The kept decoder if it is still there, else a new one; the caller owns
  // it (ps_free, or hand it to a session).
  StatusOr<ps_decoder_t*> Take();

 private:
  const std::vector<std::string> args_;
  const std::string what_;
  std::mutex mu_;                  // Guards spare_.
  ps_decoder_t* spare_ = nullptr;  // GUARDED_BY(mu_)
};

// One decoder fed utterance by utterance, for the recognizer's and the
// keyword spotter's sessions: it owns the decoder (ps_free on destruction),
// checks the Start / Feed / End order, and turns segment frames into call
// times. Each utterance starts a new stream: PocketSphinx reports segment
// frames relative to the stream, and the stream's frame count gains a
// padded frame per utterance, so stream-relative times would drift. This
// resets only the front end's frame counter and noise estimate; the
// cepstral mean (what a warm telephone decoder needs) carries on.
// Not thread-safe: one session's thread.
class DecoderUtterances {
 public:
  // Takes ownership of `ps`; `sample_rate` is what Feed receives; `what`
  // names the decoder in errors ("recognizer", "keyword spotter").
  DecoderUtterances(ps_decoder_t* ps, int sample_rate, std::string_view what);
  ~DecoderUtterances();
  DecoderUtterances(const DecoderUtterances&) = delete;
  DecoderUtterances& operator=(const DecoderUtterances&) = delete;

  // FailedPrecondition out of order; Internal when PocketSphinx fails.
  Status Start(double at_s);
  Status Feed(std::span<const int16_t> pcm);
  // After End, the decoder's segments describe the utterance.
  Status End();

  ps_decoder_t* decoder() const { return ps_; }
  bool open() const { return open_; }
  double start_s() const { return at_s_; }
  // Call time of the end of the audio fed in this utterance.
  double end_s() const;
  // Call time of the start of frame `frame` of the utterance, at most
  // end_s().
  double FrameTime(int frame) const;

 private:
  ps_decoder_t* ps_;
  const int sample_rate_;
  const std::string what_;
  int frame_rate_ = 100;
  bool open_ = false;
  double at_s_ = 0;
  int64_t fed_ = 0;  // Samples fed in the current utterance.
};

}  // namespace sc::speech::ps
