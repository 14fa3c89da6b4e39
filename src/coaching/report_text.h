// Internal to sc_coaching: the text-producing parts of the report (summary,
// email draft, objection-category phrases) and shared word helpers. Not a
// public interface; coaching.h is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "coaching/coaching.h"

namespace sc::coaching {

// The facts the summary and email are written from.
struct ReportFacts {
  double duration_s = 0;
  double agent_ratio = 0;
  double benchmark = 0.30;
  int agent_questions = 0;
  std::vector<std::string> objection_categories;  // Distinct, in order.
  int objections = 0;
  int objections_answered = 0;
  std::vector<Commitment> agent_commitments;
  std::vector<std::string> topics_covered;  // "budget", "timeline", ...
  Outcome outcome = Outcome::kNurture;
  NextAction next_action = NextAction::kFollowUpCall;
  const FollowUp* follow_up = nullptr;
};

// "budget" -> "fitting this into your budget"; "" for categories that are
// not a concern worth writing back about (brush_off).
std::string ConcernPhrase(std::string_view category);

std::string BuildSummary(const ReportFacts& facts);

EmailDraft BuildEmail(const ReportFacts& facts,
                      const guidance::AiConfig& config,
                      const std::string& prospect_name);

// "2:34" for 154 seconds.
std::string Clock(double seconds);

// "Wednesday, March 19".
std::string LongDate(const CivilDate& d);

// True when the words include a meeting word ("call", "demo", "meet"...).
bool HasMeetingWord(const std::vector<std::string>& words);

}  // namespace sc::coaching
