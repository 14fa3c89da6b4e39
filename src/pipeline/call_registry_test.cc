// CallRegistry and the agent's requests on a live call
// (CallProcessor::RequestAlternative / GiveFeedback), with a scripted
// recognizer that hears a price objection in every utterance.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>

#include "audio/test_signal.h"
#include "events/event_json.h"
#include "pipeline/pipeline.h"
#include "pipeline/test_call_audio.h"

namespace sc::pipeline {
namespace {

using namespace std::chrono_literals;

constexpr char kObjection[] = "honestly that is way too expensive for us";

class ObjectingSession : public speech::RecognizerSession {
 public:
  Status StartUtterance(double at_s) override {
    at_s_ = at_s;
    return Status::Ok();
  }
  Status Feed(std::span<const int16_t>) override { return Status::Ok(); }
  StatusOr<std::optional<speech::Hypothesis>> Partial() override {
    return std::optional<speech::Hypothesis>();
  }
  StatusOr<speech::Hypothesis> EndUtterance() override {
    speech::Hypothesis h;
    h.text = kObjection;
    h.confidence = 0.9;
    double t = at_s_;
    for (std::string_view w :
         {"honestly", "that", "is", "way", "too", "expensive", "for", "us"}) {
      h.words.push_back({std::string(w), t, t + 0.2, 0.9});
      t += 0.2;
    }
    return h;
  }

 private:
  double at_s_ = 0;
};

class ObjectingRecognizer : public speech::Recognizer {
 public:
  int sample_rate() const override { return 16000; }
  speech::EngineCapabilities capabilities() const override {
    return {true, true, true, false};
  }
  StatusOr<std::unique_ptr<speech::RecognizerSession>> NewSession() override {
    return std::unique_ptr<speech::RecognizerSession>(new ObjectingSession());
  }
};

class CollectingSink : public EventSink {
 public:
  void OnEvent(const EventEnvelope& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back(e);
  }
  std::vector<EventEnvelope> Events() {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }
  // The guidance cards seen so far; waits (without a deadline that a slow
  // machine could miss: up to a minute) until there is at least one.
  std::vector<GuidanceCard> WaitCards() {
    for (int i = 0; i < 1200; ++i) {
      std::vector<GuidanceCard> cards;
      for (const EventEnvelope& e : Events()) {
        if (auto* c = std::get_if<GuidanceCard>(&e.event)) cards.push_back(*c);
      }
      if (!cards.empty()) return cards;
      std::this_thread::sleep_for(50ms);
    }
    return {};
  }

 private:
  std::mutex mu_;
  std::vector<EventEnvelope> events_;  // GUARDED_BY(mu_)
};

std::vector<int16_t> Voiced(int ms) { return audio::VoicedSignal(ms); }

struct Harness {
  Harness() {
    ctx.recognizer = std::make_shared<ObjectingRecognizer>();
    ctx.pool = &pool;
    ctx.sinks = {&sink};
    ctx.registry = &registry;
  }
  // The prospect objects (voice, then enough silence to end the utterance).
  void Object(CallProcessor& call) {
    std::vector<int16_t> pcm = Voiced(1500);
    pcm.resize(pcm.size() + 8 * 1500, 0);
    PushPcm(call, Speaker::kProspect, pcm);
  }
  WorkerPool pool{2};
  CollectingSink sink;
  CallRegistry registry;
  PipelineContext ctx;
};

CallStarted Call(const std::string& sid) { return FileCall(sid); }

TEST(CallRegistryTest, FindsOnlyLiveProcessors) {
  Harness h;
  EXPECT_EQ(h.registry.Find("CA1"), nullptr);
  auto call = CallProcessor::Start(Call("CA1"), {}, h.ctx);
  ASSERT_TRUE(call.ok()) << call.status().ToString();
  EXPECT_EQ(h.registry.Find("CA1"), *call);
  EXPECT_EQ(h.registry.Find("CA2"), nullptr);
  (*call)->End(EndReason::kStop, MediaStats{});
  (*call)->WaitFinalized();
  // Finalized calls leave the registry even while someone holds them.
  EXPECT_EQ(h.registry.Find("CA1"), nullptr);

  // A processor nobody holds any more is not found either.
  CallRegistry r;
  r.Add("CA3", std::weak_ptr<CallProcessor>());
  EXPECT_EQ(r.Find("CA3"), nullptr);
  r.Add("CA3", *call);
  EXPECT_EQ(r.Find("CA3"), *call);
  r.Remove("CA3");
  EXPECT_EQ(r.Find("CA3"), nullptr);
  r.Remove("CA-never");  // Harmless.
}

TEST(CallRegistryTest, AlternativeAndFeedbackOnALiveCall) {
  Harness h;
  auto started = CallProcessor::Start(Call("CA1"), {}, h.ctx);
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  h.Object(**started);
  std::vector<GuidanceCard> cards = h.sink.WaitCards();
  ASSERT_FALSE(cards.empty()) << "no guidance card";
  const GuidanceCard card = cards.front();
  EXPECT_EQ(card.kind, "objection");
  EXPECT_EQ(card.category, "price");
  ASSERT_TRUE(card.has_alternative);

  // Found by sid, as the HTTP routes do.
  std::shared_ptr<CallProcessor> call = h.registry.Find("CA1");
  ASSERT_EQ(call, *started);
  auto alt = call->RequestAlternative(card.card_id);
  ASSERT_TRUE(alt.ok()) << alt.status().ToString();
  EXPECT_NE(alt->card_id, card.card_id);
  EXPECT_EQ(alt->alternative_of, card.card_id);
  EXPECT_EQ(alt->category, "price");
  EXPECT_NE(alt->approach, card.approach);
  EXPECT_EQ(call->RequestAlternative("card-999").status().code(),
            StatusCode::kNotFound);

  auto fb = call->GiveFeedback(alt->card_id, guidance::FeedbackAction::kUsed);
  ASSERT_TRUE(fb.ok()) << fb.status().ToString();
  EXPECT_EQ(fb->card_id, alt->card_id);
  EXPECT_EQ(fb->action, "used");
  EXPECT_EQ(fb->category, "price");
  EXPECT_EQ(fb->approach, alt->approach);
  EXPECT_EQ(call->GiveFeedback("card-999", guidance::FeedbackAction::kDismissed)
                .status()
                .code(),
            StatusCode::kNotFound);

  // Both went out as events, after the card they answer.
  bool saw_alt = false, saw_fb = false;
  for (const EventEnvelope& e : h.sink.Events()) {
    if (auto* c = std::get_if<GuidanceCard>(&e.event);
        c != nullptr && c->card_id == alt->card_id) {
      saw_alt = true;
      EXPECT_NE(EventDataJson(*c).find("\"alternative_of\":\"" + card.card_id),
                std::string::npos);
    }
    if (auto* f = std::get_if<CardFeedback>(&e.event)) {
      saw_fb = f->card_id == alt->card_id && saw_alt;
    }
  }
  EXPECT_TRUE(saw_alt);
  EXPECT_TRUE(saw_fb);

  // After the call: not findable, and the processor refuses.
  call->End(EndReason::kStop, MediaStats{});
  call->WaitFinalized();
  EXPECT_EQ(h.registry.Find("CA1"), nullptr);
  EXPECT_EQ(call->RequestAlternative(card.card_id).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(call->GiveFeedback(card.card_id, guidance::FeedbackAction::kUsed)
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace sc::pipeline
