// The server in-process on real parts (PocketSphinx, SQLite, Beast): bad
// input gets a clear error and never disturbs the other calls.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include "audio/ulaw.h"
#include "core/log.h"
#include "server/server.h"
#include "server/ws_client.h"
#include "telephony/twilio/media_stream_writer.h"

namespace sc {
namespace {

using namespace std::chrono_literals;

std::vector<uint8_t> VoicedUlaw(int ms) {
  std::vector<int16_t> pcm(static_cast<size_t>(ms) * 8);
  for (size_t i = 0; i < pcm.size(); ++i) {
    double t = static_cast<double>(i) / 8000.0;
    double v = 0;
    for (int h = 1; h <= 12; ++h) v += std::sin(2 * M_PI * 130 * h * t) / h;
    pcm[i] = static_cast<int16_t>(5000 * v);
  }
  std::vector<uint8_t> out;
  audio::EncodeUlaw(pcm, out);
  return out;
}

class ServerIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = speech::OpenRecognizer({});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    recognizer_ = new std::shared_ptr<speech::Recognizer>(std::move(r).value());
  }
  static void TearDownTestSuite() { delete recognizer_; }

  void SetUp() override {
    SetLogSink([this](std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mu_);
      log_ += line;
    });
    auto store = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    server::ServerOptions o;
    o.port = 0;
    o.max_bad_media_messages = 8;
    // These tests speak the media protocol, not Twilio's signatures (those
    // are covered by twilio_routes_test and twilio_call_integration).
    o.twilio.signature_check = server::SignatureCheck::kDisabledForDevelopment;
    auto srv = server::Server::Start(o, {store_.get(), *recognizer_, &pool_});
    ASSERT_TRUE(srv.ok()) << srv.status().ToString();
    server_ = std::move(srv).value();
    url_ = "ws://127.0.0.1:" + std::to_string(server_->port()) +
           "/api/twilio-calls/media-stream";
  }
  void TearDown() override {
    server_->Stop();
    SetLogSink(nullptr);
  }

  struct Stream {
    std::unique_ptr<server::WsClient> ws;
    std::string call_sid, stream_sid;
    int64_t seq = 1;
    int64_t ts = 0;
  };

  Stream Open() {
    Stream s;
    auto ws = server::WsClient::Connect(url_);
    EXPECT_TRUE(ws.ok()) << ws.status().ToString();
    s.ws = std::move(ws).value();
    s.call_sid = twilio::NewCallSid(rng_);
    s.stream_sid = twilio::NewStreamSid(rng_);
    twilio::StartParams p;
    p.call_sid = s.call_sid;
    p.stream_sid = s.stream_sid;
    p.account_sid = twilio::NewAccountSid(rng_);
    p.tracks = {"inbound", "outbound"};
    EXPECT_TRUE(s.ws->SendText(twilio::ConnectedMessage()).ok());
    EXPECT_TRUE(s.ws->SendText(twilio::StartMessage(p)).ok());
    return s;
  }

  Status SendAudio(Stream& s, int ms) {
    std::vector<uint8_t> audio = VoicedUlaw(ms);
    for (size_t off = 0; off < audio.size(); off += 160) {
      std::span<const uint8_t> frame(audio.data() + off,
                                     std::min<size_t>(160, audio.size() - off));
      for (const char* track : {"inbound", "outbound"}) {
        ++s.seq;
        SC_RETURN_IF_ERROR(s.ws->SendText(twilio::MediaMessage(
            s.stream_sid, s.seq, track, s.seq, s.ts, frame)));
      }
      s.ts += 20;
    }
    return Status::Ok();
  }

  // Waits until the call is no longer active; returns its record.
  storage::CallRecord WaitFinished(const std::string& sid) {
    for (int i = 0; i < 600; ++i) {
      auto rec = store_->GetCall(sid);
      if (rec.ok() && rec->state != storage::CallState::kActive &&
          !rec->analysis_json.empty()) {
        return *rec;
      }
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "call " << sid << " was not finalized";
    return {};
  }

  bool LogHas(const std::string& needle) {
    std::lock_guard<std::mutex> lock(log_mu_);
    return log_.find(needle) != std::string::npos;
  }

  static std::shared_ptr<speech::Recognizer>* recognizer_;
  pipeline::WorkerPool pool_{2};
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<server::Server> server_;
  std::string url_;
  std::mt19937_64 rng_{42};
  std::mutex log_mu_;
  std::string log_;
};

