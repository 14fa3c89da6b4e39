// SqliteStore: Twilio call legs, recordings and guidance-card feedback
// (storage/store.h, docs/schema.md).
#include <string>
#include <utility>
#include <vector>

#include "storage/sqlite/sqlite_store_impl.h"

namespace sc::storage::sqlite {
namespace {

#define SC_TWILIO_COLUMNS                                                   \
  "call_sid, parent_call_sid, account_sid, tenant_id, user_id, direction, " \
  "from_number, to_number, status, last_sequence_number, callbacks_seen, "  \
  "last_callback_unix_ms, created_unix_ms, initiated_unix_ms, "             \
  "ringing_unix_ms, answered_unix_ms, ended_unix_ms, duration_s, version"
constexpr char kInsertTwilioCall[] =
    "INSERT INTO twilio_calls (" SC_TWILIO_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16, ?17, ?18, 1)";
constexpr char kSelectTwilioCall[] =
    "SELECT " SC_TWILIO_COLUMNS " FROM twilio_calls WHERE call_sid = ?1";
#undef SC_TWILIO_COLUMNS
// Compare-and-set on version (?19): the update applies only if nobody else
// updated the row since the caller read it.
constexpr char kUpdateTwilioCall[] =
    "UPDATE twilio_calls SET parent_call_sid = ?2, account_sid = ?3, "
    "tenant_id = ?4, user_id = ?5, direction = ?6, from_number = ?7, "
    "to_number = ?8, status = ?9, last_sequence_number = ?10, "
    "callbacks_seen = ?11, last_callback_unix_ms = ?12, "
    "created_unix_ms = ?13, initiated_unix_ms = ?14, ringing_unix_ms = ?15, "
    "answered_unix_ms = ?16, ended_unix_ms = ?17, duration_s = ?18, "
    "version = version + 1 WHERE call_sid = ?1 AND version = ?19";
constexpr char kSelectTwilioVersion[] =
    "SELECT version FROM twilio_calls WHERE call_sid = ?1";

#define SC_RECORDING_COLUMNS                                               \
  "recording_sid, call_sid, account_sid, status, source_url, local_path, " \
  "duration_s, channels, error, created_unix_ms, updated_unix_ms"
// created_unix_ms keeps its first value across replacements.
constexpr char kUpsertRecording[] =
    "INSERT INTO recordings (" SC_RECORDING_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT (recording_sid) DO UPDATE SET call_sid = excluded.call_sid, "
    "account_sid = excluded.account_sid, status = excluded.status, "
    "source_url = excluded.source_url, local_path = excluded.local_path, "
    "duration_s = excluded.duration_s, channels = excluded.channels, "
    "error = excluded.error, updated_unix_ms = excluded.updated_unix_ms";
constexpr char kSelectRecording[] =
    "SELECT " SC_RECORDING_COLUMNS " FROM recordings WHERE recording_sid = ?1";
constexpr char kListRecordings[] = "SELECT " SC_RECORDING_COLUMNS
                                   " FROM recordings WHERE call_sid = ?1 "
                                   "ORDER BY created_unix_ms, recording_sid";
#undef SC_RECORDING_COLUMNS

#define SC_FEEDBACK_COLUMNS \
  "call_sid, card_id, category, kind, action, at_ms, wall_ms, user_id"
constexpr char kInsertFeedback[] =
    "INSERT INTO card_feedback (" SC_FEEDBACK_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr char kListFeedbackForCall[] =
    "SELECT " SC_FEEDBACK_COLUMNS
    " FROM card_feedback WHERE call_sid = ?1 ORDER BY feedback_id";
constexpr char kListFeedbackForUser[] =
    "SELECT " SC_FEEDBACK_COLUMNS
    " FROM card_feedback WHERE user_id = ?1 "
    "ORDER BY wall_ms DESC, feedback_id DESC LIMIT ?2";
#undef SC_FEEDBACK_COLUMNS

Status BindTwilioCall(Statement& s, const TwilioCallRecord& r) {
  const std::string_view texts[] = {
      r.call_sid,  r.parent_call_sid, r.account_sid, r.tenant_id, r.user_id,
      r.direction, r.from_number,     r.to_number,   r.status};
  for (int i = 0; i < 9; ++i) SC_RETURN_IF_ERROR(s.Bind(i + 1, texts[i]));
  const int64_t numbers[] = {
      r.last_sequence_number, r.callbacks_seen,    r.last_callback_unix_ms,
      r.created_unix_ms,      r.initiated_unix_ms, r.ringing_unix_ms,
      r.answered_unix_ms,     r.ended_unix_ms,     r.duration_s};
  for (int i = 0; i < 9; ++i) SC_RETURN_IF_ERROR(s.Bind(i + 10, numbers[i]));
  return Status::Ok();
}

TwilioCallRecord ReadTwilioCall(const Statement& row) {
  TwilioCallRecord r;
  r.call_sid = row.ColumnText(0);
  r.parent_call_sid = row.ColumnText(1);
  r.account_sid = row.ColumnText(2);
  r.tenant_id = row.ColumnText(3);
  r.user_id = row.ColumnText(4);
  r.direction = row.ColumnText(5);
  r.from_number = row.ColumnText(6);
  r.to_number = row.ColumnText(7);
  r.status = row.ColumnText(8);
  r.last_sequence_number = row.ColumnInt64(9);
  r.callbacks_seen = row.ColumnInt64(10);
  r.last_callback_unix_ms = row.ColumnInt64(11);
  r.created_unix_ms = row.ColumnInt64(12);
  r.initiated_unix_ms = row.ColumnInt64(13);
  r.ringing_unix_ms = row.ColumnInt64(14);
  r.answered_unix_ms = row.ColumnInt64(15);
  r.ended_unix_ms = row.ColumnInt64(16);
  r.duration_s = row.ColumnInt64(17);
  r.version = row.ColumnInt64(18);
  return r;
}

StatusOr<RecordingRecord> ReadRecording(const Statement& row) {
  RecordingRecord r;
  r.recording_sid = row.ColumnText(0);
  r.call_sid = row.ColumnText(1);
  r.account_sid = row.ColumnText(2);
  std::string status = row.ColumnText(3);
  std::optional<RecordingStatus> parsed = ParseRecordingStatus(status);
  if (!parsed) {
    return Internal("recording " + r.recording_sid + " has unknown status '" +
                    status + "'");
  }
  r.status = *parsed;
  r.source_url = row.ColumnText(4);
  r.local_path = row.ColumnText(5);
  r.duration_s = row.ColumnInt64(6);
  r.channels = static_cast<int>(row.ColumnInt64(7));
  r.error = row.ColumnText(8);
  r.created_unix_ms = row.ColumnInt64(9);
  r.updated_unix_ms = row.ColumnInt64(10);
  return r;
}

StatusOr<CardFeedbackRecord> ReadFeedback(const Statement& row) {
  CardFeedbackRecord f;
  f.call_sid = row.ColumnText(0);
  f.card_id = row.ColumnText(1);
  f.category = row.ColumnText(2);
  f.kind = row.ColumnText(3);
  std::string action = row.ColumnText(4);
  std::optional<CardAction> parsed = ParseCardAction(action);
  if (!parsed) return Internal("card feedback has unknown action " + action);
  f.action = *parsed;
  f.at_ms = row.ColumnInt64(5);
  f.wall_ms = row.ColumnInt64(6);
  f.user_id = row.ColumnText(7);
  return f;
}

Status ValidateTwilioCall(const TwilioCallRecord& r) {
  if (r.call_sid.empty()) return InvalidArgument("Twilio call has no call_sid");
  if (r.tenant_id.empty()) {
    return InvalidArgument("Twilio call " + r.call_sid + " has no tenant_id");
  }
  return Status::Ok();
}

}  // namespace

