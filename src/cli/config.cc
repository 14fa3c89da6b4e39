#include "cli/config.h"

#include <toml++/toml.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <optional>

#include "telephony/twilio/signature.h"

namespace sc::cli {
namespace {

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? v : nullptr;
}

StatusOr<int> ParseInt(const std::string& what, const std::string& text) {
  try {
    size_t used = 0;
    long v = std::stol(text, &used);
    if (used != text.size()) throw std::invalid_argument("trailing");
    return static_cast<int>(v);
  } catch (...) {
    return InvalidArgument(what + " must be an integer (got '" + text + "')");
  }
}

StatusOr<LogLevel> ParseLevel(const std::string& s) {
  if (s == "debug") return LogLevel::kDebug;
  if (s == "info") return LogLevel::kInfo;
  if (s == "warn") return LogLevel::kWarn;
  if (s == "error") return LogLevel::kError;
  return InvalidArgument("log level must be debug, info, warn or error (got '" +
                         s + "')");
}

StatusOr<server::SignatureCheck> ParseSignatureCheck(const std::string& what,
                                                     const std::string& s) {
  if (s == "enforce") return server::SignatureCheck::kEnforce;
  if (s == "disabled") return server::SignatureCheck::kDisabledForDevelopment;
  return InvalidArgument(what + " must be enforce or disabled (got '" + s +
                         "')");
}

StatusOr<server::NoAnswer> ParseNoAnswer(const std::string& what,
                                         const std::string& s) {
  if (s == "voicemail") return server::NoAnswer::kVoicemail;
  if (s == "message") return server::NoAnswer::kMessageOnly;
  return InvalidArgument(what + " must be voicemail or message (got '" + s +
                         "')");
}

// The [twilio] table. Keys are spelled as in the environment, lower case
// without the TWILIO_ prefix.
Status ApplyTwilioTable(const toml::table& t, server::TwilioServerOptions& o) {
  const toml::node_view<const toml::node> tw = t["twilio"];
  if (auto v = tw["account_sid"].value<std::string>()) o.account_sid = *v;
  if (auto v = tw["auth_token"].value<std::string>()) o.auth_token = *v;
  if (auto v = tw["api_key_sid"].value<std::string>()) o.api_key_sid = *v;
  if (auto v = tw["api_key_secret"].value<std::string>()) o.api_key_secret = *v;
  if (auto v = tw["twiml_app_sid"].value<std::string>()) o.twiml_app_sid = *v;
  if (auto v = tw["public_url"].value<std::string>()) o.public_base_url = *v;
  if (auto v = tw["rest_base_url"].value<std::string>()) o.rest_base_url = *v;
  if (auto v = tw["recordings_dir"].value<std::string>()) o.recordings_dir = *v;
  if (auto v = tw["admin_token"].value<std::string>()) o.admin_token = *v;
  if (auto v = tw["ring_timeout_seconds"].value<int64_t>())
    o.ring_timeout_seconds = static_cast<int>(*v);
  if (auto v = tw["signature_check"].value<std::string>()) {
    SC_ASSIGN_OR_RETURN(o.signature_check,
                        ParseSignatureCheck("twilio.signature_check", *v));
  }
  if (auto v = tw["no_answer"].value<std::string>()) {
    SC_ASSIGN_OR_RETURN(o.no_answer, ParseNoAnswer("twilio.no_answer", *v));
  }
  return Status::Ok();
}

// Switches the search settings to a named profile, keeping what names the
// model files and the domain words (set by other keys).
Status ApplySpeechProfile(const std::string& name,
                          speech::RecognizerOptions& o) {
  auto profile = speech::ParseSpeechProfile(name);
  if (!profile) {
    return InvalidArgument("speech profile must be \"accurate\" or \"fast\"");
  }
  speech::RecognizerOptions next = speech::OptionsForProfile(*profile);
  next.model_dir = o.model_dir;
  next.dictionary = o.dictionary;
  next.language_model = o.language_model;
  next.domain_terms = o.domain_terms;
  o = std::move(next);
  return Status::Ok();
}

// The [speech.remote] table. A key of the wrong type is an error naming it,
// so a quoted number is not silently ignored.
Status ApplySpeechRemoteTable(const toml::table& t, AppConfig& c,
                              std::optional<PostCallTranscription>& post_call) {
  const toml::node_view<const toml::node> r = t["speech"]["remote"];
  if (!r) return Status::Ok();
  if (!r.is_table()) {
    return InvalidArgument("[speech.remote] must be a table");
  }
  auto str = [&](const char* key, std::string& out) -> Status {
    const toml::node_view<const toml::node> v = r[key];
    if (!v) return Status::Ok();
    if (!v.is_string()) {
      return InvalidArgument(std::string("speech.remote.") + key +
                             " must be a string");
    }
    out = *v.value<std::string>();
    return Status::Ok();
  };
  auto integer = [&](const char* key) -> StatusOr<std::optional<int64_t>> {
    const toml::node_view<const toml::node> v = r[key];
    if (!v) return std::optional<int64_t>();
    if (!v.is_integer()) {
      return InvalidArgument(std::string("speech.remote.") + key +
                             " must be an integer");
    }
    return std::optional<int64_t>(*v.value<int64_t>());
  };
  speech::RemoteTranscriberOptions& o = c.remote;
  SC_RETURN_IF_ERROR(str("base_url", o.base_url));
  SC_RETURN_IF_ERROR(str("model", o.model));
  SC_RETURN_IF_ERROR(str("api_key", o.api_key));
  SC_RETURN_IF_ERROR(str("language", o.language));
  SC_ASSIGN_OR_RETURN(std::optional<int64_t> timeout, integer("timeout_ms"));
  if (timeout) {
    if (*timeout <= 0 || *timeout > 3'600'000) {
      return InvalidArgument(
          "speech.remote.timeout_ms must be 1-3600000 (got " +
          std::to_string(*timeout) + ")");
    }
    o.timeout = std::chrono::milliseconds(*timeout);
  }
  SC_ASSIGN_OR_RETURN(std::optional<int64_t> retries, integer("max_retries"));
  if (retries) {
    if (*retries < 0 || *retries > 10) {
      return InvalidArgument("speech.remote.max_retries must be 0-10 (got " +
                             std::to_string(*retries) + ")");
    }
    o.max_retries = static_cast<int>(*retries);
  }
  if (const toml::node_view<const toml::node> v = r["post_call"]) {
    if (!v.is_boolean()) {
      return InvalidArgument("speech.remote.post_call must be true or false");
    }
    post_call = *v.value<bool>() ? PostCallTranscription::kRemote
                                 : PostCallTranscription::kOff;
  }
  return Status::Ok();
}

// Checks the engine settings once, at start-up: the remote options are
// validated by the client's own factory, so a bad URL fails here and not
// on the first call.
Status ValidateSpeech(AppConfig& c) {
  const bool remote_needed = c.engine == SpeechEngine::kRemote ||
                             c.post_call == PostCallTranscription::kRemote;
  if (c.remote.base_url.empty()) {
    if (c.engine == SpeechEngine::kRemote) {
      return InvalidArgument(
          "speech.engine = \"remote\" needs speech.remote.base_url "
          "(SALESCOPILOT_SPEECH_REMOTE_URL)");
    }
    if (c.post_call == PostCallTranscription::kRemote) {
      return InvalidArgument(
          "speech.remote.post_call = true needs speech.remote.base_url "
          "(SALESCOPILOT_SPEECH_REMOTE_URL)");
    }
    return Status::Ok();
  }
  if (!remote_needed) return Status::Ok();
  if (c.remote.prompt_terms.empty()) {
    c.remote.prompt_terms = c.recognizer.domain_terms;
  }
  auto probe = speech::RemoteTranscriber::Create(c.remote);
  if (!probe.ok()) {
    return InvalidArgument("speech.remote: " + probe.status().message());
  }
  return Status::Ok();
}

Status ApplyTwilioEnv(server::TwilioServerOptions& o) {
  if (const char* v = Env("TWILIO_ACCOUNT_SID")) o.account_sid = v;
  if (const char* v = Env("TWILIO_AUTH_TOKEN")) o.auth_token = v;
  if (const char* v = Env("TWILIO_API_KEY_SID")) o.api_key_sid = v;
  if (const char* v = Env("TWILIO_API_KEY_SECRET")) o.api_key_secret = v;
  if (const char* v = Env("TWILIO_TWIML_APP_SID")) o.twiml_app_sid = v;
  if (const char* v = Env("SALESCOPILOT_PUBLIC_URL")) o.public_base_url = v;
  if (const char* v = Env("SALESCOPILOT_TWILIO_API_BASE_URL"))
    o.rest_base_url = v;
  if (const char* v = Env("SALESCOPILOT_RECORDINGS_DIR")) o.recordings_dir = v;
  if (const char* v = Env("SALESCOPILOT_ADMIN_TOKEN")) o.admin_token = v;
  if (const char* v = Env("SALESCOPILOT_TWILIO_SIGNATURE_CHECK")) {
    SC_ASSIGN_OR_RETURN(
        o.signature_check,
        ParseSignatureCheck("SALESCOPILOT_TWILIO_SIGNATURE_CHECK", v));
  }
  return Status::Ok();
}

// Checks the Twilio settings once, at start-up, rather than per call.
Status ValidateTwilio(server::TwilioServerOptions& o) {
  if (!o.public_base_url.empty()) {
    StatusOr<std::string> url =
        twilio::NormalizePublicBaseUrl(o.public_base_url);
    if (!url.ok()) {
      return InvalidArgument("SALESCOPILOT_PUBLIC_URL / twilio.public_url: " +
                             url.status().message());
    }
    o.public_base_url = *url;
  }
  std::string_view rest(o.rest_base_url);
  if (!rest.starts_with("https://") && !rest.starts_with("http://")) {
    return InvalidArgument(
        "twilio.rest_base_url must start with https:// or http://");
  }
  if (o.ring_timeout_seconds < 5 || o.ring_timeout_seconds > 600) {
    return InvalidArgument("twilio.ring_timeout_seconds must be 5-600");
  }
  return Status::Ok();
}

Status ApplyFile(const std::string& path, AppConfig& c,
                 std::optional<PostCallTranscription>& post_call) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& err) {
    return InvalidArgument("config " + path + ":" +
                           std::to_string(err.source().begin.line) + ": " +
                           std::string(err.description()));
  }
  if (auto v = t["server"]["bind"].value<std::string>())
    c.server.bind_address = *v;
  if (auto v = t["server"]["port"].value<int64_t>())
    c.server.port = static_cast<int>(*v);
  if (auto v = t["server"]["io_threads"].value<int64_t>())
    c.server.io_threads = static_cast<int>(*v);
  if (auto v = t["server"]["max_ws_message_bytes"].value<int64_t>()) {
    c.server.max_ws_message_bytes = static_cast<size_t>(*v);
  }
  if (auto v = t["storage"]["data_dir"].value<std::string>()) c.data_dir = *v;
  if (auto v = t["storage"]["url"].value<std::string>()) c.database_url = *v;
  if (auto v = t["speech"]["profile"].value<std::string>()) {
    SC_RETURN_IF_ERROR(ApplySpeechProfile(*v, c.recognizer));
  }
  if (auto* terms = t["speech"]["terms"].as_array()) {
    for (const auto& e : *terms) {
      auto s = e.value<std::string>();
      if (!s) return InvalidArgument("[speech] terms must be strings");
      c.recognizer.domain_terms.push_back(*s);
    }
  }
  if (auto v = t["speech"]["engine"].value<std::string>()) {
    auto engine = ParseSpeechEngine(*v);
    if (!engine) {
      return InvalidArgument(
          "speech.engine must be \"pocketsphinx\" or \"remote\" (got '" + *v +
          "')");
    }
    c.engine = *engine;
  }
  SC_RETURN_IF_ERROR(ApplySpeechRemoteTable(t, c, post_call));
  if (auto v = t["speech"]["workers"].value<int64_t>())
    c.workers = static_cast<int>(*v);
  if (auto v = t["speech"]["model_dir"].value<std::string>())
    c.recognizer.model_dir = *v;
  if (auto v = t["speech"]["dictionary"].value<std::string>())
    c.recognizer.dictionary = *v;
  if (auto v = t["speech"]["language_model"].value<std::string>())
    c.recognizer.language_model = *v;
  if (t["speech"]["keyword_spotting"]) {
    auto v = t["speech"]["keyword_spotting"].value<bool>();
    if (!v)
      return InvalidArgument("[speech] keyword_spotting must be true or false");
    c.keyword_spotting = *v;
  }
  if (auto v = t["pipeline"]["hangover_ms"].value<int64_t>()) {
    c.server.pipeline.endpointer.hangover_ms = static_cast<int>(*v);
  }
  if (auto v = t["pipeline"]["max_backlog_ms"].value<int64_t>())
    c.server.pipeline.max_backlog_ms = *v;
  if (auto v = t["log"]["level"].value<std::string>()) {
    SC_ASSIGN_OR_RETURN(c.log.min_level, ParseLevel(*v));
  }
  if (auto v = t["log"]["pii"].value<bool>()) c.log.redact_pii = !*v;
  if (auto v = t["llm"]["base_url"].value<std::string>()) c.llm.base_url = *v;
  if (auto v = t["llm"]["model"].value<std::string>()) c.llm.model = *v;
  if (auto v = t["llm"]["api_key"].value<std::string>()) c.llm.api_key = *v;
  return ApplyTwilioTable(t, c.server.twilio);
}

}  // namespace

