#include "speech/lm/domain_lm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace sc::speech::lm {
namespace {

using Sentences = std::vector<std::vector<std::string>>;

TEST(NormalizeWordsTest, LowerCasesAndSplits) {
  EXPECT_EQ(NormalizeWords("We're ready -- follow-up on Monday, OK?"),
            (std::vector<std::string>{"we're", "ready", "follow", "up", "on",
                                      "monday", "ok"}));
  EXPECT_EQ(NormalizeWords("'quoted' 24/7"),
            (std::vector<std::string>{"quoted", "24", "7"}));
}

TEST(ExpandCorpusTest, ExpandsAlternativesAndClasses) {
  auto s = ExpandCorpus(
      "# comment\n"
      "@day = monday | tuesday\n"
      "\n"
      "how about {@day} at {one|two}\n"
      "thanks\n");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  Sentences want = {{"how", "about", "monday", "at", "one"},
                    {"how", "about", "monday", "at", "two"},
                    {"how", "about", "tuesday", "at", "one"},
                    {"how", "about", "tuesday", "at", "two"},
                    {"thanks"}};
  EXPECT_EQ(*s, want);
}

TEST(ExpandCorpusTest, CapsExpansionsWithAnEvenSubset) {
  std::string line = "{a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h}";
  auto s = ExpandCorpus(line);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->size(), static_cast<size_t>(kMaxExpansions));
  std::set<std::string> first;
  for (const auto& v : *s) first.insert(v[0]);
  EXPECT_EQ(first.size(), 8u);  // Spread over the whole range.
}

TEST(ExpandCorpusTest, ReportsMalformedLines) {
  auto a = ExpandCorpus("ok\nhow about {@nope}\n");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().ToString().find("line 2"), std::string::npos);
  EXPECT_FALSE(ExpandCorpus("open {a|b\n").ok());
  EXPECT_FALSE(ExpandCorpus("@x\n").ok());
  EXPECT_FALSE(ExpandCorpus("# only a comment\n").ok());
}

TEST(BuiltInCorpusTest, ExpandsAndCoversSalesTalk) {
  auto s = ExpandCorpus(SalesCorpus());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_GT(s->size(), 1000u);
  std::set<std::string> vocab;
  for (const auto& v : *s) vocab.insert(v.begin(), v.end());
  for (const char* w : {"price", "budget", "contract", "demo", "thursday",
                        "percent", "thousand", "email", "provider"}) {
    EXPECT_TRUE(vocab.contains(w)) << w;
  }
}

TEST(BuildDomainLmTest, DictionaryCoversVocabularyWithGuesses) {
  Lexicon lex = Lexicon::FromText(
      "send S EH N D\nme M IY\nthe DH AH\nthe(2) DH IY\nprice P R AY S\n"
      "hub HH AH B\nspot S P AA T\nwe W IY\nuse Y UW Z\nhello HH AH L OW\n");
  DomainLmInput in;
  in.corpus = "send me the price\nwe use {hubspot|the price}\n";
  in.terms = {"HubSpot", "KPI"};
  in.general_unigrams = {{"hello", 0.6}, {"notindict", 0.4}};
  auto lm = BuildDomainLm(in, lex);
  ASSERT_TRUE(lm.ok()) << lm.status().ToString();
  EXPECT_NE(lm->dictionary.find("the DH AH\nthe(2) DH IY\n"),
            std::string::npos);
  EXPECT_NE(lm->dictionary.find("hubspot HH AH B S P AA T\n"),
            std::string::npos);
  EXPECT_NE(lm->dictionary.find("kpi K EY P IY AY\n"), std::string::npos);
  EXPECT_NE(lm->dictionary.find("hello "), std::string::npos);
  // General words the dictionary lacks are left out of both files.
  EXPECT_EQ(lm->dictionary.find("notindict"), std::string::npos);
  EXPECT_EQ(lm->arpa.find("notindict"), std::string::npos);
  EXPECT_EQ(lm->generated, (std::vector<std::string>{"hubspot", "kpi"}));
  EXPECT_NE(lm->arpa.find("\thubspot"), std::string::npos);
  // send me the price we use hubspot kpi hello.
  EXPECT_EQ(lm->vocabulary_size, 9u);
}

TEST(BuildDomainLmTest, Deterministic) {
  Lexicon lex = Lexicon::FromText("a AH\nb B IY\n");
  DomainLmInput in;
  in.corpus = "a b\nb a\na a b\n";
  auto x = BuildDomainLm(in, lex), y = BuildDomainLm(in, lex);
  ASSERT_TRUE(x.ok() && y.ok());
  EXPECT_EQ(x->arpa, y->arpa);
  EXPECT_EQ(x->dictionary, y->dictionary);
}

}  // namespace
}  // namespace sc::speech::lm
