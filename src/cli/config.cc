#include "cli/config.h"

#include <toml++/toml.h>

#include <cstdlib>

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

Status ApplyFile(const std::string& path, AppConfig& c) {
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
  if (auto v = t["speech"]["workers"].value<int64_t>())
    c.workers = static_cast<int>(*v);
  if (auto v = t["speech"]["model_dir"].value<std::string>())
    c.recognizer.model_dir = *v;
  if (auto v = t["speech"]["dictionary"].value<std::string>())
    c.recognizer.dictionary = *v;
  if (auto v = t["speech"]["language_model"].value<std::string>())
    c.recognizer.language_model = *v;
  if (auto v = t["pipeline"]["hangover_ms"].value<int64_t>()) {
    c.server.pipeline.endpointer.hangover_ms = static_cast<int>(*v);
  }
  if (auto v = t["pipeline"]["max_backlog_ms"].value<int64_t>())
    c.server.pipeline.max_backlog_ms = *v;
  if (auto v = t["log"]["level"].value<std::string>()) {
    SC_ASSIGN_OR_RETURN(c.log.min_level, ParseLevel(*v));
  }
  if (auto v = t["log"]["pii"].value<bool>()) c.log.redact_pii = !*v;
  return Status::Ok();
}

}  // namespace

std::string AppConfig::DatabaseUrl() const {
  return database_url.empty() ? "sqlite:" + data_dir + "/salescopilot.db"
                              : database_url;
}

StatusOr<AppConfig> LoadConfig(const std::string& path) {
  AppConfig c;
  std::string file = path;
  if (file.empty() && Env("SALESCOPILOT_CONFIG"))
    file = Env("SALESCOPILOT_CONFIG");
  if (!file.empty()) SC_RETURN_IF_ERROR(ApplyFile(file, c));
  if (const char* v = Env("SALESCOPILOT_BIND")) c.server.bind_address = v;
  if (const char* v = Env("SALESCOPILOT_PORT")) {
    SC_ASSIGN_OR_RETURN(c.server.port, ParseInt("SALESCOPILOT_PORT", v));
  }
  if (const char* v = Env("SALESCOPILOT_DATA")) c.data_dir = v;
  if (const char* v = Env("SALESCOPILOT_DATABASE_URL")) c.database_url = v;
  if (const char* v = Env("SALESCOPILOT_WORKERS")) {
    SC_ASSIGN_OR_RETURN(c.workers, ParseInt("SALESCOPILOT_WORKERS", v));
  }
  if (const char* v = Env("SALESCOPILOT_SPEECH_MODEL_DIR"))
    c.recognizer.model_dir = v;
  if (const char* v = Env("SALESCOPILOT_SPEECH_DICTIONARY"))
    c.recognizer.dictionary = v;
  if (const char* v = Env("SALESCOPILOT_SPEECH_LM"))
    c.recognizer.language_model = v;
  if (const char* v = Env("SALESCOPILOT_LOG_LEVEL")) {
    SC_ASSIGN_OR_RETURN(c.log.min_level, ParseLevel(v));
  }
  if (const char* v = Env("SALESCOPILOT_LOG_PII"))
    c.log.redact_pii = std::string(v) != "1";
  return c;
}

}  // namespace sc::cli
