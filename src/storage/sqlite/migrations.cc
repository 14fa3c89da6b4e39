#include "storage/sqlite/migrations.h"

#include <string>

#include "core/log.h"

namespace sc::storage::sqlite {
namespace {

// Version 1: calls and their events.
//
// call_events keeps an INTEGER PRIMARY KEY (the rowid) rather than being a
// WITHOUT ROWID table keyed on (call_sid, seq): a later FTS5 index over
// transcripts needs a stable integer rowid to point back at (docs/schema.md).
// JSON columns are checked with json_valid() so that the SQLite and the
// PostgreSQL (jsonb) back ends reject the same input.
constexpr char kV1Calls[] = R"sql(
CREATE TABLE calls (
  call_sid               TEXT    NOT NULL PRIMARY KEY,
  tenant_id              TEXT    NOT NULL DEFAULT 'default',
  stream_sid             TEXT    NOT NULL DEFAULT '',
  account_sid            TEXT    NOT NULL DEFAULT '',
  direction              TEXT    NOT NULL DEFAULT 'unknown',
  source                 TEXT    NOT NULL DEFAULT '',
  agent_id               TEXT    NOT NULL DEFAULT '',
  custom_parameters_json TEXT    NOT NULL DEFAULT '{}'
    CONSTRAINT custom_parameters_is_json CHECK (json_valid(custom_parameters_json)),
  state                  TEXT    NOT NULL DEFAULT 'active'
    CONSTRAINT state_is_known CHECK (state IN ('active', 'completed', 'interrupted')),
  started_unix_ms        INTEGER NOT NULL DEFAULT 0,
  ended_unix_ms          INTEGER NOT NULL DEFAULT 0,
  duration_ms            INTEGER NOT NULL DEFAULT 0,
  end_reason             TEXT    NOT NULL DEFAULT '',
  stats_json             TEXT    NOT NULL DEFAULT '{}'
    CONSTRAINT stats_is_json CHECK (json_valid(stats_json)),
  analysis_json          TEXT    NOT NULL DEFAULT ''
    CONSTRAINT analysis_is_json CHECK (analysis_json = '' OR json_valid(analysis_json)),
  last_seq               INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX calls_by_tenant_started ON calls (tenant_id, started_unix_ms, call_sid);
CREATE INDEX calls_by_started ON calls (started_unix_ms, call_sid);

CREATE TABLE call_events (
  event_id     INTEGER PRIMARY KEY,
  call_sid     TEXT    NOT NULL REFERENCES calls (call_sid) ON DELETE CASCADE,
  seq          INTEGER NOT NULL CONSTRAINT seq_is_positive CHECK (seq > 0),
  type         TEXT    NOT NULL CONSTRAINT type_not_empty CHECK (type <> ''),
  at_ms        INTEGER NOT NULL,
  wall_ms      INTEGER NOT NULL,
  payload_json TEXT    NOT NULL CONSTRAINT payload_is_json CHECK (json_valid(payload_json))
);
CREATE UNIQUE INDEX call_events_by_call_seq ON call_events (call_sid, seq);
)sql";

constexpr Migration kMigrations[] = {
    {1, "calls and call_events", kV1Calls},
};

constexpr bool VersionsAreConsecutive() {
  int expected = 1;
  for (const Migration& m : kMigrations) {
    if (m.version != expected++) return false;
  }
  return true;
}
static_assert(VersionsAreConsecutive(),
              "migration versions must be 1, 2, 3... in order");

constexpr char kCreateMigrationsTable[] = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version         INTEGER NOT NULL PRIMARY KEY,
  name            TEXT    NOT NULL,
  applied_unix_ms INTEGER NOT NULL
))sql";

constexpr char kSelectMaxVersion[] =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr char kSelectVersion[] =
    "SELECT 1 FROM schema_migrations WHERE version = ?1";
// The applied time is metadata for operators only, so SQLite's clock is
// good enough here.
constexpr char kInsertVersion[] =
    "INSERT INTO schema_migrations (version, name, applied_unix_ms) "
    "VALUES (?1, ?2, CAST(strftime('%s', 'now') AS INTEGER) * 1000)";

Status Apply(Connection* conn, const Migration& m) {
  Transaction tx(conn);
  SC_RETURN_IF_ERROR(tx.Begin());
  {
    // Another process may have applied it while we waited for the lock.
    SC_ASSIGN_OR_RETURN(Statement select, conn->Prepare(kSelectVersion));
    SC_RETURN_IF_ERROR(select.Bind(1, int64_t{m.version}));
    SC_ASSIGN_OR_RETURN(bool applied, select.Step());
    if (applied) return Status::Ok();
  }
  Status status = conn->Exec(m.sql);
  if (!status.ok()) {
    return Status(status.code(), "migration " + std::to_string(m.version) +
                                     " (" + m.name + "): " + status.message());
  }
  {
    SC_ASSIGN_OR_RETURN(Statement insert, conn->Prepare(kInsertVersion));
    SC_RETURN_IF_ERROR(insert.Bind(1, int64_t{m.version}));
    SC_RETURN_IF_ERROR(insert.Bind(2, m.name));
    SC_RETURN_IF_ERROR(insert.Run());
  }
  SC_RETURN_IF_ERROR(tx.Commit());
  LogInfo("storage.migration_applied",
          {F("version", m.version), F("name", m.name)});
  return Status::Ok();
}

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

StatusOr<int> SchemaVersion(Connection* conn) {
  SC_RETURN_IF_ERROR(conn->Exec(kCreateMigrationsTable));
  SC_ASSIGN_OR_RETURN(Statement select, conn->Prepare(kSelectMaxVersion));
  SC_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return 0;
  return static_cast<int>(select.ColumnInt64(0));
}

Status RunMigrations(Connection* conn) {
  SC_ASSIGN_OR_RETURN(int current, SchemaVersion(conn));
  const int latest = AllMigrations().back().version;
  if (current > latest) {
    return FailedPrecondition("database schema version " +
                              std::to_string(current) +
                              " is newer than this binary supports (" +
                              std::to_string(latest) + "); upgrade the server");
  }
  for (const Migration& m : AllMigrations()) {
    if (m.version > current) SC_RETURN_IF_ERROR(Apply(conn, m));
  }
  return Status::Ok();
}

}  // namespace sc::storage::sqlite
