#include "check/external_links.hpp"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "check/curl_library.hpp"
#include "resolve/link_target.hpp"
#include "support/files.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

constexpr int kMaxRedirects = 5;
constexpr seconds kMaxWait{60};
constexpr const char* kRule = "link.external";
constexpr const char* kCacheRule = "link.external-cache";

// ---------------------------------------------------------------------------------------------
// What to check: each distinct URL (without its fragment) and every place it is written.

struct Place {
  std::string file, written;
  int line = 0, column = 0;
};

struct Target {
  std::string url;  // what is fetched and cached
  std::string host;
  std::vector<Place> places;
};

// "https://x/a#b" -> "https://x/a"; "//x/a" -> "https://x/a"; "" for anything not http(s).
std::string fetchable_url(const std::string& written) {
  std::string url = written.substr(0, written.find('#'));
  if (starts_with(url, "//")) return "https:" + url;
  auto lower = to_lower(url.substr(0, 8));
  if (starts_with(lower, "http://") || starts_with(lower, "https://")) return url;
  return {};
}

std::string host_of(const std::string& url) {
  auto start = url.find("://") + 3;
  auto end = url.find_first_of("/?", start);
  auto authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  return to_lower(authority);
}

bool excluded(const std::string& written, const std::string& url, const std::vector<std::string>& exclude) {
  return std::any_of(exclude.begin(), exclude.end(), [&](const std::string& prefix) {
    return !prefix.empty() && (starts_with(written, prefix) || starts_with(url, prefix));
  });
}

