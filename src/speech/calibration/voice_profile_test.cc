// Voice calibration on the generated test calls (build/testcalls, made by
// scripts/make-test-calls): the profile learned from one call's agent
// track is used to decode another call by the same voice.
#include "speech/calibration/voice_profile.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "audio/resampler.h"
#include "audio/wav.h"
#include "speech/calibration/voice_profile_internal.h"
#include "speech/recognizer.h"
#include "speech/wer.h"

namespace sc::speech {
namespace {

// The en-us model's own -cmninit (its feat.params): a wideband mean.
const double kModelCmninit[13] = {41.00, -5.29, -0.12, 5.09,  2.48,
                                  -4.07, -1.37, -1.78, -5.08, -2.05,
                                  -6.45, -1.42, 1.17};

struct Turn {
  double start_s = 0, end_s = 0;
  std::string text;
};

// SC_TEST_CALLS_DIR (set by ctest's generated_test_calls fixture), else
// the calls scripts/make-test-calls leaves in build/testcalls.
std::string TestCalls() {
  if (const char* dir = std::getenv("SC_TEST_CALLS_DIR"); dir && *dir) {
    return std::string(dir) + "/";
  }
  const char* src = std::getenv("SC_SOURCE_DIR");
  return std::string(src ? src : ".") + "/build/testcalls/";
}

// The agent turns of NAME.truth.jsonl.
std::vector<Turn> AgentTurns(const std::string& name) {
  std::ifstream in(TestCalls() + name + ".truth.jsonl");
  std::vector<Turn> out;
  std::string line;
  while (std::getline(in, line)) {
    boost::json::object o = boost::json::parse(line).as_object();
    if (o["speaker"].as_string() != "agent") continue;
    out.push_back({o["start_s"].to_number<double>(),
                   o["end_s"].to_number<double>(),
                   std::string(o["text"].as_string())});
  }
  return out;
}

// Lower case, punctuation removed (apostrophes kept): the recognizer's
// word form, for WER.
std::string Normalize(const std::string& text) {
  std::string out;
  for (const std::string& w : internal::ScriptWords(text)) {
    if (!out.empty()) out += ' ';
    for (char c : w) out += static_cast<char>(std::tolower(c));
  }
  return out;
}

std::vector<int16_t> AgentTrack(const std::string& name) {
  auto a = audio::ReadWav(TestCalls() + name + ".agent.wav");
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  if (!a.ok()) return {};
  EXPECT_EQ(a->sample_rate, 8000);
  return audio::ExtractChannel(*a, 0);
}

struct DecodeResult {
  WerCounts all, first_two;
};

// Decodes the agent turns of `name` with one session for the whole track,
// as the live path does (a warm mean carried across turns), each turn from
// 0.2 s before to 0.3 s after its truth span.
DecodeResult DecodeAgent(const std::string& name,
                         const RecognizerOptions& options,
                         const SessionOptions& session_options = {}) {
  DecodeResult r;
  auto rec = OpenRecognizer(options);
  EXPECT_TRUE(rec.ok()) << rec.status().ToString();
  if (!rec.ok()) return r;
  auto session = (*rec)->NewSession(session_options);
  EXPECT_TRUE(session.ok());
  if (!session.ok()) return r;
  const std::vector<int16_t> track = AgentTrack(name);
  auto rs = audio::Resampler::Create(8000, (*rec)->sample_rate());
  EXPECT_TRUE(rs.ok());
  std::vector<int16_t> pcm;
  (*rs)->Process(track, pcm);
  const double rate = (*rec)->sample_rate();
  int i = 0;
  for (const Turn& t : AgentTurns(name)) {
    const size_t b = static_cast<size_t>(std::max(0.0, t.start_s - 0.2) * rate);
    const size_t e =
        std::min(pcm.size(), static_cast<size_t>((t.end_s + 0.3) * rate));
    EXPECT_TRUE((*session)->StartUtterance(b / rate).ok());
    EXPECT_TRUE((*session)->Feed(std::span(pcm).subspan(b, e - b)).ok());
    auto h = (*session)->EndUtterance();
    EXPECT_TRUE(h.ok());
    if (!h.ok()) continue;
    const WerCounts c = CountWordErrors(Normalize(t.text), h->text);
    r.all += c;
    if (i++ < 2) r.first_two += c;
  }
  return r;
}

class CalibrationTest : public ::testing::Test {
 protected:
  // The calibration call: discovery_freight, agent voice flite:rms (105 s
  // of agent speech). The same voice is the agent of demo.
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(TestCalls() + "discovery_freight.agent.wav")) {
      return;
    }
    std::string script;
    for (const Turn& t : AgentTurns("discovery_freight")) {
      script += t.text + "\n";
    }
    CalibrationOptions o;
    o.script = script;
    auto p = Calibrate(AgentTrack("discovery_freight"), 8000, o);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    profile_ = *p;
  }
  void SetUp() override {
    if (!profile_) {
      GTEST_SKIP() << "no test calls in " << TestCalls()
                   << "; run scripts/make-test-calls";
    }
  }
  static std::optional<VoiceProfile> profile_;
};
std::optional<VoiceProfile> CalibrationTest::profile_;

