#include "speech/lm/ngram_lm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>

namespace sc::speech::lm {
namespace {

// A parsed ARPA model that scores like a back-off reader does.
struct Arpa {
  std::map<std::string, std::pair<double, double>> grams;  // prob, bow.
  std::map<int, int> declared;
  int order = 0;

  static Arpa Parse(const std::string& text) {
    Arpa a;
    std::istringstream in(text);
    std::string line;
    int section = 0;
    while (std::getline(in, line)) {
      if (line.rfind("ngram ", 0) == 0) {
        const int n = std::stoi(line.substr(6));
        a.declared[n] = std::stoi(line.substr(line.find('=') + 1));
        a.order = std::max(a.order, n);
      } else if (line.size() > 2 && line[0] == '\\' && isdigit(line[1])) {
        section = line[1] - '0';
      } else if (section > 0 && !line.empty() && line[0] != '\\') {
        std::istringstream ls(line);
        double p = 0, bow = 0;
        ls >> p;
        std::string key, w;
        for (int i = 0; i < section && ls >> w; ++i) {
          key += (i ? " " : "") + w;
        }
        if (!(ls >> bow)) bow = 0;
        a.grams[key] = {p, bow};
      }
    }
    return a;
  }
  // log10 p(w | ctx), ctx words joined by spaces (may be empty).
  double Score(const std::vector<std::string>& ctx,
               const std::string& w) const {
    std::string key;
    for (const auto& c : ctx) key += c + " ";
    key += w;
    if (auto it = grams.find(key); it != grams.end()) return it->second.first;
    if (ctx.empty()) return -99;
    std::string ckey;
    for (size_t i = 0; i < ctx.size(); ++i) ckey += (i ? " " : "") + ctx[i];
    double bow = 0;
    if (auto it = grams.find(ckey); it != grams.end()) bow = it->second.second;
    return bow + Score({ctx.begin() + 1, ctx.end()}, w);
  }
};

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

NgramLmBuilder SmallModel(double prior_weight = 0.15) {
  NgramLmBuilder b({.order = 3, .prior_weight = prior_weight});
  for (const char* s :
       {"the price is too high", "the price is fine", "the price is right",
        "send me the price", "send me an email", "send me the contract",
        "the contract is fine", "we can do a pilot", "we can do that",
        "is the price fixed", "the team is happy", "we are happy"}) {
    b.AddSentence(Words(s));
  }
  return b;
}

TEST(NgramLmTest, EmptyBuilderFails) {
  NgramLmBuilder b({});
  EXPECT_FALSE(b.BuildArpa().ok());
}

TEST(NgramLmTest, HeaderCountsMatchSections) {
  auto arpa = SmallModel().BuildArpa();
  ASSERT_TRUE(arpa.ok());
  Arpa a = Arpa::Parse(*arpa);
  ASSERT_EQ(a.order, 3);
  std::map<int, int> seen;
  for (const auto& [k, v] : a.grams) {
    seen[static_cast<int>(std::count(k.begin(), k.end(), ' ')) + 1]++;
  }
  EXPECT_EQ(seen, a.declared);
  EXPECT_EQ(a.grams.at("<s>").first, -99);
}

// The defining property of a proper back-off model: for every context the
// probabilities of all words (read through back-off) sum to one.
TEST(NgramLmTest, EveryContextDistributionSumsToOne) {
  auto b = SmallModel(0.2);
  b.SetUnigramPrior({{"the", 0.5}, {"hello", 0.3}, {"world", 0.2}});
  auto arpa = b.BuildArpa();
  ASSERT_TRUE(arpa.ok());
  Arpa a = Arpa::Parse(*arpa);
  std::vector<std::string> vocab = b.Vocabulary();
  vocab.push_back("</s>");
  ASSERT_NE(std::find(vocab.begin(), vocab.end(), "hello"), vocab.end());
  for (const auto& ctx :
       std::vector<std::vector<std::string>>{{},
                                             {"<s>"},
                                             {"price"},
                                             {"the", "price"},
                                             {"send", "me"},
                                             {"<s>", "we"},
                                             {"hello"},
                                             {"world", "hello"},
                                             {"me", "the"}}) {
    double sum = 0;
    for (const auto& w : vocab) sum += std::pow(10.0, a.Score(ctx, w));
    EXPECT_NEAR(sum, 1.0, 1e-4) << "context size " << ctx.size();
  }
}

TEST(NgramLmTest, SeenContinuationsBeatUnseen) {
  auto arpa = SmallModel().BuildArpa();
  ASSERT_TRUE(arpa.ok());
  Arpa a = Arpa::Parse(*arpa);
  EXPECT_GT(a.Score({"the", "price"}, "is"), a.Score({"the", "price"}, "we"));
  EXPECT_GT(a.Score({"send", "me"}, "the"), a.Score({"send", "me"}, "happy"));
  // Unseen but possible words keep a non-zero probability.
  EXPECT_GT(a.Score({"the", "price"}, "pilot"), -10);
}

TEST(NgramLmTest, PriorWordsJoinTheVocabulary) {
  auto b = SmallModel(0.5);
  b.SetUnigramPrior({{"invoice", 1.0}});
  auto arpa = b.BuildArpa();
  ASSERT_TRUE(arpa.ok());
  Arpa a = Arpa::Parse(*arpa);
  ASSERT_TRUE(a.grams.contains("invoice"));
  // Half the unigram mass goes to the prior's only word.
  EXPECT_GT(std::pow(10.0, a.grams.at("invoice").first), 0.5);
}

TEST(NgramLmTest, WeightedSentenceCountsMore) {
  NgramLmBuilder once({.order = 2}), thrice({.order = 2});
  for (auto* b : {&once, &thrice}) b->AddSentence(Words("a b"));
  once.AddSentence(Words("a c"), 1);
  thrice.AddSentence(Words("a c"), 3);
  Arpa x = Arpa::Parse(*once.BuildArpa());
  Arpa y = Arpa::Parse(*thrice.BuildArpa());
  EXPECT_GT(y.Score({"a"}, "c"), x.Score({"a"}, "c"));
}

}  // namespace
}  // namespace sc::speech::lm
