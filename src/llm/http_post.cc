// The one file that knows Boost.Beast and OpenSSL: a single HTTP(S) POST per
// connection, with one deadline over all of it.
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

#include "llm/openai_wire.h"

namespace sc::llm::internal {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr size_t kMaxResponseBytes = 8 << 20;

// Starts one asynchronous operation and runs the io_context until it
// completes or `deadline` passes. On timeout `cancel` closes the socket (or
// cancels the resolver) and the aborted handler is drained, so nothing is
// left pending; the result is then net::error::timed_out.
template <typename Start, typename Cancel>
beast::error_code RunUntil(net::io_context& ioc, Clock::time_point deadline,
                           Start start, Cancel cancel) {
  std::optional<beast::error_code> result;
  start([&result](beast::error_code ec, auto&&...) { result = ec; });
  ioc.restart();
  ioc.run_until(deadline);
  if (result) return *result;
  cancel();
  ioc.restart();
  ioc.run();
  return net::error::timed_out;
}

std::string Describe(const beast::error_code& ec) {
  if (ec == net::error::timed_out) return "timed out";
  return ec.message();
}

template <typename Stream>
StatusOr<HttpReply> Exchange(net::io_context& ioc, Stream& stream,
                             tcp::socket& socket, Clock::time_point deadline,
                             const http::request<http::string_body>& req,
                             std::chrono::milliseconds timeout) {
  auto close = [&socket] {
    beast::error_code ignored;
    socket.close(ignored);
  };
  beast::error_code ec = RunUntil(
      ioc, deadline,
      [&](auto handler) { http::async_write(stream, req, handler); }, close);
  if (ec == net::error::timed_out) {
    return Unavailable("request timed out after " +
                       std::to_string(timeout.count()) + " ms");
  }
  if (ec) return Unavailable("sending the request failed: " + Describe(ec));
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxResponseBytes);
  ec = RunUntil(
      ioc, deadline,
      [&](auto handler) { http::async_read(stream, buffer, parser, handler); },
      close);
  if (ec == net::error::timed_out) {
    return Unavailable("request timed out after " +
                       std::to_string(timeout.count()) +
                       " ms waiting for the response");
  }
  if (ec) return Unavailable("reading the response failed: " + Describe(ec));
  const auto& res = parser.get();
  HttpReply reply;
  reply.status = static_cast<int>(res.result_int());
  reply.body = res.body();
  if (auto it = res.find(http::field::retry_after); it != res.end()) {
    reply.retry_after = std::string(it->value());
  }
  close();
  return reply;
}

}  // namespace

StatusOr<HttpReply> HttpPost(
    const BaseUrl& url, std::string_view path,
    const std::vector<std::pair<std::string, std::string>>& headers,
    std::string_view body, std::chrono::milliseconds timeout,
    const std::string& ca_file) {
  const Clock::time_point deadline = Clock::now() + timeout;
  const std::string where = url.host + ":" + url.port;
  net::io_context ioc;

  tcp::resolver resolver(ioc);
  tcp::resolver::results_type endpoints;
  std::optional<beast::error_code> resolved;
  beast::error_code ec = RunUntil(
      ioc, deadline,
      [&](auto handler) {
        resolver.async_resolve(
            url.host, url.port,
            [&endpoints, handler](beast::error_code e,
                                  tcp::resolver::results_type r) mutable {
              endpoints = std::move(r);
              handler(e);
            });
      },
      [&resolver] { resolver.cancel(); });
  if (ec == net::error::timed_out) {
    return Unavailable("resolving " + url.host + " timed out");
  }
  if (ec)
    return Unavailable("cannot resolve " + url.host + ": " + ec.message());

  http::request<http::string_body> req{http::verb::post,
                                       url.path + std::string(path), 11};
  const bool default_port = url.port == (url.tls ? "443" : "80");
  req.set(http::field::host, default_port ? url.host : where);
  req.set(http::field::user_agent, "salescopilot");
  req.set(http::field::content_type, "application/json");
  req.set(http::field::accept, "application/json");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.keep_alive(false);
  req.body() = std::string(body);
  req.prepare_payload();

  try {
    if (!url.tls) {
      beast::tcp_stream stream(ioc);
      tcp::socket& socket = stream.socket();
      ec = RunUntil(
          ioc, deadline,
          [&](auto handler) { stream.async_connect(endpoints, handler); },
          [&socket] {
            beast::error_code ignored;
            socket.close(ignored);
          });
      if (ec) {
        return Unavailable("cannot connect to " + where + ": " + Describe(ec));
      }
      return Exchange(ioc, stream, socket, deadline, req, timeout);
    }

    ssl::context ctx(ssl::context::tls_client);
    ctx.set_verify_mode(ssl::verify_peer);
    if (ca_file.empty()) {
      ctx.set_default_verify_paths(ec);
    } else {
      ctx.load_verify_file(ca_file, ec);
    }
    if (ec) {
      return Unavailable(
          "cannot load trusted certificates" +
          (ca_file.empty() ? std::string() : " from " + ca_file) + ": " +
          ec.message());
    }
    beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
    tcp::socket& socket = beast::get_lowest_layer(stream).socket();
    // SNI, and a certificate that must name the host we asked for.
    if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str())) {
      return Unavailable("cannot set the TLS server name for " + url.host);
    }
    stream.set_verify_callback(ssl::host_name_verification(url.host));
    auto close = [&socket] {
      beast::error_code ignored;
      socket.close(ignored);
    };
    ec = RunUntil(
        ioc, deadline,
        [&](auto handler) {
          beast::get_lowest_layer(stream).async_connect(endpoints, handler);
        },
        close);
    if (ec) {
      return Unavailable("cannot connect to " + where + ": " + Describe(ec));
    }
    ec = RunUntil(
        ioc, deadline,
        [&](auto handler) {
          stream.async_handshake(ssl::stream_base::client, handler);
        },
        close);
    if (ec) {
      return Unavailable("TLS handshake with " + where +
                         " failed: " + Describe(ec));
    }
    return Exchange(ioc, stream, socket, deadline, req, timeout);
  } catch (const std::exception& e) {
    // Asio reports some setup failures (e.g. an unusable TLS context) by
    // exception; they stop here.
    return Unavailable(std::string("HTTP client error: ") + e.what());
  }
}

}  // namespace sc::llm::internal
