#include "guidance/guidance.h"

#include <gtest/gtest.h>

namespace sc::guidance {
namespace {

constexpr int64_t kMin = 60'000;

analysis::Objection Obj(std::string category, int64_t at_ms,
                        std::string trigger = "too expensive",
                        double confidence = 0.9) {
  analysis::Objection o;
  o.category = std::move(category);
  o.at_ms = at_ms;
  o.trigger = std::move(trigger);
  o.confidence = confidence;
  o.speaker = Speaker::kProspect;
  return o;
}

TranscriptFinal Said(Speaker speaker, int64_t at_ms, std::string text) {
  TranscriptFinal f;
  f.speaker = speaker;
  f.start_ms = at_ms;
  f.end_ms = at_ms + 2000;
  f.text = std::move(text);
  return f;
}

TEST(GuidanceEngine, ObjectionCardLeadsWithThePrimaryApproach) {
  AiConfig config;
  config.industry = "logistics";
  GuidanceEngine engine(config);
  std::optional<Card> card = engine.OnObjection(Obj("price", 5'000));
  ASSERT_TRUE(card.has_value());
  EXPECT_EQ(card->id, "card-1");
  EXPECT_EQ(card->kind, CardKind::kObjection);
  EXPECT_EQ(card->category, "price");
  EXPECT_EQ(card->approach, "roi");
  EXPECT_EQ(card->title, "Price: ROI");
  EXPECT_EQ(card->text, SuggestionFor(Obj("price", 0), config));
  EXPECT_NE(card->text.find("ROI"), std::string::npos);
  EXPECT_EQ(card->alternatives, 2);
  EXPECT_EQ(card->at_ms, 5'000);
  EXPECT_EQ(card->reason, "too expensive");
  ASSERT_EQ(engine.detections().size(), 1u);
  EXPECT_EQ(engine.detections()[0].disposition, Disposition::kShown);
  EXPECT_EQ(engine.detections()[0].card_id, "card-1");
}

TEST(GuidanceEngine, RepeatsWithinTheCooldownAreSuppressed) {
  GuidanceEngine engine(AiConfig{});
  ASSERT_TRUE(engine.OnObjection(Obj("price", 0)).has_value());
  EXPECT_FALSE(engine.OnObjection(Obj("price", 20'000)).has_value());
  EXPECT_FALSE(
      engine.OnObjection(Obj("price", 30'000, "costs a fortune")).has_value());
  ASSERT_EQ(engine.detections().size(), 3u);
  EXPECT_EQ(engine.detections()[1].disposition, Disposition::kDuplicate);
  EXPECT_EQ(engine.detections()[2].disposition, Disposition::kCooldown);
  EXPECT_TRUE(engine.detections()[1].card_id.empty());
  // After the cooldown the category comes back with the next approach.
  std::optional<Card> again = engine.OnObjection(Obj("price", kMin + 1));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->id, "card-2");
  EXPECT_EQ(again->approach, "cost_of_inaction");
}

TEST(GuidanceEngine, MinimumGapBetweenObjectionCards) {
  GuidanceOptions options;
  options.min_gap_ms = 10'000;
  GuidanceEngine engine(AiConfig{}, options);
  ASSERT_TRUE(engine.OnObjection(Obj("price", 0)).has_value());
  EXPECT_FALSE(engine.OnObjection(Obj("competitor", 5'000, "x")).has_value());
  EXPECT_EQ(engine.detections().back().disposition, Disposition::kMinGap);
  // Held back by the gap only: the category has no cooldown yet.
  std::optional<Card> later = engine.OnObjection(Obj("competitor", 10'000));
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->id, "card-2");
}

TEST(GuidanceEngine, ObjectionsAreNotBlockedByNudges) {
  GuidanceEngine engine(AiConfig{});
  ASSERT_TRUE(engine.OnTalkRatio({0.8, 160'000, 40'000, 200'000}).has_value());
  EXPECT_TRUE(engine.OnObjection(Obj("price", 201'000)).has_value());
  // But a nudge waits for the gap after any card.
  analysis::Sentiment calm{0.5, analysis::SentimentLabel::kPositive};
  analysis::Sentiment upset{-0.4, analysis::SentimentLabel::kNegative};
  EXPECT_FALSE(engine.OnMoodChange({Speaker::kProspect, calm, upset, 202'000}));
  EXPECT_EQ(engine.detections().back().disposition, Disposition::kMinGap);
}

TEST(GuidanceEngine, LowConfidenceAndAgentObjectionsGetNoCard) {
  GuidanceEngine engine(AiConfig{});
  EXPECT_FALSE(engine.OnObjection(Obj("price", 0, "t", 0.3)).has_value());
  analysis::Objection agent = Obj("budget", 1'000);
  agent.speaker = Speaker::kAgent;
  EXPECT_FALSE(engine.OnObjection(agent).has_value());
  EXPECT_EQ(engine.detections()[0].disposition, Disposition::kLowConfidence);
  EXPECT_EQ(engine.detections()[1].disposition, Disposition::kNotProspect);
  // Neither started a cooldown.
  EXPECT_TRUE(engine.OnObjection(Obj("price", 2'000)).has_value());
}

TEST(GuidanceEngine, QuietModeBuildsCardsButPushesNothing) {
  AiConfig config;
  config.quiet_mode = true;
  GuidanceEngine engine(config);
  EXPECT_FALSE(engine.OnObjection(Obj("price", 0)).has_value());
  EXPECT_FALSE(engine.OnTalkRatio({0.9, 180'000, 20'000, 200'000}));
  EXPECT_FALSE(engine.OnTick(30 * kMin).has_value());
  ASSERT_EQ(engine.detections().size(), 3u);
  for (const Detection& d : engine.detections()) {
    EXPECT_EQ(d.disposition, Disposition::kQuietMode);
    EXPECT_FALSE(d.card_id.empty());
  }
  // The agent can still ask for it, and for another approach.
  StatusOr<Card> card = engine.GetCard(engine.detections()[0].card_id);
  ASSERT_TRUE(card.ok());
  EXPECT_EQ(card->approach, "roi");
  StatusOr<Card> alt = engine.Alternative(card->id, 1'000);
  ASSERT_TRUE(alt.ok()) << alt.status().ToString();
  EXPECT_EQ(alt->approach, "cost_of_inaction");
  // A repeat is still a duplicate, not a second quiet card.
  EXPECT_FALSE(engine.OnObjection(Obj("price", 5'000)).has_value());
  EXPECT_EQ(engine.detections().back().disposition, Disposition::kDuplicate);
}

TEST(GuidanceEngine, NotificationPreferencesAreHonoured) {
  AiConfig config;
  config.notifications.objection_alerts = false;
  config.notifications.sentiment_warnings = false;
  config.notifications.talk_ratio_reminders = false;
  config.notifications.checklist_reminders = false;
  GuidanceEngine engine(config);
  analysis::Sentiment calm{0.5, analysis::SentimentLabel::kPositive};
  analysis::Sentiment upset{-0.4, analysis::SentimentLabel::kNegative};
  EXPECT_FALSE(engine.OnObjection(Obj("price", 0)));
  EXPECT_FALSE(engine.OnMoodChange({Speaker::kProspect, calm, upset, 1'000}));
  EXPECT_FALSE(engine.OnTalkRatio({0.9, 180'000, 20'000, 200'000}));
  EXPECT_FALSE(engine.OnTick(30 * kMin));
  ASSERT_EQ(engine.detections().size(), 4u);
  for (const Detection& d : engine.detections()) {
    EXPECT_EQ(d.disposition, Disposition::kNotificationOff);
  }

  AiConfig only_objections;
  only_objections.notifications.talk_ratio_reminders = false;
  GuidanceEngine e2(only_objections);
  EXPECT_FALSE(e2.OnTalkRatio({0.9, 180'000, 20'000, 200'000}));
  EXPECT_TRUE(e2.OnObjection(Obj("price", 0)));
}

TEST(GuidanceEngine, AlternativesCycleAndFailClearly) {
  GuidanceEngine engine(AiConfig{});
  std::optional<Card> card = engine.OnObjection(Obj("timing", 0));
  ASSERT_TRUE(card.has_value());
  EXPECT_EQ(card->approach, "urgency");
  std::vector<std::string> seen;
  std::string id = card->id;
  for (int i = 0; i < 3; ++i) {
    StatusOr<Card> alt = engine.Alternative(id, 1'000 + i);
    ASSERT_TRUE(alt.ok()) << alt.status().ToString();
    EXPECT_EQ(alt->alternative_of, id);
    EXPECT_EQ(alt->title.rfind("Need more time: ", 0), 0u) << alt->title;
    seen.push_back(alt->approach);
    id = alt->id;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"clarify_delay", "book_decision",
                                            "urgency"}));
  EXPECT_EQ(engine.Alternative("card-99", 0).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(engine.Alternative("nonsense", 0).status().code(),
            StatusCode::kNotFound);
  std::optional<Card> nudge =
      engine.OnTalkRatio({0.9, 180'000, 20'000, 200'000});
  ASSERT_TRUE(nudge.has_value());
  EXPECT_EQ(engine.Alternative(nudge->id, 0).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST(GuidanceEngine, MoodChanges) {
  GuidanceEngine engine(AiConfig{});
  using analysis::Sentiment;
  using analysis::SentimentLabel;
  Sentiment pos{0.6, SentimentLabel::kPositive};
  Sentiment neu{0.1, SentimentLabel::kNeutral};
  Sentiment neg{-0.5, SentimentLabel::kNegative};
  EXPECT_FALSE(engine.OnMoodChange(
      {Speaker::kProspect, pos, {0.45, SentimentLabel::kPositive}, 0}));
  EXPECT_EQ(engine.detections().back().disposition,
            Disposition::kNotActionable);
  std::optional<Card> cooling =
      engine.OnMoodChange({Speaker::kProspect, pos, neg, 1'000});
  ASSERT_TRUE(cooling.has_value());
  EXPECT_EQ(cooling->kind, CardKind::kSentiment);
  EXPECT_EQ(cooling->approach, "prospect_cooling");
  EXPECT_EQ(cooling->reason, "prospect sentiment 0.60 -> -0.50");
  // Its own cooldown.
  EXPECT_FALSE(engine.OnMoodChange({Speaker::kProspect, neu, neg, 30'000}));
  EXPECT_EQ(engine.detections().back().disposition, Disposition::kCooldown);
  std::optional<Card> warming =
      engine.OnMoodChange({Speaker::kProspect, neg, pos, 40'000});
  ASSERT_TRUE(warming.has_value());
  EXPECT_EQ(warming->approach, "prospect_warming");
  std::optional<Card> tone =
      engine.OnMoodChange({Speaker::kAgent, neu, neg, 60'000});
  ASSERT_TRUE(tone.has_value());
  EXPECT_EQ(tone->approach, "agent_tone");
  // The agent becoming more positive needs no card.
  EXPECT_FALSE(engine.OnMoodChange({Speaker::kAgent, neg, pos, 90'000}));
}

TEST(GuidanceEngine, TalkRatioReminderAgainstTheBenchmark) {
  AiConfig config;
  GuidanceEngine engine(config);
  // Too early: under two minutes of talk.
  EXPECT_FALSE(engine.OnTalkRatio({0.9, 90'000, 10'000, 100'000}));
  // Within target + margin (0.30 + 0.15).
  EXPECT_FALSE(engine.OnTalkRatio({0.44, 88'000, 112'000, 200'000}));
  std::optional<Card> card =
      engine.OnTalkRatio({0.62, 124'000, 76'000, 210'000});
  ASSERT_TRUE(card.has_value());
  EXPECT_EQ(card->kind, CardKind::kTalkRatio);
  EXPECT_EQ(card->text,
            "You have had 62% of the talk time (target 30%). Ask an open "
            "question and let the prospect talk.");
  EXPECT_EQ(card->reason, "agent 62% of 3:20 talk");
  EXPECT_FALSE(engine.OnTalkRatio({0.65, 150'000, 80'000, 300'000}));
  EXPECT_TRUE(engine.OnTalkRatio({0.65, 250'000, 135'000, 450'000}));
  EXPECT_EQ(engine.detections().size(), 2u);

  AiConfig relaxed;
  relaxed.target_agent_talk_ratio = 0.5;
  GuidanceEngine e2(relaxed);
  EXPECT_FALSE(e2.OnTalkRatio({0.62, 124'000, 76'000, 210'000}));
}

TEST(GuidanceEngine, ChecklistFiresOnlyForWhatWasNotSaid) {
  GuidanceEngine engine(AiConfig{});
  // The prospect mentioning budget does not count; the agent asking does.
  EXPECT_TRUE(
      engine.OnUtterance(Said(Speaker::kProspect, 1'000, "our budget is tight"))
          .empty());
  EXPECT_EQ(engine.OnUtterance(Said(Speaker::kAgent, 2'000,
                                    "What's the biggest challenge you face?")),
            (std::vector<std::string>{"discovery"}));
  EXPECT_FALSE(engine.OnTick(9 * kMin).has_value());
  std::optional<Card> budget = engine.OnTick(10 * kMin);
  ASSERT_TRUE(budget.has_value());
  EXPECT_EQ(budget->kind, CardKind::kChecklist);
  EXPECT_EQ(budget->category, "budget");
  EXPECT_EQ(budget->title, "Budget not discussed");
  EXPECT_EQ(budget->reason, "not covered by 10:00");
  EXPECT_FALSE(engine.OnTick(11 * kMin).has_value());  // Fired once.
  EXPECT_EQ(engine.OnUtterance(Said(Speaker::kAgent, 12 * kMin,
                                    "who else signs off on this decision")),
            (std::vector<std::string>{"decision_process"}));
  EXPECT_FALSE(engine.OnTick(16 * kMin).has_value());
  std::optional<Card> timeline = engine.OnTick(21 * kMin);
  ASSERT_TRUE(timeline.has_value());
  EXPECT_EQ(timeline->category, "timeline");

  std::vector<ChecklistStatus> status = engine.checklist();
  ASSERT_EQ(status.size(), 5u);
  EXPECT_EQ(status[0].done_at_ms, 2'000);
  EXPECT_EQ(status[1].fired_at_ms, 10 * kMin);
  EXPECT_FALSE(status[1].done_at_ms.has_value());
  EXPECT_EQ(status[2].done_at_ms, 12 * kMin);
}

TEST(GuidanceEngine, ChecklistWordsMatchWholeWordsOnly) {
  GuidanceEngine engine(AiConfig{});
  // "budgetary" and "undecided" must not tick "budget" or "decide".
  EXPECT_TRUE(
      engine
          .OnUtterance(Said(Speaker::kAgent, 0, "budgetary matters, undecided"))
          .empty());
}

TEST(GuidanceEngine, ChecklistReminderWaitsForTheGap) {
  GuidanceEngine engine(AiConfig{});
  ASSERT_TRUE(engine.OnObjection(Obj("price", 5 * kMin - 1'000)));
  EXPECT_FALSE(engine.OnTick(5 * kMin).has_value());
  std::optional<Card> later = engine.OnTick(5 * kMin + 9'000);
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->category, "discovery");
}

TEST(GuidanceEngine, FeedbackIsRecordedAndLearnedFrom) {
  GuidanceEngine engine(AiConfig{});
  std::optional<Card> card = engine.OnObjection(Obj("price", 0));
  ASSERT_TRUE(card.has_value());
  StatusOr<FeedbackRecord> r =
      engine.RecordFeedback(card->id, FeedbackAction::kDismissed, 3'000);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->card_id, "card-1");
  EXPECT_EQ(r->category, "price");
  EXPECT_EQ(r->approach, "roi");
  EXPECT_EQ(r->kind, CardKind::kObjection);
  EXPECT_EQ(r->action, FeedbackAction::kDismissed);
  EXPECT_EQ(r->at_ms, 3'000);
  EXPECT_EQ(engine.feedback_stats().For("price", "roi").dismissed, 1);
  EXPECT_EQ(
      engine.RecordFeedback("card-7", FeedbackAction::kUsed, 0).status().code(),
      StatusCode::kNotFound);

  // A user who keeps dismissing ROI and using the cost of inaction gets the
  // latter first; with too little evidence the playbook order stands.
  FeedbackStats stats;
  stats.Add("price", "roi", FeedbackAction::kDismissed, 4);
  stats.Add("price", "cost_of_inaction", FeedbackAction::kUsed, 3);
  GuidanceEngine learned(AiConfig{}, GuidanceOptions(), stats);
  std::optional<Card> c = learned.OnObjection(Obj("price", 0));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->approach, "cost_of_inaction");
  StatusOr<Card> alt = learned.Alternative(c->id, 1'000);
  ASSERT_TRUE(alt.ok());
  EXPECT_EQ(alt->approach, "options");  // ROI (dismissed) comes last.

  FeedbackStats thin;
  thin.Add("price", "cost_of_inaction", FeedbackAction::kUsed, 2);
  GuidanceEngine unsure(AiConfig{}, GuidanceOptions(), thin);
  EXPECT_EQ(unsure.OnObjection(Obj("price", 0))->approach, "roi");
}

TEST(GuidanceEngine, UserDefinedCategoriesUseTheCustomEntry) {
  GuidanceEngine engine(AiConfig{});
  std::optional<Card> c =
      engine.OnObjection(Obj("data_privacy", 0, "gdpr worries"));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->title, "Concern (data privacy): Clarify");
  EXPECT_NE(c->text.find("data privacy"), std::string::npos) << c->text;
  EXPECT_EQ(c->alternatives, 1);
}

TEST(GuidanceEngine, SameInputsGiveTheSameCards) {
  auto run = [] {
    GuidanceEngine e(AiConfig{});
    std::string out;
    for (int i = 0; i < 20; ++i) {
      const char* cats[] = {"price", "timing", "trust", "price", "need"};
      if (auto c = e.OnObjection(Obj(cats[i % 5], i * 15'000))) {
        out += c->id + c->approach + c->text;
      }
      if (auto c = e.OnTick(i * 90'000)) out += c->id + c->text;
    }
    return out;
  };
  EXPECT_EQ(run(), run());
  EXPECT_FALSE(run().empty());
}

TEST(FeedbackJson, RecordAndStatsRoundTrip) {
  FeedbackRecord r{"card-3", CardKind::kChecklist,  "budget",
                   "budget", FeedbackAction::kUsed, 61'000};
  StatusOr<FeedbackRecord> back =
      ParseFeedbackRecordJson(FeedbackRecordJson(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(FeedbackRecordJson(*back), FeedbackRecordJson(r));
  EXPECT_EQ(back->kind, CardKind::kChecklist);

  FeedbackStats s;
  s.Add(r);
  s.Add("price", "roi", FeedbackAction::kDismissed, 2);
  StatusOr<FeedbackStats> sb = ParseFeedbackStatsJson(FeedbackStatsJson(s));
  ASSERT_TRUE(sb.ok()) << sb.status().ToString();
  EXPECT_EQ(sb->For("price", "roi").dismissed, 2);
  EXPECT_EQ(sb->For("budget", "budget").used, 1);

  StatusOr<FeedbackRecord> bad = ParseFeedbackRecordJson(
      R"({"card_id":"card-1","kind":"objection","category":"price",
          "approach":"roi","action":"liked","at_ms":0})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("feedback.action"), std::string::npos);
  EXPECT_FALSE(ParseFeedbackStatsJson(
                   R"({"entries":[{"category":"p","approach":"a","used":-1,
                       "dismissed":0}]})")
                   .ok());
}

}  // namespace
}  // namespace sc::guidance
