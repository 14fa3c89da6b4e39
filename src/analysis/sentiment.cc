#include "analysis/sentiment.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <fstream>
#include <sstream>

#include "analysis/lexicon_afinn.h"
#include "analysis/lexicon_embedding.h"
#include "analysis/sentiment_sales.h"
#include "analysis/text_classifier.h"
#include "analysis/vader.h"

namespace sc::analysis {

namespace {

// The lexicon a model scores with: `base` and, under the extended rules, the
// second lexicon mixed in.
std::shared_ptr<const vader::Lexicon> WithSecondLexicon(
    std::shared_ptr<const vader::Lexicon> base, const SentimentOptions& options,
    std::vector<double>* valence_model) {
  valence_model->clear();
  if (options.rules != VaderRuleSet::kExtended) return base;
  std::shared_ptr<const vader::Lexicon> out = base;
  if (options.second_lexicon != SecondLexicon::kNone) {
    vader::AfinnMix mix;
    mix.fallback_weight = options.afinn_fallback_weight;
    mix.blend = options.afinn_blend;
    out = std::make_shared<const vader::Lexicon>(vader::WithAfinn(*out, mix));
  }
  if (options.embedding_valence_weight > 0 ||
      options.embedding_sentence_weight > 0) {
    vader::EmbeddingValenceMix mix;
    mix.weight = options.embedding_valence_weight;
    mix.min_abs = options.embedding_valence_min;
    out = std::make_shared<const vader::Lexicon>(
        vader::WithEmbeddingValence(*out, mix, valence_model));
  }
  if (options.embedding_sentence_weight <= 0) valence_model->clear();
  return out;
}

// The embedded VADER lexicon lives for the program; the no-op deleter lets
// it share the pointer type of a loaded one.
std::shared_ptr<const vader::Lexicon> EmbeddedVader() {
  return std::shared_ptr<const vader::Lexicon>(&vader::Lexicon::Embedded(),
                                               [](const vader::Lexicon*) {});
}

}  // namespace

StatusOr<SentimentModel> SentimentModel::Create(
    const SentimentOptions& options) {
  if (!(options.negative_threshold <= 0 && options.positive_threshold >= 0)) {
    return InvalidArgument(
        "sentiment thresholds must satisfy negative <= 0 <= positive");
  }
  if (!(options.afinn_fallback_weight >= 0 &&
        options.afinn_fallback_weight <= 4)) {
    return InvalidArgument("sentiment afinn_fallback_weight must be in [0, 4]");
  }
  if (!(options.afinn_blend >= 0 && options.afinn_blend <= 1)) {
    return InvalidArgument("sentiment afinn_blend must be in [0, 1]");
  }
  if (!(options.embedding_valence_weight >= 0 &&
        options.embedding_valence_weight <= 4) ||
      !(options.embedding_valence_min >= 0) ||
      !(options.embedding_sentence_weight >= 0 &&
        options.embedding_sentence_weight <= 4)) {
    return InvalidArgument(
        "sentiment embedding_valence_weight and embedding_sentence_weight "
        "must be in [0, 4] and embedding_valence_min >= 0");
  }
  if (!(options.classifier_weight >= 0 && options.classifier_weight <= 1)) {
    return InvalidArgument("sentiment classifier_weight must be in [0, 1]");
  }
  if (options.classifier != nullptr &&
      options.classifier->labels() !=
          std::vector<std::string>{"negative", "neutral", "positive"}) {
    return InvalidArgument(
        "the sentiment classifier's labels must be negative, neutral, "
        "positive");
  }
  std::vector<double> valence_model;
  if (options.lexicon_path.empty()) {
    auto lexicon = WithSecondLexicon(EmbeddedVader(), options, &valence_model);
    return SentimentModel(options, std::move(lexicon),
                          std::move(valence_model));
  }
  std::ifstream in(options.lexicon_path, std::ios::binary);
  if (!in) return IoError("cannot read sentiment lexicon file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError("error reading sentiment lexicon file");
  SC_ASSIGN_OR_RETURN(vader::Lexicon lexicon,
                      vader::Lexicon::ParseTsv(text.str()));
  auto mixed = WithSecondLexicon(
      std::make_shared<const vader::Lexicon>(std::move(lexicon)), options,
      &valence_model);
  return SentimentModel(options, std::move(mixed), std::move(valence_model));
}

const SentimentModel& SentimentModel::Default() {
  static const SentimentModel* const model = [] {
    std::vector<double> valence_model;
    auto lexicon =
        WithSecondLexicon(EmbeddedVader(), SentimentOptions(), &valence_model);
    return new SentimentModel(SentimentOptions(), std::move(lexicon),
                              std::move(valence_model));
  }();
  return *model;
}

SentimentModel::SentimentModel(SentimentOptions options,
                               std::shared_ptr<const vader::Lexicon> lexicon,
                               std::vector<double> valence_model)
    : options_(std::move(options)),
      lexicon_(std::move(lexicon)),
      valence_model_(std::move(valence_model)),
      phrases_(options_.sales_layer == SalesLayer::kOn
                   ? &sales::PhraseSet::Default()
                   : nullptr) {}

namespace {

// Typographic quotes as plain ASCII, so that "don\u2019t" negates like
// "don't". Text from editors and subtitles uses them; VADER does not know
// them.
std::string PlainQuotes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\xE2\x80") == 0 && i + 2 < text.size()) {
      auto c = static_cast<unsigned char>(text[i + 2]);
      if (c == 0x98 || c == 0x99) {  // U+2018, U+2019.
        out += '\'';
        i += 2;
        continue;
      }
      if (c == 0x9C || c == 0x9D) {  // U+201C, U+201D.
        out += '"';
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace

Sentiment SentimentModel::Score(std::string_view raw) const {
  std::string plain;
  std::string_view text = raw;
  if (options_.rules == VaderRuleSet::kExtended &&
      raw.find("\xE2\x80") != std::string_view::npos) {
    plain = PlainQuotes(raw);
    text = plain;
  }
  std::vector<vader::Token> tokens = vader::Tokenize(text);
  std::vector<vader::PhraseItem> phrases;
  if (phrases_ != nullptr) phrases = phrases_->Match(tokens);
  vader::Rules rules = options_.rules == VaderRuleSet::kNpmReference
                           ? vader::Rules::kNpmReference
                           : vader::Rules::kExtended;
  Sentiment s;
  s.score = vader::Compound(*lexicon_, text, tokens, phrases, rules);
  if (!valence_model_.empty()) {
    s.score =
        std::clamp(s.score + options_.embedding_sentence_weight *
                                 vader::SentenceValence(valence_model_, text),
                   -1.0, 1.0);
  }
  // A sales phrase is the product's own reading of sales talk ("not happy
  // with our current provider" is an opening, not a bad mood), so the
  // classifier, which reads general feeling, stays out of it.
  if (options_.classifier_weight > 0 &&
      options_.rules == VaderRuleSet::kExtended && phrases.empty()) {
    const TextClassifier& c = options_.classifier != nullptr
                                  ? *options_.classifier
                                  : TextClassifier::Sentiment();
    const std::vector<double> p = c.Classify(text);
    const double w = options_.classifier_weight;
    s.score = (1 - w) * s.score + w * (p[TextClassifier::kSentimentPositive] -
                                       p[TextClassifier::kSentimentNegative]);
  }
  s.label = Label(s.score);
  return s;
}

SentimentLabel SentimentModel::Label(double score) const {
  if (score >= options_.positive_threshold && score > 0) {
    return SentimentLabel::kPositive;
  }
  if (score <= options_.negative_threshold && score < 0) {
    return SentimentLabel::kNegative;
  }
  return SentimentLabel::kNeutral;
}

// ---- SentimentTracker ------------------------------------------------------

SentimentTracker::SentimentTracker(MoodTrackerOptions options)
    : options_(options) {
  assert(options_.window >= 1 && options_.threshold > 0 &&
         options_.min_utterances >= 1);
  options_.window = std::max(options_.window, 1);
  options_.min_utterances = std::max(options_.min_utterances, 1);
}

std::optional<MoodChange> SentimentTracker::Add(Speaker speaker, int64_t at_ms,
                                                const Sentiment& sentiment) {
  Side& side = SideOf(speaker);
  double score = std::clamp(sentiment.score, -1.0, 1.0);
  side.recent.push_back(score);
  if (side.recent.size() > static_cast<size_t>(options_.window)) {
    side.recent.pop_front();
  }
  ++side.count;
  double trend = Trend(speaker);
  if (side.count < options_.min_utterances) return std::nullopt;
  if (!side.reference) {
    side.reference = trend;
    return std::nullopt;
  }
  double delta = trend - *side.reference;
  if (std::abs(delta) <= options_.threshold) return std::nullopt;
  MoodChange change{speaker, *side.reference, trend, delta, at_ms};
  side.reference = trend;
  return change;
}

double SentimentTracker::Trend(Speaker speaker) const {
  const Side& side = SideOf(speaker);
  if (side.recent.empty()) return 0;
  double sum = 0;
  for (double v : side.recent) sum += v;
  return sum / static_cast<double>(side.recent.size());
}

int64_t SentimentTracker::Count(Speaker speaker) const {
  return SideOf(speaker).count;
}

}  // namespace sc::analysis
