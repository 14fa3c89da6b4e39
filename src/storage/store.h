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
// Besides calls and events the store keeps (docs/schema.md):
//   tenants, users and their permission grants (minimal accounts);
//   phone profiles: a user's dedicated Twilio number and call settings;
//   Twilio call lifecycle records and recordings (src/telephony/twilio);
//   per-user AI configuration (a JSON document) and guidance-card feedback;
//   per-user voice profiles (voice calibration), newest first.
// Phone numbers, caller names and the from/to of a call are personal data:
// error messages never quote them.
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
//                       URL or unknown scheme, FinishCall with kActive, a
//                       malformed id, identity or E.164 number (see
//                       ValidateId and friends below).
//   NotFound            the call_sid (tenant, user, ...) is not stored.
//   AlreadyExists       CreateCall of a stored call_sid; an event whose seq is
//                       already stored for its call (a duplicate); a second
//                       tenant/user/Twilio call with the same id; a user
//                       identity or phone number already taken; the same
//                       card feedback stored twice.
//   FailedPrecondition  an event seq that is not last_seq + 1 (a gap);
//                       FinishCall on a call that is no longer active; a
//                       database whose schema is newer than this binary; a
//                       user in a tenant that does not exist; a phone
//                       profile whose tenant is not its user's; an
//                       UpdateTwilioCall whose version is stale.
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

// ---- Accounts (minimal: full accounts are a later module) ------------------

struct TenantRecord {
  std::string tenant_id;  // See ValidateTenantId.
  std::string name;       // Display name; may be empty.
  int64_t created_unix_ms = 0;
};

enum class Permission {
  kPhoneCall,
  kPhoneMonitor,
  kCrmAccess,
  kAiSalesCopilot
};
// "phone.call" | "phone.monitor" | "crm.access" | "ai.sales-copilot".
const char* PermissionName(Permission permission);
// The inverse of PermissionName; nullopt for any other text.
std::optional<Permission> ParsePermission(std::string_view name);

struct PermissionGrant {
  Permission permission = Permission::kPhoneCall;
  std::string granted_by;  // Who granted it (a user id or "cli:admin").
  int64_t granted_unix_ms = 0;
};

struct UserRecord {
  std::string user_id;    // See ValidateId.
  std::string tenant_id;  // Must name a stored tenant.
  std::string display_name;
  // The Twilio Voice SDK client identity ("client:<identity>" in webhooks).
  // Unique across the store; see ValidateIdentity.
  std::string identity;
  int64_t created_unix_ms = 0;
  // Sorted by permission when read back; at most one grant per permission.
  std::vector<PermissionGrant> permissions;

  bool Has(Permission permission) const;
};

// ---- Phone profiles: one per user -------------------------------------------

struct PhoneProfile {
  std::string user_id;         // Primary key; must name a stored user.
  std::string tenant_id;       // Must equal the user's tenant.
  std::string phone_number;    // Dedicated E.164 number, unique. Personal data.
  std::string caller_id_name;  // Shown to the called party where supported.
  bool voice_enabled = true;   // May place and receive calls.
  bool recording_enabled = true;  // Calls are recorded (dual channel).
  bool ai_enabled = true;         // Calls are streamed to the copilot.
  int64_t updated_unix_ms = 0;
};

// ---- Twilio call lifecycle --------------------------------------------------

// The Twilio side of one call leg, kept by the status callbacks. The state
// machine itself lives in src/telephony/twilio; the store only keeps its
// result. Independent of `calls`: a leg is known (voice webhook, ringing)
// before its media stream starts, and some legs are never streamed.
struct TwilioCallRecord {
  std::string call_sid;         // Primary key.
  std::string parent_call_sid;  // Empty for a first leg.
  std::string account_sid;
  std::string tenant_id = "default";
  std::string user_id;      // The salesperson, when known.
  std::string direction;    // "inbound" | "outbound" | "unknown".
  std::string from_number;  // Personal data.
  std::string to_number;    // Personal data.
  // Twilio's CallStatus: queued, initiated, ringing, in-progress,
  // completed, busy, failed, no-answer or canceled.
  std::string status = "queued";
  int64_t last_sequence_number = -1;  // Highest SequenceNumber; -1: none.
  int64_t callbacks_seen = 0;         // Status callbacks applied.
  int64_t last_callback_unix_ms = 0;  // Latest callback Timestamp; 0: none.
  int64_t created_unix_ms = 0;
  int64_t initiated_unix_ms = 0;  // 0 until that status was seen.
  int64_t ringing_unix_ms = 0;
  int64_t answered_unix_ms = 0;
  int64_t ended_unix_ms = 0;
  int64_t duration_s = -1;  // CallDuration when terminal; -1: unknown.
  // Optimistic concurrency: set by the store (1 on create, +1 per update).
  int64_t version = 0;
};

