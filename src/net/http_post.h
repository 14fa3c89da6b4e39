// One HTTP(S) POST over a new connection, with one deadline over all of it:
// the transport of the OpenAI-compatible clients (src/llm, src/speech/remote).
// http_post.cc is the only file that includes Boost.Beast and OpenSSL for
// them, so the rest compiles fast.
//
// Contract:
//   - Post() resolves, connects, (for https) does a TLS handshake that
//     verifies the certificate against the system store (or `ca_file`) and
//     the host name, writes one request with "Connection: close" and reads
//     one response of at most 16 MiB.
//   - Failures are Unavailable with a message naming the step and the
//     origin ("... timed out after 200 ms"), never a header (the
//     Authorization header holds the key).
//   - Thread-safety: a free function; each call has its own io_context.
//     Blocking: call it from a worker, never from a network thread.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace sc::net {

struct BaseUrl {
  bool tls = false;
  std::string host;  // Without brackets for IPv6 literals.
  std::string port;
  std::string path;  // "/v1"; no trailing slash; may be empty.
};
// "http(s)://host[:port][/path]"; InvalidArgument otherwise, its message
// starting with `what` (the setting's name, "llm base_url").
StatusOr<BaseUrl> ParseBaseUrl(std::string_view url, std::string_view what);

struct HttpReply {
  int status = 0;
  std::string body;
  std::string retry_after;  // The Retry-After header, if any.
};

StatusOr<HttpReply> HttpPost(
    const BaseUrl& url, std::string_view path,
    const std::vector<std::pair<std::string, std::string>>& headers,
    std::string_view body, std::chrono::milliseconds timeout,
    const std::string& ca_file);

// How PostWithRetries retries the replies that say "try again" (429, 5xx).
struct RetryPolicy {
  int max_retries = 2;  // Requests after the first.
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{8000};
  // Waits between attempts; null: std::this_thread::sleep_for (tests pass
  // a recorder).
  std::function<void(std::chrono::milliseconds)> sleep;
  // The log event of each retry ("llm.retry"), with the HTTP status, the
  // attempt and the wait.
  std::string log_event = "http.retry";
};

// A client's retry settings (any options struct with max_retries,
// initial_backoff, max_backoff and sleep) as a RetryPolicy.
template <typename Options>
RetryPolicy RetryPolicyOf(const Options& o, std::string log_event) {
  RetryPolicy p;
  p.max_retries = o.max_retries;
  p.initial_backoff = o.initial_backoff;
  p.max_backoff = o.max_backoff;
  p.sleep = o.sleep;
  p.log_event = std::move(log_event);
  return p;
}

// The headers of an API request: Content-Type, and "Authorization: Bearer
// KEY" when `api_key` is set.
std::vector<std::pair<std::string, std::string>> ApiHeaders(
    std::string content_type, const std::string& api_key);

// HttpPost, repeated while the reply is 429 or 5xx and retries remain,
// after the reply's Retry-After (in seconds) or an exponential backoff
// (doubling from initial_backoff), either capped at max_backoff. Transport
// failures are returned at once, never retried: after a timeout the server
// may still be working, and a second request doubles the cost. Returns the
// last reply, whatever its status; `attempts` (optional) gets the number of
// requests sent.
StatusOr<HttpReply> PostWithRetries(
    const BaseUrl& url, std::string_view path,
    const std::vector<std::pair<std::string, std::string>>& headers,
    std::string_view body, std::chrono::milliseconds timeout,
    const std::string& ca_file, const RetryPolicy& policy,
    int* attempts = nullptr);

}  // namespace sc::net
