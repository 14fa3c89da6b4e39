// StoreCallSettings: a starting call gets its own user's AI configuration
// and card-feedback history, and never another tenant's.
#include <gtest/gtest.h>

#include <mutex>

#include "core/log.h"
#include "guidance/ai_config_json.h"
#include "pipeline/pipeline.h"

namespace sc::pipeline {
namespace {

class StoreSettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogSink([this](std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mu_);
      log_ += line;
      log_ += '\n';
    });
    auto opened = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->CreateTenant({"acme", "Acme", 1}).ok());
    ASSERT_TRUE(store_->CreateTenant({"globex", "Globex", 1}).ok());
    ASSERT_TRUE(store_->CreateUser(User("alice", "acme")).ok());
    ASSERT_TRUE(store_->CreateUser(User("gina", "globex")).ok());

    guidance::AiConfig quiet;
    quiet.quiet_mode = true;
    quiet.agent_name = "Alice";
    ASSERT_TRUE(
        store_->PutAiConfig({"alice", guidance::AiConfigJson(quiet), 1}).ok());
    guidance::AiConfig other;
    other.agent_name = "Gina";
    other.target_agent_talk_ratio = 0.5;
    ASSERT_TRUE(
        store_->PutAiConfig({"gina", guidance::AiConfigJson(other), 1}).ok());

    // Alice used the ROI answer to a price objection on an earlier acme call.
    ASSERT_TRUE(store_->CreateCall(CallIn("CA-old-acme", "acme")).ok());
    ASSERT_TRUE(
        store_->InsertCardFeedback(Feedback("CA-old-acme", "card-1", "alice"))
            .ok());
    // A globex call whose client claimed to be alice: not acme's history.
    ASSERT_TRUE(store_->CreateCall(CallIn("CA-old-globex", "globex")).ok());
    ASSERT_TRUE(
        store_->InsertCardFeedback(Feedback("CA-old-globex", "card-2", "alice"))
            .ok());
  }
  void TearDown() override { SetLogSink(nullptr); }

  static storage::UserRecord User(const std::string& id,
                                  const std::string& tenant) {
    storage::UserRecord u;
    u.user_id = id;
    u.tenant_id = tenant;
    u.identity = id + "_1";
    return u;
  }
  static storage::CallRecord CallIn(const std::string& sid,
                                    const std::string& tenant) {
    storage::CallRecord c;
    c.call_sid = sid;
    c.tenant_id = tenant;
    c.started_unix_ms = 1;
    return c;
  }
  static storage::CardFeedbackRecord Feedback(const std::string& sid,
                                              const std::string& card,
                                              const std::string& user) {
    storage::CardFeedbackRecord f;
    f.call_sid = sid;
    f.card_id = card;
    f.category = "price";
    f.kind = "roi";
    f.action = storage::CardAction::kUsed;
    f.user_id = user;
    return f;
  }
  static CallStarted Starting(std::map<std::string, std::string> params) {
    CallStarted c;
    c.call_sid = "CA-new";
    c.source = "twilio";
    c.custom_parameters = std::move(params);
    return c;
  }
  std::string Log() {
    std::lock_guard<std::mutex> lock(log_mu_);
    return log_;
  }

  std::unique_ptr<storage::Store> store_;
  std::mutex log_mu_;
  std::string log_;
};

TEST_F(StoreSettingsTest, KnownUserGetsTheirConfigAndTheirTenantsFeedback) {
  StoreCallSettings source(store_.get());
  CallSettings s =
      source.ForCall(Starting({{"user_id", "alice"}, {"tenant_id", "acme"}}));
  EXPECT_EQ(s.user_id, "alice");
  EXPECT_TRUE(s.config.quiet_mode);
  EXPECT_EQ(s.config.agent_name, "Alice");
  // One verdict from the acme call; the globex call's claim is ignored.
  guidance::FeedbackStats::Counts roi = s.feedback.For("price", "roi");
  EXPECT_EQ(roi.used, 1);
  EXPECT_EQ(roi.dismissed, 0);
  EXPECT_EQ(s.feedback.entries().size(), 1u);
}

TEST_F(StoreSettingsTest, OlderUserParameterNameWorksToo) {
  StoreCallSettings source(store_.get());
  CallSettings s =
      source.ForCall(Starting({{"user", "alice"}, {"tenant_id", "acme"}}));
  EXPECT_EQ(s.user_id, "alice");
  EXPECT_TRUE(s.config.quiet_mode);
}

TEST_F(StoreSettingsTest, UnknownUserGetsDefaultsAndALogLine) {
  StoreCallSettings source(store_.get());
  // Saved configuration without a stored user is not enough.
  guidance::AiConfig c;
  c.quiet_mode = true;
  ASSERT_TRUE(
      store_->PutAiConfig({"ghost", guidance::AiConfigJson(c), 1}).ok());
  CallSettings s =
      source.ForCall(Starting({{"user_id", "ghost"}, {"tenant_id", "acme"}}));
  EXPECT_EQ(s.user_id, "");
  EXPECT_FALSE(s.config.quiet_mode);
  EXPECT_EQ(guidance::AiConfigJson(s.config),
            guidance::AiConfigJson(guidance::AiConfig{}));
  EXPECT_TRUE(s.feedback.entries().empty());
  EXPECT_NE(Log().find("settings.unknown_user"), std::string::npos) << Log();
}

TEST_F(StoreSettingsTest, AnotherTenantsUserGetsDefaults) {
  StoreCallSettings source(store_.get());
  // A globex call naming acme's alice, and a call without a tenant (the
  // "default" tenant) naming globex's gina.
  for (const auto& params :
       {std::map<std::string, std::string>{{"user_id", "alice"},
                                           {"tenant_id", "globex"}},
        std::map<std::string, std::string>{{"user_id", "gina"}}}) {
    CallSettings s = source.ForCall(Starting(params));
    EXPECT_EQ(s.user_id, "");
    EXPECT_EQ(guidance::AiConfigJson(s.config),
              guidance::AiConfigJson(guidance::AiConfig{}));
    EXPECT_TRUE(s.feedback.entries().empty());
  }
  EXPECT_NE(Log().find("settings.user_of_other_tenant"), std::string::npos)
      << Log();
}

TEST_F(StoreSettingsTest, NoUserOrNoStoreGivesDefaultsQuietly) {
  StoreCallSettings source(store_.get());
  CallSettings s = source.ForCall(Starting({{"tenant_id", "acme"}}));
  EXPECT_EQ(s.user_id, "");
  EXPECT_FALSE(s.config.quiet_mode);
  StoreCallSettings no_store(nullptr);
  EXPECT_FALSE(
      no_store.ForCall(Starting({{"user_id", "alice"}})).config.quiet_mode);
  EXPECT_EQ(Log().find("settings."), std::string::npos) << Log();
}

TEST_F(StoreSettingsTest, UnparsableConfigIsLoggedAndReplacedByDefaults) {
  ASSERT_TRUE(
      store_->PutAiConfig({"alice", R"({"sales_style":"shouting"})", 2}).ok());
  StoreCallSettings source(store_.get());
  CallSettings s =
      source.ForCall(Starting({{"user_id", "alice"}, {"tenant_id", "acme"}}));
  EXPECT_EQ(s.user_id, "alice");
  EXPECT_FALSE(s.config.quiet_mode);
  EXPECT_NE(Log().find("settings.bad_ai_config"), std::string::npos) << Log();
}

}  // namespace
}  // namespace sc::pipeline
