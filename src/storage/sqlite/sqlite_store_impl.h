// Internal to the SQLite back end: the SqliteStore class, shared by the files
// that implement its parts (sqlite_store.cc: calls and events;
// sqlite_accounts.cc: tenants, users, phone profiles, AI configuration;
// sqlite_telephony.cc: Twilio legs, recordings, card feedback). Nothing
// outside src/storage/sqlite includes it; callers use storage/store.h.
//
// Thread-safety: every Store method takes mu_; the *Locked helpers require it.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/sqlite/thread_annotations.h"
#include "storage/store.h"

namespace sc::storage::sqlite {

// Prefixes a non-OK status's message with `context`.
Status WithContext(const Status& status, const std::string& context);

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<Connection> conn)
      : conn_(std::move(conn)) {}

  // Calls and events (sqlite_store.cc).
  Status CreateCall(const CallRecord& record) override SC_EXCLUDES(mu_);
  Status AppendEvent(const StoredEvent& event) override SC_EXCLUDES(mu_);
  Status AppendEvents(const std::vector<StoredEvent>& events) override
      SC_EXCLUDES(mu_);
  StatusOr<std::vector<StoredEvent>> ListEvents(const std::string& call_sid,
                                                int64_t after_seq,
                                                int limit) override
      SC_EXCLUDES(mu_);
  Status FinishCall(const std::string& call_sid, CallState state,
                    int64_t ended_unix_ms, int64_t duration_ms,
                    const std::string& end_reason,
                    const std::string& stats_json) override SC_EXCLUDES(mu_);
  Status SetAnalysis(const std::string& call_sid,
                     const std::string& analysis_json) override
      SC_EXCLUDES(mu_);
  StatusOr<CallRecord> GetCall(const std::string& call_sid) override
      SC_EXCLUDES(mu_);
  StatusOr<std::vector<CallRecord>> ListCalls(const CallFilter& filter) override
      SC_EXCLUDES(mu_);

  // Tenants, users, phone profiles, AI configuration (sqlite_accounts.cc).
  Status CreateTenant(const TenantRecord& tenant) override SC_EXCLUDES(mu_);
  StatusOr<TenantRecord> GetTenant(const std::string& tenant_id) override
      SC_EXCLUDES(mu_);
  StatusOr<std::vector<TenantRecord>> ListTenants() override SC_EXCLUDES(mu_);
  Status CreateUser(const UserRecord& user) override SC_EXCLUDES(mu_);
  StatusOr<UserRecord> GetUser(const std::string& user_id) override
      SC_EXCLUDES(mu_);
  StatusOr<UserRecord> GetUserByIdentity(const std::string& identity) override
      SC_EXCLUDES(mu_);
  StatusOr<std::vector<UserRecord>> ListUsers(
      const std::string& tenant_id) override SC_EXCLUDES(mu_);
  Status GrantPermission(const std::string& user_id,
                         const PermissionGrant& grant) override
      SC_EXCLUDES(mu_);
  Status RevokePermission(const std::string& user_id,
                          Permission permission) override SC_EXCLUDES(mu_);
  Status PutPhoneProfile(const PhoneProfile& profile) override SC_EXCLUDES(mu_);
  StatusOr<PhoneProfile> GetPhoneProfile(const std::string& user_id) override
      SC_EXCLUDES(mu_);
  StatusOr<PhoneProfile> GetPhoneProfileByNumber(
      const std::string& phone_number) override SC_EXCLUDES(mu_);
  StatusOr<std::vector<PhoneProfile>> ListPhoneProfiles(
      const std::string& tenant_id) override SC_EXCLUDES(mu_);
  Status DeletePhoneProfile(const std::string& user_id) override
      SC_EXCLUDES(mu_);
  Status PutAiConfig(const AiConfigRecord& config) override SC_EXCLUDES(mu_);
  StatusOr<AiConfigRecord> GetAiConfig(const std::string& user_id) override
      SC_EXCLUDES(mu_);

  // Voice profiles (sqlite_voice_profiles.cc).
  StatusOr<int64_t> PutVoiceProfile(const VoiceProfileRecord& profile) override
      SC_EXCLUDES(mu_);
  StatusOr<VoiceProfileRecord> GetVoiceProfile(
      const std::string& tenant_id, const std::string& user_id) override
      SC_EXCLUDES(mu_);

  // Twilio legs, recordings, card feedback (sqlite_telephony.cc).
  Status CreateTwilioCall(const TwilioCallRecord& record) override
      SC_EXCLUDES(mu_);
  StatusOr<TwilioCallRecord> GetTwilioCall(const std::string& call_sid) override
      SC_EXCLUDES(mu_);
  StatusOr<int64_t> UpdateTwilioCall(const TwilioCallRecord& record) override
      SC_EXCLUDES(mu_);
  Status PutRecording(const RecordingRecord& recording) override
      SC_EXCLUDES(mu_);
  StatusOr<RecordingRecord> GetRecording(
      const std::string& recording_sid) override SC_EXCLUDES(mu_);
  StatusOr<std::vector<RecordingRecord>> ListRecordings(
      const std::string& call_sid) override SC_EXCLUDES(mu_);
  Status InsertCardFeedback(const CardFeedbackRecord& feedback) override
      SC_EXCLUDES(mu_);
  StatusOr<std::vector<CardFeedbackRecord>> ListCardFeedbackForCall(
      const std::string& call_sid) override SC_EXCLUDES(mu_);
  StatusOr<std::vector<CardFeedbackRecord>> ListCardFeedbackForUser(
      const std::string& user_id, int limit) override SC_EXCLUDES(mu_);

 private:
  // Validated events, stored in one transaction.
  Status AppendLocked(std::span<const StoredEvent> events) SC_REQUIRES(mu_);
  // The call's last_seq, or nullopt if the call is not stored.
  StatusOr<std::optional<int64_t>> LastSeqLocked(const std::string& call_sid)
      SC_REQUIRES(mu_);
  // Whether a row of `calls` has this sid.
  StatusOr<bool> CallExistsLocked(const std::string& call_sid) SC_REQUIRES(mu_);
  // The user (with grants) selected by `sql` (?1 = key); nullopt if none.
  StatusOr<std::optional<UserRecord>> ReadUserLocked(const char* sql,
                                                     const std::string& key)
      SC_REQUIRES(mu_);
  // The tenant of `user_id`, or nullopt when there is no such user.
  StatusOr<std::optional<std::string>> UserTenantLocked(
      const std::string& user_id) SC_REQUIRES(mu_);
  // Fills user->permissions from user_permissions.
  Status ReadGrantsLocked(UserRecord* user) SC_REQUIRES(mu_);
  Status InsertGrantLocked(const std::string& user_id,
                           const PermissionGrant& grant) SC_REQUIRES(mu_);

  Mutex mu_;
  // The one SQLite connection, with its statement cache. A connection must
  // not be used by two threads at once, and a transaction spans several
  // statements, so every use of it (and of statements borrowed from it)
  // happens under mu_. The pointer itself never changes.
  const std::unique_ptr<Connection> conn_ SC_PT_GUARDED_BY(mu_);
};

}  // namespace sc::storage::sqlite
