// Versioned schema migrations for the SQLite back end (docs/schema.md).
//
// The schema_migrations table records each applied version. At open, every
// migration newer than the database is applied in version order, each in its
// own IMMEDIATE transaction together with its schema_migrations row, so a
// crash leaves the database at a whole version and a concurrent opener in
// another process waits rather than applying the same step twice. Applying
// to an up-to-date database changes nothing.
//
// Migrations are append-only: never edit one that has shipped; add a new
// version instead.
//
// Thread-safety: as for Connection (one thread at a time).
#pragma once

#include <span>

#include "core/status.h"
#include "storage/sqlite/sqlite_db.h"

namespace sc::storage::sqlite {

struct Migration {
  int version;       // 1, 2, 3... with no gaps.
  const char* name;  // Short description, stored beside the version.
  const char* sql;   // One or more statements.
};

// Every migration this binary knows, in version order.
std::span<const Migration> AllMigrations();

// Brings the database up to the latest version. FailedPrecondition if the
// database was written by a newer binary (a version this one does not know).
Status RunMigrations(Connection* conn);

// The highest applied version; 0 for a new database.
StatusOr<int> SchemaVersion(Connection* conn);

}  // namespace sc::storage::sqlite
