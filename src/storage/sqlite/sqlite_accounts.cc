// SqliteStore: tenants, users and permission grants, phone profiles and the
// per-user AI configuration (storage/store.h, docs/schema.md).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "storage/sqlite/sqlite_store_impl.h"

namespace sc::storage::sqlite {
namespace {

constexpr char kInsertTenant[] =
    "INSERT INTO tenants (tenant_id, name, created_unix_ms) VALUES (?1, ?2, "
    "?3)";
constexpr char kSelectTenant[] =
    "SELECT tenant_id, name, created_unix_ms FROM tenants WHERE tenant_id = ?1";
constexpr char kListTenants[] =
    "SELECT tenant_id, name, created_unix_ms FROM tenants ORDER BY tenant_id";

#define SC_USER_COLUMNS \
  "user_id, tenant_id, display_name, identity, created_unix_ms"
constexpr char kInsertUser[] =
    "INSERT INTO users (" SC_USER_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr char kSelectUser[] =
    "SELECT " SC_USER_COLUMNS " FROM users WHERE user_id = ?1";
constexpr char kSelectUserByIdentity[] =
    "SELECT " SC_USER_COLUMNS " FROM users WHERE identity = ?1";
constexpr char kListUsersAll[] =
    "SELECT " SC_USER_COLUMNS " FROM users ORDER BY user_id";
constexpr char kListUsersByTenant[] = "SELECT " SC_USER_COLUMNS
                                      " FROM users WHERE tenant_id = ?1 "
                                      "ORDER BY user_id";
#undef SC_USER_COLUMNS
constexpr char kSelectUserTenant[] =
    "SELECT tenant_id FROM users WHERE user_id = ?1";
constexpr char kSelectTenantExists[] =
    "SELECT 1 FROM tenants WHERE tenant_id = ?1";
constexpr char kSelectIdentityTaken[] =
    "SELECT 1 FROM users WHERE identity = ?1";

// Grants are read in the enum's order, which PermissionOrder gives.
constexpr char kSelectGrants[] =
    "SELECT permission, granted_by, granted_unix_ms FROM user_permissions "
    "WHERE user_id = ?1";
constexpr char kInsertGrant[] =
    "INSERT OR IGNORE INTO user_permissions (user_id, permission, granted_by, "
    "granted_unix_ms) VALUES (?1, ?2, ?3, ?4)";
constexpr char kDeleteGrant[] =
    "DELETE FROM user_permissions WHERE user_id = ?1 AND permission = ?2";

#define SC_PHONE_COLUMNS                                              \
  "user_id, tenant_id, phone_number, caller_id_name, voice_enabled, " \
  "recording_enabled, ai_enabled, updated_unix_ms"
// An upsert keyed on user_id; the unique number index still applies, so a
// number held by another user fails with a constraint error.
constexpr char kUpsertPhone[] =
    "INSERT INTO phone_profiles (" SC_PHONE_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (user_id) DO UPDATE SET tenant_id = excluded.tenant_id, "
    "phone_number = excluded.phone_number, "
    "caller_id_name = excluded.caller_id_name, "
    "voice_enabled = excluded.voice_enabled, "
    "recording_enabled = excluded.recording_enabled, "
    "ai_enabled = excluded.ai_enabled, "
    "updated_unix_ms = excluded.updated_unix_ms";
constexpr char kSelectPhone[] =
    "SELECT " SC_PHONE_COLUMNS " FROM phone_profiles WHERE user_id = ?1";
constexpr char kSelectPhoneByNumber[] =
    "SELECT " SC_PHONE_COLUMNS " FROM phone_profiles WHERE phone_number = ?1";
constexpr char kSelectNumberOwner[] =
    "SELECT user_id FROM phone_profiles WHERE phone_number = ?1";
constexpr char kListPhonesAll[] =
    "SELECT " SC_PHONE_COLUMNS " FROM phone_profiles ORDER BY user_id";
constexpr char kListPhonesByTenant[] =
    "SELECT " SC_PHONE_COLUMNS
    " FROM phone_profiles WHERE tenant_id = ?1 ORDER BY user_id";
#undef SC_PHONE_COLUMNS
constexpr char kDeletePhone[] = "DELETE FROM phone_profiles WHERE user_id = ?1";

constexpr char kUpsertAiConfig[] =
    "INSERT INTO ai_configs (user_id, config_json, updated_unix_ms) "
    "VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE SET "
    "config_json = excluded.config_json, "
    "updated_unix_ms = excluded.updated_unix_ms";
constexpr char kSelectAiConfig[] =
    "SELECT config_json, updated_unix_ms FROM ai_configs WHERE user_id = ?1";

int PermissionOrder(Permission p) { return static_cast<int>(p); }

TenantRecord ReadTenant(const Statement& row) {
  TenantRecord t;
  t.tenant_id = row.ColumnText(0);
  t.name = row.ColumnText(1);
  t.created_unix_ms = row.ColumnInt64(2);
  return t;
}

UserRecord ReadUser(const Statement& row) {
  UserRecord u;
  u.user_id = row.ColumnText(0);
  u.tenant_id = row.ColumnText(1);
  u.display_name = row.ColumnText(2);
  u.identity = row.ColumnText(3);
  u.created_unix_ms = row.ColumnInt64(4);
  return u;
}

PhoneProfile ReadPhone(const Statement& row) {
  PhoneProfile p;
  p.user_id = row.ColumnText(0);
  p.tenant_id = row.ColumnText(1);
  p.phone_number = row.ColumnText(2);
  p.caller_id_name = row.ColumnText(3);
  p.voice_enabled = row.ColumnInt64(4) != 0;
  p.recording_enabled = row.ColumnInt64(5) != 0;
  p.ai_enabled = row.ColumnInt64(6) != 0;
  p.updated_unix_ms = row.ColumnInt64(7);
  return p;
}

// Runs `select` (already bound) and returns whether it produced a row.
StatusOr<bool> HasRow(Statement& select) { return select.Step(); }

}  // namespace

// ---- Tenants ----------------------------------------------------------------

Status SqliteStore::CreateTenant(const TenantRecord& t) {
  SC_RETURN_IF_ERROR(ValidateTenantId(t.tenant_id));
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement insert, conn_->Prepare(kInsertTenant));
  SC_RETURN_IF_ERROR(insert.Bind(1, t.tenant_id));
  SC_RETURN_IF_ERROR(insert.Bind(2, t.name));
  SC_RETURN_IF_ERROR(insert.Bind(3, t.created_unix_ms));
  Status status = insert.Run();
  if (status.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("tenant " + t.tenant_id + " already exists");
  }
  return WithContext(status, "create tenant " + t.tenant_id);
}

