// recognizer_bench: cost and accuracy of the speech path on one call track.
//
//   recognizer_bench [flags] [FILE.wav ...]
//
// The files (any rate; channel 0) are joined with 1 s of silence into one
// call track and run through the live path: resample to 8 kHz (as calls
// arrive), audio::Endpointer, upsample the utterance audio to 16 kHz, one
// RecognizerSession. FILE.txt beside a FILE.wav is its reference transcript
// (for WER). Without files, flite synthesizes built-in sales sentences with
// voices kal, awb and rms through a G.711 telephone channel.
//
// Flags: --cold (a new session per utterance, to show the cost of a cold
// decoder), --accurate / --fast (speech profiles; fast is the default),
// --no-telephone (model's own cmninit), --cmninit=V, --cmn=live|batch,
// --tracks=N (N sessions decoding the same audio one after another: memory per
// session). Prints figures; asserts nothing.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "audio/resampler.h"
#include "audio/ulaw.h"
#include "audio/vad.h"
#include "audio/wav.h"
#include "bench_util.h"
#include "speech/recognizer.h"
#include "speech/wer.h"

namespace {

using sc::audio::EndpointEvent;

const char* kSentences[] = {
    "thank you for taking my call today i wanted to talk about your current "
    "phone system",
    "we can offer a discount if you sign the contract before the end of the "
    "month",
    "the price is a little too high for our budget this year",
    "could you send me more information by email so i can share it with my "
    "team",
    "how many people in your company would use the software every day",
    "i understand your concern let me explain how the support works",
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

bool ToTelephone8k(const sc::audio::PcmAudio& a, std::vector<int16_t>& out) {
  auto rs = sc::audio::Resampler::Create(a.sample_rate, 8000);
  if (!rs.ok()) return false;
  (*rs)->Process(sc::audio::ExtractChannel(a, 0), out);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // The profile flags replace all options, so give them first.
  sc::speech::RecognizerOptions opts;
  bool cold = false;
  int tracks = 1;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--cold") {
      cold = true;
    } else if (a == "--fast") {
      opts = sc::speech::OptionsForProfile(sc::speech::SpeechProfile::kFast);
    } else if (a == "--accurate") {
      opts =
          sc::speech::OptionsForProfile(sc::speech::SpeechProfile::kAccurate);
    } else if (a == "--no-telephone") {
      opts.telephone = false;
    } else if (a.rfind("--cmninit=", 0) == 0) {
      opts.cmninit = a.substr(10);
    } else if (a == "--cmn=batch") {
      opts.cmn = sc::speech::CmnMode::kBatch;
    } else if (a == "--cmn=live") {
      opts.cmn = sc::speech::CmnMode::kLive;
    } else if (a.rfind("--tracks=", 0) == 0) {
      tracks = std::max(1, std::atoi(a.c_str() + 9));
    } else if (a.rfind("--", 0) == 0) {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      return 2;
    } else {
      files.push_back(a);
    }
  }

  // Build the call track (8 kHz) and its reference transcript.
  std::vector<int16_t> track;
  std::string reference;
  auto append = [&](const std::vector<int16_t>& pcm, const std::string& ref) {
    track.insert(track.end(), 8000, 0);
    track.insert(track.end(), pcm.begin(), pcm.end());
    reference += ref + " ";
  };
  if (files.empty()) {
    if (std::system("command -v flite >/dev/null 2>&1") != 0) {
      std::fprintf(stderr, "no files given and flite is not installed\n");
      return 2;
    }
    const std::string tmp = std::filesystem::temp_directory_path() /
                            ("sc_bench_" + std::to_string(getpid()) + ".wav");
    for (const char* voice : {"kal", "awb", "rms"}) {
      for (const char* s : kSentences) {
        const std::string cmd =
            std::string("flite -voice ") + voice + " -t '" + s + "' -o " + tmp;
        if (std::system(cmd.c_str()) != 0) return 1;
        auto a = sc::audio::ReadWav(tmp);
        std::vector<int16_t> pcm8, dec;
        std::vector<uint8_t> ulaw;
        if (!a.ok() || !ToTelephone8k(*a, pcm8)) return 1;
        sc::audio::EncodeUlaw(pcm8, ulaw);  // The G.711 channel.
        sc::audio::DecodeUlaw(ulaw, dec);
        append(dec, s);
      }
    }
    std::filesystem::remove(tmp);
  } else {
    for (const auto& f : files) {
      auto a = sc::audio::ReadWav(f);
      if (!a.ok()) {
        std::fprintf(stderr, "%s\n", a.status().ToString().c_str());
        return 1;
      }
      std::vector<int16_t> pcm8;
      if (!ToTelephone8k(*a, pcm8)) return 1;
      std::string ref;
      std::ifstream t(std::filesystem::path(f).replace_extension(".txt"));
      std::getline(t, ref);
      append(pcm8, ref);
    }
  }
  track.insert(track.end(), 8000, 0);
  const double audio_s = static_cast<double>(track.size()) / 8000;