TEST_F(CalibrationTest, LearnsATelephoneMeanAndAPlausibleRate) {
  const VoiceProfile& p = *profile_;
  std::printf("calibration: cmninit %s\n", p.CmninitString().c_str());
  std::printf(
      "calibration: %d utterances, %d recognized words, %.1f s "
      "speech of %.1f s audio, %.1f words/min (%s)\n",
      p.utterances, p.recognized_words, p.speech_s, p.audio_s,
      p.words_per_minute,
      p.rate_source == RateSource::kScript ? "script" : "recognized");
  ASSERT_EQ(p.cmninit.size(), 13u);
  double distance = 0;
  for (int k = 0; k < 13; ++k) {
    distance += std::pow(p.cmninit[k] - kModelCmninit[k], 2);
  }
  distance = std::sqrt(distance);
  std::printf("calibration: distance from the model's wideband mean %.1f\n",
              distance);
  // A telephone channel removes everything above 3.4 kHz, which moves
  // c1..c12 a long way from the wideband mean (tens of units).
  EXPECT_GT(distance, 20);
  EXPECT_GT(p.cmninit[0], 20);  // c0 is log energy: positive for speech.
  EXPECT_LT(p.cmninit[0], 80);
  EXPECT_EQ(p.rate_source, RateSource::kScript);

  // The truth: words over the agent's audible speech time.
  int words = 0;
  double speech_s = 0;
  for (const Turn& t : AgentTurns("discovery_freight")) {
    words += internal::CountScriptWords(t.text);
    speech_s += t.end_s - t.start_s;
  }
  const double truth_wpm = words / (speech_s / 60);
  std::printf("calibration: truth %.1f words/min over %.1f s\n", truth_wpm,
              speech_s);
  EXPECT_GT(p.words_per_minute, 90);
  EXPECT_LT(p.words_per_minute, 260);
  EXPECT_NEAR(p.words_per_minute, truth_wpm, 0.15 * truth_wpm);
  EXPECT_NEAR(p.speech_s, speech_s, 0.15 * speech_s);
  EXPECT_GT(p.recognized_words, words / 2);
}

