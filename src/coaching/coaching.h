// The post-call coaching report: a deterministic pure function from a
// call's transcript and analysis to a scored rubric, strengths and
// improvements with timestamps, the talk ratio against the benchmark, a
// summary, action items, spoken commitments and dates, the outcome and next
// action, a follow-up date and email draft, and a relationship-score
// change. Rubric, weights, rules and email styles: docs/coaching.md.
//
//   CoachingInput in;
//   in.utterances = finals;            // sorted by start time
//   in.metrics = analysis::ComputeConversationMetrics(finals);
//   in.objections = ...; in.sentiments = ...; in.config = user_config;
//   in.call_date = {2025, 3, 10};
//   CoachingReport r = BuildCoachingReport(in);
//   std::string json = CoachingReportJson(r);  // merged into the analysis
//
// Depends only on analysis value types and the user's AiConfig. No clock,
// no randomness, no I/O: the same input always gives the same report.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/conversation_metrics.h"
#include "analysis/types.h"
#include "coaching/dates.h"
#include "events/events.h"
#include "guidance/ai_config.h"

namespace sc::coaching {

struct CoachingInput {
  // The call's final utterances, sorted by start time.
  std::vector<TranscriptFinal> utterances;
  // One per utterance (parallel to `utterances`), or empty when sentiment
  // was not computed; rules that need it are then skipped.
  std::vector<analysis::Sentiment> sentiments;
  std::vector<analysis::Objection> objections;  // In time order.
  analysis::ConversationMetrics metrics;
  guidance::AiConfig config;  // Benchmark, communication style, names.
  CivilDate call_date;        // The day of the call, for spoken dates.
  int64_t duration_ms = 0;
  std::string prospect_name;  // For the email greeting; may be empty.
};

// One rubric line. Points are `score` out of `max` (= the weight); items
// that do not apply to this call (no objections raised, no answers to time)
// have applicable == false and are left out of the total.
struct RubricItem {
  std::string name;  // "talk_ratio", "questions", ... (docs/coaching.md)
  double weight = 0;
  double score = 0;
  double max = 0;
  bool applicable = true;
  std::string evidence;  // Why this score, in one sentence.
};

// A strength or an improvement. `at_s` is the call time it refers to, or
// empty for whole-call observations ("talk ratio above benchmark").
struct Moment {
  std::optional<double> at_s;
  std::string text;
};

struct TalkRatioAdvice {
  double agent = 0;
  double prospect = 0;
  double benchmark_agent = 0.30;
  std::string recommendation;  // "35% talk, 65% listen; benchmark 30/70; ..."
};

enum class Owner { kAgent, kProspect };
const char* OwnerName(Owner o);  // "agent" | "prospect"

// Something a side said they will do, with the date named with it.
struct Commitment {
  Owner owner = Owner::kAgent;
  double at_s = 0;
  std::string text;  // The commitment's words, e.g. "send you the proposal".
  std::optional<CivilDate> due;
  std::string due_phrase;  // "next wednesday"; empty without a date.
};

enum class Outcome {
  kQualifiedLead,
  kFollowUpScheduled,
  kNurture,
  kNotInterested,
  kLost,
};
const char* OutcomeName(Outcome o);  // "qualified_lead", ...

enum class NextAction {
  kSendProposal,
  kScheduleDemo,
  kSendInformation,
  kFollowUpCall,
  kCloseFile,
};
const char* NextActionName(NextAction a);  // "send_proposal", ...

struct EmailDraft {
  std::string subject;
  std::string body;
};

struct FollowUp {
  std::optional<CivilDate> date;  // Empty when there is no follow-up.
  std::optional<int> in_days;     // Days from the call date.
  bool date_spoken = false;       // true: named in the call; else suggested.
  EmailDraft email;
};

struct RelationshipDelta {
  int value = 0;  // -10..+10 on the CRM's 0..100 relationship score.
  std::vector<std::string> reasons;
};

struct CoachingReport {
  double score = 0;  // 0..100, the weighted rubric.
  std::vector<RubricItem> rubric;
  std::vector<Moment> strengths;
  std::vector<Moment> improvements;
  TalkRatioAdvice talk_ratio;
  std::string summary;
  std::vector<std::string> action_items;  // The agent's commitments, as tasks.
  std::vector<Commitment> commitments;    // Both sides'.
  Outcome outcome = Outcome::kNurture;
  NextAction next_action = NextAction::kFollowUpCall;
  FollowUp follow_up;
  RelationshipDelta relationship_delta;
};

CoachingReport BuildCoachingReport(const CoachingInput& input);

// The report as one JSON object with the top-level fields coaching
// {score, rubric[], strengths[], improvements[], talk_ratio}, summary,
// action_items[], commitments[], outcome, next_action, follow_up {date,
// in_days, email {subject, body}}, relationship_delta {value, reasons[]}
// (docs/coaching.md, "JSON"). Contains personal data (transcript words).
std::string CoachingReportJson(const CoachingReport& report);

// Spoken commitments in the utterances: "i will send you ...", "let me set
// up ...", "we'll get back to you ...", "i'll talk to my boss ...", each
// with the first date named in the same utterance. Exposed for tests and
// for the live pipeline.
std::vector<Commitment> FindCommitments(
    const std::vector<TranscriptFinal>& utterances, const CivilDate& call_date);

}  // namespace sc::coaching
