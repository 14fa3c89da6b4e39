#include "analysis/text_classifier.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/objections.h"

namespace sc::analysis {
namespace {

const std::vector<std::string> kLabels = {"price", "timing", "none"};

std::vector<LabelledText> TinyCorpus() {
  std::vector<LabelledText> out;
  std::string error;
  EXPECT_TRUE(
      ParseLabelledCorpus("# comment\n"
                          "price\tthat is way too expensive\n"
                          "price\tthe cost is too high for us\n"
                          "timing\tcall me back next quarter\n"
                          "timing\tnot a good time right now\n"
                          "\n"
                          "none\tsounds great see you tuesday\r\n"
                          "none\twhat does the price include\n",
                          kLabels, &out, &error))
      << error;
  return out;
}

TEST(TextClassifierTest, ObjectionLabelsAreTheDetectorCategoriesThenNone) {
  const std::vector<std::string>& labels =
      TextClassifier::Objections().labels();
  const auto& cats = ObjectionDetector::Categories();
  ASSERT_EQ(cats.size() + 1, labels.size());
  for (size_t i = 0; i < cats.size(); ++i) EXPECT_EQ(cats[i], labels[i]);
  EXPECT_EQ("none", labels[TextClassifier::kObjectionNone]);
  EXPECT_EQ(-1, TextClassifier::Objections().LabelIndex("pricing"));
}

TEST(TextClassifierTest, CorpusParserNamesTheBadLine) {
  std::vector<LabelledText> out;
  std::string error;
  EXPECT_FALSE(ParseLabelledCorpus("price\tok\npricey\ttoo much\n", kLabels,
                                   &out, &error));
  EXPECT_EQ("line 2: unknown label 'pricey'", error);
  EXPECT_FALSE(ParseLabelledCorpus("price no tab\n", kLabels, &out, &error));
  EXPECT_EQ("line 1: want label<TAB>text", error);
  EXPECT_FALSE(ParseLabelledCorpus("price\ta\tb\n", kLabels, &out, &error));
  EXPECT_FALSE(ParseLabelledCorpus("price\t\n", kLabels, &out, &error));
  ASSERT_EQ(6u, TinyCorpus().size());
  EXPECT_EQ("sounds great see you tuesday", TinyCorpus()[4].text);
}

TEST(TextClassifierTest, FeaturesMarkNegationAndInflection) {
  const TextFeatures f = ExtractTextFeatures(
      WordEmbeddings::Builtin(), "It's not expensive, integrating is easy");
  auto has = [&](const std::string& n) {
    return std::find(f.sparse.begin(), f.sparse.end(), n) != f.sparse.end();
  };
  EXPECT_TRUE(has("u:expensive"));
  EXPECT_TRUE(has("n:expensive"));  // Within reach of "not".
  EXPECT_FALSE(has("n:it"));
  EXPECT_TRUE(has("b:<s> it"));
  EXPECT_TRUE(has("b:easy </s>"));
  EXPECT_TRUE(has("p:integ"));
  EXPECT_TRUE(has("len:4-7"));
}

TEST(TextClassifierTest, TrainingIsDeterministicAndLearnsTheCorpus) {
  const std::vector<LabelledText> corpus = TinyCorpus();
  const TextClassifier a = TextClassifier::Train(corpus, kLabels, {});
  const TextClassifier b = TextClassifier::Train(corpus, kLabels, {});
  EXPECT_EQ(a.Serialize(), b.Serialize());
  for (const LabelledText& x : corpus) {
    const std::vector<double> p = a.Classify(x.text);
    const auto best = std::max_element(p.begin(), p.end()) - p.begin();
    EXPECT_EQ(x.label, best) << x.text;
  }
  TrainingOptions other;
  other.seed = 2;
  EXPECT_NE(a.Serialize(),
            TextClassifier::Train(corpus, kLabels, other).Serialize());
}

TEST(TextClassifierTest, SerializedModelParsesBackAndTruncationIsRejected) {
  const TextClassifier a = TextClassifier::Train(TinyCorpus(), kLabels, {});
  const std::string blob = a.Serialize();
  TextClassifier b;
  ASSERT_TRUE(TextClassifier::Parse(
      reinterpret_cast<const unsigned char*>(blob.data()), blob.size(), &b));
  EXPECT_EQ(blob, b.Serialize());
  EXPECT_EQ(kLabels, b.labels());
  EXPECT_EQ(a.Classify("too expensive"), b.Classify("too expensive"));
  for (size_t n = 0; n < blob.size(); n += 1 + n / 16) {
    TextClassifier c;
    EXPECT_FALSE(TextClassifier::Parse(
        reinterpret_cast<const unsigned char*>(blob.data()), n, &c))
        << n;
  }
  std::string bad = blob;
  bad[0] = 'X';
  EXPECT_FALSE(TextClassifier::Parse(
      reinterpret_cast<const unsigned char*>(bad.data()), bad.size(), &b));
  // A feature count far beyond the data is rejected before allocating.
  bad = blob;
  bad[16] = '\x7f';
  bad[17] = bad[18] = bad[19] = '\x7f';
  EXPECT_FALSE(TextClassifier::Parse(
      reinterpret_cast<const unsigned char*>(bad.data()), bad.size(), &b));
}

TEST(TextClassifierTest, StrongestTokenIsTheWordThatCarriesTheCategory) {
  const TextClassifier m = TextClassifier::Train(TinyCorpus(), kLabels, {});
  const std::vector<std::string> toks = {"well", "call", "expensive", "me"};
  EXPECT_EQ(2, m.StrongestToken(toks, m.LabelIndex("price")));
  EXPECT_EQ(1, m.StrongestToken(toks, m.LabelIndex("timing")));
}

// The built-in objection model, trained at build time on our corpora, on
// sentences that are not in them.
TEST(TextClassifierTest, BuiltinObjectionModelPlacesPlainObjections) {
  const TextClassifier& m = TextClassifier::Objections();
  EXPECT_GT(m.feature_count(), 1000u);
  struct Case {
    const char* text;
    const char* label;
  } cases[] = {
      {"honestly the fee is far more than we can justify", "price"},
      {"i would need my director to approve any purchase", "authority"},
      {"we are tied into our current agreement until next spring", "contract"},
      {"perfect, send over the paperwork and we will sign", "none"},
  };
  for (const Case& c : cases) {
    const std::vector<double> p = m.Classify(c.text);
    const auto best = std::max_element(p.begin(), p.end()) - p.begin();
    EXPECT_EQ(c.label, m.labels()[best]) << c.text;
  }
}

}  // namespace
}  // namespace sc::analysis