StatusOr<TenantRecord> SqliteStore::GetTenant(const std::string& tenant_id) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectTenant));
  SC_RETURN_IF_ERROR(select.Bind(1, tenant_id));
  SC_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return NotFound("tenant " + tenant_id + " not found");
  return ReadTenant(select);
}

StatusOr<std::vector<TenantRecord>> SqliteStore::ListTenants() {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kListTenants));
  std::vector<TenantRecord> out;
  while (true) {
    SC_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    out.push_back(ReadTenant(select));
  }
  return out;
}

// ---- Users and permissions --------------------------------------------------

Status SqliteStore::ReadGrantsLocked(UserRecord* user) {
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectGrants));
  SC_RETURN_IF_ERROR(select.Bind(1, user->user_id));
  user->permissions.clear();
  while (true) {
    SC_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    std::string name = select.ColumnText(0);
    std::optional<Permission> p = ParsePermission(name);
    if (!p) {
      return Internal("user " + user->user_id + " has unknown permission '" +
                      name + "'");
    }
    user->permissions.push_back(
        {*p, select.ColumnText(1), select.ColumnInt64(2)});
  }
  std::sort(user->permissions.begin(), user->permissions.end(),
            [](const PermissionGrant& a, const PermissionGrant& b) {
              return PermissionOrder(a.permission) <
                     PermissionOrder(b.permission);
            });
  return Status::Ok();
}

