// Store: durable record of calls and of every event each call produced.
//
//   SC_ASSIGN_OR_RETURN(std::unique_ptr<sc::storage::Store> store,
//                       sc::storage::OpenStore("sqlite:/var/lib/sc/calls.db"));
//   SC_RETURN_IF_ERROR(store->CreateCall(record));
//   SC_RETURN_IF_ERROR(store->AppendEvent({sid, 1, "call.started", 0, now,
//   json}));
//
// Tables, columns, indexes, migrations and the durability trade-off are in
// docs/schema.md.
//
// Back ends. OpenStore picks the implementation from the URL scheme; callers
// never name the back end:
//   "sqlite:/path/to/file.db"   embedded SQLite file (created if missing).
//   "sqlite::memory:"           private in-memory database, gone on close.
//   "postgresql://..."          reserved; not built yet (InvalidArgument now).
// SQLite URLs accept options after '?', separated by '&':
//   synchronous=normal|full     default normal: a committed write survives a
//                               process crash; full also survives power loss
//                               at the cost of one fsync per commit.
//   busy_timeout_ms=N           default 5000: how long a write waits for a
//                               lock held by another process.
// Opening runs the schema migrations that the database has not seen yet.
//
// Storage knows nothing of the event vocabulary (src/events): an event
// arrives already serialized, as a type string plus JSON text.
//
// Ownership: OpenStore returns the only owner of the store; destroying it
// closes the database. Records passed in are copied; records returned are
// the caller's.
//
// Thread-safety: every method may be called from any thread at any time; the
// implementation serializes access internally.
//
// Errors (codes from core/status.h; the same on every back end):
//   InvalidArgument     malformed input: empty call_sid or type, seq < 1,
//                       JSON text that is not valid JSON, limit < 1, a bad
//                       URL or unknown scheme, FinishCall with kActive.
//   NotFound            the call_sid is not stored.
//   AlreadyExists       CreateCall of a stored call_sid; an event whose seq is
//                       already stored for its call (a duplicate).
//   FailedPrecondition  an event seq that is not last_seq + 1 (a gap);
//                       FinishCall on a call that is no longer active; a
//                       database whose schema is newer than this binary.
//   IoError             the database file cannot be opened, read or written
//                       (missing or unwritable directory, disk full,
//                       corruption).
//   Unavailable         the database stayed locked by another process past
//                       busy_timeout_ms; retrying later may succeed.
//   Internal            anything else the database reported; a bug.
// A failed write changes nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sc::storage {

enum class CallState { kActive, kCompleted, kInterrupted };
// "active" | "completed" | "interrupted".
const char* CallStateName(CallState state);
// The inverse of CallStateName; nullopt for any other text.
std::optional<CallState> ParseCallState(std::string_view name);

struct CallRecord {
  std::string call_sid;  // Primary key: Twilio CallSid or a generated id.
  std::string tenant_id = "default";
  std::string stream_sid;
  std::string account_sid;
  std::string direction;  // "inbound" | "outbound" | "unknown".
  std::string source;     // "twilio" | "file" | "browser".
  std::string agent_id;   // User id of the salesperson, if known.
  std::string custom_parameters_json = "{}";
  CallState state = CallState::kActive;
  int64_t started_unix_ms = 0;
  int64_t ended_unix_ms = 0;  // 0 while active.
  int64_t duration_ms = 0;
  std::string end_reason;         // "stop", "disconnect", "restart", ...
  std::string stats_json = "{}";  // Media statistics.
  std::string analysis_json;      // The analysis document; empty until set.
  int64_t last_seq = 0;           // Highest event seq stored for the call.
};

struct StoredEvent {
  std::string call_sid;
  int64_t seq = 0;      // 1, 2, 3... per call, with no gaps.
  std::string type;     // Wire name, e.g. "transcript.final".
  int64_t at_ms = 0;    // Position in the call (stream clock).
  int64_t wall_ms = 0;  // Unix ms when produced.
  std::string payload_json;
};

struct CallFilter {
  std::string tenant_id;           // Empty: every tenant.
  std::optional<CallState> state;  // nullopt: every state.
  int limit = 100;                 // At most this many calls; must be >= 1.
};

class Store {
 public:
  virtual ~Store();

  // Stores a new call. `record.last_seq` is ignored: a new call has no
  // events. The JSON fields must be valid JSON (analysis_json may be empty).
  // AlreadyExists if the call_sid is stored.
  virtual Status CreateCall(const CallRecord& record) = 0;

  // Stores one event; the write is committed when this returns OK.
  // REQUIRES: event.seq == last_seq + 1 of its call. A seq at or below
  // last_seq is AlreadyExists (a duplicate, e.g. a retry); a seq past
  // last_seq + 1 is FailedPrecondition (a gap). NotFound for an unknown call.
  // Events may still be appended after FinishCall (late analysis events).
  virtual Status AppendEvent(const StoredEvent& event) = 0;

  // Stores the events in order, in one transaction, under the same rules as
  // AppendEvent (a batch may span calls, and later events may follow earlier
  // ones of the same call). If any event is rejected none is stored; the
  // error message names the index of the offending event.
  virtual Status AppendEvents(const std::vector<StoredEvent>& events) = 0;

  // Events of the call with seq > after_seq, in seq order, at most `limit`.
  // NotFound for an unknown call; an empty vector when there are no more.
  virtual StatusOr<std::vector<StoredEvent>> ListEvents(
      const std::string& call_sid, int64_t after_seq = 0,
      int limit = 100000) = 0;

  // Marks an active call as ended. REQUIRES: state != kActive, stats_json
  // valid JSON. FailedPrecondition if the call has already been finished
  // (so recovery cannot overwrite a completed call as interrupted).
  virtual Status FinishCall(const std::string& call_sid, CallState state,
                            int64_t ended_unix_ms, int64_t duration_ms,
                            const std::string& end_reason,
                            const std::string& stats_json) = 0;

  // Replaces the call's analysis document (any state; analysis may be
  // recomputed). REQUIRES: analysis_json is valid, non-empty JSON.
  virtual Status SetAnalysis(const std::string& call_sid,
                             const std::string& analysis_json) = 0;

  // NotFound for an unknown call.
  virtual StatusOr<CallRecord> GetCall(const std::string& call_sid) = 0;

  // Calls matching the filter, newest started_unix_ms first (ties broken by
  // call_sid, descending), at most filter.limit of them.
  virtual StatusOr<std::vector<CallRecord>> ListCalls(
      const CallFilter& filter) = 0;
};

// Opens (creating if needed) the store named by `url` and brings its schema
// up to date; see the top of this file for URLs and errors.
StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& url);

}  // namespace sc::storage
