// GET /api/calls/{sid}/cards/{id}/speech with the real Flite synthesizer.
#include <gtest/gtest.h>

#include "audio/wav.h"
#include "events/event_json.h"
#include "server/routes.h"
#include "tts/tts.h"

namespace sc::server {
namespace {

uint32_t Le32(const std::string& b, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<size_t>(i)]);
  }
  return v;
}

struct CardSpeechTest : ::testing::Test {
  void SetUp() override {
    auto s = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(s.ok());
    store = std::move(s).value();
    storage::CallRecord rec;
    rec.call_sid = "CA1";
    ASSERT_TRUE(store->CreateCall(rec).ok());
    GuidanceCard card;
    card.card_id = "card-1";
    card.kind = "objection";
    card.category = "price";
    card.title = "Price: ROI";
    card.text = "Reframe on ROI: set the price against the time it saves.";
    ASSERT_TRUE(store
                    ->AppendEvent({"CA1", 1, "guidance.card", 1000, 1,
                                   EventDataJson(CallEvent{card})})
                    .ok());
    auto t = tts::OpenSynthesizer({});
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    synth = std::move(t).value();
    ctx.store = store.get();
    ctx.speak_wav = [this](const std::string& text,
                           int rate) -> StatusOr<std::string> {
      spoken = text;
      SC_ASSIGN_OR_RETURN(tts::Speech s, synth->Speak(text, rate));
      return audio::EncodeWav(s.samples, s.sample_rate);
    };
  }
  HttpResponse Call(const std::string& method, const std::string& path,
                    const std::string& query = "") {
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.query = ParseQuery(query);
    return Route(r, ctx);
  }
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<tts::Synthesizer> synth;
  RouteContext ctx;
  std::string spoken;
};

TEST_F(CardSpeechTest, SpeaksTheCardsHintAsWav) {
  for (int rate : {16000, 8000}) {
    auto r = Call("GET", "/api/calls/CA1/cards/card-1/speech",
                  rate == 8000 ? "rate=8000" : "");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, "audio/wav");
    ASSERT_GT(r.body.size(), 44u);
    EXPECT_EQ(r.body.substr(0, 4), "RIFF");
    EXPECT_EQ(Le32(r.body, 24), static_cast<uint32_t>(rate));
    // About 2-5 s of speech.
    const double seconds = (r.body.size() - 44) / 2.0 / rate;
    EXPECT_GT(seconds, 2.0);
    EXPECT_LT(seconds, 6.0);
  }
  EXPECT_EQ(spoken,
            "Price, ROI. Reframe on ROI, set the price against the time it "
            "saves.");
}

TEST_F(CardSpeechTest, ClearErrors) {
  EXPECT_EQ(Call("GET", "/api/calls/CA1/cards/card-9/speech").status, 404);
  EXPECT_EQ(Call("GET", "/api/calls/CA404/cards/card-1/speech").status, 404);
  EXPECT_EQ(
      Call("GET", "/api/calls/CA1/cards/card-1/speech", "rate=44100").status,
      400);
  EXPECT_EQ(Call("GET", "/api/calls/CA1/cards/bad%20id/speech").status, 400);
  EXPECT_EQ(Call("POST", "/api/calls/CA1/cards/card-1/speech").status, 405);
  ctx.speak_wav = nullptr;
  auto off = Call("GET", "/api/calls/CA1/cards/card-1/speech");
  EXPECT_EQ(off.status, 503);
  EXPECT_NE(off.body.find("text to speech"), std::string::npos);
}

}  // namespace
}  // namespace sc::server
