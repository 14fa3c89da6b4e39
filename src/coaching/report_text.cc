// Summary and follow-up email from the report's facts (docs/coaching.md,
// "Summary" and "Email styles"). Templates, not a language model: the
// optional LLM rewrites these from the same facts when configured.
#include "coaching/report_text.h"

#include <cmath>
#include <cstdio>

namespace sc::coaching {
namespace {

constexpr const char* kWeekdayNames[] = {"Monday",   "Tuesday", "Wednesday",
                                         "Thursday", "Friday",  "Saturday",
                                         "Sunday"};
constexpr const char* kMonthNames[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// "a, b and c".
std::string List(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::vector<std::string> Concerns(const ReportFacts& f) {
  std::vector<std::string> out;
  for (const std::string& c : f.objection_categories) {
    std::string p = ConcernPhrase(c);
    if (!p.empty()) out.push_back(p);
  }
  return out;
}

std::vector<std::string> Promises(const ReportFacts& f) {
  std::vector<std::string> out;
  for (const Commitment& c : f.agent_commitments) out.push_back(c.text);
  return out;
}

const char* OutcomeWords(Outcome o) {
  switch (o) {
    case Outcome::kQualifiedLead:
      return "qualified lead";
    case Outcome::kFollowUpScheduled:
      return "follow-up scheduled";
    case Outcome::kNurture:
      return "nurture";
    case Outcome::kNotInterested:
      return "not interested";
    case Outcome::kLost:
      return "lost";
  }
  return "nurture";
}

const char* NextActionWords(NextAction a) {
  switch (a) {
    case NextAction::kSendProposal:
      return "send a proposal";
    case NextAction::kScheduleDemo:
      return "schedule a demo";
    case NextAction::kSendInformation:
      return "send information";
    case NextAction::kFollowUpCall:
      return "follow-up call";
    case NextAction::kCloseFile:
      return "close the file";
  }
  return "follow-up call";
}

std::string Percent(double r) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", std::round(r * 100));
  return buf;
}

}  // namespace

const char* OwnerName(Owner o) {
  return o == Owner::kAgent ? "agent" : "prospect";
}

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kQualifiedLead:
      return "qualified_lead";
    case Outcome::kFollowUpScheduled:
      return "follow_up_scheduled";
    case Outcome::kNurture:
      return "nurture";
    case Outcome::kNotInterested:
      return "not_interested";
    case Outcome::kLost:
      return "lost";
  }
  return "nurture";
}

const char* NextActionName(NextAction a) {
  switch (a) {
    case NextAction::kSendProposal:
      return "send_proposal";
    case NextAction::kScheduleDemo:
      return "schedule_demo";
    case NextAction::kSendInformation:
      return "send_information";
    case NextAction::kFollowUpCall:
      return "follow_up_call";
    case NextAction::kCloseFile:
      return "close_file";
  }
  return "follow_up_call";
}