// ---- Recordings -------------------------------------------------------------

enum class RecordingStatus {
  kInProgress,  // Twilio is recording.
  kCompleted,   // Twilio has it; not yet fetched into our recording store.
  kAbsent,      // Twilio made none (e.g. silence).
  kStored,      // Fetched into the recording store: local_path is set.
  kFailed,      // Fetching failed; `error` says why.
};
// "in-progress" | "completed" | "absent" | "stored" | "failed".
const char* RecordingStatusName(RecordingStatus status);
std::optional<RecordingStatus> ParseRecordingStatus(std::string_view name);

struct RecordingRecord {
  std::string recording_sid;  // Primary key (RE...).
  std::string call_sid;       // The parent call leg.
  std::string account_sid;
  RecordingStatus status = RecordingStatus::kCompleted;
  std::string source_url;  // Twilio's RecordingUrl (no credentials).
  std::string local_path;  // In the recording store, once kStored.
  int64_t duration_s = 0;
  int channels = 0;  // 1 or 2 (dual channel); 0 unknown.
  std::string error;
  int64_t created_unix_ms = 0;
  int64_t updated_unix_ms = 0;
};

// ---- Conversation intelligence ----------------------------------------------

struct AiConfigRecord {
  std::string user_id;
  std::string config_json;  // A JSON object (guidance::AiConfig as JSON).
  int64_t updated_unix_ms = 0;
};

// A user's voice profile from voice calibration (docs/speech-engines.md).
// Storage keeps the JSON as given; speech::ParseVoiceProfileJson reads it.
struct VoiceProfileRecord {
  std::string tenant_id;     // Must be the user's tenant.
  std::string user_id;       // Must name a stored user.
  std::string profile_json;  // A JSON object (speech::VoiceProfileJson).
  double audio_s = 0;        // Length of the calibration audio (>= 0).
  int64_t created_unix_ms = 0;
  // Set by the store: 1 for the user's first profile, then +1 per profile.
  int64_t version = 0;
};

enum class CardAction { kUsed, kDismissed };
// "used" | "dismissed".
const char* CardActionName(CardAction action);
std::optional<CardAction> ParseCardAction(std::string_view name);

struct CardFeedbackRecord {
  std::string call_sid;  // Must name a stored call.
  std::string card_id;
  // The card's category ("price") and playbook approach ("roi"): filled
  // from the live call's guidance engine when there is one, else as the
  // client sent them. May be empty.
  std::string category;
  std::string kind;
  CardAction action = CardAction::kUsed;
  int64_t at_ms = 0;    // Position in the call.
  int64_t wall_ms = 0;  // Unix ms when given.
  std::string user_id;  // Who gave it; may be empty.
};

