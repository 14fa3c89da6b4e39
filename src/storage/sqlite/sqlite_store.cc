#include "storage/sqlite/sqlite_store.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/log.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/sqlite_store_impl.h"

namespace sc::storage::sqlite {
namespace {

// ---- SQL --------------------------------------------------------------------
// Each statement is prepared once per connection and cached (keyed by the
// address of these constants).

#define SC_CALL_COLUMNS                                                 \
  "call_sid, tenant_id, stream_sid, account_sid, direction, source, "   \
  "agent_id, custom_parameters_json, state, started_unix_ms, "          \
  "ended_unix_ms, duration_ms, end_reason, stats_json, analysis_json, " \
  "last_seq"

constexpr char kInsertCall[] =
    "INSERT INTO calls (call_sid, tenant_id, stream_sid, account_sid, "
    "direction, source, agent_id, custom_parameters_json, state, "
    "started_unix_ms, ended_unix_ms, duration_ms, end_reason, stats_json, "
    "analysis_json) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
constexpr char kSelectCall[] =
    "SELECT " SC_CALL_COLUMNS " FROM calls WHERE call_sid = ?1";
constexpr char kSelectLastSeq[] =
    "SELECT last_seq FROM calls WHERE call_sid = ?1";
constexpr char kSelectState[] = "SELECT state FROM calls WHERE call_sid = ?1";
constexpr char kUpdateLastSeq[] =
    "UPDATE calls SET last_seq = ?2 WHERE call_sid = ?1";
constexpr char kFinishCall[] =
    "UPDATE calls SET state = ?2, ended_unix_ms = ?3, duration_ms = ?4, "
    "end_reason = ?5, stats_json = ?6 "
    "WHERE call_sid = ?1 AND state = 'active'";
constexpr char kSetAnalysis[] =
    "UPDATE calls SET analysis_json = ?2 WHERE call_sid = ?1";

// ListCalls: one statement per filter shape, so each can use its index.
// ?1 limit, ?2 tenant_id, ?3 state.
#define SC_LIST_CALLS(where)                     \
  "SELECT " SC_CALL_COLUMNS " FROM calls " where \
  " ORDER BY started_unix_ms DESC, call_sid DESC LIMIT ?1"
constexpr char kListCallsAll[] = SC_LIST_CALLS("");
constexpr char kListCallsByTenant[] = SC_LIST_CALLS("WHERE tenant_id = ?2");
constexpr char kListCallsByState[] = SC_LIST_CALLS("WHERE state = ?3");
constexpr char kListCallsByTenantState[] =
    SC_LIST_CALLS("WHERE tenant_id = ?2 AND state = ?3");
#undef SC_LIST_CALLS
#undef SC_CALL_COLUMNS

constexpr char kInsertEvent[] =
    "INSERT INTO call_events (call_sid, seq, type, at_ms, wall_ms, "
    "payload_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr char kListEvents[] =
    "SELECT seq, type, at_ms, wall_ms, payload_json FROM call_events "
    "WHERE call_sid = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3";

// ---- Helpers ----------------------------------------------------------------

Status ValidateEvent(const StoredEvent& e) {
  if (e.call_sid.empty()) return InvalidArgument("event has an empty call_sid");
  if (e.seq < 1) {
    return InvalidArgument("event seq " + std::to_string(e.seq) + " for call " +
                           e.call_sid + " must be >= 1");
  }
  if (e.type.empty()) {
    return InvalidArgument("event seq " + std::to_string(e.seq) + " for call " +
                           e.call_sid + " has an empty type");
  }
  return Status::Ok();
}

// Reads a row selected with the call columns, in that order.
StatusOr<CallRecord> ReadCall(const Statement& row) {
  CallRecord c;
  c.call_sid = row.ColumnText(0);
  c.tenant_id = row.ColumnText(1);
  c.stream_sid = row.ColumnText(2);
  c.account_sid = row.ColumnText(3);
  c.direction = row.ColumnText(4);
  c.source = row.ColumnText(5);
  c.agent_id = row.ColumnText(6);
  c.custom_parameters_json = row.ColumnText(7);
  std::string state = row.ColumnText(8);
  std::optional<CallState> parsed = ParseCallState(state);
  if (!parsed) {
    return Internal("stored call " + c.call_sid + " has unknown state '" +
                    state + "'");
  }
  c.state = *parsed;
  c.started_unix_ms = row.ColumnInt64(9);
  c.ended_unix_ms = row.ColumnInt64(10);
  c.duration_ms = row.ColumnInt64(11);
  c.end_reason = row.ColumnText(12);
  c.stats_json = row.ColumnText(13);
  c.analysis_json = row.ColumnText(14);
  c.last_seq = row.ColumnInt64(15);
  return c;
}

}  // namespace

Status WithContext(const Status& status, const std::string& context) {
  if (status.ok()) return status;
  return Status(status.code(), context + ": " + status.message());
}

// ---- Calls and events -------------------------------------------------------

Status SqliteStore::CreateCall(const CallRecord& r) {
  if (r.call_sid.empty()) return InvalidArgument("call has an empty call_sid");
  if (r.tenant_id.empty()) {
    return InvalidArgument("call " + r.call_sid + " has an empty tenant_id");
  }
  const std::string context = "create call " + r.call_sid;
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement insert, conn_->Prepare(kInsertCall));
  const std::string_view texts[] = {r.call_sid,
                                    r.tenant_id,
                                    r.stream_sid,
                                    r.account_sid,
                                    r.direction,
                                    r.source,
                                    r.agent_id,
                                    r.custom_parameters_json,
                                    CallStateName(r.state)};
  for (int i = 0; i < 9; ++i) SC_RETURN_IF_ERROR(insert.Bind(i + 1, texts[i]));
  SC_RETURN_IF_ERROR(insert.Bind(10, r.started_unix_ms));
  SC_RETURN_IF_ERROR(insert.Bind(11, r.ended_unix_ms));
  SC_RETURN_IF_ERROR(insert.Bind(12, r.duration_ms));
  SC_RETURN_IF_ERROR(insert.Bind(13, r.end_reason));
  SC_RETURN_IF_ERROR(insert.Bind(14, r.stats_json));
  SC_RETURN_IF_ERROR(insert.Bind(15, r.analysis_json));
  Status status = insert.Run();
  if (status.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("call " + r.call_sid + " already exists");
  }
  return WithContext(status, context);
}

