#include "server/routes.h"

#include <gtest/gtest.h>

namespace sc::server {
namespace {

struct RoutesTest : ::testing::Test {
  void SetUp() override {
    auto s = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(s.ok());
    store = std::move(s).value();
    storage::CallRecord rec;
    rec.call_sid = "CA1";
    rec.started_unix_ms = 5;
    ASSERT_TRUE(store->CreateCall(rec).ok());
    ASSERT_TRUE(store
                    ->AppendEvent({"CA1", 1, "alert", 0, 1,
                                   "{\"kind\":\"k\",\"message\":\"m\"}"})
                    .ok());
    ctx.store = store.get();
    ctx.active_calls = [] { return 3; };
  }
  HttpResponse Get(const std::string& path, const std::string& query = "") {
    HttpRequest r;
    r.method = "GET";
    r.path = path;
    r.query = ParseQuery(query);
    return Route(r, ctx);
  }
  std::unique_ptr<storage::Store> store;
  RouteContext ctx;
};

TEST_F(RoutesTest, HealthAndPage) {
  EXPECT_NE(Get("/healthz").body.find("\"active_calls\":3"), std::string::npos);
  auto page = Get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.content_type.find("text/html"), std::string::npos);
}

TEST_F(RoutesTest, CallsListShowAndEvents) {
  auto list = Get("/api/calls");
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("\"call_sid\":\"CA1\""), std::string::npos);
  auto show = Get("/api/calls/CA1");
  EXPECT_EQ(show.status, 200);
  EXPECT_NE(show.body.find("\"state\":\"active\""), std::string::npos);
  auto events = Get("/api/calls/CA1/events");
  EXPECT_NE(events.body.find("\"data\":{\"kind\":\"k\""), std::string::npos);
  EXPECT_EQ(Get("/api/calls/CA1/events", "after_seq=1").body,
            "{\"events\":[]}");
}

TEST_F(RoutesTest, ClearErrors) {
  auto missing = Get("/api/calls/CA404");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("\"code\":\"not_found\""), std::string::npos)
      << missing.body;
  EXPECT_EQ(Get("/nope").status, 404);
  EXPECT_EQ(Get("/api/calls", "state=weird").status, 400);
  auto plain = Get("/api/twilio-calls/media-stream");
  EXPECT_EQ(plain.status, 426);
  EXPECT_NE(plain.body.find("WebSocket"), std::string::npos);
  HttpRequest post;
  post.method = "POST";
  post.path = "/api/calls";
  EXPECT_EQ(Route(post, ctx).status, 405);
}

TEST_F(RoutesTest, CardFeedbackIsStoredOnceAndListed) {
  ManualClock clock(1'700'000'123'000);
  ctx.clock = &clock;
  auto post = [&](const std::string& path, const std::string& body,
                  const std::string& type = "application/json") {
    HttpRequest r;
    r.method = "POST";
    r.path = path;
    r.target = path;
    r.headers["content-type"] = type;
    r.body = body;
    return Route(r, ctx);
  };
  const std::string path = "/api/calls/CA1/cards/card-3/feedback";
  auto created =
      post(path, R"({"action":"used","category":"price",)"
                 R"("kind":"objection","at_ms":4200,"user_id":"u1"})");
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_NE(created.body.find("\"duplicate\":false"), std::string::npos);
  auto again = post(path, R"({"action":"used"})");
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_NE(again.body.find("\"duplicate\":true"), std::string::npos);
  EXPECT_EQ(post(path, R"({"action":"dismissed"})").status, 201);

  EXPECT_EQ(post(path, R"({"action":"liked"})").status, 400);
  EXPECT_EQ(post(path, R"({"at_ms":1})").status, 400);
  EXPECT_EQ(post(path, R"([1])").status, 400);
  EXPECT_EQ(post(path, "{broken").status, 400);
  EXPECT_EQ(post(path, R"({"action":"used","at_ms":-1})").status, 400);
  EXPECT_EQ(post(path, R"({"action":"used","kind":7})").status, 400);
  EXPECT_EQ(post(path, R"({"action":"used"})", "text/plain").status, 415);
  EXPECT_EQ(
      post("/api/calls/CA1/cards/bad%20id/feedback", R"({"action":"used"})")
          .status,
      400);
  EXPECT_EQ(
      post("/api/calls/CA404/cards/card-3/feedback", R"({"action":"used"})")
          .status,
      404);
  EXPECT_EQ(Get(path).status, 405);

  auto list = Get("/api/calls/CA1/feedback");
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find(R"("card_id":"card-3","category":"price",)"
                           R"("kind":"objection","action":"used",)"
                           R"("at_ms":4200,"wall_ms":1700000123000,)"
                           R"("user_id":"u1")"),
            std::string::npos)
      << list.body;
  EXPECT_NE(list.body.find(R"("action":"dismissed")"), std::string::npos);
  EXPECT_EQ(Get("/api/calls/CA404/feedback").status, 404);
}

