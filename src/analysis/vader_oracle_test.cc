// Oracle test: our VADER port against the npm package vader-sentiment 1.1.3
// (the JavaScript implementation installed by scripts/setup), on sentences
// generated here to exercise every rule. Skips only when `node` is absent.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/lexicon_afinn.h"
#include "analysis/lexicon_embedding.h"
#include "analysis/sentiment.h"
#include "analysis/vader.h"

namespace sc::analysis {
namespace {

// Sentences written for this test; every VADER rule appears in several.
const char* const kHandWritten[] = {
    "The support team was good.",
    "The support team was not good.",
    "The support team wasn't very good.",
    "The support team was never so good.",
    "It was never this helpful before.",
    "I never thought it would be so good.",
    "Without doubt the onboarding was good.",
    "Without doubt, good onboarding.",
    "It is without a doubt a great product.",
    "This is the least useful tool I own.",
    "At least the demo was fine.",
    "It was the very least helpful answer.",
    "Least helpful call ever.",
    "The price is kind of high but the value is great.",
    "The product is kind of good.",
    "We were kind of happy with it.",
    "We were sort of happy with it.",
    "That was sort of a disaster.",
    "The rollout was slightly bad.",
    "The rollout was extremely bad.",
    "The rollout was EXTREMELY bad.",
    "The rollout was VERY BAD!!!",
    "THE ROLLOUT WAS BAD",
    "The rollout was GREAT, honestly.",
    "the rollout was great",
    "Great demo!",
    "Great demo!!",
    "Great demo!!!!!!",
    "Great demo??",
    "Great demo???",
    "Great demo?????",
    "Was it a great demo?",
    "Terrible demo?!?",
    "The demo was good but the pricing is terrible.",
    "The demo was terrible but the pricing is good.",
    "The demo was good BUT the pricing is terrible.",
    "The demo was good, But the pricing is terrible.",
    "He said the new plan is the bomb.",
    "Their new plan is the shit.",
    "That offer is bad ass.",
    "Yeah right, that would be great.",
    "Oh yeah right, this is so good.",
    "This vendor does not cut the mustard.",
    "The new version just does not cut the mustard at all.",
    "That clause is the kiss of death for the deal.",
    "They have been living hand to mouth since the cuts.",
    "The meeting went well :)",
    "The meeting went badly :(",
    "The meeting went well :-D lol",
    "lol that was funny",
    "LOL that was funny",
    "ok",
    "OK",
    "ok ok ok",
    "Nope, not happy.",
    "Nothing good came of it.",
    "Despite the delay, the launch was a success.",
    "We rarely see such good results.",
    "It's hardly a problem.",
    "It's barely acceptable.",
    "It's not a problem at all.",
    "no problem",
    "No problem at all!",
    "There is no good answer.",
    "No, that's great.",
    "The team isn't happy and the client isn't happy.",
    "They didn't like it, they didn't hate it.",
    "I don't love it, but I don't hate it either.",
    "We can't recommend them highly enough.",
    "absolutely amazing work",
    "Absolutely AMAZING work",
    "an utterly awful, completely useless call",
    "a really really good call",
    "The call was good.   Really good.",
    "The\tcall\twas\tgood",
    "x y z good",
    "good",
    "",
    "   ",
    "!!!",
    "The call was... good",
    "The call was good...",
    "'good' is what they said",
    "\"great\" they said",
    "(great) call",
    "great, great, great!",
    "?!?great call",
    "great call!?!",
    "What a :-( day",
    "I'm so happy :D",
    "Such a kind-of good idea",
    "It is sorta good and kinda bad",
    "She was more than happy to help.",
    "Most importantly, it is reliable.",
    "The least bad option is fine.",
    "Not the least bit happy.",
    "It's not not good.",
    "We aren't unhappy.",
    "You ain't seen nothing yet, it's great",
    "Never again, this was horrible!",
    "never so happy, never so sad",
    "This is so so good",
    "This is so very good",
    "he is SO happy",
    "HE IS SO HAPPY",
    "He Is So Happy",
};

// A deterministic generator of combinations of rule triggers.
std::vector<std::string> Generated() {
  const char* subjects[] = {"The service", "this plan", "Your offer",
                            "the CALL",    "It",        "Our team"};
  const char* verbs[] = {"is",    "was",    "isn't", "is not",    "was never",
                         "seems", "wasn't", "feels", "never was", "is NOT"};
  const char* modifiers[] = {
      "",          "very",     "extremely",     "kind of", "sort of",
      "somewhat",  "barely",   "VERY",          "so",      "never so",
      "the least", "at least", "not very",      "hardly",  "really",
      "quite",     "a little", "without doubt", "this"};
  const char* words[] = {"good",    "great",    "bad",       "terrible",
                         "amazing", "awful",    "nice",      "fine",
                         "helpful", "useless",  "GREAT",     "Bad",
                         "happy",   "sad",      "worthless", "excellent",
                         "ok",      "annoying", "fun",       "boring"};
  const char* tails[] = {"",
                         ".",
                         "!",
                         "!!",
                         "!!!!!",
                         "?",
                         "??",
                         "????",
                         "?!?",
                         " but the price is awful",
                         " but I love it",
                         " BUT it is okay",
                         ", lol",
                         " :)",
                         " :(",
                         " and the staff were rude",
                         " despite the delays",
                         ", yeah right",
                         " and the support is the bomb",
                         " but honestly not bad"};
  std::vector<std::string> out;
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&](size_t n) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<size_t>(state % n);
  };
  std::set<std::string> seen;
  while (out.size() < 400) {
    std::string s = subjects[next(std::size(subjects))];
    s += " ";
    s += verbs[next(std::size(verbs))];
    std::string m = modifiers[next(std::size(modifiers))];
    if (!m.empty()) s += " " + m;
    s += " ";
    s += words[next(std::size(words))];
    s += tails[next(std::size(tails))];
    if (seen.insert(s).second) out.push_back(s);
  }
  return out;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string SourceDir() {
  const char* env = std::getenv("SC_SOURCE_DIR");
  return env != nullptr && *env != '\0' ? env : SC_SOURCE_DIR_DEFAULT;
}

// Runs the npm implementation on `sentences`; returns compound scores.
std::vector<double> NodeCompound(const std::vector<std::string>& sentences) {
  auto dir = std::filesystem::temp_directory_path() /
             ("vader_oracle_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream in(dir / "in.json");
    in << "[";
    for (size_t i = 0; i < sentences.size(); ++i) {
      in << (i ? "," : "") << JsonString(sentences[i]);
    }
    in << "]";
    std::ofstream js(dir / "oracle.js");
    js << "const fs = require('fs');\n"
          "const vader = require(process.argv[2]);\n"
          "const texts = JSON.parse(fs.readFileSync(process.argv[3], "
          "'utf8'));\n"
          "console.log(texts.map(t => vader.SentimentIntensityAnalyzer"
          ".polarity_scores(t).compound).join('\\n'));\n";
  }
  std::string module = SourceDir() + "/node_modules/vader-sentiment";
  std::string cmd = "node '" + (dir / "oracle.js").string() + "' '" + module +
                    "' '" + (dir / "in.json").string() + "'";
  std::vector<double> out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char line[256];
  while (std::fgets(line, sizeof(line), p) != nullptr) {
    out.push_back(std::strtod(line, nullptr));
  }
  int rc = pclose(p);
  std::filesystem::remove_all(dir);
  if (rc != 0) out.clear();
  return out;
}

bool HaveNode() { return std::system("command -v node >/dev/null 2>&1") == 0; }

// True when a sentence may legitimately score differently under the
// extended rules (sentiment.h, VaderRuleSet::kExtended): it has "no",
// "without", an inflected form of a lexicon word, or capitals that the
// reference's case-sensitive checks miss.
bool MayDeviate(const std::string& s) {
  std::string lower = vader::Lower(s);
  const vader::Lexicon& lex = vader::Lexicon::Embedded();
  for (const auto& t : vader::Tokenize(lower)) {
    if (t.lower == "no" || t.lower == "without") return true;
    if (lex.Find(t.lower) == nullptr &&
        vader::FindInflected(lex, t.lower) != nullptr) {
      return true;
    }
  }
  return lower != s;
}

// True when a token of `s` is rated differently once AFINN is mixed in
// (sentiment.h, SecondLexicon::kAfinn165), directly or through an inflection.
bool HasAfinnWord(const std::string& s) {
  const vader::Lexicon& base = vader::Lexicon::Embedded();
  static const vader::Lexicon mixed = vader::WithAfinn(base, {});
  auto rating = [](const vader::Lexicon& lex, const std::string& t) {
    const double* v = lex.Find(t);
    if (v == nullptr) v = vader::FindInflected(lex, t);
    return v == nullptr ? 0.0 : *v;
  };
  for (const auto& t : vader::Tokenize(s)) {
    if (rating(base, t.lower) != rating(mixed, t.lower)) return true;
  }
  return false;
}

class VaderOracleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HaveNode()) GTEST_SKIP() << "node is not installed";
    for (const char* s : kHandWritten) sentences_.emplace_back(s);
    for (std::string& s : Generated()) sentences_.push_back(std::move(s));
    expected_ = NodeCompound(sentences_);
    ASSERT_EQ(expected_.size(), sentences_.size())
        << "the npm vader-sentiment package did not run; is it installed "
           "under node_modules (scripts/setup)?";
  }
  std::vector<std::string> sentences_;
  std::vector<double> expected_;
};

