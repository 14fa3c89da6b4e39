#include "guidance/ai_config_json.h"

#include <boost/json.hpp>

#include "guidance/json_reader.h"

namespace sc::guidance {
namespace {

namespace json = boost::json;
using internal::ObjectReader;
using internal::Presence;

constexpr size_t kMaxListEntries = 500;
constexpr size_t kMaxStringChars = 200;
constexpr size_t kMaxCategoryChars = 40;

// Reads an enum field through its Parse* function; the error lists the
// accepted names so the caller can fix the value without reading the docs.
template <typename E>
Status ReadEnum(ObjectReader& r, std::string_view key, E* out,
                std::optional<E> (*parse)(std::string_view),
                const char* accepted) {
  std::string name;
  bool present = false;
  {
    SC_ASSIGN_OR_RETURN(const json::value* v,
                        r.Value(key, Presence::kOptional));
    present = v != nullptr;
  }
  if (!present) return Status::Ok();
  SC_RETURN_IF_ERROR(r.String(key, &name));
  std::optional<E> e = parse(name);
  if (!e) {
    return InvalidArgument(r.PathOf(key) + ": expected one of " + accepted +
                           " (got \"" + name + "\")");
  }
  *out = *e;
  return Status::Ok();
}

Status CheckLength(const std::string& path, const std::string& s) {
  if (s.size() > kMaxStringChars) {
    return InvalidArgument(path + ": longer than " +
                           std::to_string(kMaxStringChars) + " characters");
  }
  return Status::Ok();
}

bool IsCategoryName(const std::string& s) {
  if (s.empty() || s.size() > kMaxCategoryChars) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

bool IsBlank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

json::array StringArray(const std::vector<std::string>& v) {
  json::array a;
  for (const std::string& s : v) a.emplace_back(s);
  return a;
}

}  // namespace

Status ValidateAiConfig(const AiConfig& c) {
  const std::string root = "ai_config";
  if (!(c.target_agent_talk_ratio >= 0.05 &&
        c.target_agent_talk_ratio <= 0.95)) {
    return InvalidArgument(root +
                           ".target_agent_talk_ratio: must be between 0.05 "
                           "and 0.95 (the agent's share of talk time)");
  }
  SC_RETURN_IF_ERROR(CheckLength(root + ".industry", c.industry));
  SC_RETURN_IF_ERROR(CheckLength(root + ".agent_name", c.agent_name));
  SC_RETURN_IF_ERROR(CheckLength(root + ".company_name", c.company_name));
  if (c.industry_terms.size() > kMaxListEntries ||
      c.key_triggers.size() > kMaxListEntries ||
      c.trigger_words.size() > kMaxListEntries) {
    return InvalidArgument(root + ": at most " +
                           std::to_string(kMaxListEntries) +
                           " industry_terms, key_triggers and trigger_words");
  }
  for (size_t i = 0; i < c.industry_terms.size(); ++i) {
    std::string path = root + ".industry_terms[" + std::to_string(i) + "]";
    if (IsBlank(c.industry_terms[i])) {
      return InvalidArgument(path + ": must not be empty");
    }
    SC_RETURN_IF_ERROR(CheckLength(path, c.industry_terms[i]));
  }
  for (size_t i = 0; i < c.key_triggers.size(); ++i) {
    std::string path = root + ".key_triggers[" + std::to_string(i) + "]";
    const KeyTrigger& t = c.key_triggers[i];
    if (IsBlank(t.phrase)) {
      return InvalidArgument(path + ".phrase: must not be empty");
    }
    SC_RETURN_IF_ERROR(CheckLength(path + ".phrase", t.phrase));
    if (!IsCategoryName(t.category)) {
      return InvalidArgument(path +
                             ".category: must be 1-40 characters of a-z, 0-9 "
                             "and _ (got \"" +
                             t.category + "\")");
    }
  }
  for (size_t i = 0; i < c.trigger_words.size(); ++i) {
    std::string path = root + ".trigger_words[" + std::to_string(i) + "]";
    const std::string& w = c.trigger_words[i];
    if (IsBlank(w)) return InvalidArgument(path + ": must not be empty");
    if (w.find_first_of(" \t\r\n") != std::string::npos) {
      return InvalidArgument(path +
                             ": must be a single word (use key_triggers for "
                             "phrases)");
    }
    SC_RETURN_IF_ERROR(CheckLength(path, w));
  }
  return Status::Ok();
}

StatusOr<AiConfig> ParseAiConfigJson(std::string_view text) {
  SC_ASSIGN_OR_RETURN(json::value doc,
                      internal::ParseJsonText(text, "ai_config"));
  SC_ASSIGN_OR_RETURN(const json::object* o,
                      internal::AsObject(doc, "ai_config"));
  AiConfig c;
  ObjectReader r(*o, "ai_config");
  SC_RETURN_IF_ERROR(ReadEnum(r, "sales_style", &c.sales_style,
                              &ParseSalesStyle,
                              "consultative, transactional, relationship"));
  SC_RETURN_IF_ERROR(ReadEnum(r, "objection_handling", &c.objection_handling,
                              &ParseObjectionHandling,
                              "soft_close, hard_close, collaborative"));
  SC_RETURN_IF_ERROR(ReadEnum(r, "communication_style", &c.communication_style,
                              &ParseCommunicationStyle,
                              "professional, casual, technical"));
  SC_RETURN_IF_ERROR(ReadEnum(r, "response_style", &c.response_style,
                              &ParseResponseStyle,
                              "concise, detailed, casual"));
  SC_RETURN_IF_ERROR(r.String("industry", &c.industry));
  SC_RETURN_IF_ERROR(r.StringList("industry_terms", &c.industry_terms));
  SC_RETURN_IF_ERROR(r.StringList("trigger_words", &c.trigger_words));
  SC_ASSIGN_OR_RETURN(const json::value* triggers,
                      r.Value("key_triggers", Presence::kOptional));
  if (triggers != nullptr) {
    const std::string path = r.PathOf("key_triggers");
    if (!triggers->is_array()) {
      return InvalidArgument(path + ": expected an array of objects");
    }
    c.key_triggers.clear();
    const json::array& a = triggers->get_array();
    for (size_t i = 0; i < a.size(); ++i) {
      std::string item = path + "[" + std::to_string(i) + "]";
      SC_ASSIGN_OR_RETURN(const json::object* t,
                          internal::AsObject(a[i], item));
      ObjectReader tr(*t, item);
      KeyTrigger k;
      SC_RETURN_IF_ERROR(tr.String("phrase", &k.phrase, Presence::kRequired));
      SC_RETURN_IF_ERROR(
          tr.String("category", &k.category, Presence::kRequired));
      SC_RETURN_IF_ERROR(tr.Finish());
      c.key_triggers.push_back(std::move(k));
    }
  }
  SC_RETURN_IF_ERROR(r.Bool("quiet_mode", &c.quiet_mode));
  SC_RETURN_IF_ERROR(r.Bool("voice_guidance", &c.voice_guidance));
  SC_ASSIGN_OR_RETURN(const json::value* notes,
                      r.Value("notifications", Presence::kOptional));
  if (notes != nullptr) {
    SC_ASSIGN_OR_RETURN(const json::object* n,
                        internal::AsObject(*notes, r.PathOf("notifications")));
    ObjectReader nr(*n, r.PathOf("notifications"));
    NotificationPreferences& p = c.notifications;
    SC_RETURN_IF_ERROR(nr.Bool("objection_alerts", &p.objection_alerts));
    SC_RETURN_IF_ERROR(nr.Bool("sentiment_warnings", &p.sentiment_warnings));
    SC_RETURN_IF_ERROR(
        nr.Bool("talk_ratio_reminders", &p.talk_ratio_reminders));
    SC_RETURN_IF_ERROR(nr.Bool("checklist_reminders", &p.checklist_reminders));
    SC_RETURN_IF_ERROR(nr.Finish());
  }
  SC_RETURN_IF_ERROR(
      r.Number("target_agent_talk_ratio", &c.target_agent_talk_ratio));
  SC_RETURN_IF_ERROR(r.String("agent_name", &c.agent_name));
  SC_RETURN_IF_ERROR(r.String("company_name", &c.company_name));
  SC_RETURN_IF_ERROR(r.Finish());
  SC_RETURN_IF_ERROR(ValidateAiConfig(c));
  return c;
}

std::string AiConfigJson(const AiConfig& c) {
  json::array triggers;
  for (const KeyTrigger& t : c.key_triggers) {
    triggers.push_back(
        json::object{{"phrase", t.phrase}, {"category", t.category}});
  }
  const NotificationPreferences& n = c.notifications;
  json::object o{
      {"sales_style", SalesStyleName(c.sales_style)},
      {"objection_handling", ObjectionHandlingName(c.objection_handling)},
      {"communication_style", CommunicationStyleName(c.communication_style)},
      {"response_style", ResponseStyleName(c.response_style)},
      {"industry", c.industry},
      {"industry_terms", StringArray(c.industry_terms)},
      {"key_triggers", std::move(triggers)},
      {"trigger_words", StringArray(c.trigger_words)},
      {"quiet_mode", c.quiet_mode},
      {"voice_guidance", c.voice_guidance},
      {"notifications",
       {{"objection_alerts", n.objection_alerts},
        {"sentiment_warnings", n.sentiment_warnings},
        {"talk_ratio_reminders", n.talk_ratio_reminders},
        {"checklist_reminders", n.checklist_reminders}}},
      {"target_agent_talk_ratio", c.target_agent_talk_ratio},
      {"agent_name", c.agent_name},
      {"company_name", c.company_name}};
  return json::serialize(o);
}

}  // namespace sc::guidance
