// Thin RAII wrappers over the SQLite C API: a connection with a cache of
// prepared statements, statements, and transactions. Every SQLite result code
// becomes a Status here (SqliteError), so nothing above this file sees one.
//
// Only the SQLite back end uses this header; it forward-declares the SQLite
// types so that sqlite3.h stays inside sqlite_db.cc (and the sqlite tests).
//
// Thread-safety: none. A Connection and everything obtained from it must be
// used by one thread at a time (SqliteStore holds a mutex for that).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sc::storage::sqlite {

// Converts a failed SQLite result code into a Status. `what` names the
// operation ("open /var/db/x.db"; may be empty); `db`, when given, supplies
// SQLite's detailed message for the most recent call on it.
//   busy/locked                          -> Unavailable
//   cantopen/ioerr/full/readonly/perm/
//   notadb/corrupt/protocol              -> IoError
//   constraint: primary key/unique       -> AlreadyExists
//               check/not null           -> InvalidArgument
//               foreign key, other       -> FailedPrecondition
//   nomem                                -> ResourceExhausted
//   toobig                               -> InvalidArgument
//   anything else (error, misuse, range) -> Internal
Status SqliteError(int rc, std::string_view what, sqlite3* db = nullptr);

// A prepared statement borrowed from a Connection's cache. Resets the
// statement and clears its bindings when destroyed, so the next user starts
// clean. Columns and parameters are 0-based and 1-based, as in SQLite.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Binding copies the value (SQLITE_TRANSIENT).
  Status Bind(int index, std::string_view text);
  Status Bind(int index, int64_t value);
  Status Bind(int index, double value);

  // Runs one step: true when a row is ready, false when done.
  StatusOr<bool> Step();
  // Steps to completion, expecting no rows (INSERT/UPDATE/DELETE).
  Status Run();

  int64_t ColumnInt64(int column) const;
  double ColumnDouble(int column) const;
  std::string ColumnText(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;  // Owned by the Connection's cache, not by us.
};

struct ConnectionOptions {
  enum class Synchronous { kNormal, kFull };
  // ":memory:" for a private in-memory database.
  std::string path;
  // kNormal: in WAL mode a commit is not fsynced; it survives a process
  // crash but the last commits may be lost on power loss or an OS crash.
  // kFull: each commit is fsynced; survives power loss; slower.
  Synchronous synchronous = Synchronous::kNormal;
  // How long a statement waits for a lock held by another connection.
  int busy_timeout_ms = 5000;
};

class Connection {
 public:
  // Opens (creating if missing) the database and applies the pragmas: WAL
  // journal (file databases), synchronous, busy_timeout, foreign_keys=ON.
  static StatusOr<std::unique_ptr<Connection>> Open(
      const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements that return no rows the caller needs.
  Status Exec(const char* sql);
  // Runs a statement returning one text value (e.g. a PRAGMA), or "" if
  // there is no row.
  StatusOr<std::string> QueryText(const char* sql);

  // The cached prepared statement for `sql`, preparing it on first use.
  // REQUIRES: `sql` has static storage duration (it keys the cache), and
  // the previous Statement for the same `sql` has been destroyed.
  StatusOr<Statement> Prepare(const char* sql);

  // Rows changed by the most recent INSERT/UPDATE/DELETE.
  int64_t Changes() const;
  // True when no transaction is open.
  bool InAutocommit() const;
  // The journal mode in effect ("wal", "memory", ...).
  const std::string& journal_mode() const { return journal_mode_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  std::string journal_mode_;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;
};

// An IMMEDIATE transaction (takes the write lock up front, so two writers
// never deadlock upgrading read locks). Rolls back on destruction unless
// committed.
class Transaction {
 public:
  explicit Transaction(Connection* conn) : conn_(conn) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // REQUIRES: called once, before Commit.
  Status Begin();
  Status Commit();

 private:
  Connection* conn_;
  bool open_ = false;
};

}  // namespace sc::storage::sqlite