TEST_F(VaderOracleTest, ReferenceRulesMatchNpmPackage) {
  SentimentOptions options;
  options.sales_layer = SalesLayer::kOff;
  options.rules = VaderRuleSet::kNpmReference;
  auto model = SentimentModel::Create(options);
  ASSERT_TRUE(model.ok());
  ASSERT_GE(sentences_.size(), 500u);
  int nonzero = 0;
  for (size_t i = 0; i < sentences_.size(); ++i) {
    double got = model->Score(sentences_[i]).score;
    EXPECT_NEAR(got, expected_[i], 1e-3) << "\"" << sentences_[i] << "\"";
    nonzero += expected_[i] != 0 ? 1 : 0;
  }
  // The oracle really scored: most sentences carry sentiment.
  EXPECT_GT(nonzero, static_cast<int>(sentences_.size() * 8 / 10));
}

TEST_F(VaderOracleTest, ExtendedRulesDeviateOnlyWhereDocumented) {
  SentimentOptions options;
  options.sales_layer = SalesLayer::kOff;
  // The rule changes alone; AfinnChangesOnlySentencesWithAfinnWords below
  // covers the second lexicon.
  options.second_lexicon = SecondLexicon::kNone;
  options.embedding_valence_weight = 0;  // EmbeddingValence... below.
  options.classifier_weight = 0;         // A blend, not a rule.
  auto model = SentimentModel::Create(options);
  ASSERT_TRUE(model.ok());
  int deviations = 0;
  for (size_t i = 0; i < sentences_.size(); ++i) {
    double got = model->Score(sentences_[i]).score;
    if (std::abs(got - expected_[i]) > 1e-3) {
      ++deviations;
      EXPECT_TRUE(MayDeviate(sentences_[i]))
          << "\"" << sentences_[i] << "\": " << got << " vs " << expected_[i];
    }
  }
  // The deviations exist (the generated set has "without doubt", "no
  // problem" and capitalised negations).
  EXPECT_GT(deviations, 0);
}

