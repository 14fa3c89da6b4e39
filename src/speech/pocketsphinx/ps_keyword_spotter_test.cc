// Keyphrase spotting (speech/keyword_spotter.h) with the PocketSphinx
// backend: the pronunciation lexicon it builds, its errors, and spotting on
// a generated test call (build/testcalls, made by scripts/make-test-calls;
// skipped when absent).
#include "speech/pocketsphinx/ps_keyword_spotter.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "audio/resampler.h"
#include "audio/wav.h"
#include "speech/keyword_spotter.h"

namespace sc::speech {
namespace {

TEST(SpotterLexicon, DictionaryWordsAndGuessesWithPhoneCounts) {
  lm::Lexicon lex = lm::Lexicon::FromText(
      "too T UW\n"
      "expensive IH K S P EH N S IH V\n"
      "boss B AO S\n");
  SpotterLexicon out =
      BuildSpotterLexicon(lex, {"too expensive", "boss hubspotz", "42"});
  ASSERT_EQ(out.phones.size(), 3u);
  EXPECT_EQ(out.phones[0], 11);  // 2 + 9 phones.
  EXPECT_GT(out.phones[1], 3);   // "hubspotz" guessed.
  EXPECT_EQ(out.phones[2], 0);   // No letters: cannot be pronounced.
  ASSERT_GE(out.dictionary_lines.size(), 4u);
  EXPECT_EQ(out.dictionary_lines[0], "boss B AO S");
  EXPECT_TRUE(
      std::is_sorted(out.dictionary_lines.begin(), out.dictionary_lines.end()));
}

TEST(KeywordSpotter, ThresholdGrowsWithLength) {
  EXPECT_LT(DefaultSpotThreshold(12), DefaultSpotThreshold(6));
  EXPECT_LT(DefaultSpotThreshold(6), 0);
}

TEST(KeywordSpotter, RejectsNoPhrasesAndUnknownEngines) {
  EXPECT_EQ(OpenKeywordSpotter({}, {}).status().code(),
            StatusCode::kInvalidArgument);
  KeywordSpotterOptions only_digits;
  only_digits.phrases = {{"42"}};
  EXPECT_EQ(OpenKeywordSpotter({}, only_digits).status().code(),
            StatusCode::kInvalidArgument);
  RecognizerOptions other;
  other.engine = "whisper";
  KeywordSpotterOptions one;
  one.phrases = {{"too expensive"}};
  EXPECT_EQ(OpenKeywordSpotter(other, one).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(KeywordSpotter, SessionCallsOutOfOrderFail) {
  KeywordSpotterOptions so;
  so.phrases = {{"too expensive"}, {"  Check  with my BOSS "}, {"42"}};
  auto spotter = OpenKeywordSpotter({}, so);
  ASSERT_TRUE(spotter.ok()) << spotter.status().ToString();
  // Normalized; the unpronounceable one is left out.
  ASSERT_EQ((*spotter)->phrases().size(), 2u);
  EXPECT_EQ((*spotter)->phrases()[1].phrase, "check with my boss");
  EXPECT_TRUE((*spotter)->phrases()[1].threshold.has_value());
  auto s = (*spotter)->NewSession();
  ASSERT_TRUE(s.ok());
  std::vector<int16_t> pcm(1600, 0);
  EXPECT_EQ((*s)->Feed(pcm).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*s)->EndUtterance().status().code(),
            StatusCode::kFailedPrecondition);
  ASSERT_TRUE((*s)->StartUtterance(1.0).ok());
  EXPECT_EQ((*s)->StartUtterance(1.0).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE((*s)->Feed(pcm).ok());
  auto hits = (*s)->EndUtterance();
  ASSERT_TRUE(hits.ok());
  EXPECT_TRUE(hits->empty());  // Silence holds no phrase.
}

struct Turn {
  double start_s = 0, end_s = 0;
  std::string text;
};

// SC_TEST_CALLS_DIR (set by ctest's generated_test_calls fixture), else
// the calls scripts/make-test-calls leaves in build/testcalls.
std::string TestCalls() {
  if (const char* dir = std::getenv("SC_TEST_CALLS_DIR"); dir && *dir) {
    return std::string(dir) + "/";
  }
  const char* src = std::getenv("SC_SOURCE_DIR");
  return std::string(src ? src : ".") + "/build/testcalls/";
}

// The prospect's turns of demo_followup_payroll, each decoded as one
// utterance (0.2 s either side of its truth span) by one session, as a call
// track runs: the three objection phrases it says are heard in their turns
// at the default thresholds, and nothing is heard where they are not said.
TEST(KeywordSpotter, HearsObjectionPhrasesInAGeneratedCall) {
  const std::string name = TestCalls() + "demo_followup_payroll";
  if (!std::filesystem::exists(name + ".prospect.wav")) {
    GTEST_SKIP() << "no generated calls in " << TestCalls()
                 << " (scripts/make-test-calls)";
  }
  std::vector<Turn> turns;
  std::ifstream in(name + ".truth.jsonl");
  for (std::string line; std::getline(in, line);) {
    boost::json::object o = boost::json::parse(line).as_object();
    if (o["speaker"].as_string() != "prospect") continue;
    turns.push_back({o["start_s"].to_number<double>(),
                     o["end_s"].to_number<double>(),
                     std::string(o["text"].as_string())});
  }
  auto wav = audio::ReadWav(name + ".prospect.wav");
  ASSERT_TRUE(wav.ok()) << wav.status().ToString();
  std::vector<int16_t> pcm8 = audio::ExtractChannel(*wav, 0);

  KeywordSpotterOptions so;
  const std::vector<std::string> said = {"too expensive", "check with my boss",
                                         "need more time"};
  for (const auto& p : said) so.phrases.push_back({p});
  so.phrases.push_back({"budget freeze"});  // Never said in this call.
  auto spotter = OpenKeywordSpotter({}, so);
  ASSERT_TRUE(spotter.ok()) << spotter.status().ToString();
  auto session = (*spotter)->NewSession();
  ASSERT_TRUE(session.ok());
  std::vector<KeywordHit> all;
  for (const Turn& t : turns) {
    const double from = std::max(0.0, t.start_s - 0.2);
    const size_t a = static_cast<size_t>(from * wav->sample_rate);
    const size_t b = std::min(
        pcm8.size(), static_cast<size_t>((t.end_s + 0.2) * wav->sample_rate));
    auto up = audio::Resampler::Create(wav->sample_rate, 16000);
    ASSERT_TRUE(up.ok());
    std::vector<int16_t> pcm16;
    (*up)->Process(std::span(pcm8).subspan(a, b - a), pcm16);
    ASSERT_TRUE((*session)->StartUtterance(from).ok());
    ASSERT_TRUE((*session)->Feed(pcm16).ok());
    auto hits = (*session)->EndUtterance();
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    for (const KeywordHit& h : *hits) {
      EXPECT_GE(h.start_s, from);
      EXPECT_LE(h.end_s, t.end_s + 0.2);
      EXPECT_LT(h.start_s, h.end_s);
      all.push_back(h);
    }
  }
  for (const std::string& p : said) {
    bool found = false;
    for (const KeywordHit& h : all) {
      if (h.phrase != p) continue;
      for (const Turn& t : turns) {
        if (h.start_s >= t.start_s - 0.2 && h.end_s <= t.end_s + 0.2) {
          found |= t.text.find(p) != std::string::npos;
        }
      }
    }
    EXPECT_TRUE(found) << p;
  }
  for (const KeywordHit& h : all) EXPECT_NE(h.phrase, "budget freeze");
}

}  // namespace
}  // namespace sc::speech