Status SqliteStore::AppendEvent(const StoredEvent& event) {
  SC_RETURN_IF_ERROR(ValidateEvent(event));
  MutexLock lock(&mu_);
  return AppendLocked(std::span<const StoredEvent>(&event, 1));
}

Status SqliteStore::AppendEvents(const std::vector<StoredEvent>& events) {
  if (events.empty()) return Status::Ok();
  for (size_t i = 0; i < events.size(); ++i) {
    Status status = ValidateEvent(events[i]);
    if (!status.ok()) {
      return WithContext(status, "event " + std::to_string(i) + " of batch");
    }
  }
  MutexLock lock(&mu_);
  return AppendLocked(events);
}

StatusOr<std::optional<int64_t>> SqliteStore::LastSeqLocked(
    const std::string& call_sid) {
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectLastSeq));
  SC_RETURN_IF_ERROR(select.Bind(1, call_sid));
  SC_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(select.ColumnInt64(0));
}

Status SqliteStore::AppendLocked(std::span<const StoredEvent> events) {
  // A batch names its events by index; a single event needs no prefix.
  auto context = [&](size_t i) {
    return events.size() == 1 ? std::string("append event")
                              : "event " + std::to_string(i) + " of batch";
  };
  Transaction tx(conn_.get());
  SC_RETURN_IF_ERROR(tx.Begin());
  // The last seq per call as this batch advances it; keys point into
  // `events`. Written back to calls once per call, in this transaction.
  std::unordered_map<std::string_view, int64_t> last_seq;
  for (size_t i = 0; i < events.size(); ++i) {
    const StoredEvent& e = events[i];
    auto it = last_seq.find(e.call_sid);
    if (it == last_seq.end()) {
      SC_ASSIGN_OR_RETURN(std::optional<int64_t> stored,
                          LastSeqLocked(e.call_sid));
      if (!stored) {
        return NotFound(context(i) + ": call " + e.call_sid + " not found");
      }
      it = last_seq.emplace(e.call_sid, *stored).first;
    }
    const int64_t expected = it->second + 1;
    if (e.seq < expected) {
      return AlreadyExists(context(i) + ": event seq " + std::to_string(e.seq) +
                           " of call " + e.call_sid +
                           " is already stored (last_seq " +
                           std::to_string(it->second) + ")");
    }
    if (e.seq > expected) {
      return FailedPrecondition(context(i) + ": event seq " +
                                std::to_string(e.seq) + " of call " +
                                e.call_sid + " is out of order (expected " +
                                std::to_string(expected) + ")");
    }
    {
      SC_ASSIGN_OR_RETURN(Statement insert, conn_->Prepare(kInsertEvent));
      SC_RETURN_IF_ERROR(insert.Bind(1, e.call_sid));
      SC_RETURN_IF_ERROR(insert.Bind(2, e.seq));
      SC_RETURN_IF_ERROR(insert.Bind(3, e.type));
      SC_RETURN_IF_ERROR(insert.Bind(4, e.at_ms));
      SC_RETURN_IF_ERROR(insert.Bind(5, e.wall_ms));
      SC_RETURN_IF_ERROR(insert.Bind(6, e.payload_json));
      SC_RETURN_IF_ERROR(WithContext(insert.Run(), context(i)));
    }
    it->second = e.seq;
  }
  for (const auto& [call_sid, seq] : last_seq) {
    SC_ASSIGN_OR_RETURN(Statement update, conn_->Prepare(kUpdateLastSeq));
    SC_RETURN_IF_ERROR(update.Bind(1, call_sid));
    SC_RETURN_IF_ERROR(update.Bind(2, seq));
    SC_RETURN_IF_ERROR(WithContext(update.Run(), "update last_seq"));
  }
  return WithContext(tx.Commit(), "append events");
}