TEST_F(VaderOracleTest, AfinnChangesOnlySentencesWithAfinnWords) {
  SentimentOptions without;
  without.sales_layer = SalesLayer::kOff;
  without.second_lexicon = SecondLexicon::kNone;
  without.embedding_valence_weight = 0;
  without.classifier_weight = 0;
  SentimentOptions with = without;
  with.second_lexicon = SecondLexicon::kAfinn165;
  auto a = SentimentModel::Create(without);
  auto b = SentimentModel::Create(with);
  ASSERT_TRUE(a.ok() && b.ok());
  int changed = 0;
  for (const std::string& s : sentences_) {
    if (a->Score(s).score != b->Score(s).score) {
      ++changed;
      EXPECT_TRUE(HasAfinnWord(s)) << "\"" << s << "\"";
    }
  }
  EXPECT_GT(changed, 0);
}

// The embedding valences (lexicon_embedding.h) change a sentence's score
// only when one of its words is rated by them: neither list rates it, it is
// past the frequent words, and its predicted valence clears the floor.
TEST_F(VaderOracleTest, EmbeddingValenceChangesOnlySentencesWithNewWords) {
  SentimentOptions without;
  without.sales_layer = SalesLayer::kOff;
  without.embedding_valence_weight = 0;
  without.classifier_weight = 0;
  SentimentOptions with = without;
  with.embedding_valence_weight = SentimentOptions().embedding_valence_weight;
  auto a = SentimentModel::Create(without);
  auto b = SentimentModel::Create(with);
  ASSERT_TRUE(a.ok() && b.ok());
  const vader::Lexicon mixed = vader::WithAfinn(vader::Lexicon::Embedded(), {});
  vader::EmbeddingValenceMix mix;
  mix.weight = with.embedding_valence_weight;
  mix.min_abs = with.embedding_valence_min;
  const vader::Lexicon extended = vader::WithEmbeddingValence(mixed, mix);
  auto rating = [](const vader::Lexicon& lex, const std::string& t) {
    const double* v = lex.Find(t);
    if (v == nullptr) v = vader::FindInflected(lex, t);
    return v == nullptr ? 0.0 : *v;
  };
  for (const std::string& s : sentences_) {
    if (a->Score(s).score == b->Score(s).score) continue;
    bool new_word = false;
    for (const auto& t : vader::Tokenize(s)) {
      new_word |= rating(mixed, t.lower) != rating(extended, t.lower);
    }
    EXPECT_TRUE(new_word) << "\"" << s << "\"";
  }
  // Every rated word keeps its rating.
  EXPECT_EQ(*extended.Find("good"), *mixed.Find("good"));
  EXPECT_GT(extended.size(), mixed.size() + 1000);
}

}  // namespace
}  // namespace sc::analysis
