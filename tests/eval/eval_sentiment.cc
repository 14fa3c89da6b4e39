// eval_sentiment: utterance sentiment (analysis/sentiment.h) on the VADER
// ratings and on MELD dialogue lines (../shared/eval/sentiment, see its
// README and docs/evaluation.md).
//
//   eval_sentiment [--eval-dir DIR] [--sweep] [--sweep-embedding]
//                  [--sweep-classifier] [--sweep-thresholds]
//                  [--sweep-training]
//                  [--check-vader-r R] [--check-meld-f1 F]
//
// For each split (dev, test), with default options, with the sales layer
// off, with the AFINN lexicon off, with the embedding valence off and with
// the classifier blend off, and
// on the text as written and as a recognizer would give it (lowercase,
// punctuation removed), prints:
//  - VADER: Pearson r between our score and the mean human rating, and the
//    3-class macro-F1 where the gold label is neutral when |mean| <= 0.5;
//  - MELD: 3-class macro-F1 and accuracy against the human labels.
// Then a quick timing: utterances scored per second.
// --sweep prints dev figures for a grid of AFINN blend weights and symmetric
// neutral bands (how those defaults were chosen; it never reads test).
// --sweep-embedding does the same for the embedding valence weight and
// floor (dev only), --sweep-classifier for the classifier blend weight and
// the neutral band (dev only), --sweep-thresholds for the positive and
// negative label thresholds apart (dev only), --sweep-training for the
// sentiment classifier's training options (retrained here on the build's
// corpora under $SC_SOURCE_DIR; dev only).
// --check-vader-r / --check-meld-f1 exit 1 when the test figure (default
// options, text as written) is below the bound; the program exits 77
// (ctest's skip code) when the data directory is absent.
//
// The eval directory is --eval-dir, else $SC_EVAL_DIR, else
// $SC_SOURCE_DIR/../shared/eval.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "analysis/sentiment.h"
#include "analysis/text_classifier.h"

