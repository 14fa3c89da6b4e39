// Application configuration: defaults < config file (TOML) < environment
// variables < command-line flags. Every key is documented in README.md
// ("Configuration").
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/log.h"
#include "core/status.h"
#include "llm/chat_client.h"
#include "server/server.h"
#include "speech/recognizer.h"
#include "speech/remote/remote_transcriber.h"

namespace sc::cli {

// Which engine transcribes live calls and `analyze` ([speech] engine).
enum class SpeechEngine {
  kPocketSphinx,  // "pocketsphinx": embedded, streaming, partial results.
  kRemote,        // "remote": the [speech.remote] server; batch per utterance.
};
// "pocketsphinx" | "remote"; nullopt for anything else.
std::optional<SpeechEngine> ParseSpeechEngine(std::string_view name);
const char* SpeechEngineName(SpeechEngine engine);

// Whether a call's recording is re-transcribed by the remote engine once it
// has been fetched ([speech.remote] post_call).
enum class PostCallTranscription { kOff, kRemote };

struct AppConfig {
  server::ServerOptions server;     // [server]
  std::string data_dir = "./data";  // [storage] data_dir
  std::string
      database_url;  // [storage] url; default sqlite:<data_dir>/salescopilot.db
  int workers = 0;   // [speech] workers; 0 = one per core
  // [speech] profile ("accurate", the default: the general language model
  // and PocketSphinx's own search; "fast": the domain model and narrow
  // search, about 10x less CPU and 11 WER points worse on held-out calls,
  // docs/speech.md), terms (domain words), model_dir, dictionary,
  // language_model. Environment: SALESCOPILOT_SPEECH_PROFILE, ...
  speech::RecognizerOptions recognizer =
      speech::OptionsForProfile(speech::SpeechProfile::kAccurate);
  // [speech] engine (SALESCOPILOT_SPEECH_ENGINE): the live path and
  // `analyze`. Default PocketSphinx; "remote" requires [speech.remote]
  // base_url.
  SpeechEngine engine = SpeechEngine::kPocketSphinx;
  // [speech] keyword_spotting (SALESCOPILOT_SPEECH_KEYWORD_SPOTTING = true |
  // false): a keyphrase spotter on the prospect's audio beside the
  // PocketSphinx decoder, its hits objection evidence (docs/objections.md).
  // Default on: held-out objection F1 0.43 -> 0.63 for +0.012 CPU-s per
  // call-second (docs/speech.md). Ignored with the remote engine.
  bool keyword_spotting = true;
  // [speech.remote] base_url, model, api_key, language, timeout_ms,
  // max_retries (environment SALESCOPILOT_SPEECH_REMOTE_URL, _MODEL,
  // _API_KEY): an OpenAI-compatible /v1/audio/transcriptions server
  // (docs/speech-engines.md). Unset while base_url is empty; the api_key is
  // a secret. prompt_terms are [speech] terms.
  speech::RemoteTranscriberOptions remote;
  // [speech.remote] post_call: default kRemote when base_url is set, else
  // kOff (docs/operations.md, "Re-transcription").
  PostCallTranscription post_call = PostCallTranscription::kOff;
  LogOptions log;  // [log] level, pii
  // [twilio]: account_sid, auth_token, api_key_sid, api_key_secret,
  // twiml_app_sid, public_url, signature_check ("enforce" | "disabled"),
  // rest_base_url, recordings_dir, ring_timeout_seconds, no_answer
  // ("voicemail" | "message"), admin_token. Environment: the names Twilio
  // users know (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY_SID,
  // TWILIO_API_KEY_SECRET, TWILIO_TWIML_APP_SID) plus
  // SALESCOPILOT_PUBLIC_URL, SALESCOPILOT_TWILIO_SIGNATURE_CHECK,
  // SALESCOPILOT_TWILIO_API_BASE_URL, SALESCOPILOT_RECORDINGS_DIR and
  // SALESCOPILOT_ADMIN_TOKEN. The recordings directory defaults to
  // <data_dir>/recordings (see RecordingsDir()).

  // [llm] base_url, model, api_key (environment SALESCOPILOT_LLM_BASE_URL,
  // SALESCOPILOT_LLM_MODEL, SALESCOPILOT_LLM_API_KEY): an OpenAI-compatible
  // server that writes each call's summary and follow-up email
  // (docs/llm.md). Off while base_url is empty; the api_key is a secret.
  llm::ChatClientOptions llm;

  std::string DatabaseUrl() const;
  // server.twilio.recordings_dir, or <data_dir>/recordings when unset.
  std::string RecordingsDir() const;
};

// Opens the configured live engine: PocketSphinx with `recognizer`, or the
// remote engine with `remote` (at 16 kHz). Errors as speech::OpenRecognizer
// and speech::OpenRemoteRecognizer.
StatusOr<std::shared_ptr<speech::Recognizer>> OpenSpeechEngine(
    const AppConfig& config);

// The effective configuration as one JSON object, for `salescopilot config
// show` and start-up logs. Secrets (auth token, API key secret, admin token,
// LLM and speech API keys) are written as "[set]" or "" and never in clear.
std::string DescribeConfig(const AppConfig& config);

// Reads `path` (TOML) when non-empty, or $SALESCOPILOT_CONFIG when set, then
// applies SALESCOPILOT_* environment variables. InvalidArgument names the
// bad key or variable.
StatusOr<AppConfig> LoadConfig(const std::string& path);

}  // namespace sc::cli
