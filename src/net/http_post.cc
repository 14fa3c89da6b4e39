// The one file of the HTTP clients that knows Boost.Beast and OpenSSL.
#include "net/http_post.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>
#include <thread>

#include "core/log.h"

namespace sc::net {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr size_t kMaxResponseBytes = 16 << 20;

// Runs the io_context until the operation started before the call has
// completed; the stream's expiry (set by the caller) bounds it.
beast::error_code RunOne(net::io_context& ioc,
                         std::optional<beast::error_code>& result) {
  ioc.restart();
  ioc.run();
  return result.value_or(beast::error::timeout);
}

std::string Describe(const beast::error_code& ec,
                     std::chrono::milliseconds timeout) {
  if (ec == beast::error::timeout) {
    return "timed out after " + std::to_string(timeout.count()) + " ms";
  }
  return ec.message();
}

// Writes `req` and reads the reply over a connected (and, for TLS,
// handshaken) stream whose lowest layer expires at the deadline.
template <typename Stream>
StatusOr<HttpReply> Exchange(net::io_context& ioc, Stream& stream,
                             const http::request<http::string_body>& req,
                             const std::string& where,
                             std::chrono::milliseconds timeout) {
  std::optional<beast::error_code> done;
  http::async_write(stream, req,
                    [&done](beast::error_code ec, size_t) { done = ec; });
  beast::error_code ec = RunOne(ioc, done);
  if (ec) {
    return Unavailable("sending the request to " + where +
                       " failed: " + Describe(ec, timeout));
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxResponseBytes);
  done.reset();
  http::async_read(stream, buffer, parser,
                   [&done](beast::error_code e, size_t) { done = e; });
  ec = RunOne(ioc, done);
  if (ec) {
    return Unavailable("reading the response from " + where +
                       " failed: " + Describe(ec, timeout));
  }
  const auto& res = parser.get();
  HttpReply reply;
  reply.status = static_cast<int>(res.result_int());
  reply.body = res.body();
  if (auto it = res.find(http::field::retry_after); it != res.end()) {
    reply.retry_after = std::string(it->value());
  }
  return reply;
}

}  // namespace

StatusOr<BaseUrl> ParseBaseUrl(std::string_view url, std::string_view what) {
  const std::string name(what);
  BaseUrl out;
  std::string_view rest;
  if (url.substr(0, 7) == "http://") {
    rest = url.substr(7);
    out.port = "80";
  } else if (url.substr(0, 8) == "https://") {
    rest = url.substr(8);
    out.tls = true;
    out.port = "443";
  } else {
    return InvalidArgument(name +
                           " must start with http:// or https:// (got \"" +
                           std::string(url) + "\")");
  }
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  out.path = slash == std::string_view::npos ? "" : rest.substr(slash);
  while (!out.path.empty() && out.path.back() == '/') out.path.pop_back();
  if (authority.empty() || authority.find('@') != std::string_view::npos ||
      out.path.find_first_of("?# ") != std::string::npos) {
    return InvalidArgument(name + " must be http(s)://host[:port][/path]");
  }
  std::string_view port;
  if (authority.front() == '[') {  // [::1]:9000
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return InvalidArgument(name + " has a bad IPv6 host");
    }
    out.host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return InvalidArgument(name + " has a bad port");
      }
      port = after.substr(1);
    }
  } else {
    const size_t colon = authority.find(':');
    out.host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (!port.empty()) {
    if (port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoi(std::string(port)) == 0 ||
        std::stoi(std::string(port)) > 65535) {
      return InvalidArgument(name + " has a bad port");
    }
    out.port = port;
  }
  if (out.host.empty()) {
    return InvalidArgument(name + " has no host");
  }
  return out;
}