StatusOr<std::optional<UserRecord>> SqliteStore::ReadUserLocked(
    const char* sql, const std::string& key) {
  std::optional<UserRecord> user;
  {
    SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(sql));
    SC_RETURN_IF_ERROR(select.Bind(1, key));
    SC_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return user;
    user = ReadUser(select);
  }
  SC_RETURN_IF_ERROR(ReadGrantsLocked(&*user));
  return user;
}

Status SqliteStore::InsertGrantLocked(const std::string& user_id,
                                      const PermissionGrant& grant) {
  SC_ASSIGN_OR_RETURN(Statement insert, conn_->Prepare(kInsertGrant));
  SC_RETURN_IF_ERROR(insert.Bind(1, user_id));
  SC_RETURN_IF_ERROR(insert.Bind(2, PermissionName(grant.permission)));
  SC_RETURN_IF_ERROR(insert.Bind(3, grant.granted_by));
  SC_RETURN_IF_ERROR(insert.Bind(4, grant.granted_unix_ms));
  return insert.Run();
}

Status SqliteStore::CreateUser(const UserRecord& u) {
  SC_RETURN_IF_ERROR(ValidateId("user_id", u.user_id));
  SC_RETURN_IF_ERROR(ValidateId("tenant_id", u.tenant_id));
  SC_RETURN_IF_ERROR(ValidateIdentity(u.identity));
  for (size_t i = 0; i < u.permissions.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (u.permissions[i].permission == u.permissions[j].permission) {
        return InvalidArgument(std::string("permission ") +
                               PermissionName(u.permissions[i].permission) +
                               " listed twice");
      }
    }
  }
  const std::string context = "create user " + u.user_id;
  MutexLock lock(&mu_);
  Transaction tx(conn_.get());
  SC_RETURN_IF_ERROR(tx.Begin());
  {
    SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectTenantExists));
    SC_RETURN_IF_ERROR(select.Bind(1, u.tenant_id));
    SC_ASSIGN_OR_RETURN(bool tenant, HasRow(select));
    if (!tenant) {
      return FailedPrecondition(context + ": tenant " + u.tenant_id +
                                " does not exist");
    }
  }
  {
    SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectIdentityTaken));
    SC_RETURN_IF_ERROR(select.Bind(1, u.identity));
    SC_ASSIGN_OR_RETURN(bool taken, HasRow(select));
    if (taken) {
      return AlreadyExists(context + ": identity " + u.identity +
                           " belongs to another user");
    }
  }
  {
    SC_ASSIGN_OR_RETURN(Statement insert, conn_->Prepare(kInsertUser));
    SC_RETURN_IF_ERROR(insert.Bind(1, u.user_id));
    SC_RETURN_IF_ERROR(insert.Bind(2, u.tenant_id));
    SC_RETURN_IF_ERROR(insert.Bind(3, u.display_name));
    SC_RETURN_IF_ERROR(insert.Bind(4, u.identity));
    SC_RETURN_IF_ERROR(insert.Bind(5, u.created_unix_ms));
    Status status = insert.Run();
    if (status.code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("user " + u.user_id + " already exists");
    }
    SC_RETURN_IF_ERROR(WithContext(status, context));
  }
  for (const PermissionGrant& g : u.permissions) {
    SC_RETURN_IF_ERROR(WithContext(InsertGrantLocked(u.user_id, g), context));
  }
  return WithContext(tx.Commit(), context);
}

