#include "report/report.h"

#include <boost/json.hpp>
#include <cstdio>

#include "guidance/guidance.h"
#include "llm/follow_up.h"

namespace sc::report {
namespace json = boost::json;
namespace {

std::string RenderJson(const CallReport& r) {
  json::value doc = json::parse(analysis::AnalysisJson(r.analysis));
  json::value coaching = json::parse(coaching::CoachingReportJson(r.coaching));
  json::object& out = doc.as_object();
  for (auto& kv : coaching.as_object()) out[kv.key()] = std::move(kv.value());
  return json::serialize(doc);
}

std::string Clock(double s) {
  char buf[32];
  long total = static_cast<long>(s);
  std::snprintf(buf, sizeof buf, "%ld:%02ld", total / 60, total % 60);
  return buf;
}

}  // namespace

coaching::CivilDate UtcDate(int64_t unix_ms) {
  int64_t days =
      unix_ms >= 0 ? unix_ms / 86'400'000 : (unix_ms - 86'399'999) / 86'400'000;
  return coaching::CivilFromDays(days);
}

StatusOr<analysis::ObjectionDetector> DetectorFor(
    const guidance::AiConfig& config) {
  analysis::ObjectionOptions o;
  for (const guidance::KeyTrigger& t : config.key_triggers) {
    o.custom_triggers.push_back({t.phrase, t.category});
  }
  o.trigger_words = config.trigger_words;
  return analysis::ObjectionDetector::Create(std::move(o));
}

CallReport BuildCallReport(const CallStarted& call, int64_t started_unix_ms,
                           std::vector<TranscriptFinal> finals,
                           int64_t duration_ms, const ReportOptions& options) {
  analysis::AnalyzeOptions ao;
  ao.sentiment = options.sentiment;
  ao.objections = options.objections;
  std::optional<analysis::ObjectionDetector> own;
  if (ao.objections == nullptr && (!options.config.key_triggers.empty() ||
                                   !options.config.trigger_words.empty())) {
    // A trigger that does not compile was refused when the configuration
    // was saved; should one get here anyway, the built-in inventory still
    // runs (ao.objections stays null).
    auto d = DetectorFor(options.config);
    if (d.ok()) {
      own.emplace(std::move(d).value());
      ao.objections = &*own;
    }
  }
  CallReport r;
  r.analysis = analysis::AnalyzeCall(call, started_unix_ms, std::move(finals),
                                     duration_ms, ao);
  const guidance::Playbook& playbook = options.playbook != nullptr
                                           ? *options.playbook
                                           : guidance::DefaultPlaybook();
  for (analysis::Objection& o : r.analysis.objections) {
    o.suggestion = guidance::SuggestionFor(o, options.config, playbook);
  }
  coaching::CoachingInput in;
  in.utterances = r.analysis.utterances;
  in.sentiments = r.analysis.sentiments;
  in.objections = r.analysis.objections;
  in.metrics = r.analysis.metrics;
  in.config = options.config;
  in.duration_ms = duration_ms;
  if (options.call_date) {
    in.call_date = *options.call_date;
  } else {
    in.call_date =
        UtcDate(started_unix_ms != 0 ? started_unix_ms : options.today_unix_ms);
  }
  r.coaching = coaching::BuildCoachingReport(in);
  r.json = RenderJson(r);
  return r;
}

void ApplyWrittenFollowUp(CallReport& report, std::string summary,
                          std::string email_subject, std::string email_body) {
  report.coaching.summary = std::move(summary);
  report.coaching.follow_up.email.subject = std::move(email_subject);
  report.coaching.follow_up.email.body = std::move(email_body);
  report.json = RenderJson(report);
}

Status WriteFollowUpWithLlm(CallReport& report, llm::ChatClient& client,
                            const guidance::AiConfig& config) {
  const coaching::CoachingReport& c = report.coaching;
  llm::FollowUpFacts facts;
  facts.agent_name = config.agent_name;
  facts.company_name = config.company_name;
  facts.communication_style =
      guidance::CommunicationStyleName(config.communication_style);
  for (const analysis::Objection& o : report.analysis.objections) {
    bool seen = false;
    for (const std::string& have : facts.objection_categories) {
      seen = seen || have == o.category;
    }
    if (!seen) {
      facts.objection_categories.push_back(o.category);
      facts.concerns.push_back(o.trigger);
    }
  }
  for (const coaching::Commitment& m : c.commitments) {
    facts.commitments.push_back(
        std::string(coaching::OwnerName(m.owner)) + ": " + m.text +
        (m.due ? " (" + coaching::FormatDate(*m.due) + ")" : ""));
  }
  facts.action_items = c.action_items;
  facts.outcome = coaching::OutcomeName(c.outcome);
  facts.next_action = coaching::NextActionName(c.next_action);
  if (c.follow_up.date) {
    facts.follow_up_date = coaching::FormatDate(*c.follow_up.date);
  }
  facts.template_summary = c.summary;
  facts.template_email_subject = c.follow_up.email.subject;
  facts.template_email_body = c.follow_up.email.body;
  SC_ASSIGN_OR_RETURN(llm::WrittenFollowUp w,
                      llm::WriteSummaryAndEmail(client, facts));
  ApplyWrittenFollowUp(report, std::move(w.summary), std::move(w.email_subject),
                       std::move(w.email_body));
  return Status::Ok();
}

std::string CallReportText(const CallReport& r) {
  std::string out = analysis::AnalysisText(r.analysis);
  const coaching::CoachingReport& c = r.coaching;
  char line[200];
  std::snprintf(line, sizeof line, "\nScore: %.0f / 100\n", c.score);
  out += line;
  for (const coaching::RubricItem& item : c.rubric) {
    if (!item.applicable) continue;
    std::snprintf(line, sizeof line, "  %-20s %4.1f / %4.1f  ",
                  item.name.c_str(), item.score, item.max);
    out += line;
    out += item.evidence + "\n";
  }
  out += "Talk ratio: " + c.talk_ratio.recommendation + "\n";
  auto moments = [&](const char* title,
                     const std::vector<coaching::Moment>& list) {
    if (list.empty()) return;
    out += title;
    for (const coaching::Moment& m : list) {
      out += "  - ";
      if (m.at_s) out += "[" + Clock(*m.at_s) + "] ";
      out += m.text + "\n";
    }
  };
  moments("Strengths:\n", c.strengths);
  moments("Improvements:\n", c.improvements);
  out += "Summary: " + c.summary + "\n";
  for (const std::string& a : c.action_items) out += "Action: " + a + "\n";
  out += std::string("Outcome: ") + coaching::OutcomeName(c.outcome) +
         "  next action: " + coaching::NextActionName(c.next_action) + "\n";
  if (c.follow_up.date) {
    out += "Follow-up: " + coaching::FormatDate(*c.follow_up.date) + "\n";
  }
  out += "Email: " + c.follow_up.email.subject + "\n" + c.follow_up.email.body +
         "\n";
  std::snprintf(line, sizeof line, "Relationship: %+d\n",
                c.relationship_delta.value);
  out += line;
  return out;
}

}  // namespace sc::report
