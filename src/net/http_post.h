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

}  // namespace sc::net