TEST_F(CalibrationTest, ProfileMeanDecodesAnotherCallNoWorse) {
  RecognizerOptions base;  // The live defaults: the fast profile.
  const DecodeResult telephone = DecodeAgent("demo", base);
  RecognizerOptions wideband = base;
  wideband.telephone = false;
  const DecodeResult model = DecodeAgent("demo", wideband);
  RecognizerOptions calibrated = base;
  calibrated.cmninit = profile_->CmninitString();
  const DecodeResult user = DecodeAgent("demo", calibrated);
  auto show = [](const char* what, const DecodeResult& r) {
    std::printf(
        "demo agent WER, %-26s %5.1f%% (%d words), first two turns "
        "%5.1f%%\n",
        what, 100 * r.all.rate(), r.all.reference_words,
        100 * r.first_two.rate());
  };
  show("model cmninit:", model);
  show("telephone cmninit:", telephone);
  show("calibrated cmninit:", user);
  ASSERT_GT(user.all.reference_words, 50);
  EXPECT_LE(user.all.rate(), telephone.all.rate());
  EXPECT_LE(user.first_two.rate(), telephone.first_two.rate());
  EXPECT_LT(user.all.rate(), model.all.rate());
}

// The live path: one shared recognizer with the telephone defaults, and the
// profile's mean given to the agent's session alone (SessionOptions). It
// must decode as well as a recognizer built around that mean.
TEST_F(CalibrationTest, SessionCmninitDecodesLikeARecognizerCmninit) {
  RecognizerOptions base;
  SessionOptions so;
  so.cmninit = profile_->CmninitString();
  const DecodeResult session = DecodeAgent("demo", base, so);
  RecognizerOptions calibrated = base;
  calibrated.cmninit = profile_->CmninitString();
  const DecodeResult whole = DecodeAgent("demo", calibrated);
  const DecodeResult telephone = DecodeAgent("demo", base);
  std::printf(
      "demo agent WER: session cmninit %.1f%%, recognizer cmninit %.1f%%, "
      "telephone %.1f%% (first two turns %.1f%% / %.1f%% / %.1f%%)\n",
      100 * session.all.rate(), 100 * whole.all.rate(),
      100 * telephone.all.rate(), 100 * session.first_two.rate(),
      100 * whole.first_two.rate(), 100 * telephone.first_two.rate());
  ASSERT_GT(session.all.reference_words, 50);
  EXPECT_NEAR(session.all.rate(), whole.all.rate(), 0.02);
  EXPECT_LE(session.first_two.rate(), telephone.first_two.rate());
}

TEST(SessionOptionsTest, BadCmninitIsInvalidArgument) {
  auto rec = OpenRecognizer({});
  if (!rec.ok() && rec.status().code() == StatusCode::kNotFound) {
    GTEST_SKIP() << rec.status().ToString();
  }
  ASSERT_TRUE(rec.ok()) << rec.status().ToString();
  EXPECT_TRUE((*rec)->capabilities().session_options);
  for (const char* bad : {"1,2,3", "a,b,c,d,e,f,g,h,i,j,k,l,m",
                          "1,2,3,4,5,6,7,8,9,10,11,12,13,14"}) {
    SessionOptions so;
    so.cmninit = bad;
    EXPECT_EQ((*rec)->NewSession(so).status().code(),
              StatusCode::kInvalidArgument)
        << bad;
  }
  SessionOptions phones;
  phones.extra_words = {{"zorblax", "Z QQ XX"}};  // Phones the model lacks.
  EXPECT_EQ((*rec)->NewSession(phones).status().code(),
            StatusCode::kInvalidArgument);
  // A failed session leaves the recognizer usable.
  EXPECT_TRUE((*rec)->NewSession().ok());
}

// A sentence spoken by flite (voice rms, the calibration voice) through a
// telephone channel (sox), at 8 kHz; empty when flite or sox is missing.
std::vector<int16_t> SpeakOnTheTelephone(const std::string& text) {
  if (std::system("command -v flite >/dev/null && command -v sox >/dev/null") !=
      0) {
    return {};
  }
  const std::string dir = ::testing::TempDir();
  const std::string raw = dir + "/sc_extra_word_raw.wav";
  const std::string tel = dir + "/sc_extra_word_tel.wav";
  const std::string cmd = "flite -voice rms -t '" + text + "' -o " + raw +
                          " && sox " + raw + " -r 8000 -e u-law " + tel +
                          " sinc 300-3400";
  if (std::system(cmd.c_str()) != 0) return {};
  auto a = audio::ReadWav(tel);
  if (!a.ok()) return {};
  return audio::ExtractChannel(*a, 0);
}

