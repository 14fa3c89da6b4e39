// The one Boost.Beast translation unit of the Twilio REST client.
#include "telephony/twilio/http_transport.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <exception>
#include <optional>

namespace sc::twilio {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() &&
        std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return v;
    }
  }
  return "";
}

struct HttpTransport::Impl {
  HttpTransportOptions options;
  ssl::context tls{ssl::context::tls_client};
};

namespace {

std::string Describe(std::string_view step, const HttpUrl& url,
                     const beast::error_code& ec) {
  std::string what =
      ec == beast::error::timeout ? std::string("timed out") : ec.message();
  return std::string(step) + " " + url.Origin() + " failed: " + what;
}

// Runs the io_context until `done` or the deadline; on the deadline calls
// `cancel` and drains the cancelled operation. Returns false on timeout.
template <typename Cancel>
bool RunUntil(net::io_context& ioc, const bool& done,
              Clock::time_point deadline, Cancel cancel) {
  ioc.restart();
  auto now = Clock::now();
  if (now < deadline) ioc.run_for(deadline - now);
  if (done) return true;
  cancel();
  ioc.restart();
  ioc.run();
  return false;
}

template <typename Stream>
HttpResult Exchange(net::io_context& ioc, Stream& stream,
                    const HttpRequest& request, size_t body_limit) {
  HttpResult result;
  result.delivery = Delivery::kMaybeSent;
  http::request<http::string_body> req;
  req.method_string(request.method);
  req.target(request.url.target);
  req.version(11);
  const bool default_port =
      (request.url.scheme == UrlScheme::kHttps && request.url.port == "443") ||
      (request.url.scheme == UrlScheme::kHttp && request.url.port == "80");
  req.set(http::field::host, default_port
                                 ? request.url.host
                                 : request.url.host + ":" + request.url.port);
  for (const auto& [k, v] : request.headers) req.insert(k, v);
  req.set(http::field::connection, "close");
  if (!request.body.empty() || request.method == "POST") {
    req.body() = request.body;
    req.prepare_payload();
  }

  beast::error_code ec;
  http::async_write(stream, req, [&](beast::error_code e, size_t) { ec = e; });
  ioc.restart();
  ioc.run();
  if (ec) {
    result.status = Unavailable(Describe("sending to", request.url, ec));
    return result;
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(body_limit);
  parser.header_limit(64 * 1024);
  http::async_read(stream, buffer, parser,
                   [&](beast::error_code e, size_t) { ec = e; });
  ioc.restart();
  ioc.run();
  if (ec == http::error::body_limit) {
    result.status = ResourceExhausted("response from " + request.url.Origin() +
                                      " is larger than the configured limit");
    return result;
  }
  if (ec) {
    result.status = Unavailable(Describe("reading from", request.url, ec));
    return result;
  }
  auto& res = parser.get();
  result.response.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    result.response.headers.emplace_back(std::string(field.name_string()),
                                         std::string(field.value()));
  }
  result.response.body = std::move(res.body());
  return result;
}

}  // namespace

HttpTransport::HttpTransport(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
HttpTransport::~HttpTransport() = default;

StatusOr<std::unique_ptr<HttpTransport>> HttpTransport::Create(
    const HttpTransportOptions& options) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    beast::error_code ec;
    impl->tls.set_default_verify_paths(ec);
    if (ec)
      return Internal("cannot load the system trust store: " + ec.message());
    if (!options.ca_file.empty()) {
      impl->tls.load_verify_file(options.ca_file, ec);
      if (ec) {
        return InvalidArgument("cannot load CA file " + options.ca_file + ": " +
                               ec.message());
      }
    }
    impl->tls.set_verify_mode(ssl::verify_peer);
    SSL_CTX_set_min_proto_version(impl->tls.native_handle(), TLS1_2_VERSION);
    return std::unique_ptr<HttpTransport>(new HttpTransport(std::move(impl)));
  } catch (const std::exception& e) {
    return Internal(std::string("cannot set up TLS: ") + e.what());
  }
}

HttpResult HttpTransport::Send(const HttpRequest& request,
                               std::chrono::milliseconds timeout) const {
  const Clock::time_point deadline = Clock::now() + timeout;
  const HttpUrl& url = request.url;
  HttpResult result;
  try {
    net::io_context ioc;
    tcp::resolver resolver(ioc);
    bool resolved = false;
    beast::error_code ec;
    tcp::resolver::results_type endpoints;
    resolver.async_resolve(
        url.host, url.port,
        [&](beast::error_code e, tcp::resolver::results_type r) {
          ec = e;
          endpoints = std::move(r);
          resolved = true;
        });
    if (!RunUntil(ioc, resolved, deadline, [&] { resolver.cancel(); })) {
      ec = beast::error::timeout;
    }
    if (ec) {
      result.status = Unavailable(Describe("resolving", url, ec));
      return result;
    }

    auto connect = [&](beast::tcp_stream& lowest) {
      lowest.expires_at(deadline);
      lowest.async_connect(endpoints, [&](beast::error_code e,
                                          const tcp::endpoint&) { ec = e; });
      ioc.restart();
      ioc.run();
      return !ec;
    };

    if (url.scheme == UrlScheme::kHttp) {
      beast::tcp_stream stream(ioc);
      if (!connect(stream)) {
        result.status = Unavailable(Describe("connecting to", url, ec));
        return result;
      }
      result =
          Exchange(ioc, stream, request, impl_->options.max_response_bytes);
      stream.socket().shutdown(tcp::socket::shutdown_both, ec);
      return result;
    }

    beast::ssl_stream<beast::tcp_stream> stream(ioc, impl_->tls);
    // SNI, and the name the certificate must carry.
    if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str())) {
      result.status = Internal("cannot set TLS server name");
      return result;
    }
    stream.set_verify_callback(ssl::host_name_verification(url.host));
    if (!connect(beast::get_lowest_layer(stream))) {
      result.status = Unavailable(Describe("connecting to", url, ec));
      return result;
    }
    stream.async_handshake(ssl::stream_base::client,
                           [&](beast::error_code e) { ec = e; });
    ioc.restart();
    ioc.run();
    if (ec) {
      result.status = Unavailable(Describe("TLS handshake with", url, ec));
      return result;
    }
    result = Exchange(ioc, stream, request, impl_->options.max_response_bytes);
    // No TLS close_notify exchange: the response is complete (framed by
    // Content-Length or chunking) and the connection is not reused.
    beast::get_lowest_layer(stream).close();
    return result;
  } catch (const std::exception& e) {
    result.status = Internal(std::string("HTTP client failure: ") + e.what());
    result.delivery = Delivery::kMaybeSent;
    return result;
  }
}

}  // namespace sc::twilio