// ---- Twilio call legs -------------------------------------------------------

Status SqliteStore::CreateTwilioCall(const TwilioCallRecord& r) {
  SC_RETURN_IF_ERROR(ValidateTwilioCall(r));
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement insert, conn_->Prepare(kInsertTwilioCall));
  SC_RETURN_IF_ERROR(BindTwilioCall(insert, r));
  Status status = insert.Run();
  if (status.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("Twilio call " + r.call_sid + " already exists");
  }
  return WithContext(status, "create Twilio call " + r.call_sid);
}

StatusOr<TwilioCallRecord> SqliteStore::GetTwilioCall(
    const std::string& call_sid) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectTwilioCall));
  SC_RETURN_IF_ERROR(select.Bind(1, call_sid));
  SC_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return NotFound("Twilio call " + call_sid + " not found");
  return ReadTwilioCall(select);
}

StatusOr<int64_t> SqliteStore::UpdateTwilioCall(const TwilioCallRecord& r) {
  SC_RETURN_IF_ERROR(ValidateTwilioCall(r));
  const std::string context = "update Twilio call " + r.call_sid;
  MutexLock lock(&mu_);
  {
    SC_ASSIGN_OR_RETURN(Statement update, conn_->Prepare(kUpdateTwilioCall));
    SC_RETURN_IF_ERROR(BindTwilioCall(update, r));
    SC_RETURN_IF_ERROR(update.Bind(19, r.version));
    SC_RETURN_IF_ERROR(WithContext(update.Run(), context));
    if (conn_->Changes() == 1) return r.version + 1;
  }
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectTwilioVersion));
  SC_RETURN_IF_ERROR(select.Bind(1, r.call_sid));
  SC_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return NotFound("Twilio call " + r.call_sid + " not found");
  return FailedPrecondition(context + ": version " + std::to_string(r.version) +
                            " is stale (stored " +
                            std::to_string(select.ColumnInt64(0)) +
                            "); re-read and retry");
}

