#include "server/ws_client.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>

namespace sc::server {
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

StatusOr<ParsedUrl> ParseWsUrl(std::string_view url) {
  ParsedUrl out;
  std::string_view rest;
  std::string default_port;
  for (auto [scheme, port] :
       {std::pair{"ws://", "80"}, std::pair{"http://", "80"}}) {
    if (url.rfind(scheme, 0) == 0) {
      rest = url.substr(std::string_view(scheme).size());
      default_port = port;
    }
  }
  if (default_port.empty()) {
    return InvalidArgument("URL must start with ws:// or http:// (got '" +
                           std::string(url) + "')");
  }
  size_t slash = rest.find('/');
  std::string_view hostport = rest.substr(0, slash);
  out.target =
      slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  size_t colon = hostport.rfind(':');
  if (colon == std::string_view::npos) {
    out.host = std::string(hostport);
    out.port = default_port;
  } else {
    out.host = std::string(hostport.substr(0, colon));
    out.port = std::string(hostport.substr(colon + 1));
  }
  if (out.host.empty()) return InvalidArgument("URL has no host");
  return out;
}

struct WsClient::Impl {
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  // A read that timed out stays pending and is picked up by the next Read:
  // cancelling it would fail the stream (Beast marks a websocket stream
  // failed on any error, operation_aborted included), so every later read
  // would return nothing.
  bool reading = false;
  bool read_done = false;
  beast::error_code read_result;
};

WsClient::WsClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WsClient::~WsClient() = default;

StatusOr<std::unique_ptr<WsClient>> WsClient::Connect(
    std::string_view url, const std::map<std::string, std::string>& headers,
    std::chrono::milliseconds timeout) {
  SC_ASSIGN_OR_RETURN(ParsedUrl u, ParseWsUrl(url));
  auto impl = std::make_unique<Impl>();
  beast::error_code ec;
  tcp::resolver resolver(impl->ioc);
  auto results = resolver.resolve(u.host, u.port, ec);
  if (ec) return Unavailable("cannot resolve " + u.host + ": " + ec.message());
  beast::get_lowest_layer(impl->ws).expires_after(timeout);
  beast::get_lowest_layer(impl->ws).connect(results, ec);
  if (ec)
    return Unavailable("cannot connect to " + u.host + ":" + u.port + ": " +
                       ec.message());
  impl->ws.set_option(websocket::stream_base::decorator(
      [headers](websocket::request_type& req) {
        for (const auto& [k, v] : headers) req.set(k, v);
      }));
  impl->ws.read_message_max(64 << 20);
  impl->ws.handshake(u.host + ":" + u.port, u.target, ec);
  if (ec)
    return Unavailable("WebSocket handshake with " + std::string(url) +
                       " failed: " + ec.message());
  beast::get_lowest_layer(impl->ws).expires_never();
  return std::unique_ptr<WsClient>(new WsClient(std::move(impl)));
}

Status WsClient::SendText(std::string_view text) {
  beast::error_code ec;
  impl_->ws.text(true);
  impl_->ws.write(net::buffer(text.data(), text.size()), ec);
  if (ec) return Unavailable("send failed: " + ec.message());
  return Status::Ok();
}

Status WsClient::SendBinary(std::string_view bytes) {
  beast::error_code ec;
  impl_->ws.binary(true);
  impl_->ws.write(net::buffer(bytes.data(), bytes.size()), ec);
  impl_->ws.text(true);
  if (ec) return Unavailable("send failed: " + ec.message());
  return Status::Ok();
}

StatusOr<std::optional<std::string>> WsClient::Read(
    std::chrono::milliseconds timeout) {
  Impl* impl = impl_.get();
  if (!impl->reading) {
    impl->reading = true;
    impl->read_done = false;
    impl->ws.async_read(impl->buffer, [impl](beast::error_code ec, size_t) {
      impl->read_result = ec;
      impl->read_done = true;
    });
  }
  impl->ioc.restart();
  impl->ioc.run_for(timeout);
  if (!impl->read_done) return std::optional<std::string>();  // Still pending.
  impl->reading = false;
  const beast::error_code result = impl->read_result;
  if (result) {
    if (result == websocket::error::closed) {
      auto reason = impl->ws.reason();
      return Unavailable(
          "closed by peer: " + std::to_string(reason.code) + " " +
          std::string(reason.reason.data(), reason.reason.size()));
    }
    return Unavailable("read failed: " + result.message());
  }
  std::string msg = beast::buffers_to_string(impl->buffer.data());
  impl->buffer.consume(impl->buffer.size());
  return std::optional<std::string>(std::move(msg));
}

Status WsClient::Close() {
  beast::error_code ec;
  beast::get_lowest_layer(impl_->ws).expires_after(std::chrono::seconds(5));
  if (!impl_->reading) {
    impl_->ws.close(websocket::close_code::normal, ec);
  } else {
    // A read is pending: close asynchronously; the pending read consumes the
    // peer's close frame (and finishes with `closed`).
    impl_->ws.async_close(websocket::close_code::normal,
                          [&ec](beast::error_code e) { ec = e; });
    impl_->ioc.restart();
    impl_->ioc.run_for(std::chrono::seconds(6));
    impl_->reading = false;
  }
  if (ec && ec != websocket::error::closed)
    return Unavailable("close failed: " + ec.message());
  return Status::Ok();
}

void WsClient::Abort() {
  beast::error_code ignored;
  beast::get_lowest_layer(impl_->ws).socket().shutdown(
      tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(impl_->ws).socket().close(ignored);
}

StatusOr<HttpResult> HttpGet(std::string_view url,
                             std::chrono::milliseconds timeout) {
  return HttpSend("GET", url, {}, {}, timeout);
}

StatusOr<HttpResult> HttpSend(std::string_view method, std::string_view url,
                              const std::map<std::string, std::string>& headers,
                              std::string_view body,
                              std::chrono::milliseconds timeout) {
  SC_ASSIGN_OR_RETURN(ParsedUrl u, ParseWsUrl(url));
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  tcp::resolver resolver(ioc);
  beast::error_code ec;
  auto results = resolver.resolve(u.host, u.port, ec);
  if (ec) return Unavailable("cannot resolve " + u.host);
  stream.expires_after(timeout);
  stream.connect(results, ec);
  if (ec) return Unavailable("cannot connect: " + ec.message());
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(u.target);
  req.version(11);
  req.set(http::field::host, u.host + ":" + u.port);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = std::string(body);
  if (!body.empty() || method == "POST") req.prepare_payload();
  http::write(stream, req, ec);
  if (ec) return Unavailable("write failed: " + ec.message());
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res, ec);
  if (ec) return Unavailable("read failed: " + ec.message());
  return HttpResult{static_cast<int>(res.result_int()), res.body(),
                    std::string(res[http::field::content_type])};
}

}  // namespace sc::server
