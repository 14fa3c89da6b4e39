// A minimal HTTP/1.1 server around one handler function, for tools and
// tests: `simulate --twilio` serves its stand-in for Twilio's REST API and
// media host with it. Not the product server (server.h): no WebSockets, no
// limits beyond a 1 MiB request body and a 30 s idle timeout per
// connection.
//
//   SC_ASSIGN_OR_RETURN(auto http, LocalHttpServer::Start(
//       "127.0.0.1", 0, [](const HttpRequest& r) { return HttpResponse{}; }));
//   ... http->port() ...
//   http->Stop();
//
// Requests are parsed into HttpRequest (routes.h): lower-case header names,
// path without the query, query decoded, target byte for byte.
//
// Thread-safety: the handler runs on the server's one network thread, one
// request at a time. Start/Stop from one thread; port() from any.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "server/routes.h"

namespace sc::server {

class LocalHttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // Binds `address`:`port` (0: any free port). Unavailable when the port
  // cannot be bound.
  static StatusOr<std::unique_ptr<LocalHttpServer>> Start(
      const std::string& address, int port, Handler handler);
  ~LocalHttpServer();  // Calls Stop().
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  int port() const;
  // Closes the listener and every connection, and joins the thread.
  // Idempotent.
  void Stop();

  struct Impl;

 private:
  explicit LocalHttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::server
