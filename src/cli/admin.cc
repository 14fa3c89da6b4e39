// salescopilot tenant|user|phone|config: admin commands over the store.
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/admin_store.h"
#include "cli/commands.h"
#include "storage/store.h"

namespace sc::cli {
namespace json = boost::json;
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Who granted a permission from the command line.
constexpr const char* kGrantedBy = "cli:admin";

int Fail(const char* command, const Status& s) {
  return FailCommand(command, s);
}

StatusOr<std::unique_ptr<storage::Store>> OpenFromOptions(
    const AdminOptions& o) {
  // Admin commands must not create an empty database by accident in the
  // wrong directory, but a fresh install has none yet: OpenAdminStore
  // creates the directory.
  return OpenAdminStore(o.config_path, o.data_dir);
}

StatusOr<std::vector<storage::Permission>> ParsePermissions(
    const std::vector<std::string>& names) {
  std::vector<storage::Permission> out;
  for (const std::string& n : names) {
    std::optional<storage::Permission> p = storage::ParsePermission(n);
    if (!p) {
      return InvalidArgument("unknown permission '" + n +
                             "' (known: phone.call, phone.monitor, "
                             "crm.access, ai.sales-copilot)");
    }
    if (std::find(out.begin(), out.end(), *p) == out.end()) out.push_back(*p);
  }
  return out;
}

json::object UserJson(const storage::UserRecord& u) {
  json::array perms;
  for (const storage::PermissionGrant& g : u.permissions) {
    perms.push_back({{"permission", storage::PermissionName(g.permission)},
                     {"granted_by", g.granted_by},
                     {"granted_unix_ms", g.granted_unix_ms}});
  }
  return {{"user_id", u.user_id},
          {"tenant_id", u.tenant_id},
          {"display_name", u.display_name},
          {"identity", u.identity},
          {"created_unix_ms", u.created_unix_ms},
          {"permissions", std::move(perms)}};
}

std::string PermissionList(const storage::UserRecord& u) {
  std::string out;
  for (const storage::PermissionGrant& g : u.permissions) {
    if (!out.empty()) out += ",";
    out += storage::PermissionName(g.permission);
  }
  return out.empty() ? "-" : out;
}

const char* OnOff(bool b) { return b ? "on" : "off"; }

}  // namespace

std::string MaskPhoneNumber(std::string_view number) {
  if (number.size() <= 6) return std::string(number.size(), '*');
  std::string out(number.substr(0, 2));
  out.append(number.size() - 6, '*');
  out.append(number.substr(number.size() - 4));
  return out;
}

int RunTenantAdd(const AdminOptions& o) {
  auto store = OpenFromOptions(o);
  if (!store.ok()) return Fail("tenant add", store.status());
  Status s = (*store)->CreateTenant({o.tenant_id, o.name, NowMs()});
  if (!s.ok()) return Fail("tenant add", s);
  std::cout << "tenant " << o.tenant_id << " added\n";
  return 0;
}

int RunTenantList(const AdminOptions& o) {
  auto store = OpenFromOptions(o);
  if (!store.ok()) return Fail("tenant list", store.status());
  auto tenants = (*store)->ListTenants();
  if (!tenants.ok()) return Fail("tenant list", tenants.status());
  if (o.format == OutputFormat::kJson) {
    json::array arr;
    for (const auto& t : *tenants) {
      arr.push_back({{"tenant_id", t.tenant_id},
                     {"name", t.name},
                     {"created_unix_ms", t.created_unix_ms}});
    }
    std::cout << json::serialize(json::object{{"tenants", arr}}) << "\n";
    return 0;
  }
  for (const auto& t : *tenants) {
    std::printf("%-24s %s\n", t.tenant_id.c_str(), t.name.c_str());
  }
  return 0;
}

int RunUserAdd(const AdminOptions& o) {
  auto perms = ParsePermissions(o.permissions);
  if (!perms.ok()) return Fail("user add", perms.status());
  auto store = OpenFromOptions(o);
  if (!store.ok()) return Fail("user add", store.status());
  storage::UserRecord u;
  u.user_id = o.user_id;
  u.tenant_id = o.tenant_id;
  u.display_name = o.name;
  u.identity = o.identity.empty() ? o.user_id : o.identity;
  u.created_unix_ms = NowMs();
  for (storage::Permission p : *perms) {
    u.permissions.push_back({p, kGrantedBy, u.created_unix_ms});
  }
  Status s = (*store)->CreateUser(u);
  if (!s.ok()) return Fail("user add", s);
  std::cout << "user " << u.user_id << " added to tenant " << u.tenant_id
            << " (Voice SDK identity " << u.identity << ")\n";
  return 0;
}

