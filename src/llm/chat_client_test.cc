#include "llm/chat_client.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "llm/openai_wire.h"
#include "llm/test_chat_server.h"

namespace sc::llm {
namespace {

using std::chrono::milliseconds;
using testing::CompletionBody;
using testing::ScriptedReply;
using testing::TestChatServer;

struct Harness {
  explicit Harness(TestChatServer& server, std::string key = "sk-test-secret") {
    options.base_url = server.base_url();
    options.model = "test-model";
    options.api_key = std::move(key);
    options.timeout = milliseconds(5'000);
    options.sleep = [this](milliseconds d) { sleeps.push_back(d.count()); };
  }
  StatusOr<ChatResponse> Complete() {
    StatusOr<std::unique_ptr<ChatClient>> client = NewOpenAiChatClient(options);
    if (!client.ok()) return client.status();
    ChatRequest r;
    r.messages = {{Role::kSystem, "be brief"}, {Role::kUser, "hello"}};
    r.temperature = 0.5;
    return (*client)->Complete(r);
  }
  ChatClientOptions options;
  std::vector<int64_t> sleeps;
};

TEST(ChatClient, SendsTheOpenAiRequestAndReturnsTheContent) {
  TestChatServer server;
  server.Enqueue({200, CompletionBody("Hi there."), 0, {}});
  Harness h(server);
  StatusOr<ChatResponse> r = h.Complete();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->content, "Hi there.");
  EXPECT_EQ(r->model, "test-model");
  EXPECT_EQ(r->finish_reason, "stop");
  EXPECT_EQ(r->attempts, 1);

  std::vector<testing::ReceivedRequest> reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].target, "/v1/chat/completions");
  EXPECT_EQ(reqs[0].headers["authorization"], "Bearer sk-test-secret");
  EXPECT_EQ(reqs[0].headers["content-type"], "application/json");
  boost::json::value body = boost::json::parse(reqs[0].body);
  EXPECT_EQ(body.at("model").as_string(), "test-model");
  EXPECT_DOUBLE_EQ(body.at("temperature").to_number<double>(), 0.5);
  const auto& msgs = body.at("messages").as_array();
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(msgs[0].at("role").as_string(), "system");
  EXPECT_EQ(msgs[1].at("content").as_string(), "hello");
  EXPECT_EQ(body.as_object().if_contains("response_format"), nullptr);
}

TEST(ChatClient, NoKeyMeansNoAuthorizationHeader) {
  TestChatServer server;
  server.Enqueue({200, CompletionBody("ok"), 0, {}});
  Harness h(server, "");
  ASSERT_TRUE(h.Complete().ok());
  EXPECT_EQ(server.requests()[0].headers.count("authorization"), 0u);
}

TEST(ChatClient, Unauthorized401MapsTheOpenAiErrorAndHidesTheKey) {
  TestChatServer server;
  server.Enqueue(
      {401,
       R"({"error":{"message":"Incorrect API key provided: sk-test-secret.",
           "type":"invalid_request_error","code":"invalid_api_key"}})",
       0,
       {}});
  Harness h(server);
  StatusOr<ChatResponse> r = h.Complete();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated);
  const std::string m = r.status().message();
  EXPECT_NE(m.find("HTTP 401"), std::string::npos) << m;
  EXPECT_NE(m.find("invalid_request_error, invalid_api_key"), std::string::npos)
      << m;
  EXPECT_NE(m.find("Incorrect API key provided: [redacted]"), std::string::npos)
      << m;
  EXPECT_EQ(m.find("sk-test-secret"), std::string::npos) << m;
  EXPECT_EQ(server.requests().size(), 1u);  // 401 is not retried.
}

