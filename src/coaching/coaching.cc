// BuildCoachingReport: rubric, moments, outcome and follow-up
// (docs/coaching.md). Text templates are in report_text.cc, commitments in
// commitments.cc, JSON in coaching_json.cc.
#include "coaching/coaching.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <string_view>

#include "analysis/questions.h"
#include "coaching/report_text.h"

namespace sc::coaching {
namespace {

using Words = std::vector<std::string>;

using WordList = std::vector<std::string_view>;

bool HasAny(const Words& w, const WordList& set) {
  for (const std::string& s : w) {
    if (std::find(set.begin(), set.end(), s) != set.end()) return true;
  }
  return false;
}

// True when the word sequence contains `phrase` (space-separated words).
bool HasPhrase(const Words& w, std::string_view phrase) {
  Words p;
  size_t start = 0;
  while (start <= phrase.size()) {
    size_t sp = phrase.find(' ', start);
    if (sp == std::string_view::npos) sp = phrase.size();
    p.emplace_back(phrase.substr(start, sp - start));
    start = sp + 1;
  }
  if (p.empty() || w.size() < p.size()) return false;
  return std::search(w.begin(), w.end(), p.begin(), p.end()) != w.end();
}

bool HasAnyPhrase(const Words& w, std::initializer_list<std::string_view> ps) {
  for (std::string_view p : ps) {
    if (HasPhrase(w, p)) return true;
  }
  return false;
}

double Sec(int64_t ms) { return static_cast<double>(ms) / 1000.0; }

// Linear credit: 1 at or better than `good`, 0 at or worse than `bad`.
double Ramp(double v, double good, double bad) {
  if (good < bad) {
    if (v <= good) return 1;
    if (v >= bad) return 0;
    return (bad - v) / (bad - good);
  }
  if (v >= good) return 1;
  if (v <= bad) return 0;
  return (v - bad) / (good - bad);
}

std::string Fmt(const char* format, double a, double b = 0, double c = 0) {
  char buf[256];
  std::snprintf(buf, sizeof buf, format, a, b, c);
  return buf;
}

// Discovery topics and the words that mark a question as being about them.
struct Topic {
  const char* name;
  WordList words;
};
const Topic kTopics[] = {
    {"budget",
     {"budget", "budgets", "spend", "spending", "afford", "cost", "costs",
      "price", "pricing", "invest", "investment"}},
    {"timeline",
     {"timeline", "timeframe", "deadline", "when", "soon", "quarter", "date",
      "urgency", "urgent"}},
    {"decision process",
     {"decision", "decide", "decides", "approve", "approval", "sign", "signs",
      "involved", "boss", "stakeholders", "authority"}},
    {"needs",
     {"challenge", "challenges", "problem", "problems", "pain", "goal", "goals",
      "struggle", "struggling", "need", "needs", "priority", "priorities",
      "issue", "issues"}},
    {"current solution",
     {"currently", "today", "using", "provider", "vendor", "system", "process",
      "tool", "tools"}},
};

// Words that show an answer engages with an objection's category.
const WordList& CategoryWords(std::string_view c) {
  static const WordList kEmpty;
  static const WordList kMoney = {
      "value",      "roi",      "return",  "save",  "saves",   "saving",
      "savings",    "cost",     "costs",   "pay",   "payback", "invest",
      "investment", "discount", "pricing", "price", "budget",  "month",
      "worth",      "pilot",    "phase",   "plan",  "fuel"};
  static const WordList kChange = {
      "compare",  "compared", "different", "unlike",    "switch",
      "provider", "vendor",   "better",    "currently", "today",
      "change",   "pilot",    "risk",      "improve",   "alongside"};
  static const WordList kContract = {"contract", "term",     "terms",
                                     "cancel",   "flexible", "renewal",
                                     "monthly",  "exit",     "commitment"};
  static const WordList kTiming = {"time",  "timeline", "later",   "quarter",
                                   "now",   "wait",     "waiting", "start",
                                   "month", "when"};
  static const WordList kAuthority = {"decision", "team",    "boss", "manager",
                                      "involve",  "meeting", "loop", "who",
                                      "together", "join"};
  static const WordList kProof = {
      "reference", "references", "case",     "customers", "proof",
      "guarantee", "trial",      "security", "integrate", "integration",
      "support",   "example",    "help",     "works",     "setup"};
  if (c == "price" || c == "budget") return kMoney;
  if (c == "competitor" || c == "status_quo") return kChange;
  if (c == "contract") return kContract;
  if (c == "timing") return kTiming;
  if (c == "authority") return kAuthority;
  if (c == "trust" || c == "need" || c == "technical") return kProof;
  return kEmpty;
}

bool Acknowledges(const Words& w) {
  return HasAnyPhrase(
      w, {"understand", "hear you", "fair", "makes sense", "appreciate",
          "good question", "totally", "i get that", "great point", "reasonable",
          "good point", "that's fair"});
}

struct ObjectionResult {
  const analysis::Objection* objection = nullptr;
  double credit = 0;        // 1 answered, 0.5 answered but still negative.
  double answer_at_s = -1;  // The agent's answer, when there was one.
};

ObjectionResult JudgeObjection(const CoachingInput& in,
                               const analysis::Objection& o) {
  ObjectionResult r;
  r.objection = &o;
  const auto& u = in.utterances;
  // The agent's next real turn within 60 s of the objection.
  size_t answer = u.size();
  for (size_t i = 0; i < u.size(); ++i) {
    if (u[i].speaker != Speaker::kAgent || u[i].start_ms <= o.at_ms) continue;
    if (u[i].start_ms > o.at_ms + 60000) break;
    if (analysis::SpokenWords(u[i].text).size() <= 2) continue;
    answer = i;
    break;
  }
  if (answer == u.size()) return r;
  Words w = analysis::SpokenWords(u[answer].text);
  bool engages = HasAny(w, CategoryWords(o.category)) || Acknowledges(w) ||
                 analysis::IsQuestion(u[answer].text);
  if (w.size() < 5 || !engages) return r;
  r.answer_at_s = Sec(u[answer].start_ms);
  r.credit = 1;
  // The prospect's reaction: their next utterance's sentiment.
  if (in.sentiments.size() == u.size()) {
    for (size_t i = answer + 1; i < u.size(); ++i) {
      if (u[i].speaker != Speaker::kProspect) continue;
      if (in.sentiments[i].score <= -0.3) r.credit = 0.5;
      break;
    }
  }
  return r;
}

struct Signals {
  bool lost = false;
  bool not_interested = false;
  bool info_request = false;
  bool proposal = false;
  bool demo = false;
  bool buying = false;  // Prospect asks about price, start, contract, steps.
};

Signals ReadSignals(const CoachingInput& in,
                    const std::vector<Commitment>& commitments) {
  Signals s;
  for (const TranscriptFinal& f : in.utterances) {
    Words w = analysis::SpokenWords(f.text);
    if (f.speaker == Speaker::kProspect) {
      s.lost = s.lost || HasAnyPhrase(w, {"went with", "decided to go with",
                                          "signed with", "going with another",
                                          "chose another", "already signed",
                                          "already bought", "decided against"});
      s.not_interested =
          s.not_interested ||
          HasAnyPhrase(
              w, {"not interested", "no thanks", "no thank you", "stop calling",
                  "don't call", "remove me", "take me off", "not a fit",
                  "not for us", "not looking"});
      s.info_request =
          s.info_request ||
          HasAnyPhrase(w, {"send me some information", "send me information",
                           "send me some info", "send me info", "email me",
                           "send something over", "send me something",
                           "send over some"});
      s.proposal =
          s.proposal || HasAnyPhrase(w, {"proposal", "quote", "send me pricing",
                                         "send the pricing"});
      s.demo = s.demo || HasAny(w, {"demo", "walkthrough", "trial"});
      if (analysis::IsQuestion(f.text) &&
          HasAny(w, {"price", "pricing", "cost", "contract", "start",
                     "onboarding", "implementation", "setup", "next", "trial",
                     "proposal", "demo", "integrate"})) {
        s.buying = true;
      }
    }
  }
  for (const Commitment& c : commitments) {
    Words w = analysis::SpokenWords(c.text);
    s.proposal = s.proposal || HasAny(w, {"proposal", "quote", "pricing"});
    s.demo = s.demo || HasAny(w, {"demo", "walkthrough", "trial"});
  }
  return s;
}

}  // namespace

CoachingReport BuildCoachingReport(const CoachingInput& in) {
  CoachingReport r;
  const analysis::ConversationMetrics& m = in.metrics;
  const double target = in.config.target_agent_talk_ratio;
  const double call_s = std::max(m.conversation_s, Sec(in.duration_ms));
  const double call_min = call_s / 60.0;
  const double end_s = call_s;

  // ---- Facts ---------------------------------------------------------------
  std::vector<Commitment> commitments =
      FindCommitments(in.utterances, in.call_date);
  std::vector<ObjectionResult> judged;
  for (const analysis::Objection& o : in.objections) {
    if (o.speaker == Speaker::kProspect)
      judged.push_back(JudgeObjection(in, o));
  }
  std::vector<std::string> covered;
  double first_question_s = -1;
  double topic_mention_s[std::size(kTopics)];
  std::fill(std::begin(topic_mention_s), std::end(topic_mention_s), -1.0);
  for (const TranscriptFinal& f : in.utterances) {
    Words w = analysis::SpokenWords(f.text);
    bool question =
        f.speaker == Speaker::kAgent && analysis::IsQuestion(f.text);
    if (question && first_question_s < 0) first_question_s = Sec(f.start_ms);
    for (size_t t = 0; t < std::size(kTopics); ++t) {
      if (!HasAny(w, kTopics[t].words)) continue;
      if (question && std::find(covered.begin(), covered.end(),
                                kTopics[t].name) == covered.end()) {
        covered.push_back(kTopics[t].name);
      }
      if (f.speaker == Speaker::kProspect && topic_mention_s[t] < 0) {
        topic_mention_s[t] = Sec(f.start_ms);
      }
    }
  }
  // The agreed next step: the first dated commitment to meet or talk
  // ("let's talk next wednesday"), else the first dated commitment of any
  // kind ("i'll send it by friday").
  const Commitment* agreed = nullptr;
  for (const Commitment& c : commitments) {
    if (!c.due || DaysBetween(in.call_date, *c.due) < 0) continue;
    bool meeting = HasMeetingWord(analysis::SpokenWords(c.text));
    if (meeting && (agreed == nullptr ||
                    !HasMeetingWord(analysis::SpokenWords(agreed->text)))) {
      agreed = &c;
      break;
    }
    if (agreed == nullptr) agreed = &c;
  }
  bool agent_committed =
      std::any_of(commitments.begin(), commitments.end(),
                  [](const Commitment& c) { return c.owner == Owner::kAgent; });

  // ---- Rubric --------------------------------------------------------------
  auto add = [&](const char* name, double weight, double credit,
                 bool applicable, std::string evidence) {
    RubricItem it;
    it.name = name;
    it.weight = weight;
    it.max = weight;
    it.applicable = applicable;
    it.score = applicable ? std::round(weight * credit * 10) / 10 : 0;
    it.evidence = std::move(evidence);
    r.rubric.push_back(std::move(it));
  };
  bool spoke = m.agent.talk_time_s + m.prospect.talk_time_s > 0;
  double diff = std::abs(m.agent_talk_ratio - target);
  add("talk_ratio", 15, Ramp(diff, 0.05, 0.35), spoke,
      Fmt("Agent spoke %.0f%% of the time against a %.0f%% benchmark.",
          m.agent_talk_ratio * 100, target * 100));
  int want_q = std::clamp(static_cast<int>(std::lround(call_min * 0.8)), 3, 12);
  add("questions", 15,
      std::min(1.0, static_cast<double>(m.agent.questions) / want_q), spoke,
      Fmt("%.0f questions asked; about %.0f expected for a call this long.",
          m.agent.questions, want_q));
  add(
      "discovery", 10, std::min(1.0, covered.size() / 3.0), spoke,
      covered.empty() ? std::string("No discovery topic was asked about.")
                      : "Asked about " +
                            [&] {
                              std::string s;
                              for (size_t i = 0; i < covered.size(); ++i) {
                                s += (i ? ", " : "") + covered[i];
                              }
                              return s;
                            }() +
                            ".");
  double handled = 0;
  int answered = 0;
  for (const ObjectionResult& o : judged) {
    handled += o.credit;
    if (o.credit > 0) ++answered;
  }
  add("objection_handling", 20,
      judged.empty() ? 0 : handled / static_cast<double>(judged.size()),
      !judged.empty(),
      judged.empty() ? std::string("No objections were raised.")
                     : Fmt("%.0f of %.0f objections answered.", answered,
                           static_cast<double>(judged.size())));
  add("next_step", 15,
      agreed            ? 1.0
      : agent_committed ? 0.6
                        : 0.0,
      spoke,
      agreed
          ? "A next step was agreed with a date (" + agreed->due_phrase + ")."
      : agent_committed
          ? std::string("A next step was promised without a date.")
          : std::string("No next step was agreed."));
  add("monologue", 10, Ramp(m.agent.longest_monologue_s, 60, 180),
      m.agent.talk_time_s > 0,
      Fmt("Longest agent monologue %.0f s (aim for under 60 s).",
          m.agent.longest_monologue_s));
  add("patience", 5, Ramp(m.patience_s, 0.6, 0.1), m.patience_samples > 0,
      Fmt("Average pause before answering %.2f s over %.0f answers.",
          m.patience_s, m.patience_samples));
  add("filler_words", 5, Ramp(m.agent.fillers_per_100_words, 2, 8),
      m.agent.words > 0,
      Fmt("%.1f filler words per 100 words.", m.agent.fillers_per_100_words));
  double per10 = call_min > 0 ? m.agent.interruptions / call_min * 10 : 0;
  add("interruptions", 5, Ramp(per10, 1, 5), spoke,
      Fmt("%.0f interruptions by the agent (%.1f per 10 minutes).",
          m.agent.interruptions, per10));
  double got = 0, max = 0;
  for (const RubricItem& it : r.rubric) {
    if (!it.applicable) continue;
    got += it.score;
    max += it.max;
  }
  r.score = max > 0 ? std::round(100.0 * got / max) : 0;

  // ---- Talk ratio ----------------------------------------------------------
  r.talk_ratio.agent = m.agent_talk_ratio;
  r.talk_ratio.prospect = m.prospect_talk_ratio;
  r.talk_ratio.benchmark_agent = target;
  std::string ratio =
      Fmt("%.0f%% talk, %.0f%% listen; benchmark %.0f/",
          m.agent_talk_ratio * 100, m.prospect_talk_ratio * 100, target * 100) +
      Fmt("%.0f. ", (1 - target) * 100);
  if (!spoke) {
    r.talk_ratio.recommendation = "Nobody spoke on this call.";
  } else if (diff <= 0.05) {
    r.talk_ratio.recommendation =
        ratio + "On benchmark: keep listening this way.";
  } else if (m.agent_talk_ratio > target) {
    r.talk_ratio.recommendation =
        ratio +
        "You talked more than the benchmark: ask open questions, "
        "pause after answers and let the prospect finish.";
  } else {
    r.talk_ratio.recommendation =
        ratio +
        "You talked less than the benchmark: guide the conversation "
        "and share how you can help.";
  }

  // ---- Strengths and improvements -------------------------------------------
  for (const ObjectionResult& o : judged) {
    const std::string& cat = o.objection->category;
    if (o.credit >= 1) {
      r.strengths.push_back(
          {o.answer_at_s,
           "Good " + cat + " objection handling at " + Clock(o.answer_at_s)});
    } else if (o.credit > 0) {
      r.improvements.push_back(
          {o.answer_at_s, "The " + cat + " objection was answered at " +
                              Clock(o.answer_at_s) +
                              " but the prospect stayed negative; check the "
                              "answer landed before moving on"});
    } else {
      double at = Sec(o.objection->at_ms);
      r.improvements.push_back(
          {at, "The " + cat + " objection at " + Clock(at) +
                   " was not answered; acknowledge it and respond before "
                   "moving on"});
    }
  }
  if (spoke && diff <= 0.05) {
    r.strengths.push_back({std::nullopt, "Talk ratio on benchmark"});
  } else if (spoke) {
    r.improvements.push_back({std::nullopt, r.talk_ratio.recommendation});
  }
  if (m.agent.questions >= want_q && first_question_s >= 0) {
    r.strengths.push_back(
        {first_question_s,
         Fmt("Good discovery: %.0f questions, from ", m.agent.questions) +
             Clock(first_question_s)});
  } else if (spoke) {
    r.improvements.push_back(
        {first_question_s >= 0 ? std::optional<double>(first_question_s)
                               : std::nullopt,
         Fmt("Ask more questions: %.0f asked, about %.0f expected",
             m.agent.questions, want_q)});
  }
  for (size_t t = 0; t < 3 && spoke; ++t) {  // budget, timeline, decision
    if (std::find(covered.begin(), covered.end(), kTopics[t].name) !=
        covered.end()) {
      continue;
    }
    std::optional<double> at;
    if (topic_mention_s[t] >= 0) at = topic_mention_s[t];
    r.improvements.push_back(
        {at, std::string("Could probe deeper on ") + kTopics[t].name});
  }
  if (m.agent.longest_monologue_s > 90) {
    double at = Sec(m.agent.longest_monologue_start_ms);
    r.improvements.push_back(
        {at, "Monologue of " + Clock(m.agent.longest_monologue_s) + " at " +
                 Clock(at) + "; pause and check in about every minute"});
  }
  if (agreed != nullptr) {
    r.strengths.push_back({agreed->at_s, "Next step agreed at " +
                                             Clock(agreed->at_s) + " (" +
                                             agreed->due_phrase + ")"});
  } else if (spoke) {
    r.improvements.push_back(
        {end_s, "No dated next step; close with a concrete follow-up date"});
  }
  if (m.patience_samples >= 3 && m.patience_s < 0.3) {
    r.improvements.push_back(
        {std::nullopt, Fmt("Answers came after %.2f s on average; pause a "
                           "moment before answering",
                           m.patience_s)});
  }
  if (m.agent.words >= 50 && m.agent.fillers_per_100_words > 5) {
    r.improvements.push_back(
        {std::nullopt, Fmt("%.1f filler words per 100 words; slow down and "
                           "pause instead",
                           m.agent.fillers_per_100_words)});
  }
  if (m.agent.interruptions >= 3) {
    r.improvements.push_back(
        {std::nullopt, Fmt("The agent interrupted %.0f times; let the "
                           "prospect finish",
                           m.agent.interruptions)});
  }

  // ---- Outcome and next action
  // ------------------------------------------------
  Signals sig = ReadSignals(in, commitments);
  int unanswered = static_cast<int>(judged.size()) - answered;
  if (sig.lost) {
    r.outcome = Outcome::kLost;
  } else if (sig.not_interested && agreed == nullptr) {
    r.outcome = sig.info_request ? Outcome::kNurture : Outcome::kNotInterested;
  } else if (covered.size() >= 2 && sig.buying && unanswered == 0 &&
             (agreed != nullptr || agent_committed)) {
    r.outcome = Outcome::kQualifiedLead;
  } else if (agreed != nullptr) {
    r.outcome = Outcome::kFollowUpScheduled;
  } else {
    r.outcome = Outcome::kNurture;
  }
  if (r.outcome == Outcome::kLost || r.outcome == Outcome::kNotInterested) {
    r.next_action = NextAction::kCloseFile;
  } else if (sig.proposal) {
    r.next_action = NextAction::kSendProposal;
  } else if (sig.demo) {
    r.next_action = NextAction::kScheduleDemo;
  } else if (sig.info_request) {
    r.next_action = NextAction::kSendInformation;
  } else {
    r.next_action = NextAction::kFollowUpCall;
  }

  // ---- Follow-up
  // -------------------------------------------------------------
  if (r.next_action != NextAction::kCloseFile) {
    if (agreed != nullptr) {
      r.follow_up.date = *agreed->due;
      r.follow_up.date_spoken = true;
    } else {
      int days = 14;
      switch (r.next_action) {
        case NextAction::kSendProposal:
          days = 2;
          break;
        case NextAction::kScheduleDemo:
          days = 3;
          break;
        case NextAction::kSendInformation:
          days = 7;
          break;
        default:
          days = r.outcome == Outcome::kQualifiedLead ? 3 : 14;
      }
      CivilDate d = AddDays(in.call_date, days);
      int wd = Weekday(d);  // Suggested calls fall on working days.
      if (wd >= 5) d = AddDays(d, 7 - wd);
      r.follow_up.date = d;
    }
    r.follow_up.in_days =
        static_cast<int>(DaysBetween(in.call_date, *r.follow_up.date));
  }
  for (const Commitment& c : commitments) {
    if (c.owner != Owner::kAgent) continue;
    std::string item = c.text;
    if (!item.empty()) item[0] = static_cast<char>(std::toupper(item[0]));
    if (c.due) item += " (by " + FormatDate(*c.due) + ")";
    r.action_items.push_back(std::move(item));
  }
  r.commitments = commitments;

  // ---- Relationship delta
  // ------------------------------------------------------
  RelationshipDelta& d = r.relationship_delta;
  auto reason = [&](int v, std::string why) {
    d.value += v;
    d.reasons.push_back((v > 0 ? "+" : "") + std::to_string(v) + " " + why);
  };
  if (in.sentiments.size() == in.utterances.size() && !in.utterances.empty()) {
    double early = 0, late = 0;
    int ne = 0, nl = 0;
    double half = Sec(in.utterances.front().start_ms) +
                  (Sec(in.utterances.back().end_ms) -
                   Sec(in.utterances.front().start_ms)) /
                      2;
    for (size_t i = 0; i < in.utterances.size(); ++i) {
      if (in.utterances[i].speaker != Speaker::kProspect) continue;
      bool second = Sec(in.utterances[i].start_ms) >= half;
      (second ? late : early) += in.sentiments[i].score;
      ++(second ? nl : ne);
    }
    double late_avg = nl ? late / nl : 0, early_avg = ne ? early / ne : 0;
    if (nl > 0 && late_avg >= 0.3) reason(3, "prospect positive at the end");
    if (nl > 0 && late_avg <= -0.3) reason(-3, "prospect negative at the end");
    if (ne > 0 && nl > 0 && late_avg - early_avg >= 0.3) {
      reason(1, "prospect's mood improved during the call");
    }
  }
  if (answered > 0) {
    reason(std::min(3, answered), "objections answered");
  }
  if (unanswered > 0) {
    reason(-std::min(4, 2 * unanswered), "objections left unanswered");
  }
  if (agreed != nullptr) reason(3, "next step agreed");
  if (r.outcome == Outcome::kLost || r.outcome == Outcome::kNotInterested) {
    reason(-5, std::string("outcome ") + OutcomeName(r.outcome));
  }
  if (m.agent.interruptions >= 3) reason(-2, "agent interrupted repeatedly");
  if (spoke && m.agent_talk_ratio > 0.65)
    reason(-1, "agent dominated the call");
  d.value = std::clamp(d.value, -10, 10);

  // ---- Text
  // --------------------------------------------------------------------
  ReportFacts facts;
  facts.duration_s = call_s;
  facts.agent_ratio = m.agent_talk_ratio;
  facts.benchmark = target;
  facts.agent_questions = m.agent.questions;
  for (const ObjectionResult& o : judged) {
    const std::string& c = o.objection->category;
    if (std::find(facts.objection_categories.begin(),
                  facts.objection_categories.end(),
                  c) == facts.objection_categories.end()) {
      facts.objection_categories.push_back(c);
    }
  }
  facts.objections = static_cast<int>(judged.size());
  facts.objections_answered = answered;
  for (const Commitment& c : commitments) {
    if (c.owner == Owner::kAgent) facts.agent_commitments.push_back(c);
  }
  facts.topics_covered = covered;
  facts.outcome = r.outcome;
  facts.next_action = r.next_action;
  facts.follow_up = &r.follow_up;
  r.summary = BuildSummary(facts);
  r.follow_up.email = BuildEmail(facts, in.config, in.prospect_name);
  return r;
}

}  // namespace sc::coaching
