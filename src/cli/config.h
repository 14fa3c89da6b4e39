// Application configuration: defaults < config file (TOML) < environment
// variables < command-line flags. Every key is documented in README.md
// ("Configuration").
#pragma once

#include <string>

#include "core/log.h"
#include "core/status.h"
#include "llm/chat_client.h"
#include "server/server.h"
#include "speech/recognizer.h"

namespace sc::cli {

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

// The effective configuration as one JSON object, for `salescopilot config
// show` and start-up logs. Secrets (auth token, API key secret, admin token)
// are written as "[set]" or "" and never in clear.
std::string DescribeConfig(const AppConfig& config);

// Reads `path` (TOML) when non-empty, or $SALESCOPILOT_CONFIG when set, then
// applies SALESCOPILOT_* environment variables. InvalidArgument names the
// bad key or variable.
StatusOr<AppConfig> LoadConfig(const std::string& path);

}  // namespace sc::cli
