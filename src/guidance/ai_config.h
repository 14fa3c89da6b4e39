// Per-user AI configuration: how the copilot speaks to one salesperson
// (PRODUCT.md, "Per-user AI configuration"). Plain values with documented
// defaults; read by guidance (which card, how worded, when) and coaching
// (email tone, benchmark). The JSON form (storage and the HTTP API) is in
// ai_config_json.h (ParseAiConfigJson / AiConfigJson; docs/guidance.md).
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc::guidance {

enum class SalesStyle { kConsultative, kTransactional, kRelationship };
enum class ObjectionHandling { kSoftClose, kHardClose, kCollaborative };
enum class CommunicationStyle { kProfessional, kCasual, kTechnical };
enum class ResponseStyle { kConcise, kDetailed, kCasual };

// A user's own trigger: when the prospect says `phrase` (fuzzy matched like
// the built-in phrases), the detector reports `category` (one of the
// objection categories, or a user-defined name such as "integration").
struct KeyTrigger {
  std::string phrase;
  std::string category;
};

struct NotificationPreferences {
  bool objection_alerts = true;
  bool sentiment_warnings = true;
  bool talk_ratio_reminders = true;
  bool checklist_reminders = true;
};

struct AiConfig {
  SalesStyle sales_style = SalesStyle::kConsultative;
  ObjectionHandling objection_handling = ObjectionHandling::kCollaborative;
  CommunicationStyle communication_style = CommunicationStyle::kProfessional;
  ResponseStyle response_style = ResponseStyle::kConcise;
  std::string industry;                     // e.g. "logistics"; may be empty.
  std::vector<std::string> industry_terms;  // Product and domain words.
  std::vector<KeyTrigger> key_triggers;     // Phrase -> category.
  std::vector<std::string> trigger_words;   // Single words -> "custom" hits.
  // Quiet mode: nothing is pushed during the call except what the agent asks
  // for; detections are still recorded for the report.
  bool quiet_mode = false;
  bool voice_guidance = false;  // Earpiece hints (text-to-speech) on/off.
  NotificationPreferences notifications;
  // The talk-ratio benchmark: the agent's target share of talk time.
  double target_agent_talk_ratio = 0.30;
  // The user's name and company, for the email signature; may be empty.
  std::string agent_name;
  std::string company_name;
};

const char* SalesStyleName(SalesStyle s);                // "consultative", ...
const char* ObjectionHandlingName(ObjectionHandling h);  // "soft_close", ...
const char* CommunicationStyleName(CommunicationStyle s);  // "professional"...
const char* ResponseStyleName(ResponseStyle s);            // "concise", ...

// The inverses of the *Name functions: the enum named `name` (exact,
// lower-case wire names), or nullopt when `name` names none.
std::optional<SalesStyle> ParseSalesStyle(std::string_view name);
std::optional<ObjectionHandling> ParseObjectionHandling(std::string_view name);
std::optional<CommunicationStyle> ParseCommunicationStyle(
    std::string_view name);
std::optional<ResponseStyle> ParseResponseStyle(std::string_view name);

}  // namespace sc::guidance
