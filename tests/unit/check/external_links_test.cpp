#include <catch2/catch.hpp>

#include <ctime>
#include <fstream>

#include <nlohmann/json.hpp>

#include "model/model.hpp"
#include "pipeline/build_model.hpp"
#include "check/external_links.hpp"
#include "project/config.hpp"
#include "test_http_server.hpp"
#include "test_support.hpp"

namespace {

using namespace opskit;
using opskit::test::HttpServer;
using opskit::test::TempProject;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

Model load_model(const TempProject& project) {
  DiagnosticSink sink;
  auto config = load_project(project.root(), sink);
  REQUIRE(config);
  auto model = build_model(std::move(*config), ModelOptions{}, sink);
  INFO(test::describe(sink));
  REQUIRE(sink.count(Severity::error) == 0);
  return model;
}

// Fast settings for a server on this machine: the timeouts of the brief, scaled down.
ExternalCheckOptions fast_options(const Model& model) {
  auto options = external_check_options(model.config);
  options.timeout_ms = 500;
  options.retries = 2;
  return options;
}

std::string page(const std::string& body) { return "---\ntitle: Links\n---\n" + body; }

std::string where(const Diagnostic& d) {
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
}

std::vector<std::string> findings(const DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const auto& d : test::with_rule(sink, "link.external")) out.push_back(where(d));
  return out;
}

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

TEST_CASE("external links: each failure is reported where it is written / the rest pass", "[external]") {
  HttpServer server;
  auto u = [&](const std::string& path) { return server.url(path); };
  TempProject project({
      {"opskit.yaml", "site:\n  title: Links\nexternal_links:\n  exclude: [\"" + u("/excluded/") + "\"]\n"},
      {"content/index.md", page("Fine: [ok](" + u("/ok") + ").\n"                                  // line 4
                                "\n"
                                "Broken: [missing](" + u("/missing") + ").\n"                      // line 6
                                "\n"
                                "Moved: [redirect](" + u("/redirect") + ").\n"                     // line 8
                                "\n"
                                "Circular: [loop](" + u("/loop") + ").\n"                          // line 10
                                "\n"
                                "Busy: [busy](" + u("/busy") + ").\n"                              // line 12
                                "\n"
                                "Slow: [slow](" + u("/slow") + ").\n"                              // line 14
                                "\n"
                                "No HEAD: [no-head](" + u("/no-head") + ").\n"                     // line 16
                                "\n"
                                "Again: [ok with a fragment](" + u("/ok#part") + ").\n"            // line 18
                                "\n"
                                "Raw: <a href=\"" + u("/missing") + "\">raw</a>\n"                 // line 20
                                "\n"
                                "Excluded: [excluded](" + u("/excluded/page") + ").\n"             // line 22
                                "\n"
                                "Not http: [mail](mailto:someone@example.com).\n")},
  });
  auto model = load_model(project);
  auto options = fast_options(model);

  DiagnosticSink sink;
  auto started = Clock::now();
  auto stats = check_external_links(model, options, sink);
  auto elapsed = Clock::now() - started;
  INFO(test::describe(sink));

  CHECK(findings(sink) == std::vector<std::string>{
                              "content/index.md:6:19: external link '" + u("/missing") + "' failed: HTTP 404",
                              "content/index.md:10:18: external link '" + u("/loop") + "' failed: too many redirects",
                              "content/index.md:14:14: external link '" + u("/slow") + "' failed: timed out after 0.5 s",
                              "content/index.md:20:15: external link '" + u("/missing") + "' failed: HTTP 404",
                          });
  for (const auto& d : test::with_rule(sink, "link.external")) CHECK(d.severity == Severity::warning);
  CHECK(sink.sorted().size() == 4);

  CHECK(stats.checked == 7);  // ok, missing, redirect, loop, busy, slow, no-head
  CHECK(stats.from_cache == 0);
  CHECK(stats.failed == 3);
  CHECK(stats.skipped == 1);

  CHECK(server.count("/ok") == 2);       // once for "/ok" and "/ok#part" together, once behind /redirect
  CHECK(server.count("/missing") == 1);  // written twice, fetched once
  CHECK(server.count("/loop") == 6);     // the first request and five redirects
  CHECK(server.count("/slow") == 1);     // a timeout is not retried
  CHECK(server.count("/excluded/page") == 0);
  std::vector<std::string> no_head_methods;
  for (const auto& r : server.requests())
    if (r.path == "/no-head") no_head_methods.push_back(r.method);
  CHECK(no_head_methods == std::vector<std::string>{"HEAD", "GET"});

  // 429 with Retry-After: 1, then OK: asked again no sooner than a second later.
  std::vector<Clock::time_point> busy;
  for (const auto& r : server.requests())
    if (r.path == "/busy") busy.push_back(r.at);
  REQUIRE(busy.size() == 2);
  CHECK(busy[1] - busy[0] >= milliseconds(1000));
  CHECK(elapsed >= milliseconds(1000));
  CHECK(elapsed < std::chrono::seconds(5));

  // Definite answers are cached; the timeout is not, so the next run asks only for it again.
  auto cache = read_json(project.root() / ".opskit-cache" / "external-links.json");
  CHECK(cache[u("/ok")]["status"] == 200);
  CHECK(cache[u("/missing")]["status"] == 404);
  CHECK(cache[u("/busy")]["status"] == 200);
  CHECK(cache[u("/loop")]["error"] == "too many redirects");
  CHECK(cache[u("/ok")]["checked_at"].is_number_integer());
  CHECK_FALSE(cache.contains(u("/slow")));
  CHECK_FALSE(cache.contains(u("/excluded/page")));

  auto before = server.count();
  DiagnosticSink again;
  auto second = check_external_links(model, options, again);
  CHECK(server.count() == before + 1);
  CHECK(server.count("/slow") == 2);
  CHECK(second.checked == 1);
  CHECK(second.from_cache == 6);
  CHECK(second.failed == 3);
  CHECK(findings(again) == findings(sink));
}

