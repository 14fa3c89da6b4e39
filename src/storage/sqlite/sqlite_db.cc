#include "storage/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <utility>

#include "core/log.h"

namespace sc::storage::sqlite {
namespace {

// Prefixes a non-OK status's message with the operation that produced it.
Status Annotate(const Status& status, std::string_view prefix) {
  if (status.ok()) return status;
  std::string message(prefix);
  message += ": ";
  message += status.message();
  return Status(status.code(), std::move(message));
}

Status ConstraintError(int rc, std::string message) {
  switch (rc) {
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
      return AlreadyExists(std::move(message));
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      return InvalidArgument(std::move(message));
    default:
      return FailedPrecondition(std::move(message));
  }
}

}  // namespace

Status SqliteError(int rc, std::string_view what, sqlite3* db) {
  std::string message(what);
  if (!message.empty()) message += ": ";
  // sqlite3_errmsg describes the most recent call on `db`; when there is no
  // handle (or it has no detail) fall back to the generic text for `rc`.
  const char* detail = db != nullptr ? sqlite3_errmsg(db) : nullptr;
  message += detail != nullptr ? detail : sqlite3_errstr(rc);
  message += " (sqlite code ";
  message += std::to_string(rc);
  message += ")";
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Unavailable(std::move(message));
    case SQLITE_CANTOPEN:
      message +=
          "; is the directory missing or not writable, or the path a "
          "directory?";
      return IoError(std::move(message));
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_PROTOCOL:
    case SQLITE_NOLFS:
      return IoError(std::move(message));
    case SQLITE_CONSTRAINT:
      return ConstraintError(rc, std::move(message));
    case SQLITE_NOMEM:
      return ResourceExhausted(std::move(message));
    case SQLITE_TOOBIG:
      return InvalidArgument(std::move(message));
    default:
      return Internal(std::move(message));
  }
}

// ---- Statement --------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  // sqlite3_reset repeats the error of a failed step, which was already
  // reported; only the state change matters here.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Status Statement::Bind(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(),
                               SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) return SqliteError(rc, "bind text", db_);
  return Status::Ok();
}

Status Statement::Bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) return SqliteError(rc, "bind integer", db_);
  return Status::Ok();
}

Status Statement::Bind(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) return SqliteError(rc, "bind real", db_);
  return Status::Ok();
}

StatusOr<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(rc, "", db_);
}

Status Statement::Run() {
  SC_ASSIGN_OR_RETURN(bool row, Step());
  if (row) return Internal("statement returned a row where none was expected");
  return Status::Ok();
}

int64_t Statement::ColumnInt64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double Statement::ColumnDouble(int column) const {
  return sqlite3_column_double(stmt_, column);
}

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return std::string();
  int size = sqlite3_column_bytes(stmt_, column);
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(size));
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

// ---- Connection -------------------------------------------------------------

StatusOr<std::unique_ptr<Connection>> Connection::Open(
    const ConnectionOptions& options) {
  if (options.path.empty()) {
    return InvalidArgument("sqlite: the database path is empty");
  }
  if (options.busy_timeout_ms < 0) {
    return InvalidArgument("sqlite: busy_timeout_ms must be >= 0");
  }
  const std::string what = "open sqlite database " + options.path;
  sqlite3* db = nullptr;
  // NOMUTEX: SQLite's own per-connection mutex is redundant; the store
  // serializes every use of the connection with its own mutex.
  int rc = sqlite3_open_v2(
      options.path.c_str(), &db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
      nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteError(rc, what, db);
    sqlite3_close_v2(db);  // Accepts nullptr.
    return status;
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  rc = sqlite3_busy_timeout(db, options.busy_timeout_ms);
  if (rc != SQLITE_OK) return SqliteError(rc, what, db);

  const bool in_memory = options.path == ":memory:";
  if (in_memory) {
    conn->journal_mode_ = "memory";
  } else {
    // The first statement reads the file header, so a file that is not a
    // database, or one we cannot read, fails here.
    StatusOr<std::string> mode = conn->QueryText("PRAGMA journal_mode=WAL");
    if (!mode.ok()) return Annotate(mode.status(), what);
    conn->journal_mode_ = *mode;
    if (conn->journal_mode_ != "wal") {
      // Some file systems (network mounts) cannot hold the WAL index; the
      // store still works, with rollback-journal locking.
      LogWarn(
          "storage.sqlite.wal_unavailable",
          {F("path", options.path), F("journal_mode", conn->journal_mode_)});
    }
  }
  const char* synchronous =
      options.synchronous == ConnectionOptions::Synchronous::kFull
          ? "PRAGMA synchronous=FULL"
          : "PRAGMA synchronous=NORMAL";
  SC_RETURN_IF_ERROR(Annotate(conn->Exec(synchronous), what));
  SC_RETURN_IF_ERROR(Annotate(conn->Exec("PRAGMA foreign_keys=ON"), what));
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  statements_.clear();
  // Lets SQLite refresh planner statistics for the queries this connection
  // ran; cheap, and a no-op when nothing changed.
  sqlite3_exec(db_, "PRAGMA optimize", nullptr, nullptr, nullptr);
  sqlite3_close_v2(db_);
}

Status Connection::Exec(const char* sql) {
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(rc, "execute", db_);
  return Status::Ok();
}

StatusOr<std::string> Connection::QueryText(const char* sql) {
  SC_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  SC_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::string();
  return stmt.ColumnText(0);
}

StatusOr<Statement> Connection::Prepare(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
                                nullptr);
    if (rc != SQLITE_OK) return SqliteError(rc, "prepare statement", db_);
    it = statements_.emplace(sql, stmt).first;
  }
  return Statement(db_, it->second);
}

int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

bool Connection::InAutocommit() const {
  return sqlite3_get_autocommit(db_) != 0;
}

// ---- Transaction ------------------------------------------------------------

Transaction::~Transaction() {
  // SQLite rolls back by itself after some errors (I/O, disk full); only
  // roll back what is still open.
  if (!open_ || conn_->InAutocommit()) return;
  Status status = conn_->Exec("ROLLBACK");
  if (!status.ok()) {
    LogError("storage.sqlite.rollback_failed", {F("error", status.ToString())});
  }
}

Status Transaction::Begin() {
  SC_ASSIGN_OR_RETURN(Statement begin, conn_->Prepare("BEGIN IMMEDIATE"));
  SC_RETURN_IF_ERROR(Annotate(begin.Run(), "begin transaction"));
  open_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  SC_ASSIGN_OR_RETURN(Statement commit, conn_->Prepare("COMMIT"));
  SC_RETURN_IF_ERROR(Annotate(commit.Run(), "commit"));
  open_ = false;
  return Status::Ok();
}

}  // namespace sc::storage::sqlite
