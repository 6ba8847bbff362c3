#pragma once
// A small HTTP/1.1 server on 127.0.0.1 for the external-link tests: fixed routes, one request per
// connection, and a record of every request it was sent.
//
//   /ok        200              /missing   404
//   /redirect  301 to /ok       /loop      302 to itself
//   /busy      429 with Retry-After: 1 the first time, 200 after
//   /slow      answers only after 3 s (or when the server stops)
//   /no-head   405 to HEAD, 200 to GET
//   /pause/... 200 after 200 ms (to watch how many requests run at once)
//   anything else 404
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace opskit::test {

class HttpServer {
 public:
  using Clock = std::chrono::steady_clock;
  struct Request {
    std::string method, path;  // path without the query
    Clock::time_point at;
  };

  HttpServer();   // listens on a free port; serves from a background thread
  ~HttpServer();  // stops, ends the pending answers, joins every thread
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path) const;  // "http://127.0.0.1:<port>" + path

  std::vector<Request> requests() const;
  std::size_t count() const;                         // every request so far
  std::size_t count(const std::string& path) const;  // those for one path
  int max_in_flight() const { return max_in_flight_; }

 private:
  void accept_loop();
  void serve(int fd);
  bool sleep_unless_stopped(std::chrono::milliseconds how_long);

  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> in_flight_{0}, max_in_flight_{0};
  mutable std::mutex mutex_;
  std::condition_variable stop_cv_;
  std::vector<Request> requests_;
  std::vector<std::thread> connections_;
  std::thread acceptor_;
};

}  // namespace opskit::test
