#include "core/log.h"
#include "guidance/ai_config_json.h"
#include "pipeline/pipeline.h"

namespace sc::pipeline {

CallSettings StoreCallSettings::ForCall(const CallStarted& call) {
  CallSettings out;
  for (const char* key : {"user_id", "user"}) {
    auto it = call.custom_parameters.find(key);
    if (it != call.custom_parameters.end() && !it->second.empty()) {
      out.user_id = it->second;
      break;
    }
  }
  if (out.user_id.empty() || store_ == nullptr) return out;
  auto config = store_->GetAiConfig(out.user_id);
  if (config.ok()) {
    auto parsed = guidance::ParseAiConfigJson(config->config_json);
    if (parsed.ok()) {
      out.config = std::move(parsed).value();
    } else {
      LogWarn("settings.bad_ai_config",
              {F("user", out.user_id), F("error", parsed.status().ToString())});
    }
  } else if (config.status().code() != StatusCode::kNotFound) {
    LogWarn("settings.ai_config_unreadable",
            {F("user", out.user_id), F("error", config.status().ToString())});
  }
  // Feedback given on live calls is stored with the card's category and
  // approach (`kind`), the key the guidance engine learns by.
  auto feedback = store_->ListCardFeedbackForUser(out.user_id);
  if (feedback.ok()) {
    for (const storage::CardFeedbackRecord& f : *feedback) {
      out.feedback.Add(f.category, f.kind,
                       f.action == storage::CardAction::kUsed
                           ? guidance::FeedbackAction::kUsed
                           : guidance::FeedbackAction::kDismissed);
    }
  }
  return out;
}

}  // namespace sc::pipeline