// ---- Recordings -------------------------------------------------------------

Status SqliteStore::PutRecording(const RecordingRecord& r) {
  if (r.recording_sid.empty()) {
    return InvalidArgument("recording has no recording_sid");
  }
  if (r.call_sid.empty()) {
    return InvalidArgument("recording " + r.recording_sid + " has no call_sid");
  }
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement upsert, conn_->Prepare(kUpsertRecording));
  const std::string_view texts[] = {
      r.recording_sid, r.call_sid,
      r.account_sid,   RecordingStatusName(r.status),
      r.source_url,    r.local_path};
  for (int i = 0; i < 6; ++i) SC_RETURN_IF_ERROR(upsert.Bind(i + 1, texts[i]));
  SC_RETURN_IF_ERROR(upsert.Bind(7, r.duration_s));
  SC_RETURN_IF_ERROR(upsert.Bind(8, int64_t{r.channels}));
  SC_RETURN_IF_ERROR(upsert.Bind(9, r.error));
  SC_RETURN_IF_ERROR(upsert.Bind(10, r.created_unix_ms));
  SC_RETURN_IF_ERROR(upsert.Bind(11, r.updated_unix_ms));
  return WithContext(upsert.Run(), "put recording " + r.recording_sid);
}

StatusOr<RecordingRecord> SqliteStore::GetRecording(
    const std::string& recording_sid) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectRecording));
  SC_RETURN_IF_ERROR(select.Bind(1, recording_sid));
  SC_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return NotFound("recording " + recording_sid + " not found");
  return ReadRecording(select);
}

StatusOr<std::vector<RecordingRecord>> SqliteStore::ListRecordings(
    const std::string& call_sid) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kListRecordings));
  SC_RETURN_IF_ERROR(select.Bind(1, call_sid));
  std::vector<RecordingRecord> out;
  while (true) {
    SC_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    SC_ASSIGN_OR_RETURN(RecordingRecord r, ReadRecording(select));
    out.push_back(std::move(r));
  }
  return out;
}

// ---- Card feedback ----------------------------------------------------------

Status SqliteStore::InsertCardFeedback(const CardFeedbackRecord& f) {
  if (f.call_sid.empty()) return InvalidArgument("card feedback has no call");
  if (f.card_id.empty()) {
    return InvalidArgument("card feedback for call " + f.call_sid +
                           " has no card_id");
  }
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(bool exists, CallExistsLocked(f.call_sid));
  if (!exists) return NotFound("call " + f.call_sid + " not found");
  SC_ASSIGN_OR_RETURN(Statement insert, conn_->Prepare(kInsertFeedback));
  const std::string_view texts[] = {f.call_sid, f.card_id, f.category, f.kind,
                                    CardActionName(f.action)};
  for (int i = 0; i < 5; ++i) SC_RETURN_IF_ERROR(insert.Bind(i + 1, texts[i]));
  SC_RETURN_IF_ERROR(insert.Bind(6, f.at_ms));
  SC_RETURN_IF_ERROR(insert.Bind(7, f.wall_ms));
  SC_RETURN_IF_ERROR(insert.Bind(8, f.user_id));
  Status status = insert.Run();
  if (status.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("card " + f.card_id + " of call " + f.call_sid +
                         " is already marked " + CardActionName(f.action));
  }
  return WithContext(status, "insert card feedback for " + f.call_sid);
}

StatusOr<std::vector<CardFeedbackRecord>> SqliteStore::ListCardFeedbackForCall(
    const std::string& call_sid) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(bool exists, CallExistsLocked(call_sid));
  if (!exists) return NotFound("call " + call_sid + " not found");
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kListFeedbackForCall));
  SC_RETURN_IF_ERROR(select.Bind(1, call_sid));
  std::vector<CardFeedbackRecord> out;
  while (true) {
    SC_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    SC_ASSIGN_OR_RETURN(CardFeedbackRecord f, ReadFeedback(select));
    out.push_back(std::move(f));
  }
  return out;
}

StatusOr<std::vector<CardFeedbackRecord>> SqliteStore::ListCardFeedbackForUser(
    const std::string& user_id, int limit) {
  if (limit < 1) return InvalidArgument("feedback limit must be >= 1");
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kListFeedbackForUser));
  SC_RETURN_IF_ERROR(select.Bind(1, user_id));
  SC_RETURN_IF_ERROR(select.Bind(2, int64_t{limit}));
  std::vector<CardFeedbackRecord> out;
  while (true) {
    SC_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    SC_ASSIGN_OR_RETURN(CardFeedbackRecord f, ReadFeedback(select));
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace sc::storage::sqlite
