#include "test_http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace opskit::test {

namespace {

struct Answer {
  int status = 200;
  std::string reason = "OK";
  std::string headers;  // extra header lines, each ending in \r\n
};

void send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the client gave up (a timeout test): nothing to do
    sent += static_cast<std::size_t>(n);
  }
}

// Reads up to the end of the request head; "" when the client closes or stays silent for 2 s.
std::string read_head(int fd) {
  std::string head;
  char buffer[2048];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < 65536) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) return {};
    auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return {};
    head.append(buffer, static_cast<std::size_t>(n));
  }
  return head;
}

}  // namespace

HttpServer::HttpServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0 || ::pipe(wake_pipe_) != 0) throw std::runtime_error("test server: no socket");
  int yes = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;  // the kernel picks a free port
  socklen_t length = sizeof address;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listen_fd_, 64) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    throw std::runtime_error("test server: cannot listen on 127.0.0.1");
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

HttpServer::~HttpServer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  char byte = 0;
  [[maybe_unused]] auto ignored = ::write(wake_pipe_[1], &byte, 1);
  acceptor_.join();
  // The acceptor has ended, so nobody adds to connections_ any more.
  for (auto& t : connections_) t.join();
  ::close(listen_fd_);
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
}

std::string HttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<HttpServer::Request> HttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t HttpServer::count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

std::size_t HttpServer::count(const std::string& path) const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(
      std::count_if(requests_.begin(), requests_.end(), [&](const Request& r) { return r.path == path; }));
}

void HttpServer::accept_loop() {
  for (;;) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) continue;
    if (fds[1].revents || stopping_) return;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard lock(mutex_);
    connections_.emplace_back([this, fd] {
      serve(fd);
      ::close(fd);
    });
  }
}

bool HttpServer::sleep_unless_stopped(std::chrono::milliseconds how_long) {
  std::unique_lock lock(mutex_);
  return !stop_cv_.wait_for(lock, how_long, [this] { return stopping_.load(); });
}

void HttpServer::serve(int fd) {
  auto head = read_head(fd);
  if (head.empty()) return;
  auto line_end = head.find("\r\n");
  auto first_space = head.find(' ');
  auto second_space = head.find(' ', first_space + 1);
  if (first_space == std::string::npos || second_space == std::string::npos || second_space > line_end) return;
  Request request{head.substr(0, first_space), head.substr(first_space + 1, second_space - first_space - 1),
                  Clock::now()};
  request.path = request.path.substr(0, request.path.find('?'));
  std::size_t busy_before = 0;
  {
    std::lock_guard lock(mutex_);
    busy_before = static_cast<std::size_t>(
        std::count_if(requests_.begin(), requests_.end(), [](const Request& r) { return r.path == "/busy"; }));
    requests_.push_back(request);
  }
  int now_in_flight = ++in_flight_;
  for (int seen = max_in_flight_; now_in_flight > seen && !max_in_flight_.compare_exchange_weak(seen, now_in_flight);) {
  }

  Answer answer;
  const auto& path = request.path;
  if (path == "/ok") {
  } else if (path == "/redirect") {
    answer = {301, "Moved Permanently", "Location: /ok\r\n"};
  } else if (path == "/loop") {
    answer = {302, "Found", "Location: /loop\r\n"};
  } else if (path == "/busy") {
    if (busy_before == 0) answer = {429, "Too Many Requests", "Retry-After: 1\r\n"};
  } else if (path == "/slow") {
    if (!sleep_unless_stopped(std::chrono::seconds(3))) answer = {503, "Service Unavailable", ""};
  } else if (path == "/no-head") {
    if (request.method == "HEAD") answer = {405, "Method Not Allowed", "Allow: GET\r\n"};
  } else if (path.rfind("/pause/", 0) == 0) {
    sleep_unless_stopped(std::chrono::milliseconds(200));
  } else {
    answer = {404, "Not Found", ""};
  }

  std::string body = std::to_string(answer.status) + " " + answer.reason + "\n";
  std::string response = "HTTP/1.1 " + std::to_string(answer.status) + " " + answer.reason + "\r\n" +
                         "Content-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
                         "\r\nConnection: close\r\n" + answer.headers + "\r\n";
  if (request.method != "HEAD") response += body;
  --in_flight_;  // before sending: the client may start its next request as soon as it reads this
  send_all(fd, response);
}

}  // namespace opskit::test
