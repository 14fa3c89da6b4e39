#include "llm/test_chat_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace sc::llm::testing {
namespace {

std::string Lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
  }
  return "Status";
}

}  // namespace

std::string CompletionBody(const std::string& content) {
  namespace json = boost::json;
  return json::serialize(json::object{
      {"id", "chatcmpl-test"},
      {"object", "chat.completion"},
      {"model", "test-model"},
      {"choices",
       json::array{json::object{
           {"index", 0},
           {"message", {{"role", "assistant"}, {"content", content}}},
           {"finish_reason", "stop"}}}}});
}

TestChatServer::TestChatServer() : TestChatServer(Tls{}) {}

TestChatServer::TestChatServer(Tls tls) {
  if (!tls.cert_file.empty()) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == nullptr ||
        SSL_CTX_use_certificate_file(ctx, tls.cert_file.c_str(),
                                     SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, tls.key_file.c_str(),
                                    SSL_FILETYPE_PEM) != 1) {
      std::fprintf(stderr, "test server: cannot load TLS certificate\n");
      std::abort();
    }
    tls_ctx_ = ctx;
  }
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (listen_fd_ < 0 ||
      ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) !=
          0 ||
      ::listen(listen_fd_, 16) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) !=
          0) {
    std::perror("test server: listen");
    std::abort();
  }
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Run(); });
}

TestChatServer::~TestChatServer() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
  if (tls_ctx_ != nullptr) SSL_CTX_free(static_cast<SSL_CTX*>(tls_ctx_));
}

std::string TestChatServer::base_url() const {
  return (tls_ctx_ != nullptr ? "https://localhost:" : "http://127.0.0.1:") +
         std::to_string(port_) + "/v1";
}

void TestChatServer::Enqueue(ScriptedReply reply) {
  std::lock_guard<std::mutex> lock(mu_);
  script_.push_back(std::move(reply));
}

std::vector<ReceivedRequest> TestChatServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return received_;
}

void TestChatServer::Run() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    Serve(fd);
    ::close(fd);
  }
}

void TestChatServer::Serve(int fd) {
  SSL* ssl = nullptr;
  if (tls_ctx_ != nullptr) {
    ssl = SSL_new(static_cast<SSL_CTX*>(tls_ctx_));
    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) != 1) {
      SSL_free(ssl);
      return;
    }
  }
  auto read_some = [&](char* buf, int n) -> int {
    if (ssl != nullptr) return SSL_read(ssl, buf, n);
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return -1;
    return static_cast<int>(::recv(fd, buf, n, 0));
  };
  auto write_all = [&](const std::string& s) {
    size_t off = 0;
    while (off < s.size()) {
      int n =
          ssl != nullptr
              ? SSL_write(ssl, s.data() + off, static_cast<int>(s.size() - off))
              : static_cast<int>(
                    ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL));
      if (n <= 0) return;
      off += static_cast<size_t>(n);
    }
  };

  std::string data;
  char buf[4096];
  size_t header_end;
  while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
    int n = read_some(buf, sizeof buf);
    if (n <= 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  ReceivedRequest req;
  if (header_end != std::string::npos) {
    std::string head = data.substr(0, header_end);
    size_t line_end = head.find("\r\n");
    std::string first = head.substr(0, line_end);
    size_t sp1 = first.find(' '), sp2 = first.rfind(' ');
    req.method = first.substr(0, sp1);
    req.target = first.substr(sp1 + 1, sp2 - sp1 - 1);
    size_t pos = line_end;
    while (pos != std::string::npos && pos < head.size()) {
      size_t start = pos + 2;
      size_t end = head.find("\r\n", start);
      std::string line = head.substr(
          start, end == std::string::npos ? std::string::npos : end - start);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        req.headers[Lower(line.substr(0, colon))] = value;
      }
      pos = end;
    }
    size_t length = 0;
    if (auto it = req.headers.find("content-length"); it != req.headers.end()) {
      length = std::stoul(it->second);
    }
    req.body = data.substr(header_end + 4);
    while (req.body.size() < length) {
      int n = read_some(buf, sizeof buf);
      if (n <= 0) break;
      req.body.append(buf, static_cast<size_t>(n));
    }
  }
  ScriptedReply reply{
      500, R"({"error":{"message":"no scripted reply"}})", 0, {}};
  {
    std::lock_guard<std::mutex> lock(mu_);
    received_.push_back(req);
    if (!script_.empty()) {
      reply = std::move(script_.front());
      script_.pop_front();
    }
  }
  auto until = std::chrono::steady_clock::now() +
               std::chrono::milliseconds(reply.delay_ms);
  while (!stop_ && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::string out =
      "HTTP/1.1 " + std::to_string(reply.status) + " " + Reason(reply.status) +
      "\r\nContent-Type: application/json\r\nContent-Length: " +
      std::to_string(reply.body.size()) + "\r\nConnection: close\r\n";
  for (const auto& [k, v] : reply.headers) out += k + ": " + v + "\r\n";
  out += "\r\n" + reply.body;
  write_all(out);
  if (ssl != nullptr) {
    SSL_shutdown(ssl);
    SSL_free(ssl);
  }
}

}  // namespace sc::llm::testing
