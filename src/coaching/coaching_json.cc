// CoachingReportJson (docs/coaching.md, "JSON"). Boost.JSON stays in this
// file.
#include <boost/json.hpp>
#include <cmath>

#include "coaching/coaching.h"

namespace sc::coaching {
namespace json = boost::json;
namespace {

double Round3(double v) { return std::round(v * 1000.0) / 1000.0; }

json::array Moments(const std::vector<Moment>& ms) {
  json::array out;
  for (const Moment& m : ms) {
    json::value at = nullptr;
    if (m.at_s) at = Round3(*m.at_s);
    out.push_back(json::object{{"at_s", at}, {"text", m.text}});
  }
  return out;
}

}  // namespace

std::string CoachingReportJson(const CoachingReport& r) {
  json::array rubric;
  for (const RubricItem& it : r.rubric) {
    rubric.push_back(json::object{{"name", it.name},
                                  {"weight", it.weight},
                                  {"score", it.score},
                                  {"max", it.max},
                                  {"applicable", it.applicable},
                                  {"evidence", it.evidence}});
  }
  json::object coaching{
      {"score", r.score},
      {"rubric", std::move(rubric)},
      {"strengths", Moments(r.strengths)},
      {"improvements", Moments(r.improvements)},
      {"talk_ratio",
       json::object{{"agent", Round3(r.talk_ratio.agent)},
                    {"prospect", Round3(r.talk_ratio.prospect)},
                    {"benchmark_agent", r.talk_ratio.benchmark_agent},
                    {"recommendation", r.talk_ratio.recommendation}}}};
  json::array actions;
  for (const std::string& a : r.action_items)
    actions.push_back(json::string(a));
  json::array commitments;
  for (const Commitment& c : r.commitments) {
    json::value due = nullptr;
    if (c.due) due = json::string(FormatDate(*c.due));
    commitments.push_back(json::object{{"owner", OwnerName(c.owner)},
                                       {"at_s", Round3(c.at_s)},
                                       {"text", c.text},
                                       {"due", due},
                                       {"due_phrase", c.due_phrase}});
  }
  json::value date = nullptr, in_days = nullptr;
  if (r.follow_up.date) date = json::string(FormatDate(*r.follow_up.date));
  if (r.follow_up.in_days) in_days = *r.follow_up.in_days;
  json::array reasons;
  for (const std::string& s : r.relationship_delta.reasons) {
    reasons.push_back(json::string(s));
  }
  json::object doc{
      {"coaching", std::move(coaching)},
      {"summary", r.summary},
      {"action_items", std::move(actions)},
      {"commitments", std::move(commitments)},
      {"outcome", OutcomeName(r.outcome)},
      {"next_action", NextActionName(r.next_action)},
      {"follow_up",
       json::object{
           {"date", date},
           {"in_days", in_days},
           {"date_spoken", r.follow_up.date_spoken},
           {"email", json::object{{"subject", r.follow_up.email.subject},
                                  {"body", r.follow_up.email.body}}}}},
      {"relationship_delta", json::object{{"value", r.relationship_delta.value},
                                          {"reasons", std::move(reasons)}}}};
  return json::serialize(doc);
}

}  // namespace sc::coaching
