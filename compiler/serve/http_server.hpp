#pragma once
// The HTTP side of `opskit serve`: the files of the current build (exact keys only), the
// build's problems as JSON, and a server-sent-events stream that announces each new build.
#include <functional>
#include <memory>
#include <string>

#include "serve/live_site.hpp"
#include "serve/reload_channel.hpp"

namespace opskit::serve {

class HttpServer {
 public:
  HttpServer(std::function<std::shared_ptr<const SiteSnapshot>()> current, ReloadChannel& channel);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds host:port (port 0: any free one); the port bound, or -1.
  int bind(const std::string& host, int port);
  // Answers requests until stop(); false when it could not.
  bool run();
  // From any thread; close the channel first, so that event streams end.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace opskit::serve
