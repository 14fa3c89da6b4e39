// Script-word helpers of voice calibration (internal; exposed for tests).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "speech/calibration/voice_profile.h"

namespace sc::speech::internal {

// The words of a script as they would be spoken and looked up: split on
// whitespace, hyphens and slashes; punctuation trimmed from the ends; pure
// numbers (spoken as other words) and empty pieces dropped. Case kept.
std::vector<std::string> ScriptWords(std::string_view script);
int CountScriptWords(std::string_view script);

// The script's words absent from `dictionary` (a CMUdict-format file), once
// each in order of first use, with generated pronunciations. NotFound /
// IoError when the dictionary cannot be read.
StatusOr<std::vector<MissingWord>> MissingScriptWords(
    std::string_view script, const std::string& dictionary);

}  // namespace sc::speech::internal
