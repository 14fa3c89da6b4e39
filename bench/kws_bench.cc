// kws_bench: what keyphrase spotting (speech/keyword_spotter.h) costs and
// what it buys, on generated test calls (scripts/make-test-calls output with
// "objections" labels in NAME.truth.jsonl).
//
//   kws_bench [--profile=fast|accurate] [--threshold=X] [--frame-step=N]
//             [--hits] PREFIX...
//
// Per call, as a live call runs it: new recognizer sessions for both tracks
// (8 kHz G.711 audio, audio::Endpointer, upsampled to 16 kHz) and a spotter
// session on the prospect track listening for
// ObjectionDetector::SpottingPhrases(). Each prospect final goes through
// two pipeline::LiveIntelligence instances, one without and one with the
// spotter's hits; their objection events are scored against the truth
// labels like `eval_objections --asr` (a label is found by a detection of an
// accepted category overlapping its turn; an unmatched detection is a false
// alarm unless it is an accepted alternative of a label it overlaps that is
// already found).
//
// Prints one line per call and a total: audio seconds, decoder CPU (both
// tracks) and spotter CPU (thread CPU clock, so other processes do not
// count), objection P/R/F1 without and with spotting. --threshold=X
// replaces every phrase's threshold (to measure thresholds: run with a low
// one, e.g. -40, and --hits); --hits adds one JSON line per hit:
// {"call","phrase","phones","score","category","correct","in_text"},
// where correct means a label of an overlapping prospect turn accepts the
// phrase's category and in_text that the text detector found that category
// in the utterance. Asserts nothing.
#include <time.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/objections.h"
#include "audio/resampler.h"
#include "audio/ulaw.h"
#include "audio/vad.h"
#include "audio/wav.h"
#include "bench_util.h"
#include "pipeline/intelligence.h"
#include "speech/keyword_spotter.h"
#include "speech/lm/lexicon.h"
#include "speech/recognizer.h"

namespace {

namespace json = boost::json;
using sc::audio::EndpointEvent;

using Label = std::vector<std::string>;
struct Turn {
  double start_s = 0, end_s = 0;
  std::vector<Label> labels;
};
struct Detection {
  double start_s = 0, end_s = 0;
  std::string category;
};
struct Counts {
  int tp = 0, fp = 0, fn = 0;
  void Add(const Counts& o) {
    tp += o.tp;
    fp += o.fp;
    fn += o.fn;
  }
  double P() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double R() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double F1() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0; }
};

bool Overlaps(double a0, double a1, double b0, double b1) {
  return std::min(a1, b1) > std::max(a0, b0);
}
bool Accepts(const Label& l, const std::string& c) {
  return std::find(l.begin(), l.end(), c) != l.end();
}

// As eval_objections' ScoreCall.
Counts Score(const std::vector<Turn>& truth, const std::vector<Detection>& d) {
  Counts c;
  std::vector<bool> used(d.size(), false);
  std::vector<std::vector<bool>> matched(truth.size());
  for (size_t t = 0; t < truth.size(); ++t) {
    matched[t].assign(truth[t].labels.size(), false);
    for (size_t l = 0; l < truth[t].labels.size(); ++l) {
      for (size_t k = 0; k < d.size() && !matched[t][l]; ++k) {
        if (used[k] || !Accepts(truth[t].labels[l], d[k].category)) continue;
        if (!Overlaps(truth[t].start_s, truth[t].end_s, d[k].start_s,
                      d[k].end_s))
          continue;
        used[k] = matched[t][l] = true;
      }
      matched[t][l] ? ++c.tp : ++c.fn;
    }
  }
  for (size_t k = 0; k < d.size(); ++k) {
    if (used[k]) continue;
    bool alternative = false;
    for (size_t t = 0; t < truth.size(); ++t) {
      if (!Overlaps(truth[t].start_s, truth[t].end_s, d[k].start_s, d[k].end_s))
        continue;
      for (size_t l = 0; l < truth[t].labels.size(); ++l) {
        alternative |=
            matched[t][l] && Accepts(truth[t].labels[l], d[k].category);
      }
    }
    if (!alternative) ++c.fp;
  }
  return c;
}

bool LoadTruth(const std::string& path, std::vector<Turn>& turns) {
  std::ifstream in(path);
  if (!in) return false;
  bool labelled = false;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    if (ec || !v.is_object()) return false;
    const json::object& o = v.as_object();
    if (o.at("speaker").as_string() != "prospect") continue;
    Turn t{o.at("start_s").to_number<double>(),
           o.at("end_s").to_number<double>(),
           {}};
    if (const json::value* ls = o.if_contains("objections")) {
      labelled = true;
      for (const json::value& l : ls->as_array()) {
        Label one;
        std::stringstream ss(std::string(l.as_string()));
        for (std::string c; std::getline(ss, c, '|');) one.push_back(c);
        t.labels.push_back(one);
      }
    }
    turns.push_back(std::move(t));
  }
  return labelled;
}

struct CallResult {
  double audio_s = 0, decoder_cpu_s = 0, spotter_cpu_s = 0;
  std::vector<Detection> without, with;
  json::array hits;
};

