#include "serve/serve.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "serve/file_watcher.hpp"
#include "serve/http_server.hpp"
#include "serve/live_site.hpp"
#include "serve/reload_channel.hpp"

extern char** environ;

namespace opskit::serve {

namespace {

// One save, however the editor does it (write and rename, a formatter after the save), is one
// update: the watcher waits for this much quiet. 50 ms split a burst of saves 20 ms apart into
// two updates on a loaded machine (a clean CI run failed serve_http so): 75 ms did not. A page
// update is made while the watcher waits, so the quiet is most of the time from save to reload.
constexpr std::chrono::milliseconds kQuiet{75};
constexpr std::chrono::milliseconds kPauseBeforeChecks{400};  // no save for this long: a pause in the writing

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

void print_build(const SiteSnapshot& site) {
  std::cerr << site.terminal_report << "opskit: " << site.summary << std::endl;
}

// The desktop's browser, when there is one; serving goes on either way.
void open_browser(const std::string& url) {
  pid_t pid = 0;
  const char* argv[] = {"xdg-open", url.c_str(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  if (posix_spawnp(&pid, "xdg-open", &actions, nullptr, const_cast<char**>(argv), environ) != 0)
    std::cerr << "opskit: could not run xdg-open; open " << url << " yourself" << std::endl;
  posix_spawn_file_actions_destroy(&actions);
}

}  // namespace

int run_serve(const ServeOptions& options) {
  // Signals are taken by sigwait() below, in this thread only: every thread started after this
  // inherits the mask. A client that goes away must not kill the server with SIGPIPE.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  if (!is_loopback(options.host))
    std::cerr << "opskit: warning: serving on " << options.host
              << ": anyone who can reach this address sees the drafts and every source the site is built from"
              << std::endl;

  bool color = ::isatty(STDERR_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
  LiveSite site(options.run, color);
  print_build(*site.rebuild());

  ReloadChannel channel;
  channel.publish(site.current()->generation);
  HttpServer server([&site] { return site.current(); }, channel);
  int port = server.bind(options.host, options.port);
  if (port <= 0) {
    std::cerr << "opskit: cannot listen on " << options.host << ":" << options.port
              << " (in use, or not an address of this machine); try --port 0" << std::endl;
    return static_cast<int>(ExitCode::usage);
  }
  std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::string url = "http://" + host + ":" + std::to_string(port) + "/";
  std::cerr << "opskit: serving " << url << " (Ctrl-C stops)" << std::endl;

  FileWatcher watcher(options.run.root, kQuiet);
  for (const auto& path : site.watched_paths()) watcher.watch_tree(path);

  std::thread http([&] {
    bool ok = server.run();
    if (!ok) {
      std::cerr << "opskit: the HTTP server stopped" << std::endl;
      ::kill(::getpid(), SIGTERM);  // wakes sigwait below
    }
  });
  std::thread rebuilder([&] {
    try {
      auto announce = [&](const SiteSnapshot& built) {
        print_build(built);
        channel.publish(built.generation);
      };
      for (;;) {
        // After a page update, the checks over the whole model run once the author pauses.
        auto wait = watcher.wait_for_event(site.checks_pending() ? kPauseBeforeChecks : std::chrono::milliseconds(-1));
        if (wait == FileWatcher::Wait::stopped) break;
        if (wait == FileWatcher::Wait::timed_out) {
          site.run_pending_checks(announce, [&] { return watcher.event_waiting(); });
          continue;
        }
        // The site takes each part of the burst as it comes (an edited page is re-rendered while
        // the watcher waits for quiet) and publishes once it is over: one save, one update.
        do {
          auto changes = watcher.take_changes();
          site.take_change(changes.files, changes.everything);
          wait = watcher.settle();
        } while (wait == FileWatcher::Wait::changed && watcher.has_changes());
        if (wait == FileWatcher::Wait::stopped) break;
        if (watcher.has_changes()) {  // a second of non-stop writing: show what there is so far
          auto changes = watcher.take_changes();
          site.take_change(changes.files, changes.everything);
        }
        if (site.publish_changes(announce))  // a rebuild: the project's folders may be others now
          for (const auto& path : site.watched_paths()) watcher.watch_tree(path);
      }
    } catch (const std::exception& e) {
      // The watcher failed (poll): serving goes on, without rebuilds.
      std::cerr << "opskit: no longer watching the sources: " << e.what() << std::endl;
    }
  });
  if (options.open) open_browser(url);

  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::cerr << "opskit: stopping" << std::endl;
  watcher.stop();
  channel.close();
  server.stop();
  rebuilder.join();
  http.join();
  return 0;
}

}  // namespace opskit::serve
