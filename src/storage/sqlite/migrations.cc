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

// Version 2: minimal accounts and phone profiles.
//
// Permissions are rows, not a column of flags, so each grant says who gave
// it and when. A phone profile is keyed by user (one dedicated number each);
// the number is unique so an incoming call finds exactly one user. Enabled
// switches are 0/1 integers, the portable spelling of a boolean.
constexpr char kV2Accounts[] = R"sql(
CREATE TABLE tenants (
  tenant_id       TEXT    NOT NULL PRIMARY KEY,
  name            TEXT    NOT NULL DEFAULT '',
  created_unix_ms INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE users (
  user_id         TEXT    NOT NULL PRIMARY KEY,
  tenant_id       TEXT    NOT NULL REFERENCES tenants (tenant_id),
  display_name    TEXT    NOT NULL DEFAULT '',
  identity        TEXT    NOT NULL CONSTRAINT identity_not_empty CHECK (identity <> ''),
  created_unix_ms INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX users_by_identity ON users (identity);
CREATE INDEX users_by_tenant ON users (tenant_id, user_id);

CREATE TABLE user_permissions (
  user_id         TEXT    NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  permission      TEXT    NOT NULL
    CONSTRAINT permission_is_known CHECK (permission IN
      ('phone.call', 'phone.monitor', 'crm.access', 'ai.sales-copilot')),
  granted_by      TEXT    NOT NULL DEFAULT '',
  granted_unix_ms INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, permission)
);

CREATE TABLE phone_profiles (
  user_id           TEXT    NOT NULL PRIMARY KEY
    REFERENCES users (user_id) ON DELETE CASCADE,
  tenant_id         TEXT    NOT NULL REFERENCES tenants (tenant_id),
  phone_number      TEXT    NOT NULL
    CONSTRAINT phone_number_is_e164 CHECK (phone_number GLOB '+[1-9]*'),
  caller_id_name    TEXT    NOT NULL DEFAULT '',
  voice_enabled     INTEGER NOT NULL DEFAULT 1 CHECK (voice_enabled IN (0, 1)),
  recording_enabled INTEGER NOT NULL DEFAULT 1 CHECK (recording_enabled IN (0, 1)),
  ai_enabled        INTEGER NOT NULL DEFAULT 1 CHECK (ai_enabled IN (0, 1)),
  updated_unix_ms   INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX phone_profiles_by_number ON phone_profiles (phone_number);
CREATE INDEX phone_profiles_by_tenant ON phone_profiles (tenant_id, user_id);
)sql";

// Version 3: the Twilio side of calls.
//
// twilio_calls has no foreign key to calls: a leg is known from its voice
// webhook and status callbacks before (or without) a media stream. `version`
// backs optimistic concurrency for the status-callback state machine.
// recordings point at the parent call's sid the same way.
constexpr char kV3Twilio[] = R"sql(
CREATE TABLE twilio_calls (
  call_sid             TEXT    NOT NULL PRIMARY KEY,
  parent_call_sid      TEXT    NOT NULL DEFAULT '',
  account_sid          TEXT    NOT NULL DEFAULT '',
  tenant_id            TEXT    NOT NULL DEFAULT 'default',
  user_id              TEXT    NOT NULL DEFAULT '',
  direction            TEXT    NOT NULL DEFAULT 'unknown',
  from_number          TEXT    NOT NULL DEFAULT '',
  to_number            TEXT    NOT NULL DEFAULT '',
  status               TEXT    NOT NULL
    CONSTRAINT twilio_status_is_known CHECK (status IN
      ('queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy',
       'failed', 'no-answer', 'canceled')),
  last_sequence_number INTEGER NOT NULL DEFAULT -1,
  callbacks_seen       INTEGER NOT NULL DEFAULT 0,
  last_callback_unix_ms INTEGER NOT NULL DEFAULT 0,
  created_unix_ms      INTEGER NOT NULL DEFAULT 0,
  initiated_unix_ms    INTEGER NOT NULL DEFAULT 0,
  ringing_unix_ms      INTEGER NOT NULL DEFAULT 0,
  answered_unix_ms     INTEGER NOT NULL DEFAULT 0,
  ended_unix_ms        INTEGER NOT NULL DEFAULT 0,
  duration_s           INTEGER NOT NULL DEFAULT -1,
  version              INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE recordings (
  recording_sid   TEXT    NOT NULL PRIMARY KEY,
  call_sid        TEXT    NOT NULL CONSTRAINT recording_call_not_empty CHECK (call_sid <> ''),
  account_sid     TEXT    NOT NULL DEFAULT '',
  status          TEXT    NOT NULL
    CONSTRAINT recording_status_is_known CHECK (status IN
      ('in-progress', 'completed', 'absent', 'stored', 'failed')),
  source_url      TEXT    NOT NULL DEFAULT '',
  local_path      TEXT    NOT NULL DEFAULT '',
  duration_s      INTEGER NOT NULL DEFAULT 0,
  channels        INTEGER NOT NULL DEFAULT 0,
  error           TEXT    NOT NULL DEFAULT '',
  created_unix_ms INTEGER NOT NULL DEFAULT 0,
  updated_unix_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX recordings_by_call ON recordings (call_sid, created_unix_ms);
)sql";

// Version 4: per-user AI configuration and guidance-card feedback.
//
// ai_configs is keyed by user id without a foreign key: agent ids arrive in
// stream parameters before full accounts exist. card_feedback keeps every
// action (a card dismissed and later used has two rows); a retry of the same
// action is a unique-index hit.
constexpr char kV4Intelligence[] = R"sql(
CREATE TABLE ai_configs (
  user_id         TEXT    NOT NULL PRIMARY KEY,
  config_json     TEXT    NOT NULL
    CONSTRAINT config_is_object CHECK (json_valid(config_json) AND json_type(config_json) = 'object'),
  updated_unix_ms INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE card_feedback (
  feedback_id INTEGER PRIMARY KEY,
  call_sid    TEXT    NOT NULL REFERENCES calls (call_sid) ON DELETE CASCADE,
  card_id     TEXT    NOT NULL CONSTRAINT card_id_not_empty CHECK (card_id <> ''),
  category    TEXT    NOT NULL DEFAULT '',
  kind        TEXT    NOT NULL DEFAULT '',
  action      TEXT    NOT NULL CONSTRAINT action_is_known CHECK (action IN ('used', 'dismissed')),
  at_ms       INTEGER NOT NULL DEFAULT 0,
  wall_ms     INTEGER NOT NULL DEFAULT 0,
  user_id     TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX card_feedback_by_call_card_action
  ON card_feedback (call_sid, card_id, action);
CREATE INDEX card_feedback_by_user ON card_feedback (user_id, wall_ms);
)sql";

// Version 5: voice profiles learned by voice calibration
// (speech/calibration/voice_profile.h). Every calibration adds a row with the
// user's next `version` (1, 2, ...); the newest is the one in use, and older
// ones stay so a poor recording can be rolled back. tenant_id is the user's,
// repeated so a lookup by (tenant, user) cannot cross tenants.
constexpr char kV5VoiceProfiles[] = R"sql(
CREATE TABLE voice_profiles (
  tenant_id       TEXT    NOT NULL REFERENCES tenants (tenant_id),
  user_id         TEXT    NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  version         INTEGER NOT NULL CONSTRAINT version_positive CHECK (version >= 1),
  profile_json    TEXT    NOT NULL
    CONSTRAINT profile_is_object CHECK (json_valid(profile_json) AND json_type(profile_json) = 'object'),
  audio_s         REAL    NOT NULL DEFAULT 0 CONSTRAINT audio_s_not_negative CHECK (audio_s >= 0),
  created_unix_ms INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, version)
);
CREATE INDEX voice_profiles_by_tenant ON voice_profiles (tenant_id, user_id);
)sql";

constexpr Migration kMigrations[] = {
    {1, "calls and call_events", kV1Calls},
    {2, "tenants, users, permissions and phone profiles", kV2Accounts},
    {3, "twilio call lifecycle and recordings", kV3Twilio},
    {4, "per-user ai configuration and card feedback", kV4Intelligence},
    {5, "voice profiles from voice calibration", kV5VoiceProfiles},
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
