#include "analysis/objections.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "analysis/objection_cues.h"

namespace sc::analysis {
namespace {

TranscriptFinal Prospect(std::string text) {
  TranscriptFinal f;
  f.utterance_id = "prospect-1";
  f.speaker = Speaker::kProspect;
  f.start_ms = 5000;
  f.end_ms = 8000;
  f.text = std::move(text);
  return f;
}

ObjectionDetector Make(ObjectionOptions options = {}) {
  StatusOr<ObjectionDetector> d = ObjectionDetector::Create(std::move(options));
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return std::move(d).value();
}

std::string Top(const ObjectionDetector& d, const std::string& text) {
  std::vector<Objection> o = d.Detect(Prospect(text));
  return o.empty() ? "" : o[0].category;
}

bool Has(const std::vector<Objection>& os, std::string_view category) {
  return std::any_of(os.begin(), os.end(), [&](const Objection& o) {
    return o.category == category;
  });
}

TEST(ObjectionDetectorTest, OneSentencePerCategory) {
  ObjectionDetector d = Make();
  EXPECT_EQ(Top(d, "Honestly, that's way too expensive."), "price");
  EXPECT_EQ(Top(d, "We have a spending freeze until March."), "budget");
  EXPECT_EQ(Top(d, "We're talking to a couple of other vendors."),
            "competitor");
  EXPECT_EQ(Top(d, "We're pretty happy with our current vendor."),
            "status_quo");
  EXPECT_EQ(Top(d, "We're under contract with them until next fall."),
            "contract");
  EXPECT_EQ(Top(d, "This really isn't a good time for us."), "timing");
  EXPECT_EQ(Top(d, "I'd have to run it by my manager."), "authority");
  EXPECT_EQ(Top(d, "We don't have that problem here."), "need");
  EXPECT_EQ(Top(d, "I've never heard of your company."), "trust");
  EXPECT_EQ(Top(d, "Does it integrate with our billing system?"), "technical");
  EXPECT_EQ(Top(d, "Just send me some information."), "brush_off");
  EXPECT_EQ(Top(d, "What a lovely morning it is."), "");
}

// Longer, conversational phrasings written for this test (not taken from
// any evaluation set): the inventory must generalize beyond stock phrases.
TEST(ObjectionDetectorTest, ConversationalPhrasings) {
  struct Case {
    const char* text;
    const char* category;
  };
  const Case cases[] = {
      {"Honestly, I don't think we really need something like this at the "
       "moment.",
       "need"},
      {"I'm not sure this solves a problem we actually have.", "need"},
      {"Our spreadsheets handle that well enough for a team our size.", "need"},
      {"We're a small shop, so this feels like overkill for us.", "need"},
      {"I don't see how this would make a difference for our team.", "need"},
      {"That's not really a pain point for us right now.", "need"},
      {"It looks nice, but it isn't something we'd actually use.", "need"},
      {"We get by just fine doing it by hand.", "need"},
      {"Nobody on my team has asked for anything like this.", "need"},
      {"We're in the middle of a reorganization, so let's talk again after "
       "that.",
       "timing"},
      {"Things are really hectic this quarter, reach out again in the new "
       "year.",
       "timing"},
      {"We just don't have the bandwidth to take on a new project.", "timing"},
      {"It's just not the right moment for us to make a change.", "timing"},
      {"Let's touch base again once our busy season is over.", "timing"},
      {"I'd have to get my director's approval before committing to "
       "anything.",
       "authority"},
      {"Purchases like this go through our head office.", "authority"},
      {"I'm not the one who makes these decisions, you'd need to talk to our "
       "owner.",
       "authority"},
      {"Our CFO would have to sign off on this.", "authority"},
      {"We've already allocated our budget for this year.", "budget"},
      {"Money is really tight for us at the moment.", "budget"},
      {"We simply don't have the funds for another tool this year.", "budget"},
      {"That's a lot more than we were hoping to pay.", "price"},
      {"Honestly, for what it does, the price seems high.", "price"},
      {"I can get something similar for much less.", "price"},
      {"We can't justify spending that much on this.", "price"},
      {"We're currently working with one of your competitors.", "competitor"},
      {"Another company offered us a better deal last week.", "competitor"},
      {"We're leaning towards another vendor at this point.", "competitor"},
      {"We still have two years left on our current agreement.", "contract"},
      {"Breaking our current contract would cost us a fortune.", "contract"},
      {"We just renewed with our provider last month.", "contract"},
      {"Our team is used to the current system and doesn't want to learn a "
       "new one.",
       "status_quo"},
      {"Switching everything over just isn't worth the hassle.", "status_quo"},
      {"Things are working well enough the way they are.", "status_quo"},
      {"I've read some mixed reviews about your company online.", "trust"},
      {"How do I know this will actually deliver the results you're "
       "promising?",
       "trust"},
      {"We've been promised this kind of thing before and it never worked "
       "out.",
       "trust"},
      {"I'm worried it won't work with the software we already have.",
       "technical"},
      {"Our IT department would never approve a cloud tool.", "technical"},
      {"Setting this up sounds like it would take months.", "technical"},
  };
  ObjectionDetector d = Make();
  int failures = 0;
  for (const Case& c : cases) {
    std::vector<Objection> os = d.Detect(Prospect(c.text));
    const std::string top = os.empty() ? "-" : os[0].category;
    if (top != c.category) {
      ++failures;
      ADD_FAILURE() << c.text << " -> " << top << ", want " << c.category;
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(ObjectionDetectorTest, FillsTheObjection) {
  ObjectionDetector d = Make();
  TranscriptFinal f = Prospect("well it is too expensive for us");
  f.words = {{"well", 5000, 5200},      {"it", 5200, 5300},
             {"is", 5300, 5400},        {"too", 5400, 5600},
             {"expensive", 5600, 6200}, {"for", 6200, 6300},
             {"us", 6300, 6500}};
  std::vector<Objection> os = d.Detect(f);
  ASSERT_EQ(os.size(), 1u);
  const Objection& o = os[0];
  EXPECT_EQ(o.category, "price");
  EXPECT_NEAR(o.confidence, 0.95, 1e-9);
  EXPECT_EQ(o.speaker, Speaker::kProspect);
  EXPECT_EQ(o.at_ms, 5400);  // The trigger's first word, not the utterance.
  EXPECT_EQ(o.utterance_id, "prospect-1");
  EXPECT_EQ(o.text, f.text);
  EXPECT_EQ(o.trigger, "too expensive");
  EXPECT_TRUE(o.suggestion.empty());
  // Without word times: the utterance start, and the trigger as written.
  os = d.Detect(Prospect("Well, it's TOO expensive!"));
  ASSERT_EQ(os.size(), 1u);
  EXPECT_EQ(os[0].at_ms, 5000);
  EXPECT_EQ(os[0].trigger, "TOO expensive");
}

TEST(ObjectionDetectorTest, SeveralCategoriesBestFirstOnePerCategory) {
  ObjectionDetector d = Make();
  std::vector<Objection> os = d.Detect(
      Prospect("it is too expensive and honestly it costs too much, and I "
               "need to check with my boss"));
  ASSERT_EQ(os.size(), 2u);
  EXPECT_EQ(os[0].category, "authority");  // Same 0.95: ties by name.
  EXPECT_EQ(os[1].category, "price");
  for (size_t i = 1; i < os.size(); ++i) {
    EXPECT_GE(os[i - 1].confidence, os[i].confidence);
  }
}

TEST(ObjectionDetectorTest, RecognizerErrorsLowerConfidence) {
  ObjectionDetector d = Make();
  std::vector<Objection> exact = d.Detect(Prospect("it is too expensive"));
  std::vector<Objection> heard = d.Detect(Prospect("it is to expensive"));
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0].category, "price");
  EXPECT_LT(heard[0].confidence, exact[0].confidence);
  EXPECT_EQ(Top(d, "we are locked into a contact"), "contract");
  EXPECT_EQ(Top(d, "we are under contact until june"), "contract");
  EXPECT_EQ(Top(d, "there is no but get for this"), "budget");
  EXPECT_EQ(Top(d, "i need to check with my bus first"), "authority");
}

TEST(ObjectionDetectorTest, NegationsAreNotObjections) {
  ObjectionDetector d = Make();
  EXPECT_TRUE(
      d.Detect(Prospect("price is honestly not the issue for us")).empty());
  EXPECT_TRUE(d.Detect(Prospect("it's not that we're not interested")).empty());
  EXPECT_TRUE(
      d.Detect(Prospect("we are not happy with our current provider")).empty());
  EXPECT_TRUE(d.Detect(Prospect("the cost is not really a concern")).empty());
  EXPECT_TRUE(
      d.Detect(Prospect("we are not locked in, we can leave anytime")).empty());
  // A negated wish is still an objection, and so is a phrase whose own
  // words are negative.
  EXPECT_EQ(Top(d, "we do not want to be locked into a long contract"),
            "contract");
  EXPECT_EQ(Top(d, "we are not interested"), "brush_off");
  EXPECT_EQ(Top(d, "no, we are happy with our current provider"), "status_quo");
  EXPECT_EQ(Top(d, "month to month please, without a long commitment"),
            "contract");
}

TEST(ObjectionDetectorTest, ContrastsConcedeOrEmphasize) {
  ObjectionDetector d = Make();
  EXPECT_TRUE(d.Detect(Prospect("it is expensive but worth it")).empty());
  EXPECT_TRUE(
      d.Detect(Prospect("although it is pricey, it pays for itself")).empty());
  EXPECT_EQ(Top(d, "it sounds nice, but it is too expensive"), "price");
  EXPECT_EQ(Top(d, "we are happy with our current provider, though"),
            "status_quo");
  // The conceded objection is still there below the default threshold.
  ObjectionOptions low;
  low.min_confidence = 0.1;
  std::vector<Objection> os =
      Make(low).Detect(Prospect("it is expensive but worth it"));
  ASSERT_EQ(os.size(), 1u);
  EXPECT_EQ(os[0].category, "price");
  EXPECT_LT(os[0].confidence, 0.5);
}

// Phrasings no pattern covers, written for this test: the topic-evidence
// layer recognizes them from a stance cue plus topic words, with the
// layer's lower confidence, and only while topic cues are on.
TEST(ObjectionDetectorTest, TopicEvidenceCatchesUnlistedPhrasings) {
  struct Case {
    const char* text;
    const char* category;
  };
  const Case cases[] = {
      {"Frankly the renewal penalties scare me.", "contract"},
      {"I doubt our warehouse scanners would ever talk to your software.",
       "technical"},
      {"Anything like this has to clear our purchasing committee first.",
       "authority"},
      {"Honestly our finances are stretched thin after the expansion.",
       "budget"},
      {"Honestly, with the merger under way, nothing new gets started.",
       "timing"},
      {"I'm nervous about handing customer records to a startup.", "trust"},
      {"I doubt the older folks here would give up their paper binders.",
       "status_quo"},
      {"I can't see my team using half of those bells and whistles.", "need"},
      {"We're leaning toward the rival platform our sister office uses.",
       "competitor"},
  };
  ObjectionDetector on = Make();
  ObjectionOptions off_options;
  off_options.topic_cues = TopicCues::kOff;
  off_options.classifier = ClassifierLayer::kOff;
  ObjectionDetector off = Make(off_options);
  for (const Case& c : cases) {
    std::vector<Objection> os = on.Detect(Prospect(c.text));
    ASSERT_FALSE(os.empty()) << c.text;
    EXPECT_EQ(os[0].category, c.category) << c.text;
    EXPECT_LE(os[0].confidence, 0.65) << c.text;
    EXPECT_FALSE(os[0].trigger.empty()) << c.text;
    EXPECT_TRUE(off.Detect(Prospect(c.text)).empty()) << c.text;
  }
}

TEST(ObjectionDetectorTest, TopicWordsNeedAStance) {
  ObjectionDetector d = Make();
  // Topic words alone are the subject of the conversation.
  for (const char* text : {
           "Our procurement team handles the paperwork for new suppliers.",
           "The renewal date is in March.",
           "What does the premium plan cost per seat?",
           "We had a busy quarter, which is why we are calling you.",
       }) {
    EXPECT_TRUE(d.Detect(Prospect(text)).empty()) << text;
  }
  // A negated loaded word, a contrast that turns positive and a buying
  // signal are not pushback either.
  EXPECT_TRUE(
      d.Detect(Prospect("It's not expensive at all, which surprised me."))
          .empty());
  EXPECT_TRUE(d.Detect(Prospect("Busy, but good, thanks for asking.")).empty());
  EXPECT_TRUE(
      d.Detect(Prospect("We currently use spreadsheets and we're looking to "
                        "replace them."))
          .empty());
  EXPECT_TRUE(d.Detect(Prospect("Yes, I'm the one who signs off on purchases."))
                  .empty());
  // The same topic with pushback is an objection.
  EXPECT_EQ(Top(d, "Frankly the renewal penalties scare me."), "contract");
}

TEST(ObjectionCuesTest, VariantsAreRegularInflections) {
  auto has = [](const std::vector<std::string>& v, std::string_view w) {
    return std::find(v.begin(), v.end(), w) != v.end();
  };
  std::vector<std::string> price = CueVariants("price");
  EXPECT_EQ(price.front(), "price");
  EXPECT_TRUE(has(price, "prices") && has(price, "priced") &&
              has(price, "pricing"));
  std::vector<std::string> sw = CueVariants("switch");
  EXPECT_TRUE(has(sw, "switches") && has(sw, "switched") &&
              has(sw, "switching"));
  std::vector<std::string> worry = CueVariants("worry");
  EXPECT_TRUE(has(worry, "worries") && has(worry, "worried") &&
              has(worry, "worrying"));
  EXPECT_FALSE(has(worry, "worrys"));
}

TEST(ObjectionCuesTest, ScoresBestCategoryFirstAndCountsAWordOnce) {
  StatusOr<CueScorer> s = CueScorer::Create();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  HeardUtterance u =
      TokenizeText("honestly the contract renewal penalties worry me");
  MatchCache cache(u.tokens);
  std::vector<CueGuess> all = s->Score(cache);
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].category, "contract");
  // Three distinct contract words, each counted once, capped at 2.
  EXPECT_EQ(all[0].tokens.size(), 3u);
  EXPECT_DOUBLE_EQ(all[0].confidence, 0.65);
  for (size_t i = 1; i < all.size(); ++i) {
    EXPECT_LE(all[i].evidence, all[0].evidence);
  }
  // "time" is a word of its own, not a variant of "timing": alone next
  // to a stance it is too weak to guess.
  HeardUtterance t = TokenizeText("not much time");
  MatchCache tc(t.tokens);
  EXPECT_FALSE(s->Guess(tc).has_value());
}

TEST(ObjectionDetectorTest, SpeakersOption) {
  TranscriptFinal agent = Prospect("is it too expensive for you");
  agent.speaker = Speaker::kAgent;
  EXPECT_TRUE(Make().Detect(agent).empty());
  ObjectionOptions both;
  both.speakers = ObjectionSpeakers::kBoth;
  EXPECT_EQ(Make(both).Detect(agent).size(), 1u);
  ObjectionOptions agent_only;
  agent_only.speakers = ObjectionSpeakers::kAgent;
  EXPECT_EQ(Make(agent_only).Detect(agent).size(), 1u);
  EXPECT_TRUE(Make(agent_only).Detect(Prospect("too expensive")).empty());
}

TEST(ObjectionDetectorTest, CustomTriggersAndWords) {
  ObjectionOptions o;
  o.custom_triggers = {{"union (approval|sign off)", "authority"},
                       {"data residency", "legal_review"}};
  o.trigger_words = {"Procurement"};
  ObjectionDetector d = Make(o);
  EXPECT_EQ(Top(d, "this needs union approval first"), "authority");
  EXPECT_EQ(Top(d, "what about data residency"), "legal_review");
  std::vector<Objection> os = d.Detect(Prospect("procurement will decide"));
  ASSERT_FALSE(os.empty());
  EXPECT_TRUE(Has(os, "custom"));
  EXPECT_TRUE(Make().Detect(Prospect("what about data residency")).empty());

  std::vector<std::string> spots = d.SpottingPhrases();
  EXPECT_TRUE(std::is_sorted(spots.begin(), spots.end()));
  EXPECT_EQ(std::adjacent_find(spots.begin(), spots.end()), spots.end());
  for (std::string_view want :
       {"too expensive", "data residency", "procurement", "we do not need",
        "not interested"}) {
    EXPECT_NE(std::find(spots.begin(), spots.end(), want), spots.end()) << want;
  }
  // The pattern trigger is not a plain phrase, so it is not spotted.
  for (const std::string& s : spots) EXPECT_EQ(s.find('('), std::string::npos);
}

TEST(ObjectionDetectorTest, RejectsBadOptions) {
  ObjectionOptions o;
  o.custom_triggers = {{"(unbalanced", "authority"}};
  EXPECT_EQ(ObjectionDetector::Create(o).status().code(),
            StatusCode::kInvalidArgument);
  o.custom_triggers = {{"fine phrase", "Bad Category"}};
  EXPECT_FALSE(ObjectionDetector::Create(o).ok());
  o.custom_triggers.clear();
  o.trigger_words = {"two words"};
  EXPECT_FALSE(ObjectionDetector::Create(o).ok());
  o.trigger_words.clear();
  o.min_confidence = 1.5;
  EXPECT_FALSE(ObjectionDetector::Create(o).ok());
}

TEST(ObjectionDetectorTest, CategoriesAreTheDocumentedEleven) {
  const std::vector<std::string>& c = ObjectionDetector::Categories();
  ASSERT_EQ(c.size(), 11u);
  EXPECT_EQ(c.front(), "price");
  EXPECT_EQ(c.back(), "brush_off");
}

TEST(ObjectionDetectorTest, ConcurrentDetectIsSafe) {
  ObjectionDetector d = Make();
  ObjectionDetector copy = d;  // Copies share the compiled patterns.
  std::vector<std::thread> threads;
  std::atomic<int> hits{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const ObjectionDetector& use = t % 2 ? d : copy;
      for (int i = 0; i < 50; ++i) {
        if (Top(use, "we need more time to think about it") == "timing") ++hits;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(hits.load(), 200);
}

}  // namespace
}  // namespace sc::analysis

namespace sc::analysis {
namespace {

// The semantic layer (docs/objections.md, "Semantic layer") places wording
// that no pattern and no topic cue knows, at a confidence below theirs, and
// stays quiet where the other layers would: dismissals, conceded
// objections, ordinary talk.
// What a fill-in layer (semantic, classifier) must do: with it on (the
// default), place each of `placed` in its category at a confidence below
// every other layer's, where `off` (the layer switched off) finds nothing;
// and stay quiet on each of `quiet`.
void ExpectFillInLayer(
    const ObjectionOptions& off,
    std::initializer_list<std::pair<const char*, const char*>> placed,
    std::initializer_list<const char*> quiet) {
  auto with = ObjectionDetector::Create({});
  auto without = ObjectionDetector::Create(off);
  ASSERT_TRUE(with.ok() && without.ok());
  for (const auto& [text, category] : placed) {
    EXPECT_TRUE(without->Detect(Prospect(text)).empty()) << text;
    std::vector<Objection> os = with->Detect(Prospect(text));
    ASSERT_EQ(os.size(), 1u) << text;
    EXPECT_EQ(os[0].category, category) << text;
    EXPECT_GE(os[0].confidence, 0.5) << text;
    EXPECT_LE(os[0].confidence, 0.62) << text;
    EXPECT_FALSE(os[0].trigger.empty()) << text;
  }
  for (const char* text : quiet) {
    EXPECT_TRUE(with->Detect(Prospect(text)).empty()) << text;
  }
}

TEST(ObjectionSemanticLayerTest, PlacesNewWordingBelowTheOtherLayers) {
  ObjectionOptions off;
  off.semantic = SemanticLayer::kOff;
  off.classifier = ClassifierLayer::kOff;
  ExpectFillInLayer(off,
                    {{"our lawyers reject those terms", "contract"},
                     {"the finance folks froze all spending", "budget"},
                     {"my supervisor decides on purchases", "authority"}},
                    {"the spending freeze is not a problem for us",
                     "the finance folks froze all spending but it is worth it "
                     "and we will sign",
                     "our lawyers reviewed the terms and they look fine",
                     "can you tell me about the onboarding", "ok sure"});
}

TEST(ObjectionSemanticLayerTest, RejectsMarginsOutOfRange) {
  ObjectionOptions o;
  o.semantic_min_margin = -0.1;
  EXPECT_FALSE(ObjectionDetector::Create(o).ok());
  o.semantic_min_margin = 0.05;
  o.semantic_min_margin_alone = 3;
  EXPECT_FALSE(ObjectionDetector::Create(o).ok());
}

// The classifier layer (docs/objections.md, "Classifier layer") places
// what every other layer left alone, below their confidence, and inherits
// their quiet cases: ordinary talk, statements without a stance,
// dismissals.
TEST(ObjectionClassifierLayerTest, PlacesWhatTheOtherLayersLeave) {
  ObjectionOptions off;
  off.classifier = ClassifierLayer::kOff;
  ExpectFillInLayer(
      off,
      {{"the folks upstairs would have to bless this", "authority"},
       {"ask me again once the harvest is in", "timing"}},
      {"thanks for walking me through the dashboard",
       "we have about forty drivers on the road", "let me grab a pen",
       "the renewal date is in march"});
}

TEST(ObjectionClassifierLayerTest, RejectsThresholdsOutOfRange) {
  ObjectionOptions o;
  o.classifier_min_probability = 1.5;
  EXPECT_FALSE(ObjectionDetector::Create(o).ok());
  o.classifier_min_probability = 0.6;
  o.classifier_min_probability_alone = -0.1;
  EXPECT_FALSE(ObjectionDetector::Create(o).ok());
  o.classifier_min_probability_alone = 0.8;
  o.classifier_min_lead = 2;
  EXPECT_FALSE(ObjectionDetector::Create(o).ok());
}

}  // namespace
}  // namespace sc::analysis
