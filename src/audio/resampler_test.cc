#include "audio/resampler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace sc::audio {
namespace {

std::vector<int16_t> Tone(double hz, int rate, double seconds,
                          double amp = 8000) {
  std::vector<int16_t> v(static_cast<size_t>(rate * seconds));
  for (size_t i = 0; i < v.size(); ++i) {
    v[i] = static_cast<int16_t>(amp * std::sin(2 * std::numbers::pi * hz *
                                               static_cast<double>(i) / rate));
  }
  return v;
}

// Power of `hz` in `x` (Goertzel), normalised by length.
double PowerAt(std::span<const int16_t> x, double hz, int rate) {
  const double w = 2 * std::numbers::pi * hz / rate;
  const double c = 2 * std::cos(w);
  double s1 = 0, s2 = 0;
  for (int16_t v : x) {
    const double s = v + c * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  const double p = s1 * s1 + s2 * s2 - c * s1 * s2;
  return p / (static_cast<double>(x.size()) * x.size());
}

TEST(ResamplerTest, RejectsBadArguments) {
  EXPECT_EQ(Resampler::Create(0, 16000).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Resampler::Create(8000, -1).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Resampler::Create(8000, 16000, 11).status().code(),
            StatusCode::kInvalidArgument);
}

class ResamplerRates : public ::testing::TestWithParam<std::pair<int, int>> {};

TEST_P(ResamplerRates, PreservesLengthAndToneFrequency) {
  const auto [in_rate, out_rate] = GetParam();
  auto rs = Resampler::Create(in_rate, out_rate);
  ASSERT_TRUE(rs.ok()) << rs.status().ToString();
  const auto in = Tone(1000, in_rate, 1.0);
  std::vector<int16_t> out;
  (*rs)->Process(in, out);
  const double expected = static_cast<double>(in.size()) * out_rate / in_rate;
  // Only the filter delay may be missing at the end.
  EXPECT_LE(out.size(), expected + 1);
  EXPECT_GE(out.size(),
            expected - (*rs)->input_latency() * 2.0 * out_rate / in_rate - 2);
  // Skip the filter's start-up, then the 1 kHz tone must dominate.
  std::span<const int16_t> steady(out.data() + out_rate / 10,
                                  out.size() - out_rate / 5);
  const double p1000 = PowerAt(steady, 1000, out_rate);
  EXPECT_GT(p1000, 1000.0 * PowerAt(steady, 1500, out_rate));
  EXPECT_GT(p1000, 1000.0 * PowerAt(steady, 700, out_rate));
  // Amplitude is preserved within 1 dB (power of a sine of amplitude A
  // measured this way is A^2/4).
  EXPECT_NEAR(10 * std::log10(p1000 / (8000.0 * 8000.0 / 4)), 0.0, 1.0);
}

INSTANTIATE_TEST_SUITE_P(Rates, ResamplerRates,
                         ::testing::Values(std::pair{8000, 16000},
                                           std::pair{16000, 8000},
                                           std::pair{44100, 16000},
                                           std::pair{8000, 8000}));

TEST(ResamplerTest, ChunkingDoesNotChangeOutput) {
  const auto in = Tone(440, 8000, 0.5);
  auto whole = Resampler::Create(8000, 16000);
  auto chunked = Resampler::Create(8000, 16000);
  ASSERT_TRUE(whole.ok() && chunked.ok());
  std::vector<int16_t> a, b;
  (*whole)->Process(in, a);
  std::span<const int16_t> rest(in);
  size_t n = 1;
  while (!rest.empty()) {  // Chunk lengths 1, 2, 3, ... 0 included below.
    const size_t take = std::min(n++ % 37, rest.size());
    (*chunked)->Process(rest.first(take), b);
    rest = rest.subspan(take);
  }
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace sc::audio
