// Feeds random mutations of valid messages to sessions: nothing may crash,
// leak or trip a sanitizer, and the "errors append nothing, are counted"
// contract must hold for every message. Deterministic (fixed seed), fast.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/log.h"
#include "telephony/twilio/media_stream.h"
#include "telephony/twilio/media_stream_writer.h"

namespace sc::twilio {
namespace {

constexpr std::string_view kSid = "MZ0123456789abcdef0123456789abcdef";

std::vector<std::string> Corpus() {
  StartParams p;
  p.account_sid = "AC0123456789abcdef0123456789abcdef";
  p.stream_sid = std::string(kSid);
  p.call_sid = "CA0123456789abcdef0123456789abcdef";
  p.tracks = {"inbound", "outbound"};
  p.custom_parameters = {{"direction", "inbound"}, {"agent_track", "outbound"}};
  std::vector<std::string> corpus = {ConnectedMessage(), StartMessage(p)};
  for (size_t n : {0, 1, 2, 159, 160, 161}) {
    std::vector<uint8_t> audio(n);
    for (size_t i = 0; i < n; ++i) audio[i] = static_cast<uint8_t>(i * 37);
    corpus.push_back(MediaMessage(kSid, 10 + n, "inbound", 3, 60, audio));
    corpus.push_back(MediaMessage(kSid, 11 + n, "outbound", 4, 80, audio));
  }
  corpus.push_back(DtmfMessage(kSid, 5, "#"));
  corpus.push_back(MarkMessage(kSid, 6, "label"));
  corpus.push_back(StopMessage(kSid, 7, p.account_sid, p.call_sid));
  return corpus;
}

std::string Mutate(std::string s, std::mt19937& rng) {
  static constexpr std::string_view kInteresting =
      "{}[]\":,\\=+/0123456789-.eE \n\x00\x7f\xc3\xff"
      "tfn";
  auto pick = [&](size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  };
  const int steps = 1 + static_cast<int>(pick(4));
  for (int i = 0; i < steps; ++i) {
    const size_t pos = pick(s.size() + 1);
    switch (pick(7)) {
      case 0:  // Flip a bit.
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1 << pick(8));
        break;
      case 1:  // Insert an interesting character.
        s.insert(pos, 1, kInteresting[pick(kInteresting.size())]);
        break;
      case 2:  // Delete a range.
        if (pos < s.size()) s.erase(pos, 1 + pick(16));
        break;
      case 3:  // Truncate.
        s.resize(pos);
        break;
      case 4:  // Duplicate a slice.
        if (pos < s.size())
          s.insert(pick(s.size()), s.substr(pos, 1 + pick(32)));
        break;
      case 5:  // Replace with an interesting character.
        if (pos < s.size()) s[pos] = kInteresting[pick(kInteresting.size())];
        break;
      default:  // Random byte.
        if (pos < s.size()) s[pos] = static_cast<char>(pick(256));
        break;
    }
  }
  return s;
}

TEST(MediaStreamFuzzTest, RandomMutationsNeverCrash) {
  const std::vector<std::string> corpus = Corpus();
  std::mt19937 rng(20240607);
  SetLogSink([](std::string_view) {});  // Mutated starts log warnings.
  std::vector<Ingress> events;
  int accepted = 0;
  int rejected = 0;
  for (int round = 0; round < 100; ++round) {
    MediaStreamSession session(MediaStreamOptions{.max_message_bytes = 4096});
    // Most rounds start properly so that the media path is exercised deeply.
    if (round % 4 != 0) {
      ASSERT_TRUE(session.OnMessage(corpus[1], events).ok());
    }
    int64_t bad = session.stats().bad_frames;
    for (int i = 0; i < 100; ++i) {
      const std::string& seed = corpus[std::uniform_int_distribution<size_t>(
          0, corpus.size() - 1)(rng)];
      // A quarter of the messages go through intact (except stop, which
      // would end the session), so that mutations hit a live call.
      const bool intact = rng() % 4 == 0 && seed.find("\"stop\"") == seed.npos;
      const std::string text = intact ? seed : Mutate(seed, rng);
      const size_t before = events.size();
      Status s = session.OnMessage(text, events);
      if (s.ok()) {
        ++accepted;
        ASSERT_LE(events.size(), before + 1);
      } else {
        ++rejected;
        ++bad;
        ASSERT_EQ(events.size(), before) << s.ToString();
        ASSERT_FALSE(s.message().empty());
      }
      ASSERT_EQ(session.stats().bad_frames, bad);
      if (events.size() > 1000) events.clear();
    }
    session.OnDisconnect(events);
    session.OnDisconnect(events);
  }
  SetLogSink(nullptr);
  EXPECT_EQ(accepted + rejected, 10000);
  // Both paths must have been exercised for the test to mean anything.
  EXPECT_GT(accepted, 500);
  EXPECT_GT(rejected, 500);
}

}  // namespace
}  // namespace sc::twilio