StatusOr<std::vector<StoredEvent>> SqliteStore::ListEvents(
    const std::string& call_sid, int64_t after_seq, int limit) {
  if (limit < 1) return InvalidArgument("ListEvents limit must be >= 1");
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(std::optional<int64_t> last, LastSeqLocked(call_sid));
  if (!last) return NotFound("call " + call_sid + " not found");
  std::vector<StoredEvent> events;
  if (*last > after_seq) {
    events.reserve(static_cast<size_t>(
        std::min<int64_t>(limit, *last - std::max<int64_t>(after_seq, 0))));
  }
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kListEvents));
  SC_RETURN_IF_ERROR(select.Bind(1, call_sid));
  SC_RETURN_IF_ERROR(select.Bind(2, after_seq));
  SC_RETURN_IF_ERROR(select.Bind(3, int64_t{limit}));
  while (true) {
    StatusOr<bool> row = select.Step();
    if (!row.ok()) return WithContext(row.status(), "list events");
    if (!*row) break;
    StoredEvent& e = events.emplace_back();
    e.call_sid = call_sid;
    e.seq = select.ColumnInt64(0);
    e.type = select.ColumnText(1);
    e.at_ms = select.ColumnInt64(2);
    e.wall_ms = select.ColumnInt64(3);
    e.payload_json = select.ColumnText(4);
  }
  return events;
}

Status SqliteStore::FinishCall(const std::string& call_sid, CallState state,
                               int64_t ended_unix_ms, int64_t duration_ms,
                               const std::string& end_reason,
                               const std::string& stats_json) {
  if (state == CallState::kActive) {
    return InvalidArgument("FinishCall needs a final state, not active");
  }
  const std::string context = "finish call " + call_sid;
  MutexLock lock(&mu_);
  {
    SC_ASSIGN_OR_RETURN(Statement update, conn_->Prepare(kFinishCall));
    SC_RETURN_IF_ERROR(update.Bind(1, call_sid));
    SC_RETURN_IF_ERROR(update.Bind(2, CallStateName(state)));
    SC_RETURN_IF_ERROR(update.Bind(3, ended_unix_ms));
    SC_RETURN_IF_ERROR(update.Bind(4, duration_ms));
    SC_RETURN_IF_ERROR(update.Bind(5, end_reason));
    SC_RETURN_IF_ERROR(update.Bind(6, stats_json));
    SC_RETURN_IF_ERROR(WithContext(update.Run(), context));
    if (conn_->Changes() == 1) return Status::Ok();
  }
  // Nothing changed: say whether the call is missing or already finished.
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectState));
  SC_RETURN_IF_ERROR(select.Bind(1, call_sid));
  SC_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return NotFound("call " + call_sid + " not found");
  return FailedPrecondition("call " + call_sid + " is already " +
                            select.ColumnText(0));
}

Status SqliteStore::SetAnalysis(const std::string& call_sid,
                                const std::string& analysis_json) {
  if (analysis_json.empty()) {
    return InvalidArgument("analysis for call " + call_sid + " is empty");
  }
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement update, conn_->Prepare(kSetAnalysis));
  SC_RETURN_IF_ERROR(update.Bind(1, call_sid));
  SC_RETURN_IF_ERROR(update.Bind(2, analysis_json));
  SC_RETURN_IF_ERROR(WithContext(update.Run(), "set analysis of " + call_sid));
  if (conn_->Changes() == 0) return NotFound("call " + call_sid + " not found");
  return Status::Ok();
}

StatusOr<CallRecord> SqliteStore::GetCall(const std::string& call_sid) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectCall));
  SC_RETURN_IF_ERROR(select.Bind(1, call_sid));
  StatusOr<bool> row = select.Step();
  if (!row.ok()) return WithContext(row.status(), "get call " + call_sid);
  if (!*row) return NotFound("call " + call_sid + " not found");
  return ReadCall(select);
}

