// Names, feedback records and feedback statistics (docs/guidance.md,
// "Feedback").
#include <boost/json.hpp>

#include "guidance/guidance.h"
#include "guidance/json_reader.h"

namespace sc::guidance {
namespace {

namespace json = boost::json;
using internal::AsObject;
using internal::ObjectReader;
using internal::Presence;

}  // namespace

const char* CardKindName(CardKind k) {
  switch (k) {
    case CardKind::kObjection:
      return "objection";
    case CardKind::kSentiment:
      return "sentiment";
    case CardKind::kTalkRatio:
      return "talk_ratio";
    case CardKind::kChecklist:
      return "checklist";
  }
  return "objection";
}

std::optional<CardKind> ParseCardKind(std::string_view name) {
  for (CardKind k : {CardKind::kObjection, CardKind::kSentiment,
                     CardKind::kTalkRatio, CardKind::kChecklist}) {
    if (name == CardKindName(k)) return k;
  }
  return std::nullopt;
}

const char* DispositionName(Disposition d) {
  switch (d) {
    case Disposition::kShown:
      return "shown";
    case Disposition::kQuietMode:
      return "quiet_mode";
    case Disposition::kNotificationOff:
      return "notification_off";
    case Disposition::kDuplicate:
      return "duplicate";
    case Disposition::kCooldown:
      return "cooldown";
    case Disposition::kMinGap:
      return "min_gap";
    case Disposition::kLowConfidence:
      return "low_confidence";
    case Disposition::kNotProspect:
      return "not_prospect";
    case Disposition::kNotActionable:
      return "not_actionable";
  }
  return "shown";
}

const char* FeedbackActionName(FeedbackAction a) {
  return a == FeedbackAction::kUsed ? "used" : "dismissed";
}

std::optional<FeedbackAction> ParseFeedbackAction(std::string_view name) {
  if (name == "used") return FeedbackAction::kUsed;
  if (name == "dismissed") return FeedbackAction::kDismissed;
  return std::nullopt;
}

std::string FeedbackRecordJson(const FeedbackRecord& r) {
  return json::serialize(json::object{{"card_id", r.card_id},
                                      {"kind", CardKindName(r.kind)},
                                      {"category", r.category},
                                      {"approach", r.approach},
                                      {"action", FeedbackActionName(r.action)},
                                      {"at_ms", r.at_ms}});
}

StatusOr<FeedbackRecord> ParseFeedbackRecordJson(std::string_view text) {
  SC_ASSIGN_OR_RETURN(json::value doc,
                      internal::ParseJsonText(text, "feedback"));
  SC_ASSIGN_OR_RETURN(const json::object* o, AsObject(doc, "feedback"));
  ObjectReader r(*o, "feedback");
  FeedbackRecord f;
  std::string kind, action;
  SC_RETURN_IF_ERROR(r.String("card_id", &f.card_id, Presence::kRequired));
  SC_RETURN_IF_ERROR(r.String("kind", &kind, Presence::kRequired));
  SC_RETURN_IF_ERROR(r.String("category", &f.category, Presence::kRequired));
  SC_RETURN_IF_ERROR(r.String("approach", &f.approach, Presence::kRequired));
  SC_RETURN_IF_ERROR(r.String("action", &action, Presence::kRequired));
  SC_RETURN_IF_ERROR(r.Int("at_ms", &f.at_ms, Presence::kRequired));
  SC_RETURN_IF_ERROR(r.Finish());
  std::optional<CardKind> k = ParseCardKind(kind);
  if (!k) {
    return InvalidArgument(
        "feedback.kind: expected one of objection, sentiment, talk_ratio, "
        "checklist (got \"" +
        kind + "\")");
  }
  std::optional<FeedbackAction> a = ParseFeedbackAction(action);
  if (!a) {
    return InvalidArgument(
        "feedback.action: expected used or dismissed (got \"" + action + "\")");
  }
  if (f.card_id.empty()) {
    return InvalidArgument("feedback.card_id: must not be empty");
  }
  if (f.at_ms < 0)
    return InvalidArgument("feedback.at_ms: must not be negative");
  f.kind = *k;
  f.action = *a;
  return f;
}

void FeedbackStats::Add(const FeedbackRecord& r) {
  Add(r.category, r.approach, r.action, 1);
}

void FeedbackStats::Add(std::string_view category, std::string_view approach,
                        FeedbackAction action, int64_t n) {
  Counts& c = counts_[Key(std::string(category), std::string(approach))];
  (action == FeedbackAction::kUsed ? c.used : c.dismissed) += n;
}

FeedbackStats::Counts FeedbackStats::For(std::string_view category,
                                         std::string_view approach) const {
  auto it = counts_.find(Key(std::string(category), std::string(approach)));
  return it == counts_.end() ? Counts() : it->second;
}

std::string FeedbackStatsJson(const FeedbackStats& stats) {
  json::array entries;
  for (const auto& [key, c] : stats.entries()) {
    entries.push_back(json::object{{"category", key.first},
                                   {"approach", key.second},
                                   {"used", c.used},
                                   {"dismissed", c.dismissed}});
  }
  return json::serialize(json::object{{"entries", std::move(entries)}});
}

StatusOr<FeedbackStats> ParseFeedbackStatsJson(std::string_view text) {
  SC_ASSIGN_OR_RETURN(json::value doc,
                      internal::ParseJsonText(text, "feedback_stats"));
  SC_ASSIGN_OR_RETURN(const json::object* o, AsObject(doc, "feedback_stats"));
  ObjectReader r(*o, "feedback_stats");
  SC_ASSIGN_OR_RETURN(const json::value* list,
                      r.Value("entries", Presence::kRequired));
  SC_RETURN_IF_ERROR(r.Finish());
  if (!list->is_array()) {
    return InvalidArgument("feedback_stats.entries: expected an array");
  }
  FeedbackStats stats;
  const json::array& a = list->get_array();
  for (size_t i = 0; i < a.size(); ++i) {
    std::string path = "feedback_stats.entries[" + std::to_string(i) + "]";
    SC_ASSIGN_OR_RETURN(const json::object* e, AsObject(a[i], path));
    ObjectReader er(*e, path);
    std::string category, approach;
    int64_t used = 0, dismissed = 0;
    SC_RETURN_IF_ERROR(er.String("category", &category, Presence::kRequired));
    SC_RETURN_IF_ERROR(er.String("approach", &approach, Presence::kRequired));
    SC_RETURN_IF_ERROR(er.Int("used", &used, Presence::kRequired));
    SC_RETURN_IF_ERROR(er.Int("dismissed", &dismissed, Presence::kRequired));
    SC_RETURN_IF_ERROR(er.Finish());
    if (used < 0 || dismissed < 0) {
      return InvalidArgument(path + ": counts must not be negative");
    }
    stats.Add(category, approach, FeedbackAction::kUsed, used);
    stats.Add(category, approach, FeedbackAction::kDismissed, dismissed);
  }
  return stats;
}

}  // namespace sc::guidance
