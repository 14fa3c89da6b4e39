#include "analysis/objection_model.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/objections.h"

namespace sc::analysis {
namespace {

std::vector<ObjectionExample> TinyCorpus() {
  std::vector<ObjectionExample> out;
  std::string error;
  EXPECT_TRUE(
      ParseObjectionCorpus("# comment\n"
                           "price\tthat is way too expensive\n"
                           "price\tthe cost is too high for us\n"
                           "timing\tcall me back next quarter\n"
                           "timing\tnot a good time right now\n"
                           "\n"
                           "none\tsounds great see you tuesday\r\n"
                           "none\twhat does the price include\n",
                           &out, &error))
      << error;
  return out;
}

TEST(ObjectionModelTest, LabelsAreTheDetectorCategoriesThenNone) {
  const auto& labels = ObjectionModel::Labels();
  const auto& cats = ObjectionDetector::Categories();
  ASSERT_EQ(cats.size() + 1, labels.size());
  for (size_t i = 0; i < cats.size(); ++i) EXPECT_EQ(cats[i], labels[i]);
  EXPECT_EQ("none", labels[ObjectionModel::kNone]);
  EXPECT_EQ(-1, ObjectionModel::LabelIndex("pricing"));
}

TEST(ObjectionModelTest, CorpusParserNamesTheBadLine) {
  std::vector<ObjectionExample> out;
  std::string error;
  EXPECT_FALSE(
      ParseObjectionCorpus("price\tok\npricey\ttoo much\n", &out, &error));
  EXPECT_EQ("line 2: unknown label 'pricey'", error);
  EXPECT_FALSE(ParseObjectionCorpus("price no tab\n", &out, &error));
  EXPECT_EQ("line 1: want label<TAB>text", error);
  EXPECT_FALSE(ParseObjectionCorpus("price\ta\tb\n", &out, &error));
  EXPECT_FALSE(ParseObjectionCorpus("price\t\n", &out, &error));
  ASSERT_EQ(6u, TinyCorpus().size());
  EXPECT_EQ("sounds great see you tuesday", TinyCorpus()[4].text);
}

TEST(ObjectionModelTest, FeaturesMarkNegationAndInflection) {
  const ObjectionFeatures f = ExtractObjectionFeatures(
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

TEST(ObjectionModelTest, TrainingIsDeterministicAndLearnsTheCorpus) {
  const std::vector<ObjectionExample> corpus = TinyCorpus();
  const ObjectionModel a = ObjectionModel::Train(corpus, {});
  const ObjectionModel b = ObjectionModel::Train(corpus, {});
  EXPECT_EQ(a.Serialize(), b.Serialize());
  for (const ObjectionExample& x : corpus) {
    const ObjectionModel::Probabilities p = a.Classify(x.text);
    const auto best = std::max_element(p.begin(), p.end()) - p.begin();
    EXPECT_EQ(x.label, best) << x.text;
  }
  ObjectionTrainingOptions other;
  other.seed = 2;
  EXPECT_NE(a.Serialize(), ObjectionModel::Train(corpus, other).Serialize());
}

TEST(ObjectionModelTest, SerializedModelParsesBackAndTruncationIsRejected) {
  const ObjectionModel a = ObjectionModel::Train(TinyCorpus(), {});
  const std::string blob = a.Serialize();
  ObjectionModel b;
  ASSERT_TRUE(ObjectionModel::Parse(
      reinterpret_cast<const unsigned char*>(blob.data()), blob.size(), &b));
  EXPECT_EQ(blob, b.Serialize());
  EXPECT_EQ(a.Classify("too expensive"), b.Classify("too expensive"));
  for (size_t n = 0; n < blob.size(); n += 1 + n / 16) {
    ObjectionModel c;
    EXPECT_FALSE(ObjectionModel::Parse(
        reinterpret_cast<const unsigned char*>(blob.data()), n, &c))
        << n;
  }
  std::string bad = blob;
  bad[0] = 'X';
  EXPECT_FALSE(ObjectionModel::Parse(
      reinterpret_cast<const unsigned char*>(bad.data()), bad.size(), &b));
}

TEST(ObjectionModelTest, StrongestTokenIsTheWordThatCarriesTheCategory) {
  const ObjectionModel m = ObjectionModel::Train(TinyCorpus(), {});
  const std::vector<std::string> toks = {"well", "call", "expensive", "me"};
  EXPECT_EQ(2, m.StrongestToken(toks, ObjectionModel::LabelIndex("price")));
  EXPECT_EQ(1, m.StrongestToken(toks, ObjectionModel::LabelIndex("timing")));
}

// The built-in model, trained at build time on objection_corpus.tsv, on
// sentences that are not in the corpus.
TEST(ObjectionModelTest, BuiltinModelPlacesPlainObjections) {
  const ObjectionModel& m = ObjectionModel::Builtin();
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
    const ObjectionModel::Probabilities p = m.Classify(c.text);
    const auto best = std::max_element(p.begin(), p.end()) - p.begin();
    EXPECT_EQ(c.label, ObjectionModel::Labels()[best]) << c.text;
  }
}

}  // namespace
}  // namespace sc::analysis
