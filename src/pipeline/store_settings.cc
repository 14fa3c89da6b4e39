#include <map>

#include "core/log.h"
#include "guidance/ai_config_json.h"
#include "pipeline/pipeline.h"
#include "speech/calibration/voice_profile.h"

namespace sc::pipeline {

void StoreCallSettings::ApplyVoiceProfile(const std::string& tenant,
                                          CallSettings& out) {
  // Looked up by (tenant, user): a user id of another tenant finds none.
  auto record = store_->GetVoiceProfile(tenant, out.user_id);
  if (!record.ok()) {
    if (record.status().code() != StatusCode::kNotFound) {
      LogWarn("settings.voice_profile_unreadable",
              {F("user", out.user_id), F("error", record.status().ToString())});
    }
    return;
  }
  auto profile = speech::ParseVoiceProfileJson(record->profile_json);
  if (!profile.ok()) {
    LogWarn("settings.bad_voice_profile",
            {F("user", out.user_id), F("error", profile.status().ToString())});
    return;
  }
  out.agent_session.cmninit = profile->CmninitString();
  for (const speech::MissingWord& w : profile->missing_words) {
    if (!w.pronunciation.empty()) {
      out.agent_session.extra_words.push_back({w.word, w.pronunciation});
    }
  }
  out.agent_baseline_wpm = profile->words_per_minute;
  LogInfo("settings.voice_profile",
          {F("user", out.user_id), F("version", record->version),
           F("extra_words",
             static_cast<int64_t>(out.agent_session.extra_words.size()))});
}

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
  // Settings are per tenant: a user id is only honoured when it names a
  // stored user of the call's own tenant (a call without `tenant_id` is in
  // "default", like its stored record).
  std::string tenant = "default";
  if (auto it = call.custom_parameters.find("tenant_id");
      it != call.custom_parameters.end() && !it->second.empty()) {
    tenant = it->second;
  }
  auto user = store_->GetUser(out.user_id);
  if (!user.ok()) {
    if (user.status().code() == StatusCode::kNotFound) {
      LogInfo("settings.unknown_user",
              {F("call", call.call_sid), F("user", out.user_id),
               F("tenant", tenant)});
    } else {
      LogWarn("settings.user_unreadable",
              {F("call", call.call_sid), F("user", out.user_id),
               F("error", user.status().ToString())});
    }
    out.user_id.clear();
    return out;
  }
  if (user->tenant_id != tenant) {
    LogWarn("settings.user_of_other_tenant",
            {F("call", call.call_sid), F("user", out.user_id),
             F("call_tenant", tenant), F("user_tenant", user->tenant_id)});
    out.user_id.clear();
    return out;
  }
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
  ApplyVoiceProfile(tenant, out);
  // Feedback given on live calls is stored with the card's category and
  // approach (`kind`), the key the guidance engine learns by.
  // Only feedback given on calls of this tenant counts: the user id on a
  // feedback record is the client's word.
  auto feedback = store_->ListCardFeedbackForUser(out.user_id);
  if (feedback.ok()) {
    std::map<std::string, bool> same_tenant;  // By call sid.
    for (const storage::CardFeedbackRecord& f : *feedback) {
      auto [it, fresh] = same_tenant.try_emplace(f.call_sid, false);
      if (fresh) {
        auto c = store_->GetCall(f.call_sid);
        it->second = c.ok() && c->tenant_id == tenant;
      }
      if (!it->second) continue;
      out.feedback.Add(f.category, f.kind,
                       f.action == storage::CardAction::kUsed
                           ? guidance::FeedbackAction::kUsed
                           : guidance::FeedbackAction::kDismissed);
    }
  }
  return out;
}

}  // namespace sc::pipeline
