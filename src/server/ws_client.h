// A small WebSocket client (used by `simulate` and the tests).
//
//   SC_ASSIGN_OR_RETURN(auto ws,
//   WsClient::Connect("ws://127.0.0.1:8080/api/live"));
//   SC_RETURN_IF_ERROR(ws->SendText("{...}"));
//   auto msg = ws->Read(std::chrono::seconds(5));   // nullopt on timeout
//
// Only ws:// (plain TCP). Not thread-safe: one thread uses one client.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sc::server {

struct ParsedUrl {
  std::string host;
  std::string port;
  std::string target;  // Path and query, "/" at least.
};
// Accepts ws://host[:port]/path and http://host[:port]/path.
StatusOr<ParsedUrl> ParseWsUrl(std::string_view url);

class WsClient {
 public:
  static StatusOr<std::unique_ptr<WsClient>> Connect(
      std::string_view url,
      const std::map<std::string, std::string>& headers = {},
      std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~WsClient();

  Status SendText(std::string_view text);
  Status SendBinary(std::string_view bytes);
  // The next message, nullopt on timeout; Unavailable once the peer closed
  // (the message says the close code and reason).
  StatusOr<std::optional<std::string>> Read(std::chrono::milliseconds timeout);
  // Sends a close frame and waits briefly for the peer's.
  Status Close();
  // Drops the TCP connection without a close frame (an abrupt disconnect).
  void Abort();

  struct Impl;

 private:
  explicit WsClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One plain HTTP request (tests and tools): returns status and body.
struct HttpResult {
  int status = 0;
  std::string body;
  std::string content_type;
};
StatusOr<HttpResult> HttpGet(
    std::string_view url,
    std::chrono::milliseconds timeout = std::chrono::seconds(10));
// Any method, with headers and a body (Content-Length is set; give the
// Content-Type in `headers`). Unavailable when the server cannot be reached
// or the exchange fails.
StatusOr<HttpResult> HttpSend(
    std::string_view method, std::string_view url,
    const std::map<std::string, std::string>& headers, std::string_view body,
    std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace sc::server