std::optional<SpeechEngine> ParseSpeechEngine(std::string_view name) {
  if (name == "pocketsphinx") return SpeechEngine::kPocketSphinx;
  if (name == "remote") return SpeechEngine::kRemote;
  return std::nullopt;
}

const char* SpeechEngineName(SpeechEngine engine) {
  return engine == SpeechEngine::kRemote ? "remote" : "pocketsphinx";
}

StatusOr<std::shared_ptr<speech::Recognizer>> OpenSpeechEngine(
    const AppConfig& config) {
  if (config.engine == SpeechEngine::kRemote) {
    return speech::OpenRemoteRecognizer(config.remote);
  }
  return speech::OpenRecognizer(config.recognizer);
}

std::string AppConfig::RecordingsDir() const {
  return server.twilio.recordings_dir.empty() ? data_dir + "/recordings"
                                              : server.twilio.recordings_dir;
}

std::string DescribeConfig(const AppConfig& c) {
  namespace json = boost::json;
  auto secret = [](const std::string& s) { return s.empty() ? "" : "[set]"; };
  const server::TwilioServerOptions& t = c.server.twilio;
  json::object out{
      {"server",
       {{"bind", c.server.bind_address},
        {"port", c.server.port},
        {"io_threads", c.server.io_threads}}},
      {"storage", {{"data_dir", c.data_dir}, {"url", "[redacted]"}}},
      {"speech",
       {{"workers", c.workers},
        {"engine", SpeechEngineName(c.engine)},
        {"remote",
         {{"base_url", c.remote.base_url},
          {"model", c.remote.model},
          {"api_key", secret(c.remote.api_key)},
          {"language", c.remote.language},
          {"timeout_ms", c.remote.timeout.count()},
          {"max_retries", c.remote.max_retries},
          {"post_call", c.post_call == PostCallTranscription::kRemote}}}}},
      {"llm",
       {{"base_url", c.llm.base_url.empty() ? "" : "[set]"},
        {"model", c.llm.model},
        {"api_key", secret(c.llm.api_key)}}},
      {"twilio",
       {{"account_sid", t.account_sid},
        {"auth_token", secret(t.auth_token)},
        {"api_key_sid", t.api_key_sid},
        {"api_key_secret", secret(t.api_key_secret)},
        {"twiml_app_sid", t.twiml_app_sid},
        {"public_url", t.public_base_url},
        {"signature_check",
         t.signature_check == server::SignatureCheck::kEnforce ? "enforce"
                                                               : "disabled"},
        {"rest_base_url", t.rest_base_url},
        {"recordings_dir", c.RecordingsDir()},
        {"ring_timeout_seconds", t.ring_timeout_seconds},
        {"no_answer",
         t.no_answer == server::NoAnswer::kVoicemail ? "voicemail" : "message"},
        {"admin_token", secret(t.admin_token)}}},
  };
  // A database URL may hold a password (postgresql://user:pass@host): only
  // a sqlite URL, which cannot, is shown.
  const std::string url = c.DatabaseUrl();
  if (url.starts_with("sqlite:")) out["storage"].as_object()["url"] = url;
  return json::serialize(out);
}

