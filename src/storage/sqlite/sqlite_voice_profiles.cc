// SqliteStore: per-user voice profiles (voice calibration; table
// voice_profiles, docs/schema.md).
#include <cmath>

#include "storage/sqlite/sqlite_store_impl.h"

namespace sc::storage::sqlite {
namespace {

constexpr char kSelectNextVersion[] =
    "SELECT COALESCE(MAX(version), 0) + 1 FROM voice_profiles "
    "WHERE user_id = ?1";
constexpr char kInsertProfile[] =
    "INSERT INTO voice_profiles (tenant_id, user_id, version, profile_json, "
    "audio_s, created_unix_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
// The tenant is part of the key: a user id of another tenant finds nothing.
constexpr char kSelectLatest[] =
    "SELECT version, profile_json, audio_s, created_unix_ms "
    "FROM voice_profiles WHERE tenant_id = ?1 AND user_id = ?2 "
    "ORDER BY version DESC LIMIT 1";

}  // namespace

StatusOr<int64_t> SqliteStore::PutVoiceProfile(const VoiceProfileRecord& p) {
  SC_RETURN_IF_ERROR(ValidateId("tenant_id", p.tenant_id));
  SC_RETURN_IF_ERROR(ValidateId("user_id", p.user_id));
  if (!std::isfinite(p.audio_s) || p.audio_s < 0) {
    return InvalidArgument("voice profile audio_s must be a length >= 0");
  }
  const std::string context = "put voice profile of " + p.user_id;
  MutexLock lock(&mu_);
  Transaction tx(conn_.get());
  SC_RETURN_IF_ERROR(tx.Begin());
  {
    SC_ASSIGN_OR_RETURN(std::optional<std::string> tenant,
                        UserTenantLocked(p.user_id));
    // One answer for "no such user" and "another tenant's user", so a
    // tenant cannot probe another's user ids.
    if (!tenant || *tenant != p.tenant_id) {
      return NotFound("user " + p.user_id + " not found in tenant " +
                      p.tenant_id);
    }
  }
  int64_t version = 0;
  {
    SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectNextVersion));
    SC_RETURN_IF_ERROR(select.Bind(1, p.user_id));
    SC_ASSIGN_OR_RETURN(bool row, select.Step());
    version = row ? select.ColumnInt64(0) : 1;
  }
  {
    SC_ASSIGN_OR_RETURN(Statement insert, conn_->Prepare(kInsertProfile));
    SC_RETURN_IF_ERROR(insert.Bind(1, p.tenant_id));
    SC_RETURN_IF_ERROR(insert.Bind(2, p.user_id));
    SC_RETURN_IF_ERROR(insert.Bind(3, version));
    SC_RETURN_IF_ERROR(insert.Bind(4, p.profile_json));
    SC_RETURN_IF_ERROR(insert.Bind(5, p.audio_s));
    SC_RETURN_IF_ERROR(insert.Bind(6, p.created_unix_ms));
    SC_RETURN_IF_ERROR(WithContext(insert.Run(), context));
  }
  SC_RETURN_IF_ERROR(WithContext(tx.Commit(), context));
  return version;
}

StatusOr<VoiceProfileRecord> SqliteStore::GetVoiceProfile(
    const std::string& tenant_id, const std::string& user_id) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectLatest));
  SC_RETURN_IF_ERROR(select.Bind(1, tenant_id));
  SC_RETURN_IF_ERROR(select.Bind(2, user_id));
  SC_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) {
    return NotFound("user " + user_id + " has no voice profile in tenant " +
                    tenant_id);
  }
  VoiceProfileRecord p;
  p.tenant_id = tenant_id;
  p.user_id = user_id;
  p.version = select.ColumnInt64(0);
  p.profile_json = select.ColumnText(1);
  p.audio_s = select.ColumnDouble(2);
  p.created_unix_ms = select.ColumnInt64(3);
  return p;
}

}  // namespace sc::storage::sqlite