TEST_CASE("external links: a fresh cache sends no request / a stale one is fetched again", "[external]") {
  HttpServer server;
  auto u = [&](const std::string& path) { return server.url(path); };
  TempProject project({
      {"opskit.yaml", "site:\n  title: Links\nexternal_links:\n  max_age_hours: 12\n"},
      {"content/index.md", page("[a](" + u("/ok") + ")\n\n[b](" + u("/missing") + ")\n\n[c](" + u("/redirect") +
                                ")\n\n[d](" + u("/loop") + ")\n")},
  });
  auto model = load_model(project);
  auto options = fast_options(model);
  CHECK(options.max_age_hours == 12);  // from opskit.yaml
  options.cache_file = "cache/links.json";  // relative to the project root

  DiagnosticSink first;
  auto stats = check_external_links(model, options, first);
  CHECK(stats.checked == 4);
  CHECK(stats.failed == 2);
  REQUIRE(std::filesystem::exists(project.root() / "cache" / "links.json"));
  auto sent = server.count();
  CHECK(sent == 1 + 1 + 2 + 6);

  DiagnosticSink second;
  auto cached = check_external_links(model, options, second);
  CHECK(server.count() == sent);  // not a single request
  CHECK(cached.checked == 0);
  CHECK(cached.from_cache == 4);
  CHECK(cached.failed == 2);
  CHECK(findings(second) == findings(first));  // cached failures are still reported

  // Entries older than max_age_hours are fetched again.
  auto path = project.root() / "cache" / "links.json";
  auto cache = read_json(path);
  cache[u("/ok")]["checked_at"] = cache[u("/ok")]["checked_at"].get<std::int64_t>() - 13 * 3600;
  std::ofstream(path) << cache.dump();
  DiagnosticSink third;
  auto partly = check_external_links(model, options, third);
  CHECK(server.count() == sent + 1);
  CHECK(server.count("/ok") == 3);
  CHECK(partly.checked == 1);
  CHECK(partly.from_cache == 3);

  options.max_age_hours = 0;
  options.strict = true;
  DiagnosticSink fourth;
  auto fetched = check_external_links(model, options, fourth);
  CHECK(server.count() == sent + 1 + sent);
  CHECK(fetched.checked == 4);
  CHECK(fetched.from_cache == 0);
  auto strict_findings = test::with_rule(fourth, "link.external");
  REQUIRE(strict_findings.size() == 2);
  for (const auto& d : strict_findings) CHECK(d.severity == Severity::error);
}

