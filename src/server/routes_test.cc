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

TEST(QueryTest, Decodes) {
  auto q = ParseQuery("call_sid=CA%201&x=a+b&flag&bad=%zz");
  EXPECT_EQ(q["call_sid"], "CA 1");
  EXPECT_EQ(q["x"], "a b");
  EXPECT_EQ(q.count("flag"), 1u);
  EXPECT_EQ(q["bad"], "%zz");
}

}  // namespace
}  // namespace sc::server