StatusOr<HttpReply> HttpPost(
    const BaseUrl& url, std::string_view path,
    const std::vector<std::pair<std::string, std::string>>& headers,
    std::string_view body, std::chrono::milliseconds timeout,
    const std::string& ca_file) {
  const Clock::time_point deadline = Clock::now() + timeout;
  const std::string where = url.host + ":" + url.port;
  try {
    net::io_context ioc;
    tcp::resolver resolver(ioc);
    tcp::resolver::results_type endpoints;
    std::optional<beast::error_code> resolved;
    resolver.async_resolve(
        url.host, url.port,
        [&](beast::error_code ec, tcp::resolver::results_type r) {
          resolved = ec;
          endpoints = std::move(r);
        });
    ioc.run_until(deadline);
    if (!resolved) {
      resolver.cancel();
      ioc.restart();
      ioc.run();
      return Unavailable("resolving " + url.host + " timed out");
    }
    if (*resolved) {
      return Unavailable("cannot resolve " + url.host + ": " +
                         resolved->message());
    }

    http::request<http::string_body> req{http::verb::post,
                                         url.path + std::string(path), 11};
    const bool default_port = url.port == (url.tls ? "443" : "80");
    req.set(http::field::host, default_port ? url.host : where);
    req.set(http::field::user_agent, "salescopilot");
    req.set(http::field::accept, "application/json");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.keep_alive(false);
    req.body() = std::string(body);
    req.prepare_payload();

    std::optional<beast::error_code> done;
    auto on_done = [&done](beast::error_code ec, auto&&...) { done = ec; };
    if (!url.tls) {
      beast::tcp_stream stream(ioc);
      stream.expires_at(deadline);
      stream.async_connect(endpoints, on_done);
      if (beast::error_code ec = RunOne(ioc, done)) {
        return Unavailable("cannot connect to " + where + ": " +
                           Describe(ec, timeout));
      }
      return Exchange(ioc, stream, req, where, timeout);
    }

    ssl::context ctx(ssl::context::tls_client);
    ctx.set_verify_mode(ssl::verify_peer);
    beast::error_code ec;
    if (ca_file.empty()) {
      ctx.set_default_verify_paths(ec);
    } else {
      ctx.load_verify_file(ca_file, ec);
    }
    if (ec) {
      return Unavailable("cannot load trusted certificates: " + ec.message());
    }
    beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
    // SNI, and a certificate that must name the host we asked for.
    if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str())) {
      return Unavailable("cannot set the TLS server name for " + url.host);
    }
    stream.set_verify_callback(ssl::host_name_verification(url.host));
    beast::get_lowest_layer(stream).expires_at(deadline);
    beast::get_lowest_layer(stream).async_connect(endpoints, on_done);
    if ((ec = RunOne(ioc, done))) {
      return Unavailable("cannot connect to " + where + ": " +
                         Describe(ec, timeout));
    }
    done.reset();
    stream.async_handshake(ssl::stream_base::client, on_done);
    if ((ec = RunOne(ioc, done))) {
      return Unavailable("TLS handshake with " + where +
                         " failed: " + Describe(ec, timeout));
    }
    return Exchange(ioc, stream, req, where, timeout);
  } catch (const std::exception& e) {
    // Asio reports some setup failures (an unusable TLS context, no file
    // descriptors) by exception; they stop here.
    return Unavailable(std::string("HTTP client error: ") + e.what());
  }
}

namespace {

bool Retryable(int status) { return status == 429 || status >= 500; }

// Retry-After in seconds (the HTTP-date form is not used by these servers
// and is ignored).
std::optional<std::chrono::milliseconds> RetryAfter(const std::string& header) {
  if (header.empty() || header.size() > 6 ||
      header.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(std::stoll(header) * 1000);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ApiHeaders(
    std::string content_type, const std::string& api_key) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"Content-Type", std::move(content_type)}};
  if (!api_key.empty()) h.emplace_back("Authorization", "Bearer " + api_key);
  return h;
}

StatusOr<HttpReply> PostWithRetries(
    const BaseUrl& url, std::string_view path,
    const std::vector<std::pair<std::string, std::string>>& headers,
    std::string_view body, std::chrono::milliseconds timeout,
    const std::string& ca_file, const RetryPolicy& policy, int* attempts) {
  using std::chrono::milliseconds;
  milliseconds backoff = policy.initial_backoff;
  for (int attempt = 1;; ++attempt) {
    if (attempts != nullptr) *attempts = attempt;
    SC_ASSIGN_OR_RETURN(HttpReply reply,
                        HttpPost(url, path, headers, body, timeout, ca_file));
    if (!Retryable(reply.status) || attempt > policy.max_retries) {
      return reply;
    }
    const milliseconds wait = std::min(
        RetryAfter(reply.retry_after).value_or(backoff), policy.max_backoff);
    LogWarn(policy.log_event,
            {F("http_status", reply.status), F("attempt", attempt),
             F("backoff_ms", static_cast<int64_t>(wait.count()))});
    if (policy.sleep) {
      policy.sleep(wait);
    } else {
      std::this_thread::sleep_for(wait);
    }
    backoff = std::min(backoff * 2, policy.max_backoff);
  }
}

}  // namespace sc::net