StatusOr<UserRecord> SqliteStore::GetUser(const std::string& user_id) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(std::optional<UserRecord> user,
                      ReadUserLocked(kSelectUser, user_id));
  if (!user) return NotFound("user " + user_id + " not found");
  return std::move(*user);
}

StatusOr<UserRecord> SqliteStore::GetUserByIdentity(
    const std::string& identity) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(std::optional<UserRecord> user,
                      ReadUserLocked(kSelectUserByIdentity, identity));
  if (!user) return NotFound("no user has identity " + identity);
  return std::move(*user);
}

StatusOr<std::vector<UserRecord>> SqliteStore::ListUsers(
    const std::string& tenant_id) {
  MutexLock lock(&mu_);
  std::vector<UserRecord> users;
  {
    SC_ASSIGN_OR_RETURN(
        Statement select,
        conn_->Prepare(tenant_id.empty() ? kListUsersAll : kListUsersByTenant));
    if (!tenant_id.empty()) SC_RETURN_IF_ERROR(select.Bind(1, tenant_id));
    while (true) {
      SC_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      users.push_back(ReadUser(select));
    }
  }
  for (UserRecord& u : users) SC_RETURN_IF_ERROR(ReadGrantsLocked(&u));
  return users;
}

StatusOr<std::optional<std::string>> SqliteStore::UserTenantLocked(
    const std::string& user_id) {
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectUserTenant));
  SC_RETURN_IF_ERROR(select.Bind(1, user_id));
  SC_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(select.ColumnText(0));
}

Status SqliteStore::GrantPermission(const std::string& user_id,
                                    const PermissionGrant& grant) {
  MutexLock lock(&mu_);
  {
    SC_ASSIGN_OR_RETURN(std::optional<std::string> tenant,
                        UserTenantLocked(user_id));
    if (!tenant) return NotFound("user " + user_id + " not found");
  }
  return WithContext(InsertGrantLocked(user_id, grant),
                     "grant permission to " + user_id);
}

Status SqliteStore::RevokePermission(const std::string& user_id,
                                     Permission permission) {
  MutexLock lock(&mu_);
  {
    SC_ASSIGN_OR_RETURN(std::optional<std::string> tenant,
                        UserTenantLocked(user_id));
    if (!tenant) return NotFound("user " + user_id + " not found");
  }
  SC_ASSIGN_OR_RETURN(Statement del, conn_->Prepare(kDeleteGrant));
  SC_RETURN_IF_ERROR(del.Bind(1, user_id));
  SC_RETURN_IF_ERROR(del.Bind(2, PermissionName(permission)));
  return WithContext(del.Run(), "revoke permission of " + user_id);
}

// ---- Phone profiles ---------------------------------------------------------

Status SqliteStore::PutPhoneProfile(const PhoneProfile& p) {
  SC_RETURN_IF_ERROR(ValidateId("user_id", p.user_id));
  SC_RETURN_IF_ERROR(ValidateE164(p.phone_number));
  const std::string context = "put phone profile of " + p.user_id;
  MutexLock lock(&mu_);
  Transaction tx(conn_.get());
  SC_RETURN_IF_ERROR(tx.Begin());
  {
    SC_ASSIGN_OR_RETURN(std::optional<std::string> tenant,
                        UserTenantLocked(p.user_id));
    if (!tenant) return NotFound("user " + p.user_id + " not found");
    if (*tenant != p.tenant_id) {
      return FailedPrecondition(context + ": tenant " + p.tenant_id +
                                " is not the user's tenant");
    }
  }
  {
    SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectNumberOwner));
    SC_RETURN_IF_ERROR(select.Bind(1, p.phone_number));
    SC_ASSIGN_OR_RETURN(bool row, select.Step());
    if (row && select.ColumnText(0) != p.user_id) {
      // Name the owner, never the number (personal data).
      return AlreadyExists(context + ": the number is assigned to user " +
                           select.ColumnText(0));
    }
  }
  {
    SC_ASSIGN_OR_RETURN(Statement upsert, conn_->Prepare(kUpsertPhone));
    SC_RETURN_IF_ERROR(upsert.Bind(1, p.user_id));
    SC_RETURN_IF_ERROR(upsert.Bind(2, p.tenant_id));
    SC_RETURN_IF_ERROR(upsert.Bind(3, p.phone_number));
    SC_RETURN_IF_ERROR(upsert.Bind(4, p.caller_id_name));
    SC_RETURN_IF_ERROR(upsert.Bind(5, int64_t{p.voice_enabled ? 1 : 0}));
    SC_RETURN_IF_ERROR(upsert.Bind(6, int64_t{p.recording_enabled ? 1 : 0}));
    SC_RETURN_IF_ERROR(upsert.Bind(7, int64_t{p.ai_enabled ? 1 : 0}));
    SC_RETURN_IF_ERROR(upsert.Bind(8, p.updated_unix_ms));
    SC_RETURN_IF_ERROR(WithContext(upsert.Run(), context));
  }
  return WithContext(tx.Commit(), context);
}

