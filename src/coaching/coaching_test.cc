#include "coaching/coaching.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

namespace sc::coaching {
namespace {

constexpr Speaker A = Speaker::kAgent;
constexpr Speaker P = Speaker::kProspect;
constexpr CivilDate kMonday{2025, 3, 10};

struct Line {
  Speaker speaker;
  double start_s, end_s;
  const char* text;
  double sentiment;
};

analysis::Objection Obj(const char* category, double at_s) {
  analysis::Objection o;
  o.category = category;
  o.confidence = 0.9;
  o.speaker = P;
  o.at_ms = static_cast<int64_t>(at_s * 1000);
  return o;
}

CoachingInput Input(const std::vector<Line>& lines,
                    std::vector<analysis::Objection> objections) {
  CoachingInput in;
  for (const Line& l : lines) {
    TranscriptFinal f;
    f.speaker = l.speaker;
    f.start_ms = static_cast<int64_t>(l.start_s * 1000);
    f.end_ms = static_cast<int64_t>(l.end_s * 1000);
    f.text = l.text;
    in.utterances.push_back(f);
    analysis::Sentiment s;
    s.score = l.sentiment;
    in.sentiments.push_back(s);
  }
  in.objections = std::move(objections);
  in.metrics = analysis::ComputeConversationMetrics(in.utterances);
  in.call_date = kMonday;
  in.duration_ms = in.utterances.back().end_ms + 1000;
  in.config.agent_name = "Dana";
  in.config.company_name = "Clear Route";
  in.prospect_name = "Sam";
  return in;
}

// A discovery call done well: questions on process, cost, decision and
// timing, a price objection answered, a dated next step.
CoachingInput GoodCall() {
  return Input(
      {{A, 0, 5, "hi sam this is dana from clear route thanks for the time",
        0.3},
       {P, 6, 8, "sure happy to chat", 0.4},
       {A, 9, 13, "so how do you plan routes for your drivers today", 0},
       {P, 14, 40,
        "we do it by hand every morning our dispatcher builds the routes on "
        "a whiteboard and it takes him a couple of hours before the trucks "
        "can leave",
        -0.1},
       {A, 41, 45, "what does that cost you in overtime each month", 0},
       {P, 46, 66,
        "probably a few thousand dollars and the fuel bill keeps going up "
        "every quarter which is a real problem for us",
        -0.3},
       {A, 67, 70, "who else would be involved in a decision like this", 0},
       {P, 71, 84, "my operations manager and i would decide together", 0},
       {A, 85, 88, "and when would you want something in place", 0},
       {P, 89, 104, "ideally before the summer season starts in june", 0.1},
       {A, 105, 125,
        "that makes sense we plan routes automatically every morning and "
        "fleets your size usually cut fuel use by about ten percent",
        0.3},
       {P, 126, 132, "honestly that sounds expensive for a company our size",
        -0.5},
       {A, 133, 146,
        "i understand most customers see the fuel savings pay for the "
        "subscription within three months and we can start with a pilot",
        0.3},
       {P, 147, 160, "okay that is reasonable what would the pricing look like",
        0.4},
       {A, 161, 167, "i will send you the proposal with pricing by friday",
        0.2},
       {A, 168, 172, "let's talk next wednesday to go through it together",
        0.2},
       {P, 173, 176, "sure wednesday works for me", 0.5},
       {A, 177, 179, "great talk to you then", 0.6}},
      {Obj("price", 126)});
}

// A pitch: a 200-second agent monologue, a price objection brushed past,
// no questions and no next step.
CoachingInput PoorCall() {
  return Input(
      {{A, 0, 25,
        "hi this is dana from clear route we are the leading route planning "
        "platform for fleets and we have been in business for ten years",
        0.2},
       {A, 26, 60,
        "our platform plans routes automatically it looks at every stop and "
        "the traffic and um it basically sends the drivers the best order",
        0.1},
       {A, 61, 100,
        "we also integrate with all the major telematics providers so you "
        "know your data flows in without any work on your side",
        0.1},
       {A, 101, 150,
        "customers love our dashboards they show you every truck and every "
        "delivery and um the reports go to your inbox every week",
        0.3},
       {A, 151, 200,
        "and we have a mobile app for drivers with turn by turn directions "
        "and proof of delivery photos and signatures",
        0.1},
       {P, 201, 206, "that's way too expensive for us", -0.6},
       {A, 207, 230,
        "anyway the mobile app also shows live traffic and our reporting "
        "module gives you weekly summaries",
        0},
       {P, 231, 233, "okay", 0},
       {A, 234, 244, "so yeah that's basically the platform um thanks", 0.1}},
      {Obj("price", 201)});
}

TEST(CoachingReportTest, GoodCallScoresHigherThanPoorCall) {
  CoachingReport good = BuildCoachingReport(GoodCall());
  CoachingReport poor = BuildCoachingReport(PoorCall());
  EXPECT_GE(good.score, 70);
  EXPECT_LE(poor.score, 40);
  EXPECT_GT(good.score, poor.score + 30);
  EXPECT_GE(good.relationship_delta.value, 3);
  EXPECT_LT(poor.relationship_delta.value, 0);
  EXPECT_FALSE(good.relationship_delta.reasons.empty());
}

TEST(CoachingReportTest, RubricIsShownAndWeightsSumTo100) {
  CoachingReport r = BuildCoachingReport(GoodCall());
  double weights = 0, total = 0, max = 0;
  std::set<std::string> names;
  for (const RubricItem& it : r.rubric) {
    weights += it.weight;
    names.insert(it.name);
    EXPECT_FALSE(it.evidence.empty()) << it.name;
    EXPECT_GE(it.score, 0);
    EXPECT_LE(it.score, it.max);
    if (it.applicable) {
      total += it.score;
      max += it.max;
    }
  }
  EXPECT_DOUBLE_EQ(weights, 100);
  EXPECT_EQ(r.score, std::round(100 * total / max));
  EXPECT_TRUE(names.count("objection_handling"));
  EXPECT_TRUE(names.count("talk_ratio"));
}

TEST(CoachingReportTest, UnansweredObjectionAndMonologueAreImprovements) {
  CoachingReport r = BuildCoachingReport(PoorCall());
  bool objection = false, monologue = false, budget = false;
  for (const Moment& m : r.improvements) {
    if (m.text.find("price objection at 3:21 was not answered") !=
        std::string::npos) {
      objection = true;
      EXPECT_DOUBLE_EQ(*m.at_s, 201);
    }
    if (m.text.find("Monologue of 3:20 at 0:00") != std::string::npos) {
      monologue = true;
    }
    if (m.text == "Could probe deeper on budget") budget = true;
  }
  EXPECT_TRUE(objection);
  EXPECT_TRUE(monologue);
  EXPECT_TRUE(budget);
  for (const RubricItem& it : r.rubric) {
    if (it.name == "objection_handling" || it.name == "monologue" ||
        it.name == "next_step") {
      EXPECT_EQ(it.score, 0) << it.name;
    }
  }
  EXPECT_NE(r.outcome, Outcome::kQualifiedLead);
  EXPECT_FALSE(r.follow_up.date_spoken);
}

TEST(CoachingReportTest, GoodObjectionHandlingIsAStrengthWithItsTime) {
  CoachingReport r = BuildCoachingReport(GoodCall());
  bool found = false;
  for (const Moment& m : r.strengths) {
    if (m.text == "Good price objection handling at 2:13") {
      found = true;
      EXPECT_DOUBLE_EQ(*m.at_s, 133);
    }
  }
  EXPECT_TRUE(found);
}

TEST(CoachingReportTest, SpokenDateBecomesTheFollowUpDate) {
  CoachingReport r = BuildCoachingReport(GoodCall());
  ASSERT_TRUE(r.follow_up.date.has_value());
  EXPECT_EQ(FormatDate(*r.follow_up.date), "2025-03-19");  // next wednesday
  EXPECT_EQ(r.follow_up.in_days, 9);
  EXPECT_TRUE(r.follow_up.date_spoken);
  // The proposal promise is an action item with its own date (friday).
  ASSERT_FALSE(r.action_items.empty());
  EXPECT_EQ(r.action_items[0],
            "Send you the proposal with pricing by friday (by 2025-03-14)");
  EXPECT_EQ(r.outcome, Outcome::kQualifiedLead);
  EXPECT_EQ(r.next_action, NextAction::kSendProposal);
}

TEST(CoachingReportTest, LetsTalkNextWednesdaySchedulesAFollowUp) {
  CoachingInput in = Input(
      {{A, 0, 6, "thanks for your time today sam", 0.2},
       {P, 7, 20, "no problem i need to think about it with my team first", 0},
       {A, 21, 25, "of course let's talk next wednesday then", 0.2},
       {P, 26, 28, "yes that works", 0.3}},
      {});
  CoachingReport r = BuildCoachingReport(in);
  EXPECT_EQ(r.outcome, Outcome::kFollowUpScheduled);
  EXPECT_EQ(r.next_action, NextAction::kFollowUpCall);
  ASSERT_TRUE(r.follow_up.date);
  EXPECT_EQ(FormatDate(*r.follow_up.date), "2025-03-19");
  ASSERT_EQ(r.commitments.size(), 1u);
  EXPECT_EQ(r.commitments[0].due_phrase, "next wednesday");
  EXPECT_NE(r.follow_up.email.body.find("Wednesday, March 19"),
            std::string::npos);
}

TEST(CoachingReportTest, NotInterestedClosesTheFile) {
  CoachingInput in = Input(
      {{A, 0, 8, "hi this is dana from clear route do you have a minute", 0},
       {P, 9, 13, "sorry we're not interested please take me off your list",
        -0.5},
       {A, 14, 16, "understood thanks for your time", 0}},
      {});
  CoachingReport r = BuildCoachingReport(in);
  EXPECT_EQ(r.outcome, Outcome::kNotInterested);
  EXPECT_EQ(r.next_action, NextAction::kCloseFile);
  EXPECT_FALSE(r.follow_up.date);
  EXPECT_FALSE(r.follow_up.in_days);
}

TEST(CoachingReportTest, EmailFollowsCommunicationStyle) {
  CoachingInput in = GoodCall();
  in.config.communication_style = guidance::CommunicationStyle::kProfessional;
  EmailDraft pro = BuildCoachingReport(in).follow_up.email;
  in.config.communication_style = guidance::CommunicationStyle::kCasual;
  EmailDraft casual = BuildCoachingReport(in).follow_up.email;
  in.config.communication_style = guidance::CommunicationStyle::kTechnical;
  EmailDraft tech = BuildCoachingReport(in).follow_up.email;
  EXPECT_NE(pro.body, casual.body);
  EXPECT_NE(casual.body, tech.body);
  EXPECT_EQ(pro.body.rfind("Dear Sam,", 0), 0u);
  EXPECT_EQ(casual.body.rfind("Hi Sam,", 0), 0u);
  for (const EmailDraft* e : {&pro, &casual, &tech}) {
    // Mentions the commitment and the prospect's concern, signs off.
    EXPECT_NE(e->body.find("send you the proposal"), std::string::npos);
    EXPECT_NE(e->body.find("the price and the return on the investment"),
              std::string::npos);
    EXPECT_NE(e->body.find("Dana"), std::string::npos);
    EXPECT_FALSE(e->subject.empty());
  }
}

TEST(CoachingReportTest, TalkRatioRecommendationNamesTheBenchmark) {
  CoachingReport r = BuildCoachingReport(PoorCall());
  EXPECT_GT(r.talk_ratio.agent, 0.9);
  EXPECT_DOUBLE_EQ(r.talk_ratio.benchmark_agent, 0.30);
  EXPECT_NE(r.talk_ratio.recommendation.find("benchmark 30/70"),
            std::string::npos);
  EXPECT_NE(r.talk_ratio.recommendation.find("talked more"), std::string::npos);
}

TEST(CoachingReportJsonTest, HasExactlyTheDocumentedTopLevelFields) {
  CoachingReport r = BuildCoachingReport(GoodCall());
  std::string text = CoachingReportJson(r);
  boost::json::object o = boost::json::parse(text).as_object();
  std::set<std::string> keys;
  for (const auto& kv : o) keys.insert(std::string(kv.key()));
  EXPECT_EQ(keys,
            (std::set<std::string>{"coaching", "summary", "action_items",
                                   "commitments", "outcome", "next_action",
                                   "follow_up", "relationship_delta"}));
  const auto& c = o.at("coaching").as_object();
  for (const char* k :
       {"score", "rubric", "strengths", "improvements", "talk_ratio"}) {
    EXPECT_TRUE(c.contains(k)) << k;
  }
  EXPECT_EQ(o.at("follow_up").at("date").as_string(), "2025-03-19");
  EXPECT_EQ(o.at("outcome").as_string(), "qualified_lead");
  EXPECT_TRUE(o.at("follow_up").at("email").as_object().contains("subject"));
  // Deterministic: the same input gives the same document.
  EXPECT_EQ(CoachingReportJson(BuildCoachingReport(GoodCall())), text);
}

TEST(CoachingReportTest, EmptyCallIsHandled) {
  CoachingInput in;
  in.call_date = kMonday;
  CoachingReport r = BuildCoachingReport(in);
  EXPECT_EQ(r.score, 0);
  EXPECT_FALSE(r.summary.empty());
  EXPECT_FALSE(CoachingReportJson(r).empty());
}

}  // namespace
}  // namespace sc::coaching