std::string Clock(double seconds) {
  long s = std::lround(std::max(0.0, seconds));
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
                  s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

std::string LongDate(const CivilDate& d) {
  return std::string(kWeekdayNames[Weekday(d)]) + ", " +
         kMonthNames[d.month - 1] + " " + std::to_string(d.day);
}

std::string ConcernPhrase(std::string_view c) {
  if (c == "price") return "the price and the return on the investment";
  if (c == "budget") return "fitting this into your budget";
  if (c == "competitor") return "how we compare with your current provider";
  if (c == "status_quo") return "the effort of changing how you work today";
  if (c == "contract") return "the contract terms";
  if (c == "timing") return "the timing";
  if (c == "authority") return "involving the right people in the decision";
  if (c == "need") return "whether this fits your needs";
  if (c == "trust") return "our track record";
  if (c == "technical") return "the technical fit and integration";
  if (c == "brush_off" || c.empty()) return "";
  std::string out(c);
  for (char& ch : out) {
    if (ch == '_') ch = ' ';
  }
  return out;
}

std::string BuildSummary(const ReportFacts& f) {
  std::string s = Clock(f.duration_s) + " call. The agent spoke " +
                  Percent(f.agent_ratio) + " of the time (benchmark " +
                  Percent(f.benchmark) + ") and asked " +
                  std::to_string(f.agent_questions) +
                  (f.agent_questions == 1 ? " question" : " questions");
  if (!f.topics_covered.empty()) {
    s += ", covering " + List(f.topics_covered);
  }
  s += ". ";
  if (f.objections == 0) {
    s += "The prospect raised no objections. ";
  } else {
    s += "The prospect raised " + std::to_string(f.objections) +
         (f.objections == 1 ? " objection (" : " objections (") +
         List(f.objection_categories) + "); " +
         std::to_string(f.objections_answered) + " answered. ";
  }
  if (!f.agent_commitments.empty()) {
    s += "The agent committed to " + List(Promises(f)) + ". ";
  }
  if (f.follow_up != nullptr && f.follow_up->date) {
    s += std::string(f.follow_up->date_spoken ? "Follow-up agreed for "
                                              : "Suggested follow-up: ") +
         FormatDate(*f.follow_up->date) + ". ";
  }
  s += std::string("Outcome: ") + OutcomeWords(f.outcome) +
       "; next action: " + NextActionWords(f.next_action) + ".";
  return s;
}

EmailDraft BuildEmail(const ReportFacts& f, const guidance::AiConfig& config,
                      const std::string& prospect_name) {
  std::vector<std::string> concerns = Concerns(f);
  std::vector<std::string> promises = Promises(f);
  std::string when;
  if (f.follow_up != nullptr && f.follow_up->date) {
    when = LongDate(*f.follow_up->date);
  }
  std::string company = config.company_name;
  std::string signature = config.agent_name;
  if (!company.empty()) {
    signature += signature.empty() ? company : "\n" + company;
  }
  EmailDraft e;
  switch (config.communication_style) {
    case guidance::CommunicationStyle::kCasual: {
      e.subject = "Great chatting today";
      e.body = "Hi " +
               (prospect_name.empty() ? std::string("there") : prospect_name) +
               ",\n\nThanks for the chat today - really enjoyed it.";
      if (!concerns.empty()) {
        e.body += " I know " + List(concerns) +
                  (concerns.size() == 1 ? " is" : " are") +
                  " on your mind, so I'll keep that front and centre.";
      }
      if (!promises.empty())
        e.body += " As promised, I'll " + List(promises) + ".";
      e.body += when.empty() ? "\n\nLet me know when suits you to pick this up."
                             : "\n\nTalk on " + when + "!";
      e.body += "\n\nCheers,\n" + signature;
      break;
    }
    case guidance::CommunicationStyle::kTechnical: {
      e.subject = "Call notes and action items";
      e.body = "Hi " +
               (prospect_name.empty() ? std::string("there") : prospect_name) +
               ",\n\nSummary of today's call:\n";
      e.body +=
          "- Open points: " +
          (concerns.empty() ? std::string("none raised") : List(concerns)) +
          "\n";
      e.body += "- Action items (ours): " +
                (promises.empty() ? std::string("none") : List(promises)) +
                "\n";
      e.body +=
          "- Next call: " +
          (when.empty() ? std::string("to be agreed")
                        : FormatDate(*f.follow_up->date) + " (" + when + ")") +
          "\n";
      e.body += "\nReply with corrections or anything missing.\n\nRegards,\n" +
                signature;
      break;
    }
    case guidance::CommunicationStyle::kProfessional: {
      e.subject = promises.empty() ? "Following up on our conversation"
                                   : "Next steps from our conversation";
      e.body = (prospect_name.empty() ? std::string("Hello")
                                      : "Dear " + prospect_name) +
               ",\n\nThank you for taking the time to speak with me today.";
      if (!concerns.empty()) {
        e.body += " I understand that " + List(concerns) +
                  (concerns.size() == 1 ? " is" : " are") +
                  " important to you, and I want to make sure we address " +
                  (concerns.size() == 1 ? "it" : "them") + " properly.";
      }
      if (!promises.empty()) {
        e.body += " As promised, I will " + List(promises) + ".";
      }
      e.body += when.empty()
                    ? "\n\nPlease let me know a convenient time to continue "
                      "our conversation."
                    : "\n\nI look forward to speaking with you again on " +
                          when + ".";
      e.body += "\n\nBest regards,\n" + signature;
      break;
    }
  }
  while (!e.body.empty() && e.body.back() == '\n') e.body.pop_back();
  return e;
}

}  // namespace sc::coaching