  const double rss0 = sc::bench::RssMb();
  const double cpu0 = sc::bench::ProcessCpuSeconds();
  auto rec = sc::speech::OpenRecognizer(opts);
  if (!rec.ok()) {
    std::fprintf(stderr, "%s\n", rec.status().ToString().c_str());
    return 1;
  }
  const double open_cpu = sc::bench::ProcessCpuSeconds() - cpu0;
  const double rss_open = sc::bench::RssMb();

  std::printf("settings: cmninit=%s telephone=%d cmn=%s %s cold=%d\n",
              opts.cmninit.empty() ? "(default)" : opts.cmninit.c_str(),
              opts.telephone,
              opts.cmn == sc::speech::CmnMode::kLive ? "live" : "batch",
              sc::speech::DescribeOptions(opts).c_str(), cold);
  std::printf("audio: %.1f s on one track; open: %.2f s CPU, RSS +%.0f MB\n",
              audio_s, open_cpu, rss_open - rss0);

  // Sessions stay alive until the end, so each RSS delta is a real
  // per-session cost (the first reuses the decoder loaded by Open).
  std::vector<std::unique_ptr<sc::speech::RecognizerSession>> keep;
  for (int t = 0; t < tracks; ++t) {
    const double rss_before = sc::bench::RssMb();
    auto session = (*rec)->NewSession();
    if (!session.ok()) return 1;
    struct Keep {
      decltype(keep)& k;
      decltype(session)& s;
      ~Keep() {
        if (s.ok()) k.push_back(std::move(*s));
      }
    } keep_at_end{keep, session};
    auto ep = sc::audio::Endpointer::Create({});
    auto up = sc::audio::Resampler::Create(8000, 16000);
    if (!ep.ok() || !up.ok()) return 1;
    std::vector<double> finalize_ms;
    std::string hyp_text;
    double words_conf = 0;
    int n_words = 0, utterances = 0;
    const double cpu_start = sc::bench::ProcessCpuSeconds();
    std::vector<EndpointEvent> events;
    std::vector<int16_t> pcm16;
    for (size_t i = 0; i <= track.size(); i += 160) {  // 20 ms packets.
      events.clear();
      if (i < track.size()) {
        (*ep)->Push(std::span(track).subspan(
                        i, std::min<size_t>(160, track.size() - i)),
                    events);
      } else {
        (*ep)->Flush(events);
      }
      for (auto& e : events) {
        if (e.kind == EndpointEvent::Kind::kStart) {
          if (cold) {
            session = (*rec)->NewSession();
            if (!session.ok()) return 1;
          }
          (void)(*session)->StartUtterance(static_cast<double>(e.sample) /
                                           8000);
        } else if (e.kind == EndpointEvent::Kind::kAudio) {
          pcm16.clear();
          (*up)->Process(e.samples, pcm16);
          (void)(*session)->Feed(pcm16);
        } else {
          const auto w0 = std::chrono::steady_clock::now();
          auto h = (*session)->EndUtterance();
          finalize_ms.push_back(std::chrono::duration<double, std::milli>(
                                    std::chrono::steady_clock::now() - w0)
                                    .count());
          ++utterances;
          if (!h.ok()) continue;
          hyp_text += h->text + " ";
          for (auto& w : h->words) words_conf += w.confidence;
          n_words += static_cast<int>(h->words.size());
        }
      }
    }
    const double cpu = sc::bench::ProcessCpuSeconds() - cpu_start;
    const double rss_after = sc::bench::RssMb();
    std::printf(
        "track %d: utterances %d, CPU %.3f s per audio s (RTF), "
        "EndUtterance p50 %.0f ms p95 %.0f ms, session RSS +%.0f MB,"
        " mean word confidence %.2f\n",
        t, utterances, cpu / audio_s, Percentile(finalize_ms, 0.5),
        Percentile(finalize_ms, 0.95), rss_after - rss_before,
        n_words ? words_conf / n_words : 0.0);
    if (!reference.empty() &&
        reference.find_first_not_of(' ') != std::string::npos) {
      const auto c = sc::speech::CountWordErrors(reference, hyp_text);
      std::printf(
          "track %d: WER %.1f%% (%d ref words: %d sub, %d del, "
          "%d ins)\n",
          t, 100 * c.rate(), c.reference_words, c.substitutions, c.deletions,
          c.insertions);
    }
    if (std::getenv("SC_BENCH_PRINT_TEXT")) {  // Local debugging only.
      std::printf("hyp: %s\n", hyp_text.c_str());
    }
  }
  return 0;
}