std::shared_ptr<speech::Recognizer>* ServerIntegrationTest::recognizer_ =
    nullptr;

TEST_F(ServerIntegrationTest, BadMessagesAreRejectedAndTheCallGoesOn) {
  Stream s = Open();
  ASSERT_TRUE(SendAudio(s, 500).ok());
  const std::vector<std::string> bad = {
      "{not json",
      "[1,2,3]",
      R"({"event":"media","sequenceNumber":"90","streamSid":")" + s.stream_sid +
          R"(","media":{"track":"inbound","chunk":"1","timestamp":"600","payload":"@@@"}})",
      R"({"event":"party","sequenceNumber":"91","streamSid":")" + s.stream_sid +
          R"("})",
      R"({"event":"media","sequenceNumber":"92","streamSid":"MZ00000000000000000000000000000000",)"
      R"("media":{"track":"inbound","chunk":"1","timestamp":"600","payload":"//8="}})",
  };
  for (const std::string& m : bad) ASSERT_TRUE(s.ws->SendText(m).ok());
  ASSERT_TRUE(s.ws->SendBinary("\x01\x02").ok());
  s.seq += 10;
  ASSERT_TRUE(SendAudio(s, 1500).ok());  // Still accepted after the errors.
  ASSERT_TRUE(s.ws->SendText(twilio::StopMessage(s.stream_sid, ++s.seq, "AC1",
                                                 s.call_sid))
                  .ok());
  storage::CallRecord rec = WaitFinished(s.call_sid);
  EXPECT_EQ(rec.state, storage::CallState::kCompleted);
  EXPECT_EQ(rec.end_reason, "stop");
  EXPECT_NE(rec.stats_json.find("\"bad_frames\":6"), std::string::npos)
      << rec.stats_json;
  EXPECT_TRUE(LogHas("media.message_rejected"));
  EXPECT_TRUE(LogHas("unknown event"));
  auto events = store_->ListEvents(s.call_sid);
  ASSERT_TRUE(events.ok());
  bool media_alert = false;
  for (const auto& e : *events)
    media_alert |= e.payload_json.find("media_error") != std::string::npos;
  EXPECT_TRUE(media_alert);
}

TEST_F(ServerIntegrationTest, MediaForAStreamThatNeverStartedIsRejected) {
  auto ws = server::WsClient::Connect(url_);
  ASSERT_TRUE(ws.ok());
  const std::vector<uint8_t> frame(160, 0xFF);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE((*ws)
                    ->SendText(twilio::MediaMessage(
                        "MZ11111111111111111111111111111111", i + 2, "inbound",
                        i + 1, i * 20, frame))
                    .ok());
  }
  // Still open (under the policy limit) and no call was created.
  ASSERT_TRUE((*ws)->SendText(twilio::ConnectedMessage()).ok());
  auto nothing = (*ws)->Read(300ms);
  ASSERT_TRUE(nothing.ok()) << nothing.status().ToString();
  EXPECT_FALSE(nothing->has_value());
  EXPECT_TRUE(LogHas("media.message_rejected"));
  auto calls = store_->ListCalls({});
  ASSERT_TRUE(calls.ok());
  EXPECT_TRUE(calls->empty());
}