// Decodes one utterance on a fresh session of `rec`.
std::string DecodeOnce(Recognizer& rec, const SessionOptions& so,
                       std::span<const int16_t> pcm8k) {
  auto session = rec.NewSession(so);
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  if (!session.ok()) return "";
  auto rs = audio::Resampler::Create(8000, rec.sample_rate());
  std::vector<int16_t> pcm;
  (*rs)->Process(pcm8k, pcm);
  EXPECT_TRUE((*session)->StartUtterance(0).ok());
  EXPECT_TRUE((*session)->Feed(pcm).ok());
  auto h = (*session)->EndUtterance();
  EXPECT_TRUE(h.ok());
  return h.ok() ? h->text : "";
}

// Words the domain model lacks, given to one session with their generated
// pronunciations (as a voice profile's missing words are), are recognized
// on that session and not on another of the same recognizer. ps_add_word
// gives each the mean unigram probability, so no LM rebuild is needed.
TEST(SessionOptionsTest, ExtraWordsAreRecognizedOnThatSessionOnly) {
  const std::string text =
      "we met the kelvanta team about their vortiq rollout and the kelvanta "
      "budget";
  const std::vector<int16_t> pcm = SpeakOnTheTelephone(text);
  if (pcm.empty()) GTEST_SKIP() << "needs flite and sox";
  auto rec = OpenRecognizer({});  // The live defaults: domain LM.
  if (!rec.ok() && rec.status().code() == StatusCode::kNotFound) {
    GTEST_SKIP() << rec.status().ToString();
  }
  ASSERT_TRUE(rec.ok()) << rec.status().ToString();
  auto missing = internal::MissingScriptWords(
      text, "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  SessionOptions so;
  for (const MissingWord& m : *missing) {
    so.extra_words.push_back({m.word, m.pronunciation});
    std::printf("extra word: %s  %s\n", m.word.c_str(),
                m.pronunciation.c_str());
  }
  ASSERT_EQ(so.extra_words.size(), 2u);
  // What adding the words costs per session (printed, not asserted). The
  // first session takes the decoder loaded at open; later ones load their
  // own, so both timed ones below do.
  ASSERT_TRUE((*rec)->NewSession().ok());
  const SessionOptions* timed[] = {&so, nullptr};
  for (const SessionOptions* o : timed) {
    const auto t0 = std::chrono::steady_clock::now();
    auto s = o ? (*rec)->NewSession(*o) : (*rec)->NewSession();
    const double ms = std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - t0)
                          .count();
    ASSERT_TRUE(s.ok());
    std::printf("NewSession %s: %.1f ms wall\n",
                o ? "with 2 extra words" : "plain", ms);
  }
  const std::string with = DecodeOnce(**rec, so, pcm);
  const std::string without = DecodeOnce(**rec, {}, pcm);
  std::printf("truth:   %s\nwith:    %s\nwithout: %s\n", text.c_str(),
              with.c_str(), without.c_str());
  EXPECT_EQ(without.find("kelvanta"), std::string::npos);
  EXPECT_NE(with.find("kelvanta"), std::string::npos);
  EXPECT_LT(CountWordErrors(text, with).rate(),
            CountWordErrors(text, without).rate());
}

TEST_F(CalibrationTest, TooLittleSpeechIsRefused) {
  const std::vector<int16_t> track = AgentTrack("demo");
  auto p = Calibrate(std::span(track).first(8000 * 10), 8000);
  EXPECT_EQ(p.status().code(), StatusCode::kFailedPrecondition)
      << p.status().ToString();
}

