// Test helpers shared by the storage tests: a scratch directory and event
// builders. Test-only; not part of sc_storage.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <system_error>
#include <vector>

#include "storage/store.h"

namespace sc::storage::testing {

// A fresh directory under $TMPDIR, removed with everything in it on
// destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "sc_storage_XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string File(const std::string& name) const {
    return (std::filesystem::path(path_) / name).string();
  }

 private:
  std::string path_;
};

// A back end the contract suites (store_test.cc, store_accounts_test.cc)
// run against.
struct Backend {
  const char* name;
  // The URL of a fresh, empty store; `dir` is a scratch directory for
  // back ends that need files.
  std::function<std::string(const TempDir& dir)> url;
  // Whether closing and reopening the same URL finds the data again.
  bool persistent;
};

// Every back end of this build. To add one, add it here (a PostgreSQL one
// would read its URL from the environment and be left out when it is unset).
inline std::vector<Backend> ContractBackends() {
  return {
      {"SqliteMemory",
       [](const TempDir&) { return std::string("sqlite::memory:"); }, false},
      {"SqliteFile",
       [](const TempDir& dir) { return "sqlite:" + dir.File("calls.db"); },
       true},
  };
}

inline CallRecord MakeCall(const std::string& call_sid,
                           int64_t started_unix_ms = 1'700'000'000'000,
                           const std::string& tenant_id = "default") {
  CallRecord c;
  c.call_sid = call_sid;
  c.tenant_id = tenant_id;
  c.stream_sid = "MZ" + call_sid;
  c.account_sid = "AC123";
  c.direction = "outbound";
  c.source = "twilio";
  c.agent_id = "agent-7";
  c.custom_parameters_json = R"({"campaign":"q3"})";
  c.started_unix_ms = started_unix_ms;
  return c;
}

inline StoredEvent MakeEvent(const std::string& call_sid, int64_t seq,
                             const std::string& type = "transcript.final") {
  StoredEvent e;
  e.call_sid = call_sid;
  e.seq = seq;
  e.type = type;
  e.at_ms = seq * 100;
  e.wall_ms = 1'700'000'000'000 + seq;
  e.payload_json = R"({"text":"hello )" + std::to_string(seq) + R"("})";
  return e;
}

}  // namespace sc::storage::testing