std::string AppConfig::DatabaseUrl() const {
  return database_url.empty() ? "sqlite:" + data_dir + "/salescopilot.db"
                              : database_url;
}

StatusOr<AppConfig> LoadConfig(const std::string& path) {
  AppConfig c;
  std::string file = path;
  if (file.empty() && Env("SALESCOPILOT_CONFIG"))
    file = Env("SALESCOPILOT_CONFIG");
  std::optional<PostCallTranscription> post_call;
  if (!file.empty()) SC_RETURN_IF_ERROR(ApplyFile(file, c, post_call));
  if (const char* v = Env("SALESCOPILOT_BIND")) c.server.bind_address = v;
  if (const char* v = Env("SALESCOPILOT_PORT")) {
    SC_ASSIGN_OR_RETURN(c.server.port, ParseInt("SALESCOPILOT_PORT", v));
  }
  if (const char* v = Env("SALESCOPILOT_DATA")) c.data_dir = v;
  if (const char* v = Env("SALESCOPILOT_DATABASE_URL")) c.database_url = v;
  if (const char* v = Env("SALESCOPILOT_WORKERS")) {
    SC_ASSIGN_OR_RETURN(c.workers, ParseInt("SALESCOPILOT_WORKERS", v));
  }
  if (const char* v = Env("SALESCOPILOT_SPEECH_PROFILE")) {
    SC_RETURN_IF_ERROR(ApplySpeechProfile(v, c.recognizer));
  }
  if (const char* v = Env("SALESCOPILOT_SPEECH_MODEL_DIR"))
    c.recognizer.model_dir = v;
  if (const char* v = Env("SALESCOPILOT_SPEECH_DICTIONARY"))
    c.recognizer.dictionary = v;
  if (const char* v = Env("SALESCOPILOT_SPEECH_LM"))
    c.recognizer.language_model = v;
  if (const char* v = Env("SALESCOPILOT_SPEECH_KEYWORD_SPOTTING")) {
    const std::string_view s(v);
    if (s == "1" || s == "true") {
      c.keyword_spotting = true;
    } else if (s == "0" || s == "false") {
      c.keyword_spotting = false;
    } else {
      return InvalidArgument(
          "SALESCOPILOT_SPEECH_KEYWORD_SPOTTING must be true, false, 1 or 0 "
          "(got '" +
          std::string(s) + "')");
    }
  }
  if (const char* v = Env("SALESCOPILOT_SPEECH_ENGINE")) {
    auto engine = ParseSpeechEngine(v);
    if (!engine) {
      return InvalidArgument(
          "SALESCOPILOT_SPEECH_ENGINE must be pocketsphinx or remote (got '" +
          std::string(v) + "')");
    }
    c.engine = *engine;
  }
  if (const char* v = Env("SALESCOPILOT_SPEECH_REMOTE_URL"))
    c.remote.base_url = v;
  if (const char* v = Env("SALESCOPILOT_SPEECH_REMOTE_MODEL"))
    c.remote.model = v;
  if (const char* v = Env("SALESCOPILOT_SPEECH_REMOTE_API_KEY"))
    c.remote.api_key = v;
  // Re-transcription follows the server's presence unless set explicitly.
  c.post_call = post_call.value_or(c.remote.base_url.empty()
                                       ? PostCallTranscription::kOff
                                       : PostCallTranscription::kRemote);
  SC_RETURN_IF_ERROR(ValidateSpeech(c));
  if (const char* v = Env("SALESCOPILOT_LOG_LEVEL")) {
    SC_ASSIGN_OR_RETURN(c.log.min_level, ParseLevel(v));
  }
  if (const char* v = Env("SALESCOPILOT_LOG_PII"))
    c.log.redact_pii = std::string(v) != "1";
  if (const char* v = Env("SALESCOPILOT_LLM_BASE_URL")) c.llm.base_url = v;
  if (const char* v = Env("SALESCOPILOT_LLM_MODEL")) c.llm.model = v;
  if (const char* v = Env("SALESCOPILOT_LLM_API_KEY")) c.llm.api_key = v;
  if (!c.llm.base_url.empty() && c.llm.model.empty()) {
    return InvalidArgument("llm.model is required when llm.base_url is set");
  }
  SC_RETURN_IF_ERROR(ApplyTwilioEnv(c.server.twilio));
  SC_RETURN_IF_ERROR(ValidateTwilio(c.server.twilio));
  return c;
}

}  // namespace sc::cli