// Ids (tenant, user): 1-128 characters from [A-Za-z0-9._@-], so they are
// safe in URL paths, log fields and file names.
Status ValidateId(std::string_view what, std::string_view id);
// Tenant ids are stricter: 1-64 characters from [A-Za-z0-9_-], because they
// also name a directory of the recording store.
Status ValidateTenantId(std::string_view tenant_id);
// Voice SDK identities: 1-121 characters from [A-Za-z0-9_] (the JS SDK's
// rule, TWILIO.md 2.4).
Status ValidateIdentity(std::string_view identity);
// "+" then 2-15 digits, the first not 0 (ITU E.164). The message never
// quotes the number.
Status ValidateE164(std::string_view number);

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

  // ---- Tenants and users ----------------------------------------------------

  // AlreadyExists for a stored tenant_id.
  virtual Status CreateTenant(const TenantRecord& tenant) = 0;
  virtual StatusOr<TenantRecord> GetTenant(const std::string& tenant_id) = 0;
  // Every tenant, by tenant_id.
  virtual StatusOr<std::vector<TenantRecord>> ListTenants() = 0;

  // Stores the user with its permission grants. FailedPrecondition when the
  // tenant is not stored; AlreadyExists for a stored user_id or identity;
  // InvalidArgument for a malformed id or identity or a permission listed
  // twice.
  virtual Status CreateUser(const UserRecord& user) = 0;
  virtual StatusOr<UserRecord> GetUser(const std::string& user_id) = 0;
  // The user whose Voice SDK identity this is; NotFound if none.
  virtual StatusOr<UserRecord> GetUserByIdentity(
      const std::string& identity) = 0;
  // Users of one tenant (every tenant when empty), by user_id.
  virtual StatusOr<std::vector<UserRecord>> ListUsers(
      const std::string& tenant_id) = 0;
  // Grants a permission. Granting one the user already holds keeps the
  // original grant (who and when) and is OK. NotFound for an unknown user.
  virtual Status GrantPermission(const std::string& user_id,
                                 const PermissionGrant& grant) = 0;
  // OK whether or not the user held it; NotFound for an unknown user.
  virtual Status RevokePermission(const std::string& user_id,
                                  Permission permission) = 0;

  // ---- Phone profiles -------------------------------------------------------

  // Creates or replaces the user's profile. NotFound for an unknown user;
  // FailedPrecondition when profile.tenant_id is not the user's tenant;
  // AlreadyExists when the number belongs to another user's profile;
  // InvalidArgument for a number that is not E.164.
  virtual Status PutPhoneProfile(const PhoneProfile& profile) = 0;
  virtual StatusOr<PhoneProfile> GetPhoneProfile(
      const std::string& user_id) = 0;
  // The profile owning this E.164 number; NotFound if none.
  virtual StatusOr<PhoneProfile> GetPhoneProfileByNumber(
      const std::string& phone_number) = 0;
  // Profiles of one tenant (every tenant when empty), by user_id.
  virtual StatusOr<std::vector<PhoneProfile>> ListPhoneProfiles(
      const std::string& tenant_id) = 0;
  // NotFound when the user has no profile.
  virtual Status DeletePhoneProfile(const std::string& user_id) = 0;

  // ---- Twilio call lifecycle ------------------------------------------------

  // Stores a new leg; the stored version is 1 (record.version is ignored).
  // AlreadyExists for a stored call_sid; InvalidArgument for an empty
  // call_sid or tenant_id or an unknown status.
  virtual Status CreateTwilioCall(const TwilioCallRecord& record) = 0;
  virtual StatusOr<TwilioCallRecord> GetTwilioCall(
      const std::string& call_sid) = 0;
  // Replaces the stored leg if its version is still record.version, and
  // returns the new version (record.version + 1). FailedPrecondition when
  // another update came first: re-read, re-apply and retry. NotFound for an
  // unknown call_sid.
  virtual StatusOr<int64_t> UpdateTwilioCall(
      const TwilioCallRecord& record) = 0;

  // ---- Recordings
  // -------------------------------------------------------------

  // Creates or replaces the recording (by recording_sid). InvalidArgument
  // for an empty recording_sid or call_sid. The call need not be stored:
  // recording callbacks may arrive before or without a media stream.
  virtual Status PutRecording(const RecordingRecord& recording) = 0;
  virtual StatusOr<RecordingRecord> GetRecording(
      const std::string& recording_sid) = 0;
  // Recordings of a call, oldest first; empty when there are none.
  virtual StatusOr<std::vector<RecordingRecord>> ListRecordings(
      const std::string& call_sid) = 0;

  // ---- Per-user AI configuration --------------------------------------------

  // Creates or replaces the user's configuration. REQUIRES: config_json is a
  // JSON object (InvalidArgument otherwise). The user need not be stored
  // (agent ids may come from elsewhere until accounts exist).
  virtual Status PutAiConfig(const AiConfigRecord& config) = 0;
  // NotFound when the user has none (callers then use the defaults).
  virtual StatusOr<AiConfigRecord> GetAiConfig(const std::string& user_id) = 0;

  // ---- Voice profiles -------------------------------------------------------

  // Stores a new profile for the user, as their latest, and returns its
  // version (1 for the first, then +1; earlier ones are kept). NotFound when
  // the user is not stored in `tenant_id` (an unknown user, or one of
  // another tenant: the message does not say which); InvalidArgument for a
  // malformed id, profile_json that is not a JSON object, or audio_s < 0.
  virtual StatusOr<int64_t> PutVoiceProfile(
      const VoiceProfileRecord& profile) = 0;
  // The user's latest profile. NotFound when the user has none in
  // `tenant_id` (including a user id of another tenant).
  virtual StatusOr<VoiceProfileRecord> GetVoiceProfile(
      const std::string& tenant_id, const std::string& user_id) = 0;

  // ---- Card feedback --------------------------------------------------------

  // NotFound for an unknown call; AlreadyExists when the same (call_sid,
  // card_id, action) is stored (a retry); InvalidArgument for an empty
  // card_id. A card may be dismissed and later used: both are kept.
  virtual Status InsertCardFeedback(const CardFeedbackRecord& feedback) = 0;
  // Feedback of a call in the order given. NotFound for an unknown call.
  virtual StatusOr<std::vector<CardFeedbackRecord>> ListCardFeedbackForCall(
      const std::string& call_sid) = 0;
  // A user's feedback, newest wall_ms first, at most `limit` (>= 1).
  virtual StatusOr<std::vector<CardFeedbackRecord>> ListCardFeedbackForUser(
      const std::string& user_id, int limit = 1000) = 0;
};

// Opens (creating if needed) the store named by `url` and brings its schema
// up to date; see the top of this file for URLs and errors.
StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& url);

}  // namespace sc::storage