TEST_F(ServerIntegrationTest, HugeFrameClosesOnlyThatStream) {
  Stream good = Open();
  Stream bad = Open();
  ASSERT_TRUE(SendAudio(good, 400).ok());
  ASSERT_TRUE(SendAudio(bad, 400).ok());
  std::string huge = R"({"event":"media","media":{"payload":")" +
                     std::string(10 << 20, 'A') + "\"}}";
  (void)bad.ws->SendText(huge);
  // The server refuses the frame and closes (1009); the client's write may
  // fail first, so only "the connection ended" is observable here.
  auto closed = bad.ws->Read(10s);
  EXPECT_FALSE(closed.ok());
  storage::CallRecord bad_rec = WaitFinished(bad.call_sid);
  EXPECT_EQ(bad_rec.end_reason, "disconnect");
  EXPECT_TRUE(LogHas("media.message_too_big"));

  // The other call never noticed.
  ASSERT_TRUE(SendAudio(good, 1000).ok());
  ASSERT_TRUE(good.ws
                  ->SendText(twilio::StopMessage(good.stream_sid, ++good.seq,
                                                 "AC1", good.call_sid))
                  .ok());
  EXPECT_EQ(WaitFinished(good.call_sid).end_reason, "stop");
}

TEST_F(ServerIntegrationTest, GarbageStreamIsClosedByPolicy) {
  auto ws = server::WsClient::Connect(url_);
  ASSERT_TRUE(ws.ok());
  for (int i = 0; i < 12; ++i) (void)(*ws)->SendText("garbage");
  auto closed = (*ws)->Read(10s);
  ASSERT_FALSE(closed.ok());
  EXPECT_NE(closed.status().message().find("1008"), std::string::npos)
      << closed.status().ToString();
  EXPECT_TRUE(LogHas("media.stream_closed_policy"));
}

TEST_F(ServerIntegrationTest, PlainHttpToTheSocketPathGetsAClearAnswer) {
  auto r =
      server::HttpGet("http://127.0.0.1:" + std::to_string(server_->port()) +
                      "/api/twilio-calls/media-stream");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 426);
  EXPECT_NE(r->body.find("upgrade_required"), std::string::npos);
  auto health = server::HttpGet(
      "http://127.0.0.1:" + std::to_string(server_->port()) + "/healthz");
  ASSERT_TRUE(health.ok());
  EXPECT_EQ(health->status, 200);
}

TEST_F(ServerIntegrationTest,
       AbruptDisconnectFinalizesAndLiveSocketSeesEverything) {
  auto live = server::WsClient::Connect(
      "ws://127.0.0.1:" + std::to_string(server_->port()) + "/api/live");
  ASSERT_TRUE(live.ok());
  Stream s = Open();
  ASSERT_TRUE(SendAudio(s, 2000).ok());
  s.ws->Abort();
  storage::CallRecord rec = WaitFinished(s.call_sid);
  EXPECT_EQ(rec.end_reason, "disconnect");
  // The all-calls subscriber got the same events, in order, ending with the
  // analysis.
  int64_t expect = 1;
  std::string last_type;
  for (int i = 0; i < 500 && last_type != "analysis.ready"; ++i) {
    auto msg = (*live)->Read(5s);
    ASSERT_TRUE(msg.ok() && msg->has_value());
    if ((*msg)->find(s.call_sid) == std::string::npos) continue;
    EXPECT_NE((*msg)->find("\"seq\":" + std::to_string(expect) + ","),
              std::string::npos)
        << **msg;
    ++expect;
    size_t t = (*msg)->find("\"type\":\"");
    last_type = (*msg)->substr(t + 8, (*msg)->find('"', t + 8) - t - 8);
  }
  EXPECT_EQ(last_type, "analysis.ready");
  EXPECT_EQ(expect - 1, rec.last_seq);
}

TEST_F(ServerIntegrationTest, StopFinalizesStreamingCallsWithTheirStatistics) {
  Stream s = Open();
  ASSERT_TRUE(SendAudio(s, 1000).ok());
  std::this_thread::sleep_for(300ms);  // Let the server read what was sent.
  server_->Stop();
  auto rec = store_->GetCall(s.call_sid);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->state, storage::CallState::kCompleted);
  EXPECT_EQ(rec->end_reason, "disconnect");
  EXPECT_EQ(rec->stats_json.find("\"frames\":0"), std::string::npos)
      << rec->stats_json;
  EXPECT_FALSE(rec->analysis_json.empty());
}

}  // namespace
}  // namespace sc