namespace {

namespace fs = std::filesystem;
using sc::analysis::SalesLayer;
using sc::analysis::SecondLexicon;
using sc::analysis::SentimentLabel;
using sc::analysis::SentimentModel;
using sc::analysis::SentimentOptions;

struct Item {
  std::string text;
  double rating = 0;  // VADER: mean rating, -4..4.
  SentimentLabel gold = SentimentLabel::kNeutral;
};

std::vector<std::string> SplitTabs(const std::string& line, size_t fields) {
  std::vector<std::string> out;
  size_t start = 0;
  while (out.size() + 1 < fields) {
    size_t tab = line.find('\t', start);
    if (tab == std::string::npos) break;
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  out.push_back(line.substr(start));
  return out;
}

SentimentLabel LabelFromRating(double mean) {
  if (mean > 0.5) return SentimentLabel::kPositive;
  if (mean < -0.5) return SentimentLabel::kNegative;
  return SentimentLabel::kNeutral;
}

std::optional<std::vector<Item>> ReadVader(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::vector<Item> items;
  std::string line;
  std::getline(in, line);  // Header: domain id mean_rating text.
  while (std::getline(in, line)) {
    auto f = SplitTabs(line, 4);
    if (f.size() != 4) continue;
    Item it;
    it.rating = std::strtod(f[2].c_str(), nullptr);
    it.gold = LabelFromRating(it.rating);
    it.text = f[3];
    items.push_back(std::move(it));
  }
  return items;
}

std::optional<std::vector<Item>> ReadMeld(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::vector<Item> items;
  std::string line;
  std::getline(in, line);  // dialogue utterance_id speaker sentiment ...
  while (std::getline(in, line)) {
    auto f = SplitTabs(line, 6);
    if (f.size() != 6) continue;
    Item it;
    it.gold = f[3] == "positive"   ? SentimentLabel::kPositive
              : f[3] == "negative" ? SentimentLabel::kNegative
                                   : SentimentLabel::kNeutral;
    it.text = f[5];
    items.push_back(std::move(it));
  }
  return items;
}

// What a recognizer would produce: lowercase, no punctuation except the
// apostrophes of contractions.
std::string SpeechLike(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (s.compare(i, 3, "\xE2\x80\x99") == 0) {  // Typographic apostrophe.
      out += '\'';
      i += 2;
    } else if (std::isalnum(c) || c == '\'' || c >= 0x80) {
      out += static_cast<char>(std::tolower(c));
    } else {
      out += ' ';
    }
  }
  return out;
}

struct Scores {
  double pearson = 0;
  double macro_f1 = 0;
  double accuracy = 0;
};

double MacroF1(const std::vector<SentimentLabel>& gold,
               const std::vector<SentimentLabel>& pred, double* accuracy) {
  int tp[3] = {}, fp[3] = {}, fn[3] = {};
  int correct = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    int g = static_cast<int>(gold[i]), p = static_cast<int>(pred[i]);
    if (g == p) {
      ++tp[g];
      ++correct;
    } else {
      ++fp[p];
      ++fn[g];
    }
  }
  if (accuracy != nullptr) {
    *accuracy = gold.empty() ? 0 : double(correct) / gold.size();
  }
  double sum = 0;
  for (int c = 0; c < 3; ++c) {
    double p = tp[c] + fp[c] ? double(tp[c]) / (tp[c] + fp[c]) : 0;
    double r = tp[c] + fn[c] ? double(tp[c]) / (tp[c] + fn[c]) : 0;
    sum += p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  return sum / 3;
}

double Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  double n = static_cast<double>(x.size());
  if (n < 2) return 0;
  double mx = 0, my = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

Scores Evaluate(const SentimentModel& model, const std::vector<Item>& items,
                bool speech_like) {
  std::vector<double> ours, ratings;
  std::vector<SentimentLabel> gold, pred;
  for (const Item& it : items) {
    auto s = model.Score(speech_like ? SpeechLike(it.text) : it.text);
    ours.push_back(s.score);
    ratings.push_back(it.rating);
    gold.push_back(it.gold);
    pred.push_back(s.label);
  }
  Scores r;
  r.pearson = Pearson(ours, ratings);
  r.macro_f1 = MacroF1(gold, pred, &r.accuracy);
  return r;
}

// A model with default options except for these; band < 0 and blend < 0
// keep the defaults.
SentimentModel MakeModel(SalesLayer layer, double band, double blend = -1,
                         SecondLexicon second = SecondLexicon::kAfinn165,
                         double emb_weight = -1, double emb_min = -1,
                         double sentence_weight = -1,
                         double classifier_weight = -1) {
  SentimentOptions o;
  if (classifier_weight >= 0) o.classifier_weight = classifier_weight;
  if (sentence_weight >= 0) o.embedding_sentence_weight = sentence_weight;
  if (emb_weight >= 0) o.embedding_valence_weight = emb_weight;
  if (emb_min >= 0) o.embedding_valence_min = emb_min;
  o.sales_layer = layer;
  o.second_lexicon = second;
  if (blend >= 0) o.afinn_blend = blend;
  if (band >= 0) {
    o.positive_threshold = band;
    o.negative_threshold = -band;
  }
  auto m = SentimentModel::Create(o);
  if (!m.ok()) {
    std::fprintf(stderr, "eval_sentiment: %s\n", m.status().ToString().c_str());
    std::exit(2);
  }
  return std::move(m).value();
}

// One row of a dev sweep: the swept value, the band, VADER r and F1, MELD
// F1 written and in recognizer form, and the mean of the two written F1s.
void PrintSweepRow(double value, double band, const SentimentModel& m,
                   const std::vector<Item>& vader,
                   const std::vector<Item>& meld) {
  Scores v = Evaluate(m, vader, false);
  double md = Evaluate(m, meld, false).macro_f1;
  double ms = Evaluate(m, meld, true).macro_f1;
  std::printf("%6.2f %6.3f %8.4f %8.4f %8.4f %8.4f %8.4f\n", value, band,
              v.pearson, v.macro_f1, md, ms, (v.macro_f1 + md) / 2);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  bool sweep = false, sweep_embedding = false, sweep_classifier = false;
  bool sweep_thresholds = false, sweep_training = false;
  std::optional<double> check_r, check_f1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--eval-dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (a == "--sweep-embedding") {
      sweep_embedding = true;
    } else if (a == "--sweep-classifier") {
      sweep_classifier = true;
    } else if (a == "--sweep-thresholds") {
      sweep_thresholds = true;
    } else if (a == "--sweep-training") {
      sweep_training = true;
    } else if (a == "--sweep") {
      sweep = true;
    } else if (a == "--check-vader-r" && i + 1 < argc) {
      check_r = std::strtod(argv[++i], nullptr);
    } else if (a == "--check-meld-f1" && i + 1 < argc) {
      check_f1 = std::strtod(argv[++i], nullptr);
    } else {
      std::fprintf(stderr,
                   "usage: eval_sentiment [--eval-dir DIR] [--sweep] "
                   "[--sweep-embedding] [--sweep-classifier] "
                   "[--sweep-thresholds] [--sweep-training] "
                   "[--check-vader-r R] [--check-meld-f1 F]\n");
      return 2;
    }
  }
  if (dir.empty()) {
    if (const char* e = std::getenv("SC_EVAL_DIR")) {
      dir = e;
    } else if (const char* s = std::getenv("SC_SOURCE_DIR")) {
      dir = std::string(s) + "/../shared/eval";
    } else {
      dir = "../shared/eval";
    }
  }
  fs::path base = fs::path(dir) / "sentiment";
  auto vader_dev = ReadVader(base / "vader_dev.tsv");
  auto vader_test = ReadVader(base / "vader_test.tsv");
  auto meld_dev = ReadMeld(base / "meld_dev.tsv");
  auto meld_test = ReadMeld(base / "meld_test.tsv");
  if (!vader_dev || !vader_test || !meld_dev || !meld_test) {
    std::printf("eval_sentiment: no data under %s; skipped\n",
                base.string().c_str());
    return 77;
  }

