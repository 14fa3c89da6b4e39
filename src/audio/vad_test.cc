#include "audio/vad.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <numbers>
#include <random>

#include "audio/wav.h"

namespace sc::audio {
namespace {

using Kind = EndpointEvent::Kind;
constexpr int kRate = 8000;

// A crude voiced sound: harmonics of a 140 Hz glottal pulse under a slowly
// moving formant envelope, about -20 dBFS. WebRTC's VAD calls it speech.
void AppendVoice(std::vector<int16_t>& v, double seconds) {
  const size_t n = static_cast<size_t>(seconds * kRate);
  for (size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / kRate;
    const double f0 = 140 + 15 * std::sin(2 * std::numbers::pi * 3 * t);
    const double formant = 700 + 400 * std::sin(2 * std::numbers::pi * 2 * t);
    double s = 0;
    for (int k = 1; k * f0 < 3400; ++k) {
      const double d = (k * f0 - formant) / 300;
      s += std::exp(-d * d) * std::sin(2 * std::numbers::pi * k * f0 * t) +
           0.05 * std::sin(2 * std::numbers::pi * k * f0 * t) / k;
    }
    v.push_back(static_cast<int16_t>(2500 * s));
  }
}

// Low-level white noise (line noise) at about `dbfs`.
void AppendNoise(std::vector<int16_t>& v, double seconds, double dbfs,
                 unsigned seed = 1) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> g(0, 32768 * std::pow(10, dbfs / 20));
  for (size_t i = 0; i < static_cast<size_t>(seconds * kRate); ++i) {
    v.push_back(static_cast<int16_t>(std::clamp(g(rng), -32768.0, 32767.0)));
  }
}

std::vector<EndpointEvent> RunEndpointer(const std::vector<int16_t>& pcm,
                                         size_t chunk,
                                         const EndpointerOptions& o = {}) {
  auto ep = Endpointer::Create(o);
  EXPECT_TRUE(ep.ok()) << ep.status().ToString();
  std::vector<EndpointEvent> out;
  for (size_t i = 0; i < pcm.size(); i += chunk) {
    const size_t n = std::min(chunk, pcm.size() - i);
    std::vector<EndpointEvent> ev;  // A fresh vector per call, like callers.
    (*ep)->Push(std::span(pcm).subspan(i, n), ev);
    for (auto& e : ev) out.push_back(std::move(e));
  }
  (*ep)->Flush(out);
  // Merge contiguous kAudio so different chunkings compare equal.
  std::vector<EndpointEvent> merged;
  for (auto& e : out) {
    if (e.kind == Kind::kAudio && !merged.empty() &&
        merged.back().kind == Kind::kAudio) {
      auto& s = merged.back().samples;
      EXPECT_EQ(merged.back().sample + static_cast<int64_t>(s.size()),
                e.sample);
      s.insert(s.end(), e.samples.begin(), e.samples.end());
    } else {
      merged.push_back(std::move(e));
    }
  }
  return merged;
}

struct Utterance {
  int64_t start, end, audio_begin, audio_len;
};

// Checks the event grammar (Start Audio End)* and returns the utterances.
std::vector<Utterance> Utterances(const std::vector<EndpointEvent>& ev) {
  std::vector<Utterance> u;
  for (size_t i = 0; i < ev.size(); ++i) {
    EXPECT_EQ(ev[i].kind, Kind::kStart) << "event " << i;
    Utterance x{ev[i].sample, 0, 0, 0};
    if (i + 1 < ev.size() && ev[i + 1].kind == Kind::kAudio) {
      ++i;
      x.audio_begin = ev[i].sample;
      x.audio_len = static_cast<int64_t>(ev[i].samples.size());
      EXPECT_EQ(x.audio_begin, x.start);
    }
    EXPECT_LT(i + 1, ev.size());
    if (i + 1 >= ev.size()) break;
    EXPECT_EQ(ev[++i].kind, Kind::kEnd);
    x.end = ev[i].sample;
    u.push_back(x);
  }
  return u;
}

TEST(EndpointerTest, RejectsBadOptions) {
  EndpointerOptions o;
  o.sample_rate = 11025;
  EXPECT_EQ(Endpointer::Create(o).status().code(),
            StatusCode::kInvalidArgument);
  o = {};
  o.frame_ms = 25;
  EXPECT_FALSE(Endpointer::Create(o).ok());
  o = {};
  o.aggressiveness = 4;
  EXPECT_FALSE(Endpointer::Create(o).ok());
  o = {};
  o.hangover_ms = 0;
  EXPECT_FALSE(Endpointer::Create(o).ok());
}

TEST(EndpointerTest, SilenceAndLineNoiseNeverOpenAnUtterance) {
  std::vector<int16_t> pcm(kRate * 3, 0);
  AppendNoise(pcm, 5, -60);
  AppendNoise(pcm, 5, -55, 2);
  for (size_t chunk : {1u, 160u, 4000u}) {
    EXPECT_TRUE(RunEndpointer(pcm, chunk).empty()) << chunk;
  }
}

TEST(EndpointerTest, BurstsOpenAndCloseAtTheRightTimes) {
  std::vector<int16_t> pcm;
  AppendNoise(pcm, 1.0, -60);
  AppendVoice(pcm, 1.0);  // 1.0 .. 2.0 s
  AppendNoise(pcm, 1.5, -60);
  AppendVoice(pcm, 0.7);  // 3.5 .. 4.2 s
  AppendNoise(pcm, 1.0, -60);
  const auto u = Utterances(RunEndpointer(pcm, 160));
  ASSERT_EQ(u.size(), 2u);
  const EndpointerOptions o;
  const int64_t ms = kRate / 1000;
  // Start: the voice onset minus the preroll, within two frames.
  EXPECT_NEAR(u[0].start, (1000 - o.preroll_ms) * ms, 2 * o.frame_ms * ms);
  EXPECT_NEAR(u[0].end, 2000 * ms, 2 * o.frame_ms * ms);
  EXPECT_NEAR(u[1].start, (3500 - o.preroll_ms) * ms, 2 * o.frame_ms * ms);
  EXPECT_NEAR(u[1].end, 4200 * ms, 2 * o.frame_ms * ms);
  for (const auto& x : u) {
    // Audio runs from the start through the hangover.
    EXPECT_EQ(x.audio_len, x.end - x.start + o.hangover_ms * ms);
  }
}

TEST(EndpointerTest, OneSampleChunksEqualFrameChunks) {
  std::vector<int16_t> pcm;
  AppendNoise(pcm, 0.5, -60);
  AppendVoice(pcm, 0.8);
  AppendNoise(pcm, 0.7, -60);
  AppendVoice(pcm, 0.3);  // Still open at the end: closed by Flush.
  const auto a = RunEndpointer(pcm, 160);
  const auto b = RunEndpointer(pcm, 1);
  const auto c = RunEndpointer(pcm, 333);
  ASSERT_EQ(a.size(), 6u);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.size(), c.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].kind, b[i].kind);
    EXPECT_EQ(a[i].sample, b[i].sample);
    EXPECT_EQ(a[i].samples, b[i].samples);
    EXPECT_EQ(a[i].sample, c[i].sample);
    EXPECT_EQ(a[i].samples, c[i].samples);
  }
  // The audio delivered is exactly the input at those positions.
  for (const auto& e : a) {
    if (e.kind != Kind::kAudio) continue;
    EXPECT_TRUE(
        std::equal(e.samples.begin(), e.samples.end(), pcm.begin() + e.sample));
  }
}