TEST_CASE("external links: concurrency is bounded per host and overall", "[external]") {
  HttpServer server;
  std::string body;
  for (int i = 0; i < 6; ++i) body += "[p" + std::to_string(i) + "](" + server.url("/pause/" + std::to_string(i)) + ")\n\n";
  TempProject project({{"opskit.yaml", "site:\n  title: Links\n"}, {"content/index.md", page(body)}});
  auto model = load_model(project);
  auto options = fast_options(model);
  options.timeout_ms = 2000;
  options.max_age_hours = 0;

  options.max_concurrency = 8;
  options.per_host = 2;
  DiagnosticSink sink;
  CHECK(check_external_links(model, options, sink).checked == 6);
  CHECK(server.count() == 6);
  CHECK(server.max_in_flight() == 2);
  CHECK(test::with_rule(sink, "link.external").empty());

  HttpServer other;  // a fresh high-water mark
  std::string other_body;
  for (int i = 0; i < 6; ++i) other_body += "[p](" + other.url("/pause/" + std::to_string(i)) + ")\n\n";
  TempProject other_project({{"opskit.yaml", "site:\n  title: Links\n"}, {"content/index.md", page(other_body)}});
  auto other_model = load_model(other_project);
  options.max_concurrency = 3;
  options.per_host = 8;
  DiagnosticSink other_sink;
  check_external_links(other_model, options, other_sink);
  CHECK(other.count() == 6);
  CHECK(other.max_in_flight() == 3);
}

TEST_CASE("external links: a refused connection is retried / reported and not cached", "[external]") {
  std::string refused;
  {
    HttpServer gone;  // a port that was free a moment ago and has nobody listening now
    refused = gone.url("/ok");
  }
  TempProject project({{"opskit.yaml", "site:\n  title: Links\n"}, {"content/index.md", page("[x](" + refused + ")\n")}});
  auto model = load_model(project);
  auto options = fast_options(model);
  options.retries = 1;

  DiagnosticSink sink;
  auto started = Clock::now();
  auto stats = check_external_links(model, options, sink);
  CHECK(Clock::now() - started >= milliseconds(1000));  // one retry, a second later
  CHECK(stats.failed == 1);
  auto found = test::with_rule(sink, "link.external");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 4);
  CHECK(found[0].column == 5);
  CHECK_THAT(found[0].message, Catch::StartsWith("external link '" + refused + "' failed: "));
  CHECK_FALSE(read_json(project.root() / ".opskit-cache" / "external-links.json").contains(refused));
}

TEST_CASE("external links: Retry-After in seconds or as an HTTP-date / capped at 60 s", "[external]") {
  auto now = std::chrono::system_clock::now();
  auto http_date = [](std::chrono::system_clock::time_point t) {
    std::time_t time = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&time, &tm);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return std::string(text);
  };
  using std::chrono::seconds;
  CHECK(parse_retry_after("1", now) == seconds(1));
  CHECK(parse_retry_after(" 0 ", now) == seconds(0));
  CHECK(parse_retry_after("120", now) == seconds(60));
  CHECK(parse_retry_after("99999999999999999999999", now) == seconds(60));
  auto in_ten = parse_retry_after(http_date(now + seconds(10)), now);
  REQUIRE(in_ten);
  CHECK(*in_ten >= seconds(9));
  CHECK(*in_ten <= seconds(10));
  CHECK(parse_retry_after(http_date(now + std::chrono::hours(2)), now) == seconds(60));
  CHECK(parse_retry_after(http_date(now - seconds(30)), now) == seconds(0));
  // Issue 14: year 9999 overflowed the clock's nanoseconds (UBSan) and retried at once.
  CHECK(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now) == seconds(60));
  CHECK_FALSE(parse_retry_after("soon", now));
  CHECK_FALSE(parse_retry_after("", now));
  CHECK_FALSE(parse_retry_after("-5", now));
}

}  // namespace
