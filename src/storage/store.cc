#include "storage/store.h"

#include "storage/sqlite/sqlite_store.h"

namespace sc::storage {

Store::~Store() = default;

const char* CallStateName(CallState state) {
  switch (state) {
    case CallState::kActive:
      return "active";
    case CallState::kCompleted:
      return "completed";
    case CallState::kInterrupted:
      return "interrupted";
  }
  return "active";
}

std::optional<CallState> ParseCallState(std::string_view name) {
  if (name == "active") return CallState::kActive;
  if (name == "completed") return CallState::kCompleted;
  if (name == "interrupted") return CallState::kInterrupted;
  return std::nullopt;
}

StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& url) {
  std::string_view view(url);
  constexpr std::string_view kSqlite = "sqlite:";
  if (view.starts_with(kSqlite)) {
    SC_ASSIGN_OR_RETURN(sqlite::ConnectionOptions options,
                        sqlite::ParseSqliteUrl(view.substr(kSqlite.size())));
    return sqlite::OpenSqliteStore(options);
  }
  // The rest of a URL may hold credentials (postgresql://user:password@...),
  // so errors name only the scheme.
  std::string_view scheme = view.substr(0, view.find(':'));
  if (scheme == "postgresql" || scheme == "postgres") {
    return InvalidArgument(
        "storage URL scheme 'postgresql' is not supported by this build yet");
  }
  return InvalidArgument(
      "unknown storage URL scheme '" + std::string(scheme.substr(0, 32)) +
      "'; expected sqlite:/path/file.db, sqlite::memory: or postgresql://...");
}

}  // namespace sc::storage