TEST(EndpointerTest, LongUtteranceIsCut) {
  std::vector<int16_t> pcm;
  AppendNoise(pcm, 0.5, -60);
  AppendVoice(pcm, 3.0);
  AppendNoise(pcm, 1.0, -60);
  EndpointerOptions o;
  o.max_utterance_ms = 1000;
  const auto ev = RunEndpointer(pcm, 160, o);
  const auto u = Utterances(ev);
  ASSERT_GE(u.size(), 3u);
  for (size_t i = 0; i + 1 < u.size(); ++i) {
    EXPECT_EQ(u[i].end, u[i + 1].start);  // Cut, nothing lost or repeated.
    EXPECT_EQ(u[i].end - u[i].start, 1000 * kRate / 1000);
  }
}

TEST(EndpointerTest, Works16k) {
  EndpointerOptions o;
  o.sample_rate = 16000;
  std::vector<int16_t> pcm8, pcm16;
  AppendNoise(pcm8, 0.5, -60);
  AppendVoice(pcm8, 1.0);
  AppendNoise(pcm8, 1.0, -60);
  for (int16_t s : pcm8) pcm16.insert(pcm16.end(), 2, s);  // Crude 2x.
  EXPECT_EQ(Utterances(RunEndpointer(pcm16, 320, o)).size(), 1u);
}

TEST(EndpointerTest, FliteTelephoneUtterance) {
  if (std::system("command -v flite >/dev/null 2>&1 && "
                  "command -v sox >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "flite or sox not installed";
  }
  const auto dir = std::filesystem::temp_directory_path() /
                   ("sc_vad_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string raw = (dir / "raw.wav").string();
  const std::string tel = (dir / "tel.wav").string();
  const std::string cmd =
      "flite -voice kal -t 'we can offer a discount if you sign the contract "
      "this month' -o " +
      raw + " && sox " + raw + " -r 8000 -e u-law " + tel +
      " sinc 300-3400 pad 1 1.5";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  auto audio = ReadWav(tel);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(audio.ok()) << audio.status().ToString();
  ASSERT_EQ(audio->sample_rate, kRate);
  const auto u = Utterances(RunEndpointer(audio->samples, 160));
  ASSERT_EQ(u.size(), 1u);
  // The speech starts 1 s in (plus flite's own lead-in of ~0.1 s) and ends
  // 1.5 s before the end.
  const double start_s = static_cast<double>(u[0].start) / kRate;
  const double end_s = static_cast<double>(u[0].end) / kRate;
  EXPECT_GT(start_s, 0.6);
  EXPECT_LT(start_s, 1.2);
  EXPECT_GT(end_s, audio->duration_s() - 1.8);
  EXPECT_LT(end_s, audio->duration_s() - 1.4);
}

}  // namespace
}  // namespace sc::audio