int Phones(const sc::speech::lm::Lexicon& lex, const std::string& phrase) {
  int n = 0;
  std::istringstream in(phrase);
  for (std::string w; in >> w;) {
    std::istringstream p(sc::speech::lm::GuessPronunciation(lex, w));
    for (std::string ph; p >> ph;) ++n;
  }
  return n;
}

bool RunCall(sc::speech::Recognizer& rec, sc::speech::KeywordSpotter& spotter,
             const sc::speech::lm::Lexicon& lex, const std::string& prefix,
             const std::vector<Turn>& truth, CallResult& r) {
  using sc::pipeline::LiveIntelligence;
  LiveIntelligence plain({}), spotting({});
  const sc::analysis::ObjectionDetector& detector =
      *sc::analysis::ObjectionDetector::Default();
  for (const char* speaker : {"agent", "prospect"}) {
    const bool prospect = std::string(speaker) == "prospect";
    std::vector<int16_t> track =
        sc::bench::LoadTelephoneTrack(prefix + "." + speaker + ".wav");
    if (track.empty()) return false;
    r.audio_s = std::max(r.audio_s, static_cast<double>(track.size()) / 8000);
    auto session = rec.NewSession();
    auto spot = spotter.NewSession();
    auto ep = sc::audio::Endpointer::Create({});
    auto up = sc::audio::Resampler::Create(8000, 16000);
    if (!session.ok() || !spot.ok() || !ep.ok() || !up.ok()) return false;
    std::vector<EndpointEvent> events;
    std::vector<int16_t> pcm16;
    int n = 0;
    for (size_t i = 0; i <= track.size();
         i = i < track.size() ? std::min(i + 160, track.size()) : i + 1) {
      events.clear();
      if (i < track.size()) {
        (*ep)->Push(std::span(track).subspan(
                        i, std::min<size_t>(160, track.size() - i)),
                    events);
      } else {
        (*ep)->Flush(events);
      }
      for (auto& e : events) {
        double c0 = sc::bench::ThreadCpuSeconds();
        if (e.kind == EndpointEvent::Kind::kStart) {
          const double at_s = static_cast<double>(e.sample) / 8000;
          if (!(*session)->StartUtterance(at_s).ok()) return false;
          r.decoder_cpu_s += sc::bench::ThreadCpuSeconds() - c0;
          c0 = sc::bench::ThreadCpuSeconds();
          if (prospect && !(*spot)->StartUtterance(at_s).ok()) return false;
          if (prospect) r.spotter_cpu_s += sc::bench::ThreadCpuSeconds() - c0;
        } else if (e.kind == EndpointEvent::Kind::kAudio) {
          pcm16.clear();
          (*up)->Process(e.samples, pcm16);
          if (!(*session)->Feed(pcm16).ok()) return false;
          r.decoder_cpu_s += sc::bench::ThreadCpuSeconds() - c0;
          c0 = sc::bench::ThreadCpuSeconds();
          if (prospect && !(*spot)->Feed(pcm16).ok()) return false;
          if (prospect) r.spotter_cpu_s += sc::bench::ThreadCpuSeconds() - c0;
        } else {
          auto h = (*session)->EndUtterance();
          r.decoder_cpu_s += sc::bench::ThreadCpuSeconds() - c0;
          if (!h.ok()) return false;
          if (!prospect) continue;
          c0 = sc::bench::ThreadCpuSeconds();
          auto hits = (*spot)->EndUtterance();
          r.spotter_cpu_s += sc::bench::ThreadCpuSeconds() - c0;
          if (!hits.ok()) return false;
          if (h->text.empty()) continue;
          sc::TranscriptFinal f;
          f.utterance_id = "prospect-" + std::to_string(++n);
          f.speaker = sc::Speaker::kProspect;
          f.text = h->text;
          for (const auto& w : h->words) {
            f.words.push_back({w.w, static_cast<int64_t>(w.start_s * 1000),
                               static_cast<int64_t>(w.end_s * 1000)});
          }
          f.start_ms = f.words.front().start_ms;
          f.end_ms = f.words.back().end_ms;
          std::vector<sc::pipeline::SpottedPhrase> spotted;
          std::vector<std::string> text_categories;
          for (const auto& o : detector.Detect(f)) {
            text_categories.push_back(o.category);
          }
          for (const auto& k : *hits) {
            spotted.push_back({k.phrase, static_cast<int64_t>(k.start_s * 1000),
                               static_cast<int64_t>(k.end_s * 1000), k.score});
            sc::TranscriptFinal as_text;
            as_text.speaker = sc::Speaker::kProspect;
            as_text.text = k.phrase;
            auto cats = detector.Detect(as_text);
            const std::string cat = cats.empty() ? "" : cats.front().category;
            bool correct = false;
            for (const Turn& t : truth) {
              if (!Overlaps(t.start_s, t.end_s, k.start_s, k.end_s)) continue;
              for (const Label& l : t.labels) correct |= Accepts(l, cat);
            }
            const bool in_text =
                std::find(text_categories.begin(), text_categories.end(),
                          cat) != text_categories.end();
            r.hits.push_back(json::object{{"call", prefix},
                                          {"phrase", k.phrase},
                                          {"phones", Phones(lex, k.phrase)},
                                          {"score", k.score},
                                          {"category", cat},
                                          {"correct", correct},
                                          {"in_text", in_text}});
          }
          const double s0 = f.start_ms / 1000.0, s1 = f.end_ms / 1000.0;
          sc::TranscriptFinal f2 = f;
          for (const auto& ev : plain.OnFinal(f)) {
            if (auto* o = std::get_if<sc::ObjectionDetected>(&ev)) {
              r.without.push_back({s0, s1, o->category});
            }
          }
          for (const auto& ev : spotting.OnFinal(f2, spotted)) {
            if (auto* o = std::get_if<sc::ObjectionDetected>(&ev)) {
              r.with.push_back({s0, s1, o->category});
            }
          }
        }
      }
    }
  }
  return true;
}

