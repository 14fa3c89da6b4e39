// speech_bench: decodes whole test calls through the live speech path and
// prints one JSON line per call, for bench/speech_regression.py (which scores
// and tabulates them) and for tuning by hand.
//
//   speech_bench [flags] ITEM...
//
// ITEM is either a call prefix from scripts/make-test-calls (PREFIX.agent.wav
// and PREFIX.prospect.wav, two tracks) or a single .wav file (one track,
// reported as the agent). Every track is brought to 8 kHz G.711 u-law (as
// calls arrive), then runs exactly as in the pipeline: audio::Endpointer,
// upsample the utterance audio to 16 kHz, one RecognizerSession per track
// for the whole call. Tracks are decoded one after another on this thread.
// The two sessions (agent, prospect) carry on from one item to the next, so
// only the first item starts cold; a live call starts with new sessions
// (cold cepstral mean, telephone cmninit), which costs its first utterance
// a little accuracy that this bench does not show.
//
// Output per item:
//   {"item":..., "audio_s": call length, "cpu_s": CPU of decoding all its
//    tracks (this process, getrusage), "finalize_cpu_ms": [CPU of each
//    EndUtterance (thread CPU clock)], "finalize_wall_ms": [...],
//    "utterances": [{"speaker","start_s","end_s","text"}]}
// and first a header line {"open_cpu_s", "rss_open_mb", "rss_per_track_mb",
// "options"}. CPU time, not wall time, is the figure to trust on a shared
// machine. Asserts nothing.
//
// Flags: --profile=fast|accurate, then overrides: --lm=domain|general|PATH,
// --general-words=N, --general-weight=X, --beam=X --wbeam=X --pbeam=X --lw=X
// --maxhmmpf=N
// --maxwpf=N --topn=N --pl_window=N --ds=N --fwdflat=0|1 --bestpath=0|1
// --hangover=MS (endpointer), --term=WORD (domain term; repeatable),
// --arg=-flag=value (extra engine argument; repeatable).
#include <sys/resource.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "audio/resampler.h"
#include "audio/ulaw.h"
#include "audio/vad.h"
#include "audio/wav.h"
#include "bench_util.h"
#include "speech/recognizer.h"

