// The server in-process on real parts (PocketSphinx, SQLite, Beast): bad
// input gets a clear error and never disturbs the other calls.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "audio/test_signal.h"
#include "audio/ulaw.h"
#include "audio/wav.h"
#include "core/log.h"
#include "server/server.h"
#include "server/ws_client.h"
#include "telephony/twilio/media_stream_writer.h"

namespace sc {
namespace {

using namespace std::chrono_literals;

std::vector<uint8_t> VoicedUlaw(int ms) {
  std::vector<uint8_t> out;
  audio::EncodeUlaw(audio::VoicedSignal(ms, 8000, /*envelope=*/false), out);
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

  Stream Open(
      std::vector<std::pair<std::string, std::string>> custom_parameters = {}) {
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
    p.custom_parameters = std::move(custom_parameters);
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

  // Streams a stereo 8 kHz call (channel 0 the agent, on the inbound track;
  // channel 1 the prospect, outbound) as 20 ms media messages.
  Status SendWav(Stream& s, const audio::PcmAudio& wav) {
    const size_t frames = wav.samples.size() / 2;
    for (size_t off = 0; off < frames; off += 160) {
      const size_t n = std::min<size_t>(160, frames - off);
      for (int ch = 0; ch < 2; ++ch) {
        std::vector<int16_t> pcm(n);
        for (size_t i = 0; i < n; ++i) pcm[i] = wav.samples[(off + i) * 2 + ch];
        std::vector<uint8_t> ulaw;
        audio::EncodeUlaw(pcm, ulaw);
        ++s.seq;
        SC_RETURN_IF_ERROR(s.ws->SendText(twilio::MediaMessage(
            s.stream_sid, s.seq, ch == 0 ? "inbound" : "outbound", s.seq, s.ts,
            ulaw)));
      }
      s.ts += 20;
    }
    return Status::Ok();
  }

  std::string HttpBase() const {
    return "http://127.0.0.1:" + std::to_string(server_->port());
  }
  // POSTs `body` (JSON unless empty) to `path`; status and parsed body.
  std::pair<int, boost::json::object> Post(const std::string& path,
                                           const std::string& body) {
    std::map<std::string, std::string> headers;
    if (!body.empty()) headers["Content-Type"] = "application/json";
    auto r = server::HttpSend("POST", HttpBase() + path, headers, body);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return {0, {}};
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(r->body, ec);
    EXPECT_TRUE(!ec && v.is_object()) << r->body;
    if (ec || !v.is_object()) return {r->status, {}};
    return {r->status, v.get_object()};
  }

  // Reads the live socket until an event of `call_sid` with `type` whose
  // data satisfies `match` arrives; its data, or null when the socket
  // stays silent for a minute (never a timing assertion: recognition is
  // only slow under load).
  static boost::json::object NextLive(
      server::WsClient& live, const std::string& call_sid,
      const std::string& type,
      const std::function<bool(const boost::json::object&)>& match) {
    for (int i = 0; i < 20000; ++i) {
      auto msg = live.Read(60s);
      if (!msg.ok() || !msg->has_value()) break;
      boost::system::error_code ec;
      boost::json::value v = boost::json::parse(**msg, ec);
      if (ec || !v.is_object()) continue;
      const boost::json::object& o = v.get_object();
      if (o.if_contains("call_sid") == nullptr ||
          o.at("call_sid") != boost::json::value(call_sid) ||
          o.at("type") != boost::json::value(type) ||
          !o.at("data").is_object()) {
        continue;
      }
      if (match(o.at("data").get_object())) return o.at("data").get_object();
    }
    ADD_FAILURE() << "no " << type << " event for " << call_sid;
    return {};
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

// The agent's card routes on a call streamed through the real server: an
// objection card arrives live, another approach is asked for and pushed,
// feedback is stored with the card's category and approach, and bad
// requests get clear errors.
TEST_F(ServerIntegrationTest, CardAlternativeAndFeedbackOnALiveCall) {
  namespace json = boost::json;
  const char* dir = std::getenv("SC_TEST_CALLS_DIR");
  if (dir == nullptr) {
    GTEST_SKIP() << "SC_TEST_CALLS_DIR unset: run through ctest, whose "
                    "fixture server_integration_calls synthesizes the call";
  }
  auto wav =
      audio::ReadWav(std::string(dir) + "/server_integration_card_call.wav");
  ASSERT_TRUE(wav.ok()) << wav.status().ToString();
  ASSERT_EQ(wav->channels, 2);
  ASSERT_EQ(wav->sample_rate, 8000);
  ASSERT_TRUE(store_->CreateTenant({"acme", "Acme", 1}).ok());
  ASSERT_TRUE(store_->CreateTenant({"globex", "Globex", 1}).ok());
  for (auto [user, tenant] :
       {std::pair<const char*, const char*>{"alice", "acme"},
        {"gina", "globex"}}) {
    storage::UserRecord u;
    u.user_id = user;
    u.tenant_id = tenant;
    u.identity = std::string(user) + "_1";
    ASSERT_TRUE(store_->CreateUser(u).ok());
  }

  auto live = server::WsClient::Connect(
      "ws://127.0.0.1:" + std::to_string(server_->port()) + "/api/live");
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  Stream s = Open({{"tenant_id", "acme"}, {"user_id", "alice"}});
  ASSERT_TRUE(SendWav(s, *wav).ok());
  const std::string sid = s.call_sid;
  const std::string cards = "/api/calls/" + sid + "/cards/";

  json::object card = NextLive(**live, sid, "guidance.card", [](const auto& d) {
    return d.at("kind") == "objection" && d.at("alternative_of") == "";
  });
  ASSERT_FALSE(card.empty());
  EXPECT_EQ(card.at("category"), "price");
  ASSERT_EQ(card.at("has_alternative"), true);
  const std::string card_id(card.at("card_id").as_string());

  // Another approach: answered and pushed live. No Authorization header:
  // these routes are not authenticated yet (docs/http-api.md).
  auto [alt_status, alt] = Post(cards + card_id + "/alternative", "");
  ASSERT_EQ(alt_status, 201) << json::serialize(alt);
  const std::string alt_id(alt.at("card_id").as_string());
  EXPECT_NE(alt_id, card_id);
  EXPECT_EQ(alt.at("alternative_of"), json::value(card_id));
  EXPECT_EQ(alt.at("category"), "price");
  EXPECT_NE(alt.at("approach"), card.at("approach"));
  json::object pushed = NextLive(
      **live, sid, "guidance.card",
      [&](const auto& d) { return d.at("card_id") == json::value(alt_id); });
  EXPECT_EQ(pushed.at("alternative_of"), json::value(card_id));

  // Feedback on the live call: stored with the card's own category and
  // approach (whatever the client claimed) and emitted live.
  auto [fb_status, fb] = Post(
      cards + alt_id + "/feedback",
      R"({"action":"used","category":"claimed","kind":"claimed","user_id":"alice"})");
  ASSERT_EQ(fb_status, 201) << json::serialize(fb);
  EXPECT_EQ(fb.at("duplicate"), false);
  EXPECT_EQ(fb.at("feedback").as_object().at("category"), "price");
  EXPECT_EQ(fb.at("feedback").as_object().at("kind"), alt.at("approach"));
  json::object emitted = NextLive(
      **live, sid, "guidance.feedback",
      [&](const auto& d) { return d.at("card_id") == json::value(alt_id); });
  EXPECT_EQ(emitted.at("action"), "used");
  EXPECT_EQ(emitted.at("approach"), alt.at("approach"));
  // A retry answers with the first one's data and teaches nothing twice.
  auto [again_status, again] =
      Post(cards + alt_id + "/feedback", R"({"action":"used","kind":"x"})");
  EXPECT_EQ(again_status, 200) << json::serialize(again);
  EXPECT_EQ(again.at("duplicate"), true);
  EXPECT_EQ(again.at("feedback").as_object().at("kind"), alt.at("approach"));
  auto [dis_status, dis] =
      Post(cards + card_id + "/feedback", R"({"action":"dismissed"})");
  EXPECT_EQ(dis_status, 201) << json::serialize(dis);
  EXPECT_EQ(dis.at("feedback").as_object().at("kind"), card.at("approach"));

  // Errors.
  auto code = [](const json::object& o) {
    return std::string(o.at("error").as_object().at("code").as_string());
  };
  const std::string nowhere = "/api/calls/CA00000000000000000000000000000000/";
  auto r = Post(nowhere + "cards/" + card_id + "/alternative", "");
  EXPECT_EQ(r.first, 404);
  r = Post(nowhere + "cards/" + card_id + "/feedback", R"({"action":"used"})");
  EXPECT_EQ(r.first, 404);
  r = Post(cards + "card-999/alternative", "");
  EXPECT_EQ(r.first, 404) << json::serialize(r.second);
  r = Post(cards + "card-999/feedback", R"({"action":"used"})");
  EXPECT_EQ(r.first, 404) << json::serialize(r.second);
  r = Post(cards + card_id + "/feedback", "{broken");
  EXPECT_EQ(r.first, 400);
  EXPECT_EQ(code(r.second), "invalid_argument");
  r = Post(cards + card_id + "/alternative", "{broken");
  EXPECT_EQ(r.first, 400);
  // Another tenant's user may not touch this call's cards.
  r = Post(cards + card_id + "/alternative", R"({"user_id":"gina"})");
  EXPECT_EQ(r.first, 403) << json::serialize(r.second);
  EXPECT_EQ(code(r.second), "permission_denied");
  r = Post(cards + card_id + "/feedback",
           R"({"action":"used","user_id":"gina"})");
  EXPECT_EQ(r.first, 403) << json::serialize(r.second);
  EXPECT_TRUE(LogHas("card.other_tenant"));

  ASSERT_TRUE(
      s.ws->SendText(twilio::StopMessage(s.stream_sid, ++s.seq, "AC1", sid))
          .ok());
  WaitFinished(sid);
  // Stored: exactly the two verdicts, each emitted once.
  auto stored = store_->ListCardFeedbackForCall(sid);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 2u);
  for (const auto& f : *stored) EXPECT_EQ(f.category, "price");
  auto events = store_->ListEvents(sid);
  ASSERT_TRUE(events.ok());
  int feedback_events = 0;
  for (const auto& e : *events)
    feedback_events += e.type == "guidance.feedback";
  EXPECT_EQ(feedback_events, 2);
  // The call is no longer live: no alternatives.
  r = Post(cards + card_id + "/alternative", "");
  EXPECT_EQ(r.first, 404);
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