void PrintLine(const char* name, double audio_s, double dec, double spot,
               const Counts& a, const Counts& b) {
  std::printf(
      "%-34s audio %7.1fs  decoder %.4f  spotter %.4f CPU-s/call-s  | "
      "text P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d) | +audio P %.3f R "
      "%.3f F1 %.3f (tp %d fp %d fn %d)\n",
      name, audio_s, dec / audio_s, spot / audio_s, a.P(), a.R(), a.F1(), a.tp,
      a.fp, a.fn, b.P(), b.R(), b.F1(), b.tp, b.fp, b.fn);
}

}  // namespace

int main(int argc, char** argv) {
  sc::speech::RecognizerOptions o;
  std::optional<double> threshold;
  bool show_hits = false;
  int frame_step = 1;
  std::vector<std::string> items;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--profile=", 0) == 0) {
      auto p = sc::speech::ParseSpeechProfile(a.substr(10));
      if (!p) {
        std::fprintf(stderr, "unknown profile %s\n", a.c_str());
        return 2;
      }
      o = sc::speech::OptionsForProfile(*p);
    } else if (a.rfind("--threshold=", 0) == 0) {
      threshold = std::atof(a.substr(12).c_str());
    } else if (a.rfind("--frame-step=", 0) == 0) {
      frame_step = std::atoi(a.substr(13).c_str());
    } else if (a == "--hits") {
      show_hits = true;
    } else if (a.rfind("--", 0) == 0) {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      return 2;
    } else {
      items.push_back(a);
    }
  }
  auto rec = sc::speech::OpenRecognizer(o);
  if (!rec.ok()) {
    std::fprintf(stderr, "%s\n", rec.status().ToString().c_str());
    return 1;
  }
  sc::speech::KeywordSpotterOptions so;
  so.frame_step = frame_step;
  for (const std::string& p :
       sc::analysis::ObjectionDetector::Default()->SpottingPhrases()) {
    so.phrases.push_back({p, threshold});
  }
  const double c0 = sc::bench::ThreadCpuSeconds();
  auto spotter = sc::speech::OpenKeywordSpotter(o, so);
  if (!spotter.ok()) {
    std::fprintf(stderr, "%s\n", spotter.status().ToString().c_str());
    return 1;
  }
  const double open_cpu = sc::bench::ThreadCpuSeconds() - c0;
  // Resident growth of one more session (after a first one, which reuses
  // the decoder Open loaded).
  auto first = (*spotter)->NewSession();
  const double rss0 = sc::bench::RssMb();
  auto second = (*spotter)->NewSession();
  const double rss1 = sc::bench::RssMb();
  if (!first.ok() || !second.ok()) return 1;
  std::printf(
      "spotter: %zu phrases, opened in %.3f CPU-s, %.1f MB per session\n",
      (*spotter)->phrases().size(), open_cpu, rss1 - rss0);
  auto lex = sc::speech::lm::Lexicon::Load(
      "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
  if (!lex.ok()) return 1;
  Counts ta, tb;
  double audio = 0, dec = 0, spot = 0;
  for (const std::string& prefix : items) {
    std::vector<Turn> truth;
    if (!LoadTruth(prefix + ".truth.jsonl", truth)) {
      std::fprintf(stderr, "%s: no labelled truth\n", prefix.c_str());
      return 1;
    }
    CallResult r;
    if (!RunCall(**rec, **spotter, *lex, prefix, truth, r)) {
      std::fprintf(stderr, "%s: failed\n", prefix.c_str());
      return 1;
    }
    const Counts a = Score(truth, r.without), b = Score(truth, r.with);
    ta.Add(a);
    tb.Add(b);
    audio += r.audio_s;
    dec += r.decoder_cpu_s;
    spot += r.spotter_cpu_s;
    const std::string name = prefix.substr(prefix.find_last_of('/') + 1);
    PrintLine(name.c_str(), r.audio_s, r.decoder_cpu_s, r.spotter_cpu_s, a, b);
    if (show_hits) {
      for (const auto& h : r.hits) {
        std::printf("%s\n", json::serialize(h).c_str());
      }
    }
    std::fflush(stdout);
  }
  PrintLine("total", audio, dec, spot, ta, tb);
  return 0;
}
