// One HTTP/1.1 exchange over plain TCP or TLS, with a deadline.
//
// Internal to the REST client (rest_client.h); the only file that includes
// Boost.Beast and Boost.Asio SSL is http_transport.cc, so the rest of the
// client compiles quickly.
//
// Contract:
//   - Send() resolves, connects, (for https) does a TLS handshake that
//     verifies the server certificate against the system trust store (plus
//     `ca_file` when set) and the host name, writes one request with
//     "Connection: close" and reads one response. Redirects are not followed
//     here; the caller decides (it must drop credentials across origins).
//   - Every step shares one deadline: `timeout` bounds the whole exchange.
//   - Failures are Unavailable with a message naming the step and the
//     origin (never the target, which may hold SIDs, nor any header). The
//     result says whether the request may have reached the server, which is
//     what decides if a non-idempotent request may be retried.
//   - Responses larger than `max_response_bytes` fail with ResourceExhausted.
//
// Thread-safety: Send() is const and may be called from many threads at once;
// each call uses its own io_context and socket. Blocking: call it off the
// server's network threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "telephony/twilio/rest_wire.h"

namespace sc::twilio {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // "GET" or "POST".
  HttpUrl url;
  HttpHeaders headers;  // Host and Connection are added by Send().
  std::string body;     // Content-Length is set from it when non-empty.
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;

  // The first header named `name` (case-insensitive), or "".
  std::string Header(std::string_view name) const;
};

// Whether the request bytes may have left this process.
enum class Delivery {
  kNotSent,    // Failed while resolving, connecting or in the TLS handshake.
  kMaybeSent,  // Failed while writing or reading: the server may have acted.
};

struct HttpResult {
  Status status;  // OK when `response` holds a complete response.
  Delivery delivery = Delivery::kNotSent;
  HttpResponse response;
};

struct HttpTransportOptions {
  // Extra PEM trust anchors, added to the system store. Default: none.
  std::string ca_file;
  // Bound on a response body (recordings: one hour of dual-channel 8 kHz
  // 16-bit WAV is about 115 MB). Default 512 MiB.
  size_t max_response_bytes = size_t{512} << 20;
};

class HttpTransport {
 public:
  // Fails (InvalidArgument) when `ca_file` cannot be loaded.
  static StatusOr<std::unique_ptr<HttpTransport>> Create(
      const HttpTransportOptions& options);
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  HttpResult Send(const HttpRequest& request,
                  std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  explicit HttpTransport(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::twilio
