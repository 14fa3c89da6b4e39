// The OpenAI chat-completions wire format and the HTTP transport behind
// ChatClient. Private to src/llm; pure functions except HttpPost.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "llm/chat_client.h"

namespace sc::llm::internal {

struct BaseUrl {
  bool tls = false;
  std::string host;  // Without brackets for IPv6 literals.
  std::string port;
  std::string path;  // "/v1"; no trailing slash; may be empty.
};
StatusOr<BaseUrl> ParseBaseUrl(std::string_view url);

std::string ChatRequestJson(std::string_view model, const ChatRequest& r);

// The response body of a 200, or Unavailable for a malformed one (or one
// carrying an "error" object).
StatusOr<ChatResponse> ParseChatResponse(std::string_view body);

// The Status for a non-2xx reply, from its status and OpenAI error JSON
// ({"error":{"message","type","code"}}), with `secret` removed from any text
// the server echoed.
Status HttpErrorStatus(int http_status, std::string_view body,
                       std::string_view secret);

struct HttpReply {
  int status = 0;
  std::string body;
  std::string retry_after;  // The Retry-After header, if any.
};

// One POST over a new connection, bounded by `timeout` as a whole.
// Unavailable on resolve, connect, TLS or I/O failure and on timeout.
StatusOr<HttpReply> HttpPost(
    const BaseUrl& url, std::string_view path,
    const std::vector<std::pair<std::string, std::string>>& headers,
    std::string_view body, std::chrono::milliseconds timeout,
    const std::string& ca_file);

}  // namespace sc::llm::internal