int RunUserList(const AdminOptions& o) {
  auto store = OpenFromOptions(o);
  if (!store.ok()) return Fail("user list", store.status());
  auto users = (*store)->ListUsers(o.tenant_id);
  if (!users.ok()) return Fail("user list", users.status());
  if (o.format == OutputFormat::kJson) {
    json::array arr;
    for (const auto& u : *users) arr.push_back(UserJson(u));
    std::cout << json::serialize(json::object{{"users", arr}}) << "\n";
    return 0;
  }
  for (const auto& u : *users) {
    std::printf("%-20s %-12s %-20s %s\n", u.user_id.c_str(),
                u.tenant_id.c_str(), u.identity.c_str(),
                PermissionList(u).c_str());
  }
  return 0;
}

int RunUserGrant(const AdminOptions& o) {
  auto perms = ParsePermissions(o.permissions);
  if (!perms.ok()) return Fail("user grant", perms.status());
  auto store = OpenFromOptions(o);
  if (!store.ok()) return Fail("user grant", store.status());
  for (storage::Permission p : *perms) {
    Status s = (*store)->GrantPermission(o.user_id, {p, kGrantedBy, NowMs()});
    if (!s.ok()) return Fail("user grant", s);
  }
  return 0;
}

int RunUserRevoke(const AdminOptions& o) {
  auto perms = ParsePermissions(o.permissions);
  if (!perms.ok()) return Fail("user revoke", perms.status());
  auto store = OpenFromOptions(o);
  if (!store.ok()) return Fail("user revoke", store.status());
  for (storage::Permission p : *perms) {
    Status s = (*store)->RevokePermission(o.user_id, p);
    if (!s.ok()) return Fail("user revoke", s);
  }
  return 0;
}

int RunPhoneAssign(const AdminOptions& o) {
  auto store = OpenFromOptions(o);
  if (!store.ok()) return Fail("phone assign", store.status());
  auto user = (*store)->GetUser(o.user_id);
  if (!user.ok()) return Fail("phone assign", user.status());
  storage::PhoneProfile p;
  p.user_id = o.user_id;
  p.tenant_id = user->tenant_id;
  p.phone_number = o.phone_number;
  p.caller_id_name = o.caller_id_name;
  p.voice_enabled = o.voice;
  p.recording_enabled = o.recording;
  p.ai_enabled = o.ai;
  p.updated_unix_ms = NowMs();
  Status s = (*store)->PutPhoneProfile(p);
  if (!s.ok()) return Fail("phone assign", s);
  std::cout << "number " << MaskPhoneNumber(p.phone_number) << " assigned to "
            << p.user_id << " (voice " << OnOff(p.voice_enabled)
            << ", recording " << OnOff(p.recording_enabled) << ", AI "
            << OnOff(p.ai_enabled) << ")\n";
  return 0;
}

int RunPhoneList(const AdminOptions& o) {
  auto store = OpenFromOptions(o);
  if (!store.ok()) return Fail("phone list", store.status());
  auto phones = (*store)->ListPhoneProfiles(o.tenant_id);
  if (!phones.ok()) return Fail("phone list", phones.status());
  auto shown = [&](const std::string& n) {
    return o.pii == PiiDisplay::kShown ? n : MaskPhoneNumber(n);
  };
  if (o.format == OutputFormat::kJson) {
    json::array arr;
    for (const auto& p : *phones) {
      arr.push_back({{"user_id", p.user_id},
                     {"tenant_id", p.tenant_id},
                     {"phone_number", shown(p.phone_number)},
                     {"caller_id_name", p.caller_id_name},
                     {"voice_enabled", p.voice_enabled},
                     {"recording_enabled", p.recording_enabled},
                     {"ai_enabled", p.ai_enabled},
                     {"updated_unix_ms", p.updated_unix_ms}});
    }
    std::cout << json::serialize(json::object{{"phones", arr}}) << "\n";
    return 0;
  }
  for (const auto& p : *phones) {
    std::printf("%-20s %-12s %-16s voice %-3s recording %-3s ai %-3s %s\n",
                p.user_id.c_str(), p.tenant_id.c_str(),
                shown(p.phone_number).c_str(), OnOff(p.voice_enabled),
                OnOff(p.recording_enabled), OnOff(p.ai_enabled),
                p.caller_id_name.c_str());
  }
  return 0;
}

int RunPhoneRemove(const AdminOptions& o) {
  auto store = OpenFromOptions(o);
  if (!store.ok()) return Fail("phone remove", store.status());
  Status s = (*store)->DeletePhoneProfile(o.user_id);
  if (!s.ok()) return Fail("phone remove", s);
  return 0;
}

int RunConfigShow(const AdminOptions& o) {
  auto c = LoadConfig(o.config_path);
  if (!c.ok()) return Fail("config show", c.status());
  if (!o.data_dir.empty()) c->data_dir = o.data_dir;
  std::cout << DescribeConfig(*c) << "\n";
  return 0;
}

}  // namespace sc::cli