  if (sweep_training) {
    // The sentiment classifier retrained on the corpora the build uses
    // (src/analysis/CMakeLists.txt) with other training options.
    const char* src = std::getenv("SC_SOURCE_DIR");
    const fs::path corpora =
        fs::path(src != nullptr ? src : ".") / "src" / "analysis";
    const std::vector<std::string> labels = {"negative", "neutral", "positive"};
    std::vector<sc::analysis::LabelledText> examples;
    for (const char* name :
         {"sentiment_corpus.tsv", "sentiment_corpus_2.tsv"}) {
      std::ifstream in(corpora / name, std::ios::binary);
      std::string tsv((std::istreambuf_iterator<char>(in)),
                      std::istreambuf_iterator<char>());
      std::string error;
      if (!in.good() && tsv.empty()) error = "cannot read";
      if (error.empty() &&
          !sc::analysis::ParseLabelledCorpus(tsv, labels, &examples, &error)) {
        error = error.empty() ? "malformed" : error;
      }
      if (!error.empty()) {
        std::fprintf(stderr, "eval_sentiment: %s: %s (set SC_SOURCE_DIR)\n",
                     (corpora / name).string().c_str(), error.c_str());
        return 2;
      }
    }
    std::printf(
        "dev by sentiment classifier training options (every other option "
        "default; F1 = macro-F1, spk = recognizer form)\n%6s %8s %8s %6s "
        "%8s %8s %8s %8s %8s\n",
        "epochs", "l2", "l2 dense", "dense", "vader r", "vader F1", "meld F1",
        "meld spk", "mean F1");
    for (int epochs : {15, 30, 60}) {
      for (double l2 : {1e-5, 1e-4, 1e-3}) {
        for (double dense : {1.0, 2.0, 4.0}) {
          sc::analysis::TrainingOptions t;
          t.epochs = epochs;
          t.l2_sparse = l2;
          t.l2_dense = l2;
          t.dense_scale = dense;
          const sc::analysis::TextClassifier c =
              sc::analysis::TextClassifier::Train(examples, labels, t);
          SentimentOptions o;
          o.classifier = &c;
          auto m = SentimentModel::Create(o);
          if (!m.ok()) return 2;
          Scores v = Evaluate(*m, *vader_dev, false);
          const double md = Evaluate(*m, *meld_dev, false).macro_f1;
          const double ms = Evaluate(*m, *meld_dev, true).macro_f1;
          std::printf("%6d %8.0e %8.0e %6.1f %8.4f %8.4f %8.4f %8.4f %8.4f\n",
                      epochs, l2, l2, dense, v.pearson, v.macro_f1, md, ms,
                      (v.macro_f1 + md) / 2);
          std::fflush(stdout);
        }
      }
    }
    return 0;
  }
  if (sweep_embedding) {
    std::printf(
        "dev by embedding valence weight and floor (sales layer and AFINN "
        "on; F1 = macro-F1, spk = recognizer form)\n");
    std::printf("%6s %6s %6s %6s %8s %8s %8s %8s\n", "weight", "min", "sent",
                "band", "vader r", "vader F1", "meld F1", "meld spk");
    // Word valence weight x floor, then the sentence blend weight.
    for (double w : {0.0, 0.75, 1.0, 1.5}) {
      for (double mn : {0.6, 0.8, 1.0}) {
        for (double sw : {0.0, 0.5, 1.0}) {
          for (double band : {0.275}) {
            SentimentModel m = MakeModel(SalesLayer::kOn, band, -1,
                                         SecondLexicon::kAfinn165, w, mn, sw);
            Scores v = Evaluate(m, *vader_dev, false);
            double md = Evaluate(m, *meld_dev, false).macro_f1;
            double ms = Evaluate(m, *meld_dev, true).macro_f1;
            std::printf("%6.2f %6.2f %6.2f %6.3f %8.4f %8.4f %8.4f %8.4f\n", w,
                        mn, sw, band, v.pearson, v.macro_f1, md, ms);
          }
        }
        if (w == 0) break;
      }
    }
    return 0;
  }
  if (sweep_thresholds) {
    // Scores once with the defaults, then every pair of label thresholds.
    const SentimentModel m = MakeModel(SalesLayer::kOn, -1);
    auto scores = [&](const std::vector<Item>& items, bool speech_like) {
      std::vector<double> out;
      for (const Item& it : items) {
        out.push_back(
            m.Score(speech_like ? SpeechLike(it.text) : it.text).score);
      }
      return out;
    };
    const std::vector<double> v = scores(*vader_dev, false);
    const std::vector<double> md = scores(*meld_dev, false);
    const std::vector<double> ms = scores(*meld_dev, true);
    // SentimentModel's labelling rule, with other thresholds.
    auto label = [](double score, double pos, double neg) {
      return score >= pos && score > 0   ? SentimentLabel::kPositive
             : score <= neg && score < 0 ? SentimentLabel::kNegative
                                         : SentimentLabel::kNeutral;
    };
    auto f1 = [&](const std::vector<double>& sc, const std::vector<Item>& items,
                  double pos, double neg) {
      std::vector<SentimentLabel> gold, pred;
      for (size_t i = 0; i < sc.size(); ++i) {
        gold.push_back(items[i].gold);
        pred.push_back(label(sc[i], pos, neg));
      }
      double acc = 0;
      return MacroF1(gold, pred, &acc);
    };
    // MELD dev confusion at the default thresholds: rows gold, columns ours.
    {
      const SentimentOptions d;
      int c[3][3] = {};
      for (size_t i = 0; i < md.size(); ++i) {
        const int g = static_cast<int>((*meld_dev)[i].gold);
        const int p = static_cast<int>(
            label(md[i], d.positive_threshold, d.negative_threshold));
        ++c[g][p];
        // Dev errors, for reading (never test).
        if (std::getenv("SC_SHOW_MELD_DEV_ERRORS") != nullptr && g != p) {
          std::printf(
              "  %s -> %s %+.2f  %s\n",
              sc::analysis::SentimentLabelName((*meld_dev)[i].gold),
              sc::analysis::SentimentLabelName(static_cast<SentimentLabel>(p)),
              md[i], (*meld_dev)[i].text.c_str());
        }
      }
      std::printf(
          "MELD dev confusion (rows gold, columns ours; negative, "
          "neutral, positive)\n");
      for (int g = 0; g < 3; ++g) {
        std::printf("  %5d %5d %5d\n", c[g][0], c[g][1], c[g][2]);
      }
    }
    std::printf(
        "dev by label thresholds, default scores (F1 = macro-F1, spk = "
        "recognizer form)\n%6s %6s %8s %8s %8s %8s\n",
        "pos", "neg", "vader F1", "meld F1", "meld spk", "mean F1");
    for (double pos = 0.05; pos <= 0.4501; pos += 0.025) {
      for (double neg = -0.05; neg >= -0.4501; neg -= 0.025) {
        const double vf = f1(v, *vader_dev, pos, neg);
        const double mf = f1(md, *meld_dev, pos, neg);
        std::printf("%6.3f %6.3f %8.4f %8.4f %8.4f %8.4f\n", pos, neg, vf, mf,
                    f1(ms, *meld_dev, pos, neg), (vf + mf) / 2);
      }
    }
    return 0;
  }
  if (sweep_classifier) {
    std::printf(
        "dev by classifier blend weight and neutral band (every other layer "
        "default; F1 = macro-F1, spk = recognizer form)\n");
    std::printf("%6s %6s %8s %8s %8s %8s %8s\n", "weight", "band", "vader r",
                "vader F1", "meld F1", "meld spk", "mean F1");
    for (double w : {0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.85}) {
      for (double band : {0.15, 0.2, 0.25, 0.275, 0.3, 0.35}) {
        PrintSweepRow(w, band,
                      MakeModel(SalesLayer::kOn, band, -1,
                                SecondLexicon::kAfinn165, -1, -1, -1, w),
                      *vader_dev, *meld_dev);
      }
    }
    return 0;
  }
  if (sweep) {
    std::printf(
        "dev by AFINN blend and neutral band (sales layer on; "
        "F1 = macro-F1, spk = recognizer form)\n");
    std::printf("%6s %6s %8s %8s %8s %8s %8s\n", "blend", "band", "vader r",
                "vader F1", "meld F1", "meld spk", "mean F1");
    for (double blend : {0.0, 0.25, 0.5, 0.75, 1.0}) {
      for (double band = 0.0; band <= 0.6001; band += 0.025) {
        PrintSweepRow(blend, band, MakeModel(SalesLayer::kOn, band, blend),
                      *vader_dev, *meld_dev);
      }
    }
    return 0;
  }