namespace {

namespace json = boost::json;
using sc::audio::EndpointEvent;

struct TrackResult {
  json::array utterances;
  json::array finalize_cpu_ms, finalize_wall_ms;
};

bool DecodeTrack(sc::speech::RecognizerSession& session,
                 const sc::audio::EndpointerOptions& ep_options,
                 const std::vector<int16_t>& track, const char* speaker,
                 TrackResult& r) {
  auto ep = sc::audio::Endpointer::Create(ep_options);
  auto up = sc::audio::Resampler::Create(8000, 16000);
  if (!ep.ok() || !up.ok()) {
    return false;
  }
  std::vector<EndpointEvent> events;
  std::vector<int16_t> pcm16;
  // 20 ms packets, then a flush (i == size) that closes the last utterance.
  for (size_t i = 0; i <= track.size();
       i = i < track.size() ? std::min(i + 160, track.size()) : i + 1) {
    events.clear();
    if (i < track.size()) {
      (*ep)->Push(
          std::span(track).subspan(i, std::min<size_t>(160, track.size() - i)),
          events);
    } else {
      (*ep)->Flush(events);
    }
    for (auto& e : events) {
      if (e.kind == EndpointEvent::Kind::kStart) {
        const double at_s = static_cast<double>(e.sample) / 8000;
        if (auto st = session.StartUtterance(at_s); !st.ok()) {
          std::fprintf(stderr, "%s\n", st.ToString().c_str());
          return false;
        }
      } else if (e.kind == EndpointEvent::Kind::kAudio) {
        pcm16.clear();
        (*up)->Process(e.samples, pcm16);
        if (auto st = session.Feed(pcm16); !st.ok()) {
          std::fprintf(stderr, "%s\n", st.ToString().c_str());
          return false;
        }
      } else {
        const double c0 = (sc::bench::ThreadCpuSeconds() * 1e3);
        const auto w0 = std::chrono::steady_clock::now();
        auto h = session.EndUtterance();
        r.finalize_cpu_ms.push_back((sc::bench::ThreadCpuSeconds() * 1e3) - c0);
        r.finalize_wall_ms.push_back(std::chrono::duration<double, std::milli>(
                                         std::chrono::steady_clock::now() - w0)
                                         .count());
        if (!h.ok()) {
          std::fprintf(stderr, "%s\n", h.status().ToString().c_str());
          return false;
        }
        if (h->text.empty()) continue;
        r.utterances.push_back(
            json::object{{"speaker", speaker},
                         {"start_s", h->words.front().start_s},
                         {"end_s", h->words.back().end_s},
                         {"text", h->text}});
      }
    }
  }
  return true;
}

bool StartsWith(const std::string& s, const char* p, std::string& rest) {
  const size_t n = std::char_traits<char>::length(p);
  if (s.compare(0, n, p) != 0) return false;
  rest = s.substr(n);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using sc::speech::RecognizerOptions;
  RecognizerOptions o;
  sc::audio::EndpointerOptions ep;
  std::vector<std::string> items;
  std::vector<std::string> args(argv + 1, argv + argc);
  // The profile first, so the other flags override it wherever they stand.
  for (const auto& a : args) {
    std::string v;
    if (StartsWith(a, "--profile=", v)) {
      auto p = sc::speech::ParseSpeechProfile(v);
      if (!p) {
        std::fprintf(stderr, "unknown profile %s\n", v.c_str());
        return 2;
      }
      o = sc::speech::OptionsForProfile(*p);
    }
  }
  for (const auto& a : args) {
    std::string v;
    if (StartsWith(a, "--profile=", v)) {
    } else if (StartsWith(a, "--lm=", v)) {
      if (v == "domain") {
        o.language_model_kind = sc::speech::LanguageModelKind::kDomain;
      } else if (v == "general") {
        o.language_model_kind = sc::speech::LanguageModelKind::kGeneral;
      } else {
        o.language_model = v;
      }
    } else if (StartsWith(a, "--general-words=", v)) {
      o.general_words = std::atoi(v.c_str());
    } else if (StartsWith(a, "--general-weight=", v)) {
      o.general_weight = std::atof(v.c_str());
    } else if (StartsWith(a, "--beam=", v)) {
      o.beam = std::atof(v.c_str());
    } else if (StartsWith(a, "--wbeam=", v)) {
      o.wbeam = std::atof(v.c_str());
    } else if (StartsWith(a, "--pbeam=", v)) {
      o.pbeam = std::atof(v.c_str());
    } else if (StartsWith(a, "--lw=", v)) {
      o.lw = std::atof(v.c_str());
    } else if (StartsWith(a, "--maxhmmpf=", v)) {
      o.maxhmmpf = std::atoi(v.c_str());
    } else if (StartsWith(a, "--maxwpf=", v)) {
      o.maxwpf = std::atoi(v.c_str());
    } else if (StartsWith(a, "--topn=", v)) {
      o.topn = std::atoi(v.c_str());
    } else if (StartsWith(a, "--pl_window=", v)) {
      o.pl_window = std::atoi(v.c_str());
    } else if (StartsWith(a, "--ds=", v)) {
      o.ds = std::atoi(v.c_str());
    } else if (StartsWith(a, "--fwdflat=", v)) {
      o.fwdflat =
          v == "1" ? sc::speech::SearchPass::kOn : sc::speech::SearchPass::kOff;
    } else if (StartsWith(a, "--bestpath=", v)) {
      o.bestpath =
          v == "1" ? sc::speech::SearchPass::kOn : sc::speech::SearchPass::kOff;
    } else if (StartsWith(a, "--hangover=", v)) {
      ep.hangover_ms = std::atoi(v.c_str());
    } else if (StartsWith(a, "--term=", v)) {
      o.domain_terms.push_back(v);
    } else if (StartsWith(a, "--arg=", v)) {
      const size_t eq = v.find('=');
      if (eq == std::string::npos) return 2;
      o.extra_args.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (a.rfind("--", 0) == 0) {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      return 2;
    } else {
      items.push_back(a);
    }
  }

  const double rss0 = sc::bench::RssMb();
  const double cpu0 = sc::bench::ProcessCpuSeconds();
  auto rec = sc::speech::OpenRecognizer(o);
  if (!rec.ok()) {
    std::fprintf(stderr, "%s\n", rec.status().ToString().c_str());
    return 1;
  }
  const double open_cpu = sc::bench::ProcessCpuSeconds() - cpu0;
  const double rss_open = sc::bench::RssMb();
  // Two sessions are kept for all calls (one per track, as in a call), so
  // the second one's RSS is the cost of one more track (the first reuses
  // the decoder Open loaded).
  auto s0 = (*rec)->NewSession();
  const double rss_s0 = sc::bench::RssMb();
  auto s1 = (*rec)->NewSession();
  const double rss_s1 = sc::bench::RssMb();
  if (!s0.ok() || !s1.ok()) {
    std::fprintf(stderr, "session: %s\n",
                 (s0.ok() ? s1.status() : s0.status()).ToString().c_str());
    return 1;
  }
  std::printf(
      "%s\n",
      json::serialize(json::object{{"open_cpu_s", open_cpu},
                                   {"rss_open_mb", rss_open - rss0},
                                   {"rss_first_session_mb", rss_s0 - rss_open},
                                   {"rss_per_track_mb", rss_s1 - rss_s0},
                                   {"options", sc::speech::DescribeOptions(o)}})
          .c_str());
  std::fflush(stdout);

  for (const auto& item : items) {
    std::vector<std::pair<std::string, const char*>> tracks;
    if (item.size() > 4 && item.ends_with(".wav")) {
      tracks = {{item, "agent"}};
    } else {
      tracks = {{item + ".agent.wav", "agent"},
                {item + ".prospect.wav", "prospect"}};
    }
    TrackResult r;
    double audio_s = 0, cpu = 0;
    for (size_t t = 0; t < tracks.size(); ++t) {
      std::vector<int16_t> pcm = sc::bench::LoadTelephoneTrack(tracks[t].first);
      if (pcm.empty()) return 1;
      audio_s = std::max(audio_s, static_cast<double>(pcm.size()) / 8000);
      const double c0 = sc::bench::ProcessCpuSeconds();
      if (!DecodeTrack(t == 0 ? **s0 : **s1, ep, pcm, tracks[t].second, r)) {
        std::fprintf(stderr, "%s: decoding failed\n", item.c_str());
        return 1;
      }
      cpu += sc::bench::ProcessCpuSeconds() - c0;
    }
    std::printf(
        "%s\n",
        json::serialize(json::object{{"item", item},
                                     {"tracks", tracks.size()},
                                     {"audio_s", audio_s},
                                     {"cpu_s", cpu},
                                     {"finalize_cpu_ms", r.finalize_cpu_ms},
                                     {"finalize_wall_ms", r.finalize_wall_ms},
                                     {"utterances", r.utterances}})
            .c_str());
    std::fflush(stdout);
  }
  return 0;
}