std::vector<Target> collect_targets(const Model& model, const std::vector<std::string>& exclude, std::size_t& skipped) {
  std::map<std::string, Target> by_url;
  std::map<std::string, bool> skipped_urls;
  for (int i = 0; i < static_cast<int>(model.pages.size()); ++i) {
    const Page& page = model.pages[i];
    for (const auto& link : page.body.links) {
      if (link_target(model, i, link).kind != LinkTarget::Kind::external) continue;
      auto url = fetchable_url(link.url);
      if (url.empty()) continue;
      if (excluded(link.url, url, exclude)) {
        skipped_urls.emplace(url, true);
        continue;
      }
      auto& target = by_url[url];
      target.url = url;
      target.places.push_back({page.file, link.url, link.line, link.column});
    }
  }
  for (const auto& [url, unused] : skipped_urls)
    if (!by_url.count(url)) ++skipped;
  std::vector<Target> out;
  for (auto& [url, target] : by_url) {
    target.host = host_of(url);
    out.push_back(std::move(target));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What a URL gave.

struct Outcome {
  bool ok = false;
  long status = 0;        // the final HTTP status; 0 when there was none
  std::string error;      // why it failed, for the message
  bool cacheable = false; // a definite answer, not a transient failure
};

// A link not checked (the deadline passed, or libcurl could not be loaded): no finding, since
// nothing is known of it, and nothing cached.
Outcome not_checked() { return Outcome{true, 0, "", false}; }

Outcome from_status(long status) {
  Outcome o;
  o.status = status;
  o.ok = status >= 200 && status < 400;
  if (!o.ok) o.error = "HTTP " + std::to_string(status);
  o.cacheable = true;
  return o;
}

// ---------------------------------------------------------------------------------------------
// The cache: {"<url>": {"status": 200, "checked_at": <unix seconds>[, "error": "..."]}}.

using Cache = nlohmann::json;

Cache load_cache(const fs::path& path, DiagnosticSink& sink) {
  auto text = read_file(path);
  if (!text) return Cache::object();
  auto cache = Cache::parse(*text, nullptr, false);
  if (cache.is_discarded() || !cache.is_object()) {
    sink.report(kCacheRule, Severity::warning, "", 0, 0,
                "ignored the unreadable external-link cache '" + path.string() + "'; it will be rewritten");
    return Cache::object();
  }
  return cache;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool fresh(const Cache& entry, std::int64_t now, int max_age_hours) {
  if (!entry.is_object() || !entry.contains("checked_at") || !entry["checked_at"].is_number_integer() ||
      !entry.contains("status") || !entry["status"].is_number_integer())
    return false;
  return now - entry["checked_at"].get<std::int64_t>() < static_cast<std::int64_t>(max_age_hours) * 3600;
}

Outcome from_cache_entry(const Cache& entry) {
  Outcome o = from_status(entry["status"].get<long>());
  if (entry.contains("error") && entry["error"].is_string()) {
    o.ok = false;
    o.error = entry["error"].get<std::string>();
  }
  return o;
}

Cache cache_entry(const Outcome& o, std::int64_t now) {
  Cache entry{{"status", o.status}, {"checked_at", now}};
  if (o.status == 0 || (!o.ok && o.error != "HTTP " + std::to_string(o.status))) entry["error"] = o.error;
  return entry;
}

// ---------------------------------------------------------------------------------------------
// One request with libcurl's easy interface; each worker thread owns its handle.

struct Reply {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string error;
  std::string retry_after;  // of the last response
};

struct TransferState {
  const CurlLibrary* curl = nullptr;
  CURL* handle = nullptr;
  Reply* reply = nullptr;
  bool stopped_body = false;  // we ended a GET once its status was known
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* state = static_cast<TransferState*>(user);
  std::string_view line(data, size * count);
  if (starts_with(line, "HTTP/")) {
    state->reply->retry_after.clear();  // a new response of the redirect chain
  } else if (auto colon = line.find(':'); colon != std::string_view::npos &&
                                           to_lower(line.substr(0, colon)) == "retry-after") {
    state->reply->retry_after = std::string(trim(line.substr(colon + 1)));
  }
  return size * count;
}

// Only the status matters: a body being followed past (a redirect's) is read on; any other body
// ends the transfer at its first bytes, so that a GET does not download whole pages.
size_t on_body(char*, size_t size, size_t count, void* user) {
  auto* state = static_cast<TransferState*>(user);
  long status = 0;
  state->curl->easy_getinfo(state->handle, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 300 && status < 400) return size * count;
  state->stopped_body = true;
  return 0;
}

class Fetcher {
 public:
  Fetcher(const CurlLibrary& curl, const ExternalCheckOptions& options)
      : curl_(curl), options_(options), handle_(curl.easy_init()) {}
  ~Fetcher() { curl_.easy_cleanup(handle_); }
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // HEAD, then GET when the server does not do HEAD.
  Reply check(const std::string& url) {
    Reply reply = request(url, true);
    if (reply.code == CURLE_OK && (reply.status == 405 || reply.status == 501)) reply = request(url, false);
    return reply;
  }

 private:
  Reply request(const std::string& url, bool head) {
    Reply reply;
    if (!handle_) {
      reply.code = CURLE_FAILED_INIT;
      reply.error = "could not start libcurl";
      return reply;
    }
    char error_buffer[CURL_ERROR_SIZE] = {};
    TransferState state{&curl_, handle_, &reply, false};
    curl_.easy_reset(handle_);  // keeps the connection cache, so one host's links share connections
    curl_.easy_setopt(handle_, CURLOPT_URL, url.c_str());
    curl_.easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
    curl_.easy_setopt(handle_, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_ms));
    curl_.easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.timeout_ms));
    curl_.easy_setopt(handle_, CURLOPT_FOLLOWLOCATION, 1L);
    curl_.easy_setopt(handle_, CURLOPT_MAXREDIRS, static_cast<long>(kMaxRedirects));
    curl_.easy_setopt(handle_, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_.easy_setopt(handle_, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_.easy_setopt(handle_, CURLOPT_USERAGENT, "opskit-linkcheck/" OPSKIT_VERSION);
    curl_.easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_buffer);
    curl_.easy_setopt(handle_, CURLOPT_HEADERFUNCTION, on_header);
    curl_.easy_setopt(handle_, CURLOPT_HEADERDATA, &state);
    curl_.easy_setopt(handle_, CURLOPT_WRITEFUNCTION, on_body);
    curl_.easy_setopt(handle_, CURLOPT_WRITEDATA, &state);
    if (head) curl_.easy_setopt(handle_, CURLOPT_NOBODY, 1L);
    else curl_.easy_setopt(handle_, CURLOPT_HTTPGET, 1L);

    reply.code = curl_.easy_perform(handle_);
    if (reply.code == CURLE_WRITE_ERROR && state.stopped_body) reply.code = CURLE_OK;
    curl_.easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &reply.status);
    if (reply.code != CURLE_OK) reply.error = error_buffer[0] ? error_buffer : curl_.easy_strerror(reply.code);
    curl_.easy_setopt(handle_, CURLOPT_ERRORBUFFER, nullptr);  // error_buffer goes out of scope
    return reply;
  }

  const CurlLibrary& curl_;
  const ExternalCheckOptions& options_;
  CURL* handle_;
};

std::string seconds_text(int ms) {
  if (ms % 1000 == 0) return std::to_string(ms / 1000);
  auto text = std::to_string(ms / 1000) + "." + std::to_string(1000 + ms % 1000).substr(1);
  while (text.back() == '0') text.pop_back();
  return text;
}

bool connection_error(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return true;
    default: return false;
  }
}

// What to do after one attempt: the outcome, or a retry after `wait`.
struct Verdict {
  Outcome outcome;
  bool retry = false;
  milliseconds wait{0};
  bool server_asked = false;  // the wait came from Retry-After: the whole host waits
};

