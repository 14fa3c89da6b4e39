#include "analysis/embeddings.h"

#include <gtest/gtest.h>

#include "analysis/objection_semantic.h"

namespace sc::analysis {
namespace {

TEST(WordEmbeddingsTest, TableHoldsFrequentAndLexiconWords) {
  const WordEmbeddings& e = WordEmbeddings::Builtin();
  EXPECT_GT(e.size(), 30000u);
  const int the = e.Find("the");
  ASSERT_GE(the, 0);
  EXPECT_EQ(e.Rank(the), 0u);
  EXPECT_EQ(e.Word(the), "the");
  EXPECT_GE(e.Find("budget"), 0);
  EXPECT_GE(e.Find("overpriced"), 0);  // From the objection inventory.
  EXPECT_EQ(e.Find("qzxv"), -1);
  EXPECT_EQ(e.Find(""), -1);
}

TEST(WordEmbeddingsTest, RelatedWordsAreCloserThanUnrelated) {
  const WordEmbeddings& e = WordEmbeddings::Builtin();
  auto v = [&](const char* w) { return e.Vector(e.Find(w)); };
  EXPECT_GT(Cosine(v("expensive"), v("costly")),
            Cosine(v("expensive"), v("banana")) + 0.2);
  EXPECT_GT(Cosine(v("contract"), v("agreement")),
            Cosine(v("contract"), v("guitar")) + 0.2);
}

TEST(EmbeddingTokensTest, ExpandsContractionsAndDropsPunctuation) {
  EXPECT_EQ(
      EmbeddingTokens("We can't, we're BUSY!"),
      (std::vector<std::string>{"we", "can", "not", "we", "are", "busy"}));
  EXPECT_EQ(EmbeddingTokens("don\xe2\x80\x99t 42"),
            (std::vector<std::string>{"do", "not"}));
  EXPECT_TRUE(EmbeddingTokens("").empty());
}

TEST(EmbedSentenceTest, ParaphrasesAreCloserThanOtherTopics) {
  const WordEmbeddings& e = WordEmbeddings::Builtin();
  SentenceVector a, b, c;
  ASSERT_TRUE(EmbedSentence(e, "the price is far too high", {}, &a));
  ASSERT_TRUE(EmbedSentence(e, "that costs way too much money", {}, &b));
  ASSERT_TRUE(EmbedSentence(e, "my boss has to sign off first", {}, &c));
  EXPECT_GT(Cosine(a, b), Cosine(a, c));
  SentenceVector none;
  EXPECT_FALSE(EmbedSentence(e, "123 ... qzxv", {}, &none));
  EXPECT_EQ(Cosine(none, a), 0);
}

TEST(EmbedSentenceTest, FrequentWordsWeighLess) {
  const WordEmbeddings& e = WordEmbeddings::Builtin();
  EXPECT_LT(SifWeight(e, e.Find("the"), {}), 0.05f);
  EXPECT_GT(SifWeight(e, e.Find("procurement"), {}), 0.9f);
}

TEST(CommonComponentTest, RemovingItMakesVectorsOrthogonalToIt) {
  std::vector<SentenceVector> vs(3);
  for (int i = 0; i < 3; ++i) {
    vs[i].fill(0);
    vs[i][0] = 1;  // Shared direction.
    vs[i][i + 1] = 0.3f;
  }
  const SentenceVector u = CommonComponent(vs);
  EXPECT_GT(u[0], 0.9f);
  SentenceVector v = vs[0];
  RemoveComponent(u, &v);
  double dot = 0;
  for (int d = 0; d < kEmbeddingDims; ++d) dot += double(v[d]) * u[d];
  EXPECT_NEAR(dot, 0, 1e-5);
  EXPECT_EQ(CommonComponent({})[0], 0);
}

TEST(SemanticObjectionsTest, NewWordingLandsInItsCategory) {
  const SemanticObjections& s = SemanticObjections::Builtin();
  EXPECT_EQ(
      s.Score("that quote is way overpriced for what we get").best_category,
      "price");
  EXPECT_EQ(s.Score("I would have to run it by my supervisor").best_category,
            "authority");
  EXPECT_EQ(s.Score("does it plug into our accounting software").best_category,
            "technical");
  EXPECT_FALSE(s.Score("qzxv 123").known);
}

}  // namespace
}  // namespace sc::analysis
