#include "server/live_hub.h"

#include <gtest/gtest.h>

namespace sc::server {
namespace {

struct Recorder : LiveSubscriber {
  void Deliver(const LiveMessage& m) override { got.push_back(m); }
  std::vector<LiveMessage> got;
};

TEST(LiveHubTest, FansOutPerCallAndToAllCallSubscribers) {
  LiveHub hub;
  auto one = std::make_shared<Recorder>();
  auto all = std::make_shared<Recorder>();
  auto other = std::make_shared<Recorder>();
  hub.Subscribe("CA1", one);
  hub.Subscribe("", all);
  hub.Subscribe("CA2", other);
  hub.OnEvent({"CA1", 1, 0, 0,
               TranscriptPartial{"agent-1", Speaker::kAgent, 0, 1, "hi"}});
  hub.OnEvent({"CA1", 2, 0, 0, Alert{"k", "m"}});
  ASSERT_EQ(one->got.size(), 2u);
  EXPECT_EQ(all->got.size(), 2u);
  EXPECT_TRUE(other->got.empty());
  EXPECT_TRUE(one->got[0].droppable);
  EXPECT_FALSE(one->got[1].droppable);
  EXPECT_NE(one->got[1].json->find("\"type\":\"alert\""), std::string::npos);
}

TEST(LiveHubTest, ForgetsGoneAndUnsubscribed) {
  LiveHub hub;
  auto a = std::make_shared<Recorder>();
  {
    auto gone = std::make_shared<Recorder>();
    hub.Subscribe("CA1", gone);
  }
  hub.Subscribe("CA1", a);
  hub.Unsubscribe(a.get());
  EXPECT_EQ(hub.subscriber_count(), 0u);
  hub.OnEvent({"CA1", 1, 0, 0, Alert{"k", "m"}});
  EXPECT_TRUE(a->got.empty());
}

}  // namespace
}  // namespace sc::server
