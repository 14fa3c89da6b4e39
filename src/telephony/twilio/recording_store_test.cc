#include "telephony/twilio/recording_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "telephony/twilio/recording_fetch.h"

namespace sc::twilio {
namespace {
namespace fs = std::filesystem;

const std::string kCall = "CA0123456789abcdef0123456789abcdef";
const std::string kRec = "RE0123456789abcdef0123456789abcdef";

// A minimal valid WAV: 16-bit PCM, `channels` channels at 8 kHz, `frames`
// frames of a ramp.
std::string MakeWav(int channels, int frames) {
  auto le16 = [](std::string& s, int v) {
    s.push_back(static_cast<char>(v & 255));
    s.push_back(static_cast<char>((v >> 8) & 255));
  };
  auto le32 = [&](std::string& s, uint32_t v) {
    le16(s, static_cast<int>(v & 0xFFFF));
    le16(s, static_cast<int>(v >> 16));
  };
  const uint32_t data = static_cast<uint32_t>(frames * channels * 2);
  std::string w = "RIFF";
  le32(w, 36 + data);
  w += "WAVEfmt ";
  le32(w, 16);
  le16(w, 1);
  le16(w, channels);
  le32(w, 8000);
  le32(w, static_cast<uint32_t>(8000 * channels * 2));
  le16(w, channels * 2);
  le16(w, 16);
  w += "data";
  le32(w, data);
  for (int i = 0; i < frames * channels; ++i) le16(w, i * 7);
  return w;
}

class RecordingStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("sc_recording_store_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    auto store = OpenLocalRecordingStore({root_.string()});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path root_;
  std::unique_ptr<RecordingStore> store_;
};

TEST(Sha256Hex, KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(RecordingStoreTest, PutWritesTheDocumentedLayout) {
  const std::string wav = MakeWav(2, 800);
  auto r = store_->Put({"acme", kCall, kRec}, RecordingMediaType::kWav, wav);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const fs::path expected = root_ / "acme" / kCall / (kRec + ".wav");
  EXPECT_EQ(r->path, expected.string());
  EXPECT_EQ(r->location, "file://" + expected.string());
  EXPECT_EQ(r->size_bytes, wav.size());
  EXPECT_EQ(r->sha256_hex, Sha256Hex(wav));
  EXPECT_EQ(r->outcome, PutOutcome::kCreated);
  std::ifstream in(expected, std::ios::binary);
  std::string back((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(back, wav);
  // No temporary files are left behind.
  int files = 0;
  for (const auto& e : fs::directory_iterator(expected.parent_path())) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1);

  auto none = store_->Put({"", kCall, kRec}, RecordingMediaType::kMp3, "ID3x");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->path, (root_ / "default" / kCall / (kRec + ".mp3")).string());
}

TEST_F(RecordingStoreTest, PutIsIdempotentAndReplacesDamagedFiles) {
  const std::string wav = MakeWav(1, 100);
  const RecordingKey key{"t1", kCall, kRec};
  ASSERT_TRUE(store_->Put(key, RecordingMediaType::kWav, wav).ok());
  auto again = store_->Put(key, RecordingMediaType::kWav, wav);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, PutOutcome::kAlreadyStored);

  const std::string other = MakeWav(1, 101);
  auto replaced = store_->Put(key, RecordingMediaType::kWav, other);
  ASSERT_TRUE(replaced.ok());
  EXPECT_EQ(replaced->outcome, PutOutcome::kReplaced);
  auto read = store_->Read(key, RecordingMediaType::kWav);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, other);
  auto stat = store_->Stat(key, RecordingMediaType::kWav);
  ASSERT_TRUE(stat.ok());
  EXPECT_EQ(stat->sha256_hex, Sha256Hex(other));
}

TEST_F(RecordingStoreTest, RefusesPathTraversalAndMalformedKeys) {
  const std::string wav = MakeWav(1, 10);
  for (const RecordingKey& bad : {
           RecordingKey{"", "../../etc", kRec},
           RecordingKey{"", kCall, "../" + kRec},
           RecordingKey{"", "CA0123456789abcdef0123456789abcde/", kRec},
           RecordingKey{"", kCall, "RE0123456789abcdef0123456789abcdef.."},
           RecordingKey{"..", kCall, kRec},
           RecordingKey{"a/b", kCall, kRec},
           RecordingKey{std::string(65, 'a'), kCall, kRec},
           RecordingKey{"", kRec, kRec},
       }) {
    EXPECT_EQ(store_->Put(bad, RecordingMediaType::kWav, wav).status().code(),
              StatusCode::kInvalidArgument)
        << bad.tenant << "/" << bad.call_sid << "/" << bad.recording_sid;
  }
  EXPECT_TRUE(fs::is_empty(root_));
}

TEST_F(RecordingStoreTest, StatAndReadOfAbsentRecordingAreNotFound) {
  EXPECT_EQ(
      store_->Stat({"", kCall, kRec}, RecordingMediaType::kWav).status().code(),
      StatusCode::kNotFound);
  EXPECT_EQ(
      store_->Read({"", kCall, kRec}, RecordingMediaType::kWav).status().code(),
      StatusCode::kNotFound);
  EXPECT_EQ(store_->Put({"", kCall, kRec}, RecordingMediaType::kWav, "")
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST(OpenLocalRecordingStore, NeedsADirectory) {
  EXPECT_EQ(OpenLocalRecordingStore({""}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenLocalRecordingStore({"/proc/no/such/place"}).status().code(),
            StatusCode::kIoError);
}

TEST(ParseWavHeader, ReadsFormatAndDuration) {
  auto f = ParseWavHeader(MakeWav(2, 8000));
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->channels, 2);
  EXPECT_EQ(f->sample_rate, 8000);
  EXPECT_EQ(f->bits_per_sample, 16);
  EXPECT_DOUBLE_EQ(f->duration_s, 1.0);
  EXPECT_FALSE(ParseWavHeader("<html>not found</html>").ok());
  EXPECT_FALSE(ParseWavHeader(MakeWav(1, 10).substr(0, 30)).ok());
}

TEST(FetchRecording, ServesAStoredRecordingWithoutTheNetwork) {
  const fs::path root = fs::temp_directory_path() /
                        ("sc_fetch_cached_" + std::to_string(::getpid()));
  fs::remove_all(root);
  auto store = OpenLocalRecordingStore({root.string()});
  ASSERT_TRUE(store.ok());
  const std::string wav = MakeWav(2, 16000);
  ASSERT_TRUE(
      (*store)->Put({"", kCall, kRec}, RecordingMediaType::kWav, wav).ok());

  // Nothing listens on port 1: any download attempt would fail.
  RestClientOptions o;
  o.base_url = "http://127.0.0.1:1";
  o.account_sid = "AC" + std::string(32, 'a');
  o.credentials = RestCredentials::AuthToken(o.account_sid, "token");
  o.max_retries = 0;
  auto client = RestClient::Create(o);
  ASSERT_TRUE(client.ok());
  RecordingFacts facts;
  facts.call_sid = kCall;
  facts.recording_sid = kRec;
  auto got = FetchRecording(**client, **store, facts);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->stored.outcome, PutOutcome::kAlreadyStored);
  EXPECT_EQ(got->channels, 2);
  EXPECT_DOUBLE_EQ(got->duration_s, 2.0);

  facts.recording_sid = "RE" + std::string(32, 'b');
  EXPECT_EQ(FetchRecording(**client, **store, facts).status().code(),
            StatusCode::kUnavailable);
  facts.call_sid = "../x";
  EXPECT_EQ(FetchRecording(**client, **store, facts).status().code(),
            StatusCode::kInvalidArgument);
  fs::remove_all(root);
}

}  // namespace
}  // namespace sc::twilio