StatusOr<std::vector<CallRecord>> SqliteStore::ListCalls(
    const CallFilter& filter) {
  if (filter.limit < 1) return InvalidArgument("ListCalls limit must be >= 1");
  const bool by_tenant = !filter.tenant_id.empty();
  const bool by_state = filter.state.has_value();
  const char* sql =
      by_tenant ? (by_state ? kListCallsByTenantState : kListCallsByTenant)
                : (by_state ? kListCallsByState : kListCallsAll);
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(sql));
  SC_RETURN_IF_ERROR(select.Bind(1, int64_t{filter.limit}));
  if (by_tenant) SC_RETURN_IF_ERROR(select.Bind(2, filter.tenant_id));
  if (by_state) {
    SC_RETURN_IF_ERROR(select.Bind(3, CallStateName(*filter.state)));
  }
  std::vector<CallRecord> calls;
  while (true) {
    StatusOr<bool> row = select.Step();
    if (!row.ok()) return WithContext(row.status(), "list calls");
    if (!*row) break;
    SC_ASSIGN_OR_RETURN(CallRecord call, ReadCall(select));
    calls.push_back(std::move(call));
  }
  return calls;
}

StatusOr<bool> SqliteStore::CallExistsLocked(const std::string& call_sid) {
  SC_ASSIGN_OR_RETURN(std::optional<int64_t> last, LastSeqLocked(call_sid));
  return last.has_value();
}

// ---- URL options ------------------------------------------------------------

namespace {

Status ApplyOption(std::string_view key, std::string_view value,
                   ConnectionOptions* options) {
  if (key == "synchronous") {
    if (value == "normal" || value == "NORMAL") {
      options->synchronous = ConnectionOptions::Synchronous::kNormal;
    } else if (value == "full" || value == "FULL") {
      options->synchronous = ConnectionOptions::Synchronous::kFull;
    } else {
      return InvalidArgument("sqlite URL: synchronous must be normal or full");
    }
    return Status::Ok();
  }
  if (key == "busy_timeout_ms") {
    int ms = -1;
    auto [end, ec] =
        std::from_chars(value.data(), value.data() + value.size(), ms);
    if (ec != std::errc() || end != value.data() + value.size() || ms < 0) {
      return InvalidArgument(
          "sqlite URL: busy_timeout_ms must be a non-negative integer");
    }
    options->busy_timeout_ms = ms;
    return Status::Ok();
  }
  return InvalidArgument("sqlite URL: unknown option '" + std::string(key) +
                         "' (known: synchronous, busy_timeout_ms)");
}

}  // namespace

StatusOr<ConnectionOptions> ParseSqliteUrl(std::string_view rest) {
  ConnectionOptions options;
  std::string_view path = rest.substr(0, rest.find('?'));
  std::string_view query =
      path.size() < rest.size() ? rest.substr(path.size() + 1) : "";
  if (path.starts_with("//")) {
    // "sqlite:///abs/path" is a file URL with an empty authority.
    path.remove_prefix(2);
    if (!path.starts_with('/')) {
      return InvalidArgument(
          "sqlite URL: a host is not allowed; use sqlite:/path/file.db");
    }
  }
  if (path.empty()) {
    return InvalidArgument(
        "sqlite URL needs a path: sqlite:/path/file.db or sqlite::memory:");
  }
  options.path = std::string(path);
  while (!query.empty()) {
    std::string_view pair = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), pair.size() + 1));
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgument("sqlite URL: option '" + std::string(pair) +
                             "' needs a value (key=value)");
    }
    SC_RETURN_IF_ERROR(
        ApplyOption(pair.substr(0, eq), pair.substr(eq + 1), &options));
  }
  return options;
}

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const ConnectionOptions& options) {
  SC_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn,
                      Connection::Open(options));
  SC_RETURN_IF_ERROR(WithContext(RunMigrations(conn.get()),
                                 "migrate sqlite database " + options.path));
  SC_ASSIGN_OR_RETURN(int version, SchemaVersion(conn.get()));
  LogInfo("storage.opened",
          {F("backend", "sqlite"), F("path", options.path),
           F("journal_mode", conn->journal_mode()),
           F("synchronous",
             options.synchronous == ConnectionOptions::Synchronous::kFull
                 ? "full"
                 : "normal"),
           F("schema_version", version)});
  return std::unique_ptr<Store>(new SqliteStore(std::move(conn)));
}

}  // namespace sc::storage::sqlite
