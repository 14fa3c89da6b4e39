#include "cli/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace sc::cli {
namespace {

struct ConfigTest : ::testing::Test {
  void TearDown() override {
    for (const char* v :
         {"SALESCOPILOT_PORT", "SALESCOPILOT_DATA", "SALESCOPILOT_CONFIG",
          "SALESCOPILOT_LOG_LEVEL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
          "TWILIO_API_KEY_SID", "TWILIO_API_KEY_SECRET", "TWILIO_TWIML_APP_SID",
          "SALESCOPILOT_PUBLIC_URL", "SALESCOPILOT_TWILIO_SIGNATURE_CHECK",
          "SALESCOPILOT_TWILIO_API_BASE_URL", "SALESCOPILOT_RECORDINGS_DIR",
          "SALESCOPILOT_ADMIN_TOKEN"}) {
      unsetenv(v);
    }
  }
  std::string Write(const std::string& text) {
    auto p = std::filesystem::temp_directory_path() /
             ("sc-config-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(p) << text;
    return p.string();
  }
};

TEST_F(ConfigTest, DefaultsFileThenEnvironment) {
  std::string path =
      Write("[server]\nport = 9000\n[storage]\ndata_dir = \"/tmp/x\"\n");
  auto c = LoadConfig(path);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->server.port, 9000);
  EXPECT_EQ(c->DatabaseUrl(), "sqlite:/tmp/x/salescopilot.db");
  setenv("SALESCOPILOT_PORT", "9100", 1);
  auto c2 = LoadConfig(path);
  EXPECT_EQ(c2->server.port, 9100);
}

TEST_F(ConfigTest, ClearErrors) {
  setenv("SALESCOPILOT_PORT", "eighty", 1);
  auto c = LoadConfig("");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("SALESCOPILOT_PORT"), std::string::npos);
  unsetenv("SALESCOPILOT_PORT");
  auto bad = LoadConfig(Write("[server\nport=1"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("config"), std::string::npos);
  setenv("SALESCOPILOT_LOG_LEVEL", "loud", 1);
  EXPECT_FALSE(LoadConfig("").ok());
}

TEST_F(ConfigTest, TwilioFromFileThenEnvironment) {
  std::string path = Write(
      "[storage]\ndata_dir = \"/srv/sc\"\n"
      "[twilio]\naccount_sid = \"ACfile\"\nauth_token = \"file-token\"\n"
      "api_key_sid = \"SKfile\"\napi_key_secret = \"file-secret\"\n"
      "twiml_app_sid = \"APfile\"\n"
      "public_url = \"https://copilot.example.com/\"\n"
      "signature_check = \"disabled\"\nno_answer = \"message\"\n"
      "ring_timeout_seconds = 25\n");
  auto c = LoadConfig(path);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const server::TwilioServerOptions& t = c->server.twilio;
  EXPECT_EQ(t.account_sid, "ACfile");
  EXPECT_EQ(t.auth_token, "file-token");
  EXPECT_EQ(t.api_key_sid, "SKfile");
  EXPECT_EQ(t.api_key_secret, "file-secret");
  EXPECT_EQ(t.twiml_app_sid, "APfile");
  EXPECT_EQ(t.public_base_url, "https://copilot.example.com");  // No '/'.
  EXPECT_EQ(t.signature_check, server::SignatureCheck::kDisabledForDevelopment);
  EXPECT_EQ(t.no_answer, server::NoAnswer::kMessageOnly);
  EXPECT_EQ(t.ring_timeout_seconds, 25);
  EXPECT_EQ(t.rest_base_url, "https://api.twilio.com");
  EXPECT_EQ(c->RecordingsDir(), "/srv/sc/recordings");

  setenv("TWILIO_ACCOUNT_SID", "ACenv", 1);
  setenv("TWILIO_AUTH_TOKEN", "env-token", 1);
  setenv("TWILIO_API_KEY_SID", "SKenv", 1);
  setenv("TWILIO_API_KEY_SECRET", "env-secret", 1);
  setenv("TWILIO_TWIML_APP_SID", "APenv", 1);
  setenv("SALESCOPILOT_PUBLIC_URL", "https://env.example.com", 1);
  setenv("SALESCOPILOT_TWILIO_SIGNATURE_CHECK", "enforce", 1);
  setenv("SALESCOPILOT_TWILIO_API_BASE_URL", "http://127.0.0.1:4010", 1);
  setenv("SALESCOPILOT_RECORDINGS_DIR", "/rec", 1);
  setenv("SALESCOPILOT_ADMIN_TOKEN", "admin-secret", 1);
  auto e = LoadConfig(path);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  const server::TwilioServerOptions& te = e->server.twilio;
  EXPECT_EQ(te.account_sid, "ACenv");
  EXPECT_EQ(te.auth_token, "env-token");
  EXPECT_EQ(te.api_key_sid, "SKenv");
  EXPECT_EQ(te.api_key_secret, "env-secret");
  EXPECT_EQ(te.twiml_app_sid, "APenv");
  EXPECT_EQ(te.public_base_url, "https://env.example.com");
  EXPECT_EQ(te.signature_check, server::SignatureCheck::kEnforce);
  EXPECT_EQ(te.rest_base_url, "http://127.0.0.1:4010");
  EXPECT_EQ(te.admin_token, "admin-secret");
  EXPECT_EQ(e->RecordingsDir(), "/rec");
}

TEST_F(ConfigTest, DescribeConfigNeverShowsSecrets) {
  setenv("TWILIO_ACCOUNT_SID", "AC123", 1);
  setenv("TWILIO_AUTH_TOKEN", "tok-zzz-secret", 1);
  setenv("TWILIO_API_KEY_SECRET", "key-yyy-secret", 1);
  setenv("SALESCOPILOT_ADMIN_TOKEN", "adm-xxx-secret", 1);
  auto c = LoadConfig("");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  c->database_url = "postgresql://sales:hunter2@db/calls";
  std::string text = DescribeConfig(*c);
  for (const char* secret :
       {"tok-zzz-secret", "key-yyy-secret", "adm-xxx-secret", "hunter2"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in " << text;
  }
  EXPECT_NE(text.find("\"auth_token\":\"[set]\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"api_key_sid\":\"\""), std::string::npos) << text;
  EXPECT_NE(text.find("AC123"), std::string::npos) << text;
}

TEST_F(ConfigTest, TwilioErrorsNameTheKey) {
  setenv("SALESCOPILOT_PUBLIC_URL", "ftp://copilot.example.com", 1);
  auto c = LoadConfig("");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("SALESCOPILOT_PUBLIC_URL"),
            std::string::npos);
  unsetenv("SALESCOPILOT_PUBLIC_URL");
  setenv("SALESCOPILOT_TWILIO_SIGNATURE_CHECK", "off", 1);
  c = LoadConfig("");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("SALESCOPILOT_TWILIO_SIGNATURE_CHECK"),
            std::string::npos);
  unsetenv("SALESCOPILOT_TWILIO_SIGNATURE_CHECK");
  c = LoadConfig(Write("[twilio]\nno_answer = \"hangup\"\n"));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("twilio.no_answer"), std::string::npos);
  c = LoadConfig(Write("[twilio]\nring_timeout_seconds = 1\n"));
  ASSERT_FALSE(c.ok());
}

}  // namespace
}  // namespace sc::cli
