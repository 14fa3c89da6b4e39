#include "analysis/phonetic.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sc::analysis {
namespace {

TEST(PhoneticCodeTest, SoundAlikesShareACode) {
  EXPECT_EQ(PhoneticCode("too"), PhoneticCode("to"));
  EXPECT_EQ(PhoneticCode("boss"), PhoneticCode("bus"));
  EXPECT_EQ(PhoneticCode("price"), PhoneticCode("prize"));
  EXPECT_EQ(PhoneticCode("our"), PhoneticCode("are"));
  EXPECT_EQ(PhoneticCode("know"), PhoneticCode("no"));
  EXPECT_EQ(PhoneticCode("phone"), PhoneticCode("fone"));
}

TEST(PhoneticCodeTest, RulesForConsonantClasses) {
  EXPECT_EQ(PhoneticCode("budget"), "BJT");
  EXPECT_EQ(PhoneticCode("check"), "XK");
  EXPECT_EQ(PhoneticCode("think"), "0NK");
  EXPECT_EQ(PhoneticCode("knife"), "NF");  // Silent k.
  EXPECT_EQ(PhoneticCode("night"), "NT");  // Silent gh.
  EXPECT_EQ(PhoneticCode("expensive"), "AKSPNSF");
  EXPECT_EQ(PhoneticCode("nation"), "NXN");
  EXPECT_EQ(PhoneticCode("Contract!"), "KNTRKT");  // Case and punctuation.
  EXPECT_EQ(PhoneticCode(""), "");
  EXPECT_EQ(PhoneticCode("123"), "");
}

TEST(PhoneticCodeTest, DifferentSoundsDiffer) {
  EXPECT_NE(PhoneticCode("price"), PhoneticCode("place"));
  EXPECT_NE(PhoneticCode("boss"), PhoneticCode("base") + "X");
  EXPECT_NE(PhoneticCode("contract"), PhoneticCode("contact"));
}

TEST(EditDistanceTest, CountsEditsAndStopsAtTheLimit) {
  EXPECT_EQ(EditDistance("contract", "contact", 3), 1);
  EXPECT_EQ(EditDistance("kitten", "sitting", 5), 3);
  EXPECT_EQ(EditDistance("", "abc", 5), 3);
  EXPECT_EQ(EditDistance("same", "same", 0), 0);
  // Above the limit the answer is limit + 1, whatever the true distance.
  EXPECT_EQ(EditDistance("kitten", "sitting", 1), 2);
  EXPECT_EQ(EditDistance("a", "abcdefgh", 2), 3);
}

WordSimilarity Cmp(std::string_view expected, std::string_view heard) {
  return CompareWords(expected, PhoneticCode(expected), heard,
                      PhoneticCode(heard));
}

TEST(CompareWordsTest, GradesRecognizerSubstitutions) {
  EXPECT_EQ(Cmp("budget", "budget"), WordSimilarity::kExact);
  EXPECT_EQ(Cmp("contract", "contact"), WordSimilarity::kFuzzy);
  EXPECT_EQ(Cmp("expensive", "expansive"), WordSimilarity::kFuzzy);
  EXPECT_EQ(Cmp("too", "to"), WordSimilarity::kPhonetic);
  EXPECT_EQ(Cmp("boss", "bus"), WordSimilarity::kPhonetic);
  EXPECT_EQ(Cmp("budget", "butget"), WordSimilarity::kFuzzy);
  EXPECT_EQ(Cmp("complicated", "completeit"), WordSimilarity::kNearPhonetic);
  EXPECT_EQ(Cmp("issue", "is"), WordSimilarity::kNone);  // Same code "AS".
}

TEST(CompareWordsTest, UnrelatedWordsDoNotMatch) {
  EXPECT_EQ(Cmp("price", "nice"), WordSimilarity::kNone);
  EXPECT_EQ(Cmp("budget", "but"), WordSimilarity::kNone);
  EXPECT_EQ(Cmp("boss", "bass") == WordSimilarity::kExact, false);
  EXPECT_EQ(Cmp("need", "feed"), WordSimilarity::kNone);    // First letter.
  EXPECT_EQ(Cmp("not", "now"), WordSimilarity::kNone);      // Too short.
  EXPECT_EQ(Cmp("quote", "kid"), WordSimilarity::kNone);    // Both KT.
  EXPECT_EQ(Cmp("tied", "to"), WordSimilarity::kNone);      // Both T.
  EXPECT_EQ(Cmp("stuck", "still"), WordSimilarity::kNone);  // Codes < 4.
  EXPECT_EQ(Cmp("budget", "bucket"), WordSimilarity::kNone);
}

TEST(CompareWordsTest, MaybeSimilarNeverMissesAGradedPair) {
  const std::vector<std::string> words = {
      "budget",     "but",       "get",       "butget", "bucket",
      "contract",   "contact",   "to",        "too",    "two",
      "tied",       "is",        "issue",     "boss",   "bus",
      "bass",       "price",     "prize",     "nice",   "complicated",
      "completeit", "expensive", "expansive", "quote",  "kid",
      "need",       "feed",      "knead",     "not",    "now",
      "stuck",      "still",     "cost",      "coast",  "phone",
      "fone",       "write",     "right",     "rite",   "wright",
      "pricey",     "pretty",    "afford",    "effort", "ford",
      "priority",   "property"};
  int graded = 0;
  for (const std::string& a : words) {
    for (const std::string& b : words) {
      const std::string ca = PhoneticCode(a);
      const std::string cb = PhoneticCode(b);
      if (CompareWords(a, ca, b, cb) == WordSimilarity::kNone) continue;
      ++graded;
      EXPECT_TRUE(MaybeSimilar(a, ca, b, cb)) << a << " / " << b;
    }
  }
  EXPECT_GT(graded, static_cast<int>(words.size()));  // Not only exact.
  EXPECT_FALSE(
      MaybeSimilar("price", PhoneticCode("price"), "we", PhoneticCode("we")));
}

}  // namespace
}  // namespace sc::analysis
