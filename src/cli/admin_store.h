// What the administrative subcommands (tenant, user, phone, user calibrate)
// share: opening the store the configuration names, and the exit code for
// a failure.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "storage/store.h"

namespace sc::cli {

// Loads the configuration at `config_path` (defaults when empty), lets
// `data_dir` (when set) override its data directory, turns the logs down to
// warnings (the command prints its own output), creates the data directory
// (a fresh install has none yet) and opens the store.
StatusOr<std::unique_ptr<storage::Store>> OpenAdminStore(
    const std::string& config_path, const std::string& data_dir);

// Prints "salescopilot COMMAND: STATUS" on stderr and returns the exit code:
// 2 for what the caller can fix (a bad argument, an unknown or existing
// name, a failed precondition), 1 for anything else.
int FailCommand(const char* command, const Status& s);

}  // namespace sc::cli