TEST(VoiceProfileTest, JsonRoundTrip) {
  VoiceProfile p;
  p.cmninit = {45.3,   32.38,  -40.26, 41.67,  -19.24, -22.52, 11.46,
               -41.13, -11.04, -12.69, -18.64, 6.11,   -16.74};
  p.words_per_minute = 162.5;
  p.rate_source = RateSource::kScript;
  p.audio_s = 182.2;
  p.speech_s = 101.5;
  p.utterances = 14;
  p.recognized_words = 260;
  p.missing_words = {{"zyqorin", "Z IH K AO R IH N"}};
  auto q = ParseVoiceProfileJson(VoiceProfileJson(p));
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->cmninit, p.cmninit);
  EXPECT_EQ(q->CmninitString(),
            "45.30,32.38,-40.26,41.67,-19.24,-22.52,11.46,-41.13,-11.04,"
            "-12.69,-18.64,6.11,-16.74");
  EXPECT_EQ(q->words_per_minute, p.words_per_minute);
  EXPECT_EQ(q->rate_source, RateSource::kScript);
  EXPECT_EQ(q->audio_s, p.audio_s);
  EXPECT_EQ(q->speech_s, p.speech_s);
  EXPECT_EQ(q->utterances, 14);
  EXPECT_EQ(q->recognized_words, 260);
  ASSERT_EQ(q->missing_words.size(), 1u);
  EXPECT_EQ(q->missing_words[0].word, "zyqorin");
  EXPECT_EQ(q->missing_words[0].pronunciation, "Z IH K AO R IH N");
  EXPECT_EQ(q->MissingWordList(), std::vector<std::string>{"zyqorin"});
}

TEST(VoiceProfileTest, MalformedJsonIsInvalidArgument) {
  const std::string good_cmn = "[1,2,3,4,5,6,7,8,9,10,11,12,13]";
  for (const std::string& bad : {
           std::string("not json"),
           std::string("[]"),
           R"({"version":2,"cmninit":)" + good_cmn +
               R"(,"words_per_minute":150})",
           std::string(R"({"version":1,"cmninit":[1,2],"words_per_minute":1})"),
           R"({"version":1,"cmninit":)" + good_cmn + "}",
           R"({"version":1,"cmninit":)" + good_cmn +
               R"(,"words_per_minute":-3})",
           R"({"version":1,"cmninit":)" + good_cmn +
               R"(,"words_per_minute":150,"rate_source":"guess"})",
           R"({"version":1,"cmninit":)" + good_cmn +
               R"(,"words_per_minute":150,"missing_words":[{"pron":"x"}]})",
       }) {
    EXPECT_EQ(ParseVoiceProfileJson(bad).status().code(),
              StatusCode::kInvalidArgument)
        << bad;
  }
  // Unknown keys are ignored; optional ones may be absent.
  auto ok = ParseVoiceProfileJson(R"({"version":1,"cmninit":)" + good_cmn +
                                  R"(,"words_per_minute":150,"new":true})");
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
}

TEST(VoiceProfileTest, ScriptWordsMissingFromTheDictionary) {
  EXPECT_EQ(internal::ScriptWords("Hi -- it's a follow-up on 20 B2B \"KPIs\"."),
            (std::vector<std::string>{"Hi", "it's", "a", "follow", "up", "on",
                                      "B2B", "KPIs"}));
  // Counted as spoken: a hyphenated word is one, a number one more.
  EXPECT_EQ(internal::CountScriptWords("Hi -- it's a follow-up on 20 seats."),
            7);
  auto missing = internal::MissingScriptWords(
      "Our Zyqorin rollout, Zyqorin's dashboards and the contract.",
      "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  std::vector<std::string> words;
  for (const auto& m : *missing) {
    words.push_back(m.word);
    EXPECT_FALSE(m.pronunciation.empty()) << m.word;
  }
  EXPECT_EQ(words, (std::vector<std::string>{"zyqorin", "zyqorin's"}));
  EXPECT_EQ(
      internal::MissingScriptWords("x", "/nonexistent.dict").status().code(),
      StatusCode::kNotFound);
}

}  // namespace
}  // namespace sc::speech