StatusOr<PhoneProfile> SqliteStore::GetPhoneProfile(
    const std::string& user_id) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectPhone));
  SC_RETURN_IF_ERROR(select.Bind(1, user_id));
  SC_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return NotFound("user " + user_id + " has no phone profile");
  return ReadPhone(select);
}

StatusOr<PhoneProfile> SqliteStore::GetPhoneProfileByNumber(
    const std::string& phone_number) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectPhoneByNumber));
  SC_RETURN_IF_ERROR(select.Bind(1, phone_number));
  SC_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return NotFound("no phone profile has this number");
  return ReadPhone(select);
}

StatusOr<std::vector<PhoneProfile>> SqliteStore::ListPhoneProfiles(
    const std::string& tenant_id) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(
      Statement select,
      conn_->Prepare(tenant_id.empty() ? kListPhonesAll : kListPhonesByTenant));
  if (!tenant_id.empty()) SC_RETURN_IF_ERROR(select.Bind(1, tenant_id));
  std::vector<PhoneProfile> out;
  while (true) {
    SC_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    out.push_back(ReadPhone(select));
  }
  return out;
}

Status SqliteStore::DeletePhoneProfile(const std::string& user_id) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement del, conn_->Prepare(kDeletePhone));
  SC_RETURN_IF_ERROR(del.Bind(1, user_id));
  SC_RETURN_IF_ERROR(
      WithContext(del.Run(), "delete phone profile of " + user_id));
  if (conn_->Changes() == 0) {
    return NotFound("user " + user_id + " has no phone profile");
  }
  return Status::Ok();
}

// ---- AI configuration -------------------------------------------------------

Status SqliteStore::PutAiConfig(const AiConfigRecord& c) {
  if (c.user_id.empty()) return InvalidArgument("AI config has no user_id");
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement upsert, conn_->Prepare(kUpsertAiConfig));
  SC_RETURN_IF_ERROR(upsert.Bind(1, c.user_id));
  SC_RETURN_IF_ERROR(upsert.Bind(2, c.config_json));
  SC_RETURN_IF_ERROR(upsert.Bind(3, c.updated_unix_ms));
  return WithContext(upsert.Run(), "put AI config of " + c.user_id);
}

StatusOr<AiConfigRecord> SqliteStore::GetAiConfig(const std::string& user_id) {
  MutexLock lock(&mu_);
  SC_ASSIGN_OR_RETURN(Statement select, conn_->Prepare(kSelectAiConfig));
  SC_RETURN_IF_ERROR(select.Bind(1, user_id));
  SC_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return NotFound("user " + user_id + " has no AI config");
  AiConfigRecord c;
  c.user_id = user_id;
  c.config_json = select.ColumnText(0);
  c.updated_unix_ms = select.ColumnInt64(1);
  return c;
}

}  // namespace sc::storage::sqlite
