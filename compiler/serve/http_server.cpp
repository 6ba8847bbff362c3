#include "serve/http_server.hpp"

#include <httplib.h>

#include <chrono>

#include "serve/page_injection.hpp"
#include "serve/request_path.hpp"

namespace opskit::serve {

namespace {

constexpr std::chrono::milliseconds kKeepAliveEvery{15000};  // a comment line; a closed tab fails the write

void send_file(const httplib::Request& req, httplib::Response& res, const ServedFile& file, int status,
               std::uint64_t generation) {
  res.status = status;
  // A page carries its build's generation in the reload script: its ETag does too.
  std::string etag = file.html ? file.etag.substr(0, file.etag.size() - 1) + "-" + std::to_string(generation) + "\""
                               : file.etag;
  res.set_header("ETag", etag);
  // Always revalidate: the next build may change any file, and a 304 costs little.
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  if (status == 200 && etag_matches(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return;
  }
  if (file.html) res.set_content(with_reload_script(file.bytes, generation), file.content_type.c_str());
  else res.set_content(file.bytes, file.content_type.c_str());
}

void not_found(const httplib::Request& req, httplib::Response& res, const SiteSnapshot& site) {
  auto page = site.files->find("404.html");
  if (page != site.files->end()) return send_file(req, res, *page->second, 404, site.generation);
  res.status = 404;
  res.set_content("404 not found\n", "text/plain; charset=utf-8");
}

}  // namespace

struct HttpServer::Impl {
  std::function<std::shared_ptr<const SiteSnapshot>()> current;
  ReloadChannel& channel;
  httplib::Server server;

  Impl(std::function<std::shared_ptr<const SiteSnapshot>()> c, ReloadChannel& ch) : current(std::move(c)), channel(ch) {}

  void serve_file(const httplib::Request& req, httplib::Response& res) const {
    auto site = current();
    auto key = site_key_for_target(req.target);
    if (!key) return not_found(req, res, *site);
    auto file = site->files->find(*key);
    if (file != site->files->end()) return send_file(req, res, *file->second, 200, site->generation);
    if (!site->built) {
      // Nothing was ever built: every page is the one that shows why, and reloads when fixed.
      res.status = 503;
      res.set_header("Cache-Control", "no-store");
      res.set_content(site->fallback, "text/html; charset=utf-8");
      return;
    }
    // "/runbooks" for the folder "/runbooks/": its relative links need the slash.
    if (site->files->count(*key + "/index.html")) {
      auto path = req.target.substr(0, req.target.find_first_of("?#"));
      res.set_redirect(path + "/", 301);
      return;
    }
    not_found(req, res, *site);
  }

  void events(httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    auto seen = std::make_shared<std::uint64_t>(0);  // 0: the first message says which build is out
    res.set_chunked_content_provider("text/event-stream", [this, seen](std::size_t, httplib::DataSink& sink) {
      auto generation = channel.wait(*seen, kKeepAliveEvery);
      if (!generation) {
        sink.done();
        return true;
      }
      std::string message = ": keep-alive\n\n";
      if (*generation != *seen) {
        message = "retry: 1000\nevent: build\ndata: " + std::to_string(*generation) + "\n\n";
        *seen = *generation;
      }
      return sink.write(message.data(), message.size());
    });
  }
};

HttpServer::HttpServer(std::function<std::shared_ptr<const SiteSnapshot>()> current, ReloadChannel& channel)
    : impl_(std::make_unique<Impl>(std::move(current), channel)) {
  auto& svr = impl_->server;
  // Every event stream holds a thread: more of them than httplib's default (the cores, at least
  // 8), and short timeouts, so that idle connections cannot starve the others.
  svr.new_task_queue = [] { return new httplib::ThreadPool(64); };
  svr.set_read_timeout(5, 0);
  svr.set_write_timeout(5, 0);
  svr.set_keep_alive_timeout(2);
  // The reload event is a few small writes: without this, Nagle's algorithm holds the last of
  // them until the browser's delayed ACK (up to 40 ms on Linux) before the page hears of a build.
  svr.set_tcp_nodelay(true);
  svr.set_payload_max_length(64 * 1024);  // nothing here takes a body
  Impl* impl = impl_.get();
  svr.Get("/__opskit/events", [impl](const httplib::Request&, httplib::Response& res) { impl->events(res); });
  svr.Get("/__opskit/problems", [impl](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content(impl->current()->problems_json, "application/json; charset=utf-8");
  });
  svr.Get(".*", [impl](const httplib::Request& req, httplib::Response& res) { impl->serve_file(req, res); });
}

HttpServer::~HttpServer() = default;

int HttpServer::bind(const std::string& host, int port) {
  if (port == 0) return impl_->server.bind_to_any_port(host);
  return impl_->server.bind_to_port(host, port) ? port : -1;
}

bool HttpServer::run() { return impl_->server.listen_after_bind(); }

void HttpServer::stop() { impl_->server.stop(); }

}  // namespace opskit::serve
