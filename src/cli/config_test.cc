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
          "SALESCOPILOT_ADMIN_TOKEN", "SALESCOPILOT_SPEECH_ENGINE",
          "SALESCOPILOT_SPEECH_REMOTE_URL", "SALESCOPILOT_SPEECH_REMOTE_MODEL",
          "SALESCOPILOT_SPEECH_REMOTE_API_KEY",
          "SALESCOPILOT_SPEECH_KEYWORD_SPOTTING"}) {
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

TEST_F(ConfigTest, SpeechEngineDefaultsToPocketSphinxWithoutRemote) {
  auto c = LoadConfig("");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->engine, SpeechEngine::kPocketSphinx);
  EXPECT_TRUE(c->remote.base_url.empty());
  EXPECT_EQ(c->post_call, PostCallTranscription::kOff);
}

TEST_F(ConfigTest, SpeechRemoteFromFileThenEnvironment) {
  std::string path = Write(
      "[speech]\nengine = \"remote\"\nterms = [\"Acme\"]\n"
      "[speech.remote]\nbase_url = \"http://127.0.0.1:9000/v1\"\n"
      "model = \"large-v3\"\napi_key = \"sk-file\"\nlanguage = \"de\"\n"
      "timeout_ms = 60000\nmax_retries = 4\n");
  auto c = LoadConfig(path);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->engine, SpeechEngine::kRemote);
  EXPECT_EQ(c->remote.base_url, "http://127.0.0.1:9000/v1");
  EXPECT_EQ(c->remote.model, "large-v3");
  EXPECT_EQ(c->remote.api_key, "sk-file");
  EXPECT_EQ(c->remote.language, "de");
  EXPECT_EQ(c->remote.timeout.count(), 60000);
  EXPECT_EQ(c->remote.max_retries, 4);
  EXPECT_EQ(c->remote.prompt_terms, std::vector<std::string>{"Acme"});
  // post_call defaults to on when a server is configured.
  EXPECT_EQ(c->post_call, PostCallTranscription::kRemote);

  setenv("SALESCOPILOT_SPEECH_ENGINE", "pocketsphinx", 1);
  setenv("SALESCOPILOT_SPEECH_REMOTE_URL", "https://api.example.com/v1", 1);
  setenv("SALESCOPILOT_SPEECH_REMOTE_MODEL", "whisper-1", 1);
  setenv("SALESCOPILOT_SPEECH_REMOTE_API_KEY", "sk-env", 1);
  auto e = LoadConfig(path);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->engine, SpeechEngine::kPocketSphinx);
  EXPECT_EQ(e->remote.base_url, "https://api.example.com/v1");
  EXPECT_EQ(e->remote.model, "whisper-1");
  EXPECT_EQ(e->remote.api_key, "sk-env");
}

TEST_F(ConfigTest, KeywordSpottingOnByDefaultFileThenEnvironment) {
  auto def = LoadConfig("");
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_TRUE(def->keyword_spotting);
  const std::string path = Write("[speech]\nkeyword_spotting = false\n");
  auto off = LoadConfig(path);
  ASSERT_TRUE(off.ok()) << off.status().ToString();
  EXPECT_FALSE(off->keyword_spotting);
  setenv("SALESCOPILOT_SPEECH_KEYWORD_SPOTTING", "true", 1);
  EXPECT_TRUE(LoadConfig(path)->keyword_spotting);
  setenv("SALESCOPILOT_SPEECH_KEYWORD_SPOTTING", "yes please", 1);
  auto bad_env = LoadConfig(path);
  ASSERT_FALSE(bad_env.ok());
  EXPECT_NE(
      bad_env.status().message().find("SALESCOPILOT_SPEECH_KEYWORD_SPOTTING"),
      std::string::npos);
  unsetenv("SALESCOPILOT_SPEECH_KEYWORD_SPOTTING");
  auto bad_file = LoadConfig(Write("[speech]\nkeyword_spotting = \"on\"\n"));
  ASSERT_FALSE(bad_file.ok());
  EXPECT_NE(bad_file.status().message().find("keyword_spotting"),
            std::string::npos);
}

TEST_F(ConfigTest, PostCallCanBeTurnedOff) {
  auto c = LoadConfig(
      Write("[speech.remote]\nbase_url = \"http://127.0.0.1:9000/v1\"\n"
            "post_call = false\n"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->post_call, PostCallTranscription::kOff);
  EXPECT_EQ(c->engine, SpeechEngine::kPocketSphinx);
}

TEST_F(ConfigTest, SpeechErrorsNameTheKey) {
  auto expect_error = [](const StatusOr<AppConfig>& c, const char* key) {
    ASSERT_FALSE(c.ok()) << key;
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(c.status().message().find(key), std::string::npos)
        << c.status().message();
  };
  expect_error(LoadConfig(Write("[speech]\nengine = \"whisper\"\n")),
               "speech.engine");
  expect_error(LoadConfig(Write("[speech]\nengine = \"remote\"\n")),
               "speech.remote.base_url");
  expect_error(LoadConfig(Write("[speech.remote]\npost_call = true\n")),
               "speech.remote.base_url");
  expect_error(
      LoadConfig(Write("[speech.remote]\nbase_url = \"ftp://x/v1\"\n")),
      "speech.remote");
  expect_error(LoadConfig(Write("[speech.remote]\nbase_url = "
                                "\"http://h/v1\"\ntimeout_ms = \"60s\"\n")),
               "speech.remote.timeout_ms");
  expect_error(LoadConfig(Write("[speech.remote]\nbase_url = "
                                "\"http://h/v1\"\ntimeout_ms = 0\n")),
               "speech.remote.timeout_ms");
  expect_error(LoadConfig(Write("[speech.remote]\nbase_url = "
                                "\"http://h/v1\"\nmax_retries = 11\n")),
               "speech.remote.max_retries");
  expect_error(LoadConfig(Write("[speech.remote]\nbase_url = "
                                "\"http://h/v1\"\nmodel = \"\"\n")),
               "speech.remote");
  expect_error(LoadConfig(Write("[speech.remote]\nbase_url = "
                                "\"http://h/v1\"\npost_call = \"yes\"\n")),
               "speech.remote.post_call");
  setenv("SALESCOPILOT_SPEECH_ENGINE", "cloud", 1);
  expect_error(LoadConfig(""), "SALESCOPILOT_SPEECH_ENGINE");
}

TEST_F(ConfigTest, DescribeConfigRedactsTheSpeechApiKey) {
  setenv("SALESCOPILOT_SPEECH_REMOTE_URL", "http://127.0.0.1:9000/v1", 1);
  setenv("SALESCOPILOT_SPEECH_REMOTE_API_KEY", "sk-speech-secret", 1);
  auto c = LoadConfig("");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  std::string text = DescribeConfig(*c);
  EXPECT_EQ(text.find("sk-speech-secret"), std::string::npos) << text;
  EXPECT_NE(text.find("\"engine\":\"pocketsphinx\""), std::string::npos)
      << text;
  EXPECT_NE(text.find("\"api_key\":\"[set]\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"post_call\":true"), std::string::npos) << text;
}

}  // namespace
}  // namespace sc::cli