// The card routes refuse a user of another tenant than the call's, and
// reach the live call only through the context's functions.
TEST_F(RoutesTest, CardRoutesKeepToTheCallsTenant) {
  ASSERT_TRUE(store->CreateTenant({"globex", "Globex", 1}).ok());
  storage::UserRecord gina;
  gina.user_id = "gina";
  gina.tenant_id = "globex";
  gina.identity = "gina_1";
  ASSERT_TRUE(store->CreateUser(gina).ok());
  auto post = [&](const std::string& path, const std::string& body) {
    HttpRequest r;
    r.method = "POST";
    r.path = path;
    r.headers["content-type"] = "application/json";
    r.body = body;
    return Route(r, ctx);
  };
  int live_calls = 0;
  ctx.request_alternative =
      [&](const std::string&,
          const std::string& card) -> StatusOr<GuidanceCard> {
    ++live_calls;
    if (card != "card-1") return NotFound("no such card");
    GuidanceCard alt;
    alt.card_id = "card-2";
    alt.alternative_of = card;
    return alt;
  };
  ctx.live_feedback = [&](const std::string&, const std::string& card,
                          const std::string& action) -> StatusOr<CardFeedback> {
    ++live_calls;
    if (card != "card-1") return NotFound("no such card");
    return CardFeedback{card, action, "price", "roi"};
  };
  const std::string cards = "/api/calls/CA1/cards/";
  // CA1 is in the "default" tenant; gina is globex's.
  auto refused =
      post(cards + "card-1/feedback", R"({"action":"used","user_id":"gina"})");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("permission_denied"), std::string::npos);
  EXPECT_EQ(post(cards + "card-1/alternative", R"({"user_id":"gina"})").status,
            403);
  EXPECT_EQ(live_calls, 0);
  // Ids the store does not know are accepted (agents from elsewhere).
  auto alt = post(cards + "card-1/alternative", R"({"user_id":"u9"})");
  EXPECT_EQ(alt.status, 201) << alt.body;
  EXPECT_NE(alt.body.find(R"("alternative_of":"card-1")"), std::string::npos);
  EXPECT_EQ(post(cards + "card-1/alternative", "").status, 201);
  EXPECT_EQ(post(cards + "card-1/alternative", "{broken").status, 400);
  EXPECT_EQ(post(cards + "card-1/alternative", "[1]").status, 400);
  EXPECT_EQ(post(cards + "card-9/alternative", "").status, 404);
  EXPECT_EQ(post("/api/calls/CA404/cards/card-1/alternative", "").status, 404);
  // Live feedback: the card's own category and approach; an unknown card
  // of the live call is 404; a retry does not reach the live call again.
  auto used = post(cards + "card-1/feedback", R"({"action":"used"})");
  EXPECT_EQ(used.status, 201) << used.body;
  EXPECT_NE(used.body.find(R"("category":"price","kind":"roi")"),
            std::string::npos)
      << used.body;
  const int before = live_calls;
  auto again = post(cards + "card-1/feedback", R"({"action":"used"})");
  EXPECT_EQ(again.status, 200);
  EXPECT_NE(again.body.find(R"("kind":"roi")"), std::string::npos);
  EXPECT_EQ(live_calls, before);
  EXPECT_EQ(post(cards + "card-9/feedback", R"({"action":"used"})").status,
            404);
  // A call not live here (FailedPrecondition): stored as sent.
  ctx.live_feedback = [](const std::string&, const std::string&,
                         const std::string&) -> StatusOr<CardFeedback> {
    return FailedPrecondition("the call is not live here");
  };
  auto ended = post(cards + "card-7/feedback",
                    R"({"action":"dismissed","category":"timing"})");
  EXPECT_EQ(ended.status, 201) << ended.body;
  EXPECT_NE(ended.body.find(R"("category":"timing")"), std::string::npos);
}

TEST_F(RoutesTest, TwilioSideOfACall) {
  EXPECT_EQ(Get("/api/calls/CA1/twilio").status, 404);
  storage::TwilioCallRecord leg;
  leg.call_sid = "CA1";
  leg.status = "in-progress";
  leg.from_number = "+15551234567";
  ASSERT_TRUE(store->CreateTwilioCall(leg).ok());
  storage::RecordingRecord rec;
  rec.recording_sid = "RE1";
  rec.call_sid = "CA1";
  rec.status = storage::RecordingStatus::kStored;
  rec.local_path = "/rec/RE1.wav";
  ASSERT_TRUE(store->PutRecording(rec).ok());
  auto twilio = Get("/api/calls/CA1/twilio");
  EXPECT_EQ(twilio.status, 200);
  EXPECT_NE(twilio.body.find(R"("status":"in-progress")"), std::string::npos)
      << twilio.body;
  EXPECT_NE(twilio.body.find(R"("status":"stored")"), std::string::npos);
  // Phone numbers stay out of this unauthenticated API.
  EXPECT_EQ(twilio.body.find("5551234567"), std::string::npos);
  auto show = Get("/api/calls/CA1");
  EXPECT_NE(show.body.find(R"("recordings":[{"recording_sid":"RE1")"),
            std::string::npos)
      << show.body;
  EXPECT_NE(show.body.find(R"("twilio":{)"), std::string::npos);
}

TEST(QueryTest, Decodes) {
  auto q = ParseQuery("call_sid=CA%201&x=a+b&flag&bad=%zz");
  EXPECT_EQ(q["call_sid"], "CA 1");
  EXPECT_EQ(q["x"], "a b");
  EXPECT_EQ(q.count("flag"), 1u);
  EXPECT_EQ(q["bad"], "%zz");
}

}  // namespace
}  // namespace sc::server