  // The default model, then each layer switched off on its own.
  struct Config {
    const char* sales;
    const char* afinn;
    const char* emb;
    const char* cls;
    SalesLayer layer;
    SecondLexicon second;
    double emb_weight;  // -1: the default.
    double cls_weight;  // -1: the default.
  };
  const Config configs[] = {
      {"on", "on", "on", "on", SalesLayer::kOn, SecondLexicon::kAfinn165, -1,
       -1},
      {"off", "on", "on", "on", SalesLayer::kOff, SecondLexicon::kAfinn165, -1,
       -1},
      {"on", "off", "on", "on", SalesLayer::kOn, SecondLexicon::kNone, -1, -1},
      {"on", "on", "off", "on", SalesLayer::kOn, SecondLexicon::kAfinn165, 0,
       -1},
      {"on", "on", "on", "off", SalesLayer::kOn, SecondLexicon::kAfinn165, -1,
       0},
  };
  // "emb off" switches off both the word valences and the sentence blend;
  // "cls off" the classifier blend (with the default neutral band).
  Scores test_default_vader, test_default_meld;
  std::printf("%-5s %-5s %-5s %-5s %-5s %-9s | %8s %9s | %9s %9s\n", "split",
              "sales", "afinn", "emb", "cls", "text", "vader r", "vader F1",
              "meld F1", "meld acc");
  for (const char* split : {"dev", "test"}) {
    bool dev = std::string(split) == "dev";
    for (const Config& c : configs) {
      SentimentModel m = MakeModel(c.layer, -1, -1, c.second, c.emb_weight, -1,
                                   c.emb_weight, c.cls_weight);
      for (bool speech : {false, true}) {
        Scores v = Evaluate(m, dev ? *vader_dev : *vader_test, speech);
        Scores md = Evaluate(m, dev ? *meld_dev : *meld_test, speech);
        std::printf(
            "%-5s %-5s %-5s %-5s %-5s %-9s | %8.4f %9.4f | %9.4f %9.4f\n",
            split, c.sales, c.afinn, c.emb, c.cls,
            speech ? "speech" : "written", v.pearson, v.macro_f1, md.macro_f1,
            md.accuracy);
        if (!dev && &c == &configs[0] && !speech) {
          test_default_vader = v;
          test_default_meld = md;
        }
      }
    }
  }

  // Quick timing over every text, default model.
  const SentimentModel& model = SentimentModel::Default();
  std::vector<const std::string*> texts;
  for (const auto* set : {&*vader_dev, &*vader_test, &*meld_dev, &*meld_test}) {
    for (const Item& it : *set) texts.push_back(&it.text);
  }
  double checksum = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (const std::string* t : texts) checksum += model.Score(*t).score;
  double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  std::printf(
      "timing: %zu utterances in %.3f s = %.0f utterances/s "
      "(checksum %.3f)\n",
      texts.size(), secs, texts.size() / secs, checksum);

  int rc = 0;
  if (check_r && test_default_vader.pearson < *check_r) {
    std::printf("FAIL: VADER test Pearson r %.4f < %.4f\n",
                test_default_vader.pearson, *check_r);
    rc = 1;
  }
  if (check_f1 && test_default_meld.macro_f1 < *check_f1) {
    std::printf("FAIL: MELD test macro-F1 %.4f < %.4f\n",
                test_default_meld.macro_f1, *check_f1);
    rc = 1;
  }
  return rc;
}
