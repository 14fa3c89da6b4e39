#include "audio/wav.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "audio/ulaw.h"

namespace sc::audio {
namespace {

namespace fs = std::filesystem;

class WavTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sc_wav_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) { return (dir_ / name).string(); }
  fs::path dir_;
};

// Writes a minimal WAV with the given format code (3 = float, 7 = u-law).
void WriteRawWav(const std::string& path, uint16_t format, uint16_t bits,
                 int rate, const std::string& data) {
  auto le32 = [](uint32_t v) {
    return std::string{static_cast<char>(v), static_cast<char>(v >> 8),
                       static_cast<char>(v >> 16), static_cast<char>(v >> 24)};
  };
  auto le16 = [](uint16_t v) {
    return std::string{static_cast<char>(v), static_cast<char>(v >> 8)};
  };
  const uint16_t block = bits / 8;
  std::string fmt = le16(format) + le16(1) + le32(rate) + le32(rate * block) +
                    le16(block) + le16(bits);
  if (format != 1) fmt += le16(0);  // cbSize for non-PCM formats.
  std::string fact =
      format != 1
          ? "fact" + le32(4) + le32(static_cast<uint32_t>(data.size() / block))
          : "";
  std::string body = "WAVE" + ("fmt " + le32(fmt.size()) + fmt) + fact +
                     "data" + le32(data.size()) + data;
  std::ofstream(path, std::ios::binary) << "RIFF" + le32(body.size()) + body;
}

TEST_F(WavTest, EncodeWavInMemoryReadsBackExactly) {
  std::vector<int16_t> pcm;
  for (int i = 0; i < 801; ++i)
    pcm.push_back(static_cast<int16_t>(i * 41 - 16000));
  const std::string bytes = EncodeWav(pcm, 16000);
  ASSERT_EQ(bytes.size(), 44u + pcm.size() * 2);
  EXPECT_EQ(bytes.substr(0, 4), "RIFF");
  EXPECT_EQ(bytes.substr(8, 8), "WAVEfmt ");
  std::ofstream(Path("m.wav"), std::ios::binary) << bytes;
  auto back = ReadWav(Path("m.wav"));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->sample_rate, 16000);
  EXPECT_EQ(back->channels, 1);
  EXPECT_EQ(back->samples, pcm);
}

TEST_F(WavTest, RoundTripStereo) {
  PcmAudio a;
  a.sample_rate = 8000;
  a.channels = 2;
  for (int i = 0; i < 1000; ++i) {
    a.samples.push_back(static_cast<int16_t>(i * 30 - 15000));
    a.samples.push_back(static_cast<int16_t>(-i));
  }
  ASSERT_TRUE(WriteWav(Path("s.wav"), a).ok());
  auto b = ReadWav(Path("s.wav"));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->sample_rate, 8000);
  EXPECT_EQ(b->channels, 2);
  EXPECT_EQ(b->samples, a.samples);
  EXPECT_EQ(b->frames(), 1000);
  EXPECT_DOUBLE_EQ(b->duration_s(), 0.125);
  auto right = ExtractChannel(*b, 1);
  ASSERT_EQ(right.size(), 1000u);
  EXPECT_EQ(right[999], -999);
  EXPECT_TRUE(ExtractChannel(*b, 2).empty());
  EXPECT_TRUE(ExtractChannel(*b, -1).empty());
}

TEST_F(WavTest, ReadsUlawAndFloat) {
  std::vector<uint8_t> ulaw;
  const std::vector<int16_t> pcm = {0, 1000, -1000, 8000, -8000};
  EncodeUlaw(pcm, ulaw);
  WriteRawWav(Path("u.wav"), 7, 8, 8000, std::string(ulaw.begin(), ulaw.end()));
  auto u = ReadWav(Path("u.wav"));
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  ASSERT_EQ(u->samples.size(), pcm.size());
  for (size_t i = 0; i < pcm.size(); ++i) {
    EXPECT_EQ(u->samples[i], UlawToLinear(ulaw[i]));
  }

  const float f[] = {0.0f, 0.5f, -0.5f, 2.0f};  // 2.0 must clip.
  WriteRawWav(Path("f.wav"), 3, 32, 16000,
              std::string(reinterpret_cast<const char*>(f), sizeof f));
  auto fl = ReadWav(Path("f.wav"));
  ASSERT_TRUE(fl.ok()) << fl.status().ToString();
  EXPECT_EQ(fl->sample_rate, 16000);
  ASSERT_EQ(fl->samples.size(), 4u);
  EXPECT_EQ(fl->samples[0], 0);
  EXPECT_NEAR(fl->samples[1], 16384, 2);
  EXPECT_NEAR(fl->samples[2], -16384, 2);
  EXPECT_EQ(fl->samples[3], 32767);
}

TEST_F(WavTest, ErrorPaths) {
  auto missing = ReadWav(Path("nope.wav"));
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("nope.wav"), std::string::npos);

  std::ofstream(Path("junk.wav")) << "this is not audio at all, not even close";
  auto junk = ReadWav(Path("junk.wav"));
  EXPECT_EQ(junk.status().code(), StatusCode::kInvalidArgument)
      << junk.status().ToString();

  PcmAudio bad;
  EXPECT_EQ(WriteWav(Path("x.wav"), bad).code(), StatusCode::kInvalidArgument);
  bad.sample_rate = 8000;
  bad.channels = 2;
  bad.samples = {1, 2, 3};
  EXPECT_EQ(WriteWav(Path("x.wav"), bad).code(), StatusCode::kInvalidArgument);
  PcmAudio ok{8000, 1, {1, 2}};
  EXPECT_EQ(WriteWav(Path("no/such/dir/x.wav"), ok).code(),
            StatusCode::kIoError);
}

}  // namespace
}  // namespace sc::audio
