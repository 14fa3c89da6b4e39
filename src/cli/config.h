// Application configuration: defaults < config file (TOML) < environment
// variables < command-line flags. Every key is documented in README.md
// ("Configuration").
#pragma once

#include <string>

#include "core/log.h"
#include "core/status.h"
#include "server/server.h"
#include "speech/recognizer.h"

namespace sc::cli {

struct AppConfig {
  server::ServerOptions server;     // [server]
  std::string data_dir = "./data";  // [storage] data_dir
  std::string
      database_url;  // [storage] url; default sqlite:<data_dir>/salescopilot.db
  int workers = 0;   // [speech] workers; 0 = one per core
  speech::RecognizerOptions
      recognizer;  // [speech] model_dir, dictionary, language_model
  LogOptions log;  // [log] level, pii

  std::string DatabaseUrl() const;
};

// Reads `path` (TOML) when non-empty, or $SALESCOPILOT_CONFIG when set, then
// applies SALESCOPILOT_* environment variables. InvalidArgument names the
// bad key or variable.
StatusOr<AppConfig> LoadConfig(const std::string& path);

}  // namespace sc::cli
