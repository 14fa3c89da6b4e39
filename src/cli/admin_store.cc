#include "cli/admin_store.h"

#include <filesystem>
#include <iostream>

#include "cli/config.h"
#include "core/log.h"

namespace sc::cli {

StatusOr<std::unique_ptr<storage::Store>> OpenAdminStore(
    const std::string& config_path, const std::string& data_dir) {
  SC_ASSIGN_OR_RETURN(AppConfig c, LoadConfig(config_path));
  if (!data_dir.empty()) c.data_dir = data_dir;
  SetLogOptions({LogLevel::kWarn, true});
  std::error_code ec;
  std::filesystem::create_directories(c.data_dir, ec);
  return storage::OpenStore(c.DatabaseUrl());
}

int FailCommand(const char* command, const Status& s) {
  std::cerr << "salescopilot " << command << ": " << s.ToString() << "\n";
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return 2;
    default:
      return 1;
  }
}

}  // namespace sc::cli
