// Boost.Beast: a small synchronous-per-connection server, after Beast's
// http_server_async example, reduced to what tools need.
#include "server/local_http_server.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <thread>

#include "core/log.h"

namespace sc::server {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct LocalHttpServer::Impl {
  Handler handler;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::thread thread;
  int port = 0;
  bool stopped = false;

  void Accept();
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, LocalHttpServer::Impl& server)
      : stream_(std::move(socket)), server_(server) {}

  void Read() {
    parser_.emplace();
    parser_->body_limit(1 << 20);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return;
                       self->Handle();
                     });
  }

 private:
  void Handle() {
    http::request<http::string_body> req = parser_->release();
    HttpRequest r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    const size_t q = r.target.find('?');
    r.path = r.target.substr(0, q);
    r.query = ParseQuery(q == std::string::npos
                             ? std::string_view()
                             : std::string_view(r.target).substr(q + 1));
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (char& c : name) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      r.headers[name] = std::string(field.value());
    }
    r.body = std::move(req.body());
    HttpResponse resp = server_.handler(r);
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(resp.status), req.version());
    res->set(http::field::content_type, resp.content_type);
    for (const auto& [k, v] : resp.headers) res->set(k, v);
    const bool keep_alive = req.keep_alive();
    res->keep_alive(keep_alive);
    res->body() = std::move(resp.body);
    res->prepare_payload();
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res, keep_alive](
                          beast::error_code ec, size_t) {
                        if (ec || !keep_alive) {
                          beast::error_code ignored;
                          self->stream_.socket().shutdown(
                              tcp::socket::shutdown_both, ignored);
                          return;
                        }
                        self->Read();
                      });
  }

  beast::tcp_stream stream_;
  LocalHttpServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

void LocalHttpServer::Impl::Accept() {
  acceptor.async_accept(
      net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (ec) return;  // Closed by Stop(), or a transient failure.
        std::make_shared<Session>(std::move(socket), *this)->Read();
        Accept();
      });
}

LocalHttpServer::LocalHttpServer(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

LocalHttpServer::~LocalHttpServer() { Stop(); }

StatusOr<std::unique_ptr<LocalHttpServer>> LocalHttpServer::Start(
    const std::string& address, int port, Handler handler) {
  auto impl = std::make_unique<Impl>();
  impl->handler = std::move(handler);
  beast::error_code ec;
  auto ip = net::ip::make_address(address, ec);
  if (ec) return InvalidArgument("bad listen address: " + address);
  tcp::endpoint endpoint(ip, static_cast<unsigned short>(port));
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Unavailable("cannot listen on " + address + ":" +
                       std::to_string(port) + ": " + ec.message());
  }
  impl->port = impl->acceptor.local_endpoint().port();
  impl->Accept();
  impl->thread = std::thread([io = &impl->ioc] { io->run(); });
  return std::unique_ptr<LocalHttpServer>(new LocalHttpServer(std::move(impl)));
}

int LocalHttpServer::port() const { return impl_->port; }

void LocalHttpServer::Stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace sc::server