TEST(ChatClient, RetriesA429ThenSucceeds) {
  TestChatServer server;
  server.Enqueue({429,
                  R"({"error":{"message":"Rate limit reached"}})",
                  0,
                  {{"Retry-After", "2"}}});
  server.Enqueue({429, R"({"error":{"message":"Rate limit reached"}})", 0, {}});
  server.Enqueue({200, CompletionBody("finally"), 0, {}});
  Harness h(server);
  StatusOr<ChatResponse> r = h.Complete();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->content, "finally");
  EXPECT_EQ(r->attempts, 3);
  // Retry-After (2 s) first, then the exponential backoff's second step.
  EXPECT_EQ(h.sleeps, (std::vector<int64_t>{2'000, 1'000}));
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST(ChatClient, ServerErrorsAreRetriedThenReported) {
  TestChatServer server;
  for (int i = 0; i < 3; ++i) {
    server.Enqueue({500,
                    R"({"error":{"message":"model crashed",
                              "type":"server_error"}})",
                    0,
                    {}});
  }
  Harness h(server);
  StatusOr<ChatResponse> r = h.Complete();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("HTTP 500: (server_error) model crashed"),
            std::string::npos)
      << r.status().message();
  EXPECT_EQ(server.requests().size(), 3u);
  EXPECT_EQ(h.sleeps, (std::vector<int64_t>{500, 1'000}));
}

TEST(ChatClient, PersistentRateLimitIsResourceExhausted) {
  TestChatServer server;
  for (int i = 0; i < 2; ++i) {
    server.Enqueue({429, R"({"error":{"message":"slow down"}})", 0, {}});
  }
  Harness h(server);
  h.options.max_retries = 1;
  StatusOr<ChatResponse> r = h.Complete();
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(ChatClient, BadRequestIsNotRetried) {
  TestChatServer server;
  server.Enqueue({400, R"({"error":{"message":"unknown model"}})", 0, {}});
  Harness h(server);
  EXPECT_EQ(h.Complete().status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(ChatClient, TimesOut) {
  TestChatServer server;
  server.Enqueue({200, CompletionBody("late"), 1'500, {}});
  Harness h(server);
  h.options.timeout = milliseconds(200);
  auto start = std::chrono::steady_clock::now();
  StatusOr<ChatResponse> r = h.Complete();
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("timed out after 200 ms"),
            std::string::npos)
      << r.status().message();
  EXPECT_LT(took, milliseconds(1'000));
}

TEST(ChatClient, MalformedResponsesAreErrors) {
  TestChatServer server;
  server.Enqueue({200, "this is not json", 0, {}});
  server.Enqueue({200, R"({"choices":[]})", 0, {}});
  server.Enqueue(
      {200,
       R"({"choices":[{"message":{"role":"assistant","content":null}}]})",
       0,
       {}});
  Harness h(server);
  StatusOr<ChatResponse> a = h.Complete();
  EXPECT_EQ(a.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(a.status().message().find("malformed"), std::string::npos);
  EXPECT_NE(h.Complete().status().message().find("no choices"),
            std::string::npos);
  EXPECT_NE(h.Complete().status().message().find("no text"), std::string::npos);
}

TEST(ChatClient, ConnectionRefusedIsUnavailable) {
  int port;
  {
    TestChatServer gone;
    port = gone.port();
  }
  ChatClientOptions o;
  o.base_url = "http://127.0.0.1:" + std::to_string(port) + "/v1";
  o.model = "m";
  auto client = NewOpenAiChatClient(o);
  ASSERT_TRUE(client.ok());
  StatusOr<ChatResponse> r = (*client)->Complete({{{Role::kUser, "hi"}}});
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("cannot connect"), std::string::npos)
      << r.status().message();
}

TEST(ChatClient, RejectsUnusableOptions) {
  auto make = [](std::string url, std::string model, int retries,
                 std::string key) {
    ChatClientOptions o;
    o.base_url = std::move(url);
    o.model = std::move(model);
    o.max_retries = retries;
    o.api_key = std::move(key);
    return NewOpenAiChatClient(std::move(o)).status();
  };
  EXPECT_TRUE(make("http://127.0.0.1:8080/v1", "m", 2, "k").ok());
  EXPECT_EQ(make("ftp://x/v1", "m", 2, "").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(make("http://:80/v1", "m", 2, "").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(make("http://h:99999/v1", "m", 2, "").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(make("http://h/v1", "", 2, "").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(make("http://h/v1", "m", 11, "").code(),
            StatusCode::kInvalidArgument);
  Status s = make("http://h/v1", "m", 2, "sk-abc\r\nX: y");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message().find("sk-abc"), std::string::npos);
}

// HTTPS against the test server with a certificate made for the test.
class ChatClientTls : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sc_llm_tls_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    std::string cmd =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "
        "/CN=localhost -addext subjectAltName=DNS:localhost -keyout " +
        (dir_ / "key.pem").string() + " -out " + (dir_ / "cert.pem").string() +
        " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) {
      GTEST_SKIP() << "openssl command-line tool not available";
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(ChatClientTls, VerifiesTheServerCertificate) {
  TestChatServer server(TestChatServer::Tls{(dir_ / "cert.pem").string(),
                                            (dir_ / "key.pem").string()});
  server.Enqueue({200, CompletionBody("secure hello"), 0, {}});
  Harness h(server);
  h.options.ca_file = (dir_ / "cert.pem").string();
  StatusOr<ChatResponse> r = h.Complete();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->content, "secure hello");
  EXPECT_EQ(server.requests()[0].headers["authorization"],
            "Bearer sk-test-secret");

  // Not trusted by the system store: the handshake fails before any request.
  Harness untrusted(server);
  StatusOr<ChatResponse> bad = untrusted.Complete();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(bad.status().message().find("TLS handshake"), std::string::npos)
      << bad.status().message();
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(ChatClientPlainServer, HttpsToAPlainServerFailsClearly) {
  TestChatServer server;
  ChatClientOptions o;
  o.base_url = "https://127.0.0.1:" + std::to_string(server.port()) + "/v1";
  o.model = "m";
  o.timeout = milliseconds(500);
  auto client = NewOpenAiChatClient(o);
  ASSERT_TRUE(client.ok());
  StatusOr<ChatResponse> r = (*client)->Complete({{{Role::kUser, "hi"}}});
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("TLS handshake"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace sc::llm