Verdict judge(const Reply& reply, int attempt, const ExternalCheckOptions& options) {
  Verdict v;
  bool can_retry = attempt < options.retries;
  milliseconds backoff = std::min<milliseconds>(seconds(1) * (1 << std::min(attempt, 6)), kMaxWait);
  if (reply.code == CURLE_OK) {
    v.outcome = from_status(reply.status);
    if ((reply.status == 429 || reply.status == 503) && can_retry) {
      v.retry = true;
      v.wait = backoff;
      if (auto asked = parse_retry_after(reply.retry_after, std::chrono::system_clock::now())) {
        v.wait = *asked;
        v.server_asked = true;
      }
    }
    // A server still too busy after every retry is no evidence the link is broken.
    if (reply.status == 429 || reply.status == 503) v.outcome.cacheable = false;
    return v;
  }
  v.outcome.status = reply.status;
  if (reply.code == CURLE_TOO_MANY_REDIRECTS) {
    v.outcome.error = "too many redirects";
    v.outcome.status = 0;
    v.outcome.cacheable = true;
  } else if (reply.code == CURLE_OPERATION_TIMEDOUT) {
    // Not retried: a server that did not answer in the whole timeout is not worth another one.
    v.outcome.error = "timed out after " + seconds_text(options.timeout_ms) + " s";
  } else {
    v.outcome.error = reply.error;
    if (connection_error(reply.code) && can_retry) {
      v.retry = true;
      v.wait = backoff;
    }
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// The work queue: workers take the first job whose host has a free slot and whose wait is over,
// and sleep on a condition variable until a slot frees or the earliest wait ends.

struct Job {
  std::size_t target = 0;
  int attempt = 0;
  Clock::time_point not_before{};
};

class Scheduler {
 public:
  Scheduler(const std::vector<Target>& targets, const std::vector<std::size_t>& to_fetch, int per_host,
            Clock::time_point deadline)
      : targets_(targets), per_host_(std::max(1, per_host)), deadline_(deadline) {
    for (auto i : to_fetch) queue_.push_back(Job{i, 0, {}});
  }

  // The next job to run, or nullopt when every job is done or the run's deadline has passed.
  std::optional<Job> take() {
    std::unique_lock lock(mutex_);
    for (;;) {
      if (queue_.empty() && in_flight_ == 0) return std::nullopt;
      auto now = Clock::now();
      if (now >= deadline_) {  // what is left is not checked (a server that keeps asking to wait)
        for (const auto& job : queue_) expired_.push_back(job.target);
        queue_.clear();
        if (in_flight_ == 0) return std::nullopt;
        cv_.wait(lock);  // until a running job ends (its retry, if any, expires on the next turn)
        continue;
      }
      std::optional<Clock::time_point> wake = deadline_;
      for (auto it = queue_.begin(); it != queue_.end(); ++it) {
        const auto& host = targets_[it->target].host;
        if (active_[host] >= per_host_) continue;  // woken when one of its requests ends
        auto ready = std::max(it->not_before, paused_until_[host]);
        if (ready > now) {
          wake = wake ? std::min(*wake, ready) : ready;
          continue;
        }
        Job job = *it;
        queue_.erase(it);
        ++active_[host];
        ++in_flight_;
        return job;
      }
      cv_.wait_until(lock, *wake);
    }
  }

  std::vector<std::size_t> expired() const { return expired_; }

  void done(const Job& job, const Verdict& verdict) {
    {
      std::lock_guard lock(mutex_);
      const auto& host = targets_[job.target].host;
      --active_[host];
      --in_flight_;
      if (verdict.retry) {
        auto at = Clock::now() + verdict.wait;
        if (verdict.server_asked) paused_until_[host] = std::max(paused_until_[host], at);
        queue_.push_back(Job{job.target, job.attempt + 1, at});
      }
    }
    cv_.notify_all();
  }

 private:
  const std::vector<Target>& targets_;
  int per_host_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  std::map<std::string, int> active_;
  std::map<std::string, Clock::time_point> paused_until_;
  int in_flight_ = 0;
  Clock::time_point deadline_;
  std::vector<std::size_t> expired_;
};

// Fetches `to_fetch` (indices into `targets`) on worker threads; `expired` counts those the
// deadline left.
std::vector<Outcome> fetch_all(const CurlLibrary& curl, const std::vector<Target>& targets,
                               const std::vector<std::size_t>& to_fetch, const ExternalCheckOptions& options,
                               std::size_t& expired) {
  std::vector<Outcome> outcomes(targets.size());
  Scheduler scheduler(targets, to_fetch, options.per_host, Clock::now() + seconds(std::max(1, options.deadline_seconds)));
  auto work = [&] {
    Fetcher fetcher(curl, options);
    while (auto job = scheduler.take()) {
      auto verdict = judge(fetcher.check(targets[job->target].url), job->attempt, options);
      if (!verdict.retry) outcomes[job->target] = verdict.outcome;  // each target has one job at a time
      scheduler.done(*job, verdict);
    }
  };
  auto workers = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.max_concurrency)), to_fetch.size());
  {
    std::vector<std::jthread> threads;  // joined at the end of this block
    for (std::size_t i = 0; i < workers; ++i) threads.emplace_back(work);
  }
  // Not checked in time: no finding for each (nothing is known), one warning for them all.
  for (auto i : scheduler.expired()) outcomes[i] = not_checked();
  expired = scheduler.expired().size();
  return outcomes;
}

