#include "storage/store.h"

#include "storage/sqlite/sqlite_store.h"

namespace sc::storage {

Store::~Store() = default;

const char* CallStateName(CallState state) {
  switch (state) {
    case CallState::kActive:
      return "active";
    case CallState::kCompleted:
      return "completed";
    case CallState::kInterrupted:
      return "interrupted";
  }
  return "active";
}

std::optional<CallState> ParseCallState(std::string_view name) {
  if (name == "active") return CallState::kActive;
  if (name == "completed") return CallState::kCompleted;
  if (name == "interrupted") return CallState::kInterrupted;
  return std::nullopt;
}

const char* PermissionName(Permission permission) {
  switch (permission) {
    case Permission::kPhoneCall:
      return "phone.call";
    case Permission::kPhoneMonitor:
      return "phone.monitor";
    case Permission::kCrmAccess:
      return "crm.access";
    case Permission::kAiSalesCopilot:
      return "ai.sales-copilot";
  }
  return "phone.call";
}

std::optional<Permission> ParsePermission(std::string_view name) {
  for (Permission p : {Permission::kPhoneCall, Permission::kPhoneMonitor,
                       Permission::kCrmAccess, Permission::kAiSalesCopilot}) {
    if (name == PermissionName(p)) return p;
  }
  return std::nullopt;
}

bool UserRecord::Has(Permission permission) const {
  for (const PermissionGrant& g : permissions) {
    if (g.permission == permission) return true;
  }
  return false;
}

const char* RecordingStatusName(RecordingStatus status) {
  switch (status) {
    case RecordingStatus::kInProgress:
      return "in-progress";
    case RecordingStatus::kCompleted:
      return "completed";
    case RecordingStatus::kAbsent:
      return "absent";
    case RecordingStatus::kStored:
      return "stored";
    case RecordingStatus::kFailed:
      return "failed";
  }
  return "completed";
}

std::optional<RecordingStatus> ParseRecordingStatus(std::string_view name) {
  for (RecordingStatus s :
       {RecordingStatus::kInProgress, RecordingStatus::kCompleted,
        RecordingStatus::kAbsent, RecordingStatus::kStored,
        RecordingStatus::kFailed}) {
    if (name == RecordingStatusName(s)) return s;
  }
  return std::nullopt;
}

const char* CardActionName(CardAction action) {
  return action == CardAction::kDismissed ? "dismissed" : "used";
}

std::optional<CardAction> ParseCardAction(std::string_view name) {
  if (name == "used") return CardAction::kUsed;
  if (name == "dismissed") return CardAction::kDismissed;
  return std::nullopt;
}

Status ValidateId(std::string_view what, std::string_view id) {
  if (id.empty() || id.size() > 128) {
    return InvalidArgument(std::string(what) + " must be 1-128 characters");
  }
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '@' || c == '-';
    if (!ok) {
      return InvalidArgument(std::string(what) +
                             " may hold only letters, digits and . _ @ -");
    }
  }
  return Status::Ok();
}

Status ValidateTenantId(std::string_view tenant_id) {
  if (tenant_id.empty() || tenant_id.size() > 64) {
    return InvalidArgument("tenant_id must be 1-64 characters");
  }
  for (char c : tenant_id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) {
      return InvalidArgument(
          "tenant_id may hold only letters, digits, _ and -");
    }
  }
  return Status::Ok();
}

Status ValidateIdentity(std::string_view identity) {
  if (identity.empty() || identity.size() > 121) {
    return InvalidArgument("identity must be 1-121 characters");
  }
  for (char c : identity) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_';
    if (!ok) {
      return InvalidArgument(
          "identity may hold only letters, digits and _ (the Voice SDK's "
          "rule)");
    }
  }
  return Status::Ok();
}

Status ValidateE164(std::string_view number) {
  // The number itself is personal data: the message describes, never quotes.
  if (number.size() < 3 || number.size() > 16 || number[0] != '+' ||
      number[1] == '0') {
    return InvalidArgument(
        "phone number must be E.164: + then 2-15 digits, not starting with 0");
  }
  for (char c : number.substr(1)) {
    if (c < '0' || c > '9') {
      return InvalidArgument("phone number must be E.164: + then digits only");
    }
  }
  return Status::Ok();
}

StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& url) {
  std::string_view view(url);
  constexpr std::string_view kSqlite = "sqlite:";
  if (view.starts_with(kSqlite)) {
    SC_ASSIGN_OR_RETURN(sqlite::ConnectionOptions options,
                        sqlite::ParseSqliteUrl(view.substr(kSqlite.size())));
    return sqlite::OpenSqliteStore(options);
  }
  // The rest of a URL may hold credentials (postgresql://user:password@...),
  // so errors name only the scheme.
  std::string_view scheme = view.substr(0, view.find(':'));
  if (scheme == "postgresql" || scheme == "postgres") {
    return InvalidArgument(
        "storage URL scheme 'postgresql' is not supported by this build yet");
  }
  return InvalidArgument(
      "unknown storage URL scheme '" + std::string(scheme.substr(0, 32)) +
      "'; expected sqlite:/path/file.db, sqlite::memory: or postgresql://...");
}

}  // namespace sc::storage
