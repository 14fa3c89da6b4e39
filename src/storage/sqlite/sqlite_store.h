// The SQLite back end of sc::storage::Store (storage/store.h, docs/schema.md).
//
// Reached through OpenStore("sqlite:..."); only storage/store.cc names it.
// One connection serves the whole store, behind a mutex: SQLite runs one
// writer at a time anyway, and a single connection keeps the prepared
// statement cache simple. (A pool of reader connections is the next step if
// reads ever wait behind writes; WAL lets them run alongside the writer.)
//
// Thread-safety: every Store method may be called from any thread.
#pragma once

#include <memory>
#include <string_view>

#include "core/status.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"

namespace sc::storage::sqlite {

// Parses what follows "sqlite:" in a store URL:
//   ":memory:"                         a private in-memory database;
//   "/path/file.db", "rel/file.db"     a file, created if missing;
//   "///path/file.db"                  the same as "/path/file.db" (a file
//                                      URL with an empty authority);
// optionally followed by "?synchronous=normal|full&busy_timeout_ms=N".
// InvalidArgument for an empty path, an authority, or an unknown option.
StatusOr<ConnectionOptions> ParseSqliteUrl(std::string_view rest);

// Opens the database and runs the migrations it has not seen.
StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const ConnectionOptions& options);

}  // namespace sc::storage::sqlite