fs::path cache_path_for(const Model& model, const ExternalCheckOptions& options) {
  if (options.cache_file.empty()) return model.config.root / ".opskit-cache" / "external-links.json";
  return options.cache_file.is_absolute() ? options.cache_file : model.config.root / options.cache_file;
}

}  // namespace

std::optional<seconds> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    long long n = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (error == std::errc::result_out_of_range || n > kMaxWait.count()) return kMaxWait;
    return seconds(n);
  }
  const auto* curl = curl_library();
  if (!curl) return std::nullopt;  // only asked of a reply, which needed the library
  std::string text(value);
  time_t when = curl->getdate(text.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  // In seconds: a date in year 9999 does not fit the clock's nanoseconds.
  long long wait = static_cast<long long>(when) - static_cast<long long>(std::chrono::system_clock::to_time_t(now));
  return seconds(std::clamp<long long>(wait, 0, kMaxWait.count()));
}

ExternalCheckOptions external_check_options(const ProjectConfig& config) {
  ExternalCheckOptions options;
  options.exclude = config.external_exclude;
  options.max_age_hours = config.external_max_age_hours;
  options.deadline_seconds = config.external_deadline_seconds;
  return options;
}

ExternalStats check_external_links(const Model& model, const ExternalCheckOptions& options, DiagnosticSink& sink) {
  ExternalStats stats;
  auto targets = collect_targets(model, options.exclude, stats.skipped);
  auto cache_path = cache_path_for(model, options);
  auto cache = load_cache(cache_path, sink);

  std::vector<Outcome> cached(targets.size());
  std::vector<std::size_t> to_fetch;
  auto started = unix_now();
  for (std::size_t i = 0; i < targets.size(); ++i) {
    auto entry = cache.find(targets[i].url);
    if (entry != cache.end() && fresh(*entry, started, options.max_age_hours)) {
      cached[i] = from_cache_entry(*entry);
      ++stats.from_cache;
    } else {
      to_fetch.push_back(i);
    }
  }
  std::size_t expired = 0, unchecked = 0;
  std::vector<Outcome> fetched(targets.size());
  if (!to_fetch.empty()) {
    std::string why;
    if (const auto* curl = curl_library(&why)) {
      fetched = fetch_all(*curl, targets, to_fetch, options, expired);
    } else {
      // Nothing can be fetched: one error for them all, and no link reported broken.
      for (auto i : to_fetch) fetched[i] = not_checked();
      unchecked = to_fetch.size();
      sink.report("external.unavailable", Severity::error, "", 0, 0,
                  std::to_string(unchecked) + " external link(s) not checked: libcurl could not be loaded (" + why +
                      "); install Debian's libcurl4, or name the library in OPSKIT_LIBCURL");
    }
  }
  stats.checked = to_fetch.size() - expired - unchecked;
  if (expired > 0)
    sink.report("external.deadline", Severity::warning, "", 0, 0,
                std::to_string(expired) + " external link(s) not checked: the run's deadline of " +
                    std::to_string(options.deadline_seconds) +
                    " s passed (external_links.deadline_seconds in opskit.yaml); they are checked next time");

  // Keep what is still fresh, add what was learnt, drop the rest.
  auto finished = unix_now();
  Cache next = Cache::object();
  for (auto it = cache.begin(); it != cache.end(); ++it)
    if (fresh(it.value(), finished, options.max_age_hours)) next[it.key()] = it.value();
  for (auto i : to_fetch)
    if (fetched[i].cacheable) next[targets[i].url] = cache_entry(fetched[i], finished);
    else next.erase(targets[i].url);
  if (!to_fetch.empty() || next != cache) {
    try {
      write_file_atomic(cache_path, next.dump(1) + "\n");
    } catch (const std::exception& e) {
      sink.report(kCacheRule, Severity::warning, "", 0, 0,
                  "could not write the external-link cache '" + cache_path.string() + "': " + e.what());
    }
  }

  auto severity = options.strict ? Severity::error : Severity::warning;
  for (auto i : to_fetch) cached[i] = std::move(fetched[i]);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (cached[i].ok) continue;
    ++stats.failed;
    for (const auto& place : targets[i].places)
      sink.report(kRule, severity, place.file, place.line, place.column,
                  "external link '" + place.written + "' failed: " + cached[i].error);
  }
  return stats;
}

}  // namespace opskit
