#pragma once
// `opskit check --external`: fetches every external http(s) link once, politely (bounded
// concurrency overall and per host, timeouts, retries that honour Retry-After), and remembers
// the answers in an on-disk cache so that the next run asks the network only for stale entries.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"
#include "diagnostics/diagnostic.hpp"

namespace opskit {

struct ExternalCheckOptions {
  int max_concurrency = 8;   // requests in flight at once, all hosts together
  int per_host = 2;          // requests in flight at once to one host
  int timeout_ms = 10000;    // connect + read, per request
  int retries = 2;           // extra attempts after 429, 503 or a connection error
  // Empty: <project root>/.opskit-cache/external-links.json; a relative path is taken from the
  // project root, like --out.
  std::filesystem::path cache_file;
  int max_age_hours = 24;    // cache entries this old or older are fetched again; 0: always
  std::vector<std::string> exclude;  // URL prefixes never fetched
  bool strict = false;       // findings become errors instead of warnings
  int deadline_seconds = 300;  // the whole check; what is left after it is not checked (one warning)
};

// Counts of distinct URLs (a link written on many pages counts once).
struct ExternalStats {
  std::size_t checked = 0;     // fetched over the network in this run
  std::size_t from_cache = 0;  // answered by a fresh cache entry
  std::size_t failed = 0;      // broken, from either source
  std::size_t skipped = 0;     // matched an exclude prefix
};

// The options opskit.yaml's `external_links:` section sets (exclude, max_age_hours).
ExternalCheckOptions external_check_options(const ProjectConfig& config);

// Checks every external http(s) link of every page and reports each broken one as
// `link.external` at every place it is written. Blocks until every request is done.
ExternalStats check_external_links(const Model& model, const ExternalCheckOptions& options, DiagnosticSink& sink);

// How long a Retry-After header value ("120" or an HTTP-date) asks to wait, capped at 60 s;
// nullopt when the value is neither.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now);

}  // namespace opskit
