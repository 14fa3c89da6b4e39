// A scripted OpenAI-compatible HTTP server for tests: listens on
// 127.0.0.1:<ephemeral port> in its own thread, answers each connection with
// the next scripted reply (or HTTP 500 when the script is exhausted) and
// records what it received. Optional TLS with a given certificate and key.
//
// Thread-safety: Enqueue and requests() may be called from any thread.
#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sc::llm::testing {

struct ScriptedReply {
  int status = 200;
  std::string body;
  int delay_ms = 0;  // Before answering (to provoke client timeouts).
  std::vector<std::pair<std::string, std::string>> headers;
};

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // Lower-case names.
  std::string body;
};

// A chat-completions response body whose choices[0].message.content is
// `content`.
std::string CompletionBody(const std::string& content);

class TestChatServer {
 public:
  struct Tls {
    std::string cert_file;
    std::string key_file;
  };
  // Aborts the test binary if it cannot listen (tests cannot run then).
  TestChatServer();
  explicit TestChatServer(Tls tls);
  ~TestChatServer();

  int port() const { return port_; }
  // "http://127.0.0.1:<port>/v1" (https://localhost:<port>/v1 with TLS).
  std::string base_url() const;

  void Enqueue(ScriptedReply reply);
  std::vector<ReceivedRequest> requests() const;

 private:
  void Run();
  void Serve(int fd);

  int listen_fd_ = -1;
  int port_ = 0;
  void* tls_ctx_ = nullptr;  // SSL_CTX*.
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::deque<ScriptedReply> script_;       // Guarded by mu_.
  std::vector<ReceivedRequest> received_;  // Guarded by mu_.
  std::thread thread_;
};

}  // namespace sc::llm::testing
