// The JSON form of AiConfig, for storage and the HTTP API (docs/guidance.md,
// "AI configuration JSON").
//
//   SC_ASSIGN_OR_RETURN(AiConfig config, ParseAiConfigJson(body));
//   std::string stored = AiConfigJson(config);
//
// Parsing is strict: unknown fields, wrong types and out-of-range values are
// InvalidArgument errors whose message starts with the field's path
// ("ai_config.response_style: expected one of concise, detailed, casual (got
// \"short\")"). Absent fields keep the AiConfig defaults, so "{}" is the
// default configuration. AiConfigJson writes every field;
// ParseAiConfigJson(AiConfigJson(c)) == c for any c that ValidateAiConfig
// accepts.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "guidance/ai_config.h"

namespace sc::guidance {

// Checks the values a parsed or hand-built configuration must satisfy:
// target_agent_talk_ratio in [0.05, 0.95]; key trigger phrases non-empty
// (at most 200 characters) with categories of lower-case letters, digits and
// '_' (at most 40 characters); trigger words non-empty without spaces; at
// most 500 entries per list; strings at most 200 characters.
Status ValidateAiConfig(const AiConfig& config);

StatusOr<AiConfig> ParseAiConfigJson(std::string_view json);
std::string AiConfigJson(const AiConfig& config);

}  // namespace sc::guidance
