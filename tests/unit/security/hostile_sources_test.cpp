// Issue 14, defects 2-5, 7 and 9: nothing from outside the project, no write outside --out, no
// lost sources, bounded work on hostile inputs, no debris, no silent acceptance.
#include <catch2/catch.hpp>

#include <sys/file.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <memory>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "pipeline/pipeline.hpp"
#include "parse/directive_blocks.hpp"
#include "parse/parse_page.hpp"
#include "project/config.hpp"
#include "support/files.hpp"
#include "support/strings.hpp"
#include "test_support.hpp"

using namespace opskit;
namespace fs = std::filesystem;

namespace {

const std::string kConfig = "site:\n  title: T\nversion: 1.0.0\n";
const std::string kPage = "---\ntitle: Home\n---\nHello.\n";

struct Run {
  DiagnosticSink sink;
  RunResult result;
};

std::unique_ptr<Run> build(const fs::path& root, const fs::path& out, bool write = true) {
  auto r = std::make_unique<Run>();
  RunOptions options;
  options.root = root;
  options.out = out;
  options.write = write;
  r->result = run_build(options, r->sink);
  return r;
}

bool has_rule(const DiagnosticSink& sink, const std::string& rule) { return !test::with_rule(sink, rule).empty(); }

std::string all_bytes_under(const fs::path& dir) {
  std::string all;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) all += read_file(e.path()).value_or("");
  return all;
}

}  // namespace

TEST_CASE("symlinks in sources are refused / never followed", "[security]") {
  test::TempProject project({{"opskit.yaml", kConfig + "packages:\n  - name: p\n    audience: ops\n    include: [index]\n"
                                                      "    files: [content/static/*.txt]\n"},
                             {"content/index.md", kPage},
                             {"content/static/real.txt", "real\n"},
                             {"outside/secret.txt", "TOP-SECRET-VALUE\n"}});
  const auto& root = project.root();
  fs::create_symlink(root / "outside" / "secret.txt", root / "content" / "static" / "leak.txt");
  fs::create_symlink(root / "outside" / "secret.txt", root / "content" / "leak.md");
  fs::create_symlink(root / "outside", root / "content" / "linked-folder");
  auto out = root / "out";
  auto r = build(root, out);
  INFO(test::describe(r->sink));
  auto found = test::with_rule(r->sink, "load.symlink");
  REQUIRE(found.size() == 3);
  for (const auto& d : found) CHECK(d.severity == Severity::error);
  CHECK(r->result.code == ExitCode::content_errors);
  // Even when the rule is lowered, the target's bytes reach no output.
  RunOptions options;
  options.root = root;
  options.out = out;
  options.rule_overrides = {"load.symlink=warning"};
  DiagnosticSink sink;
  REQUIRE(run_build(options, sink).code == ExitCode::ok);
  CHECK(all_bytes_under(out).find("TOP-SECRET-VALUE") == std::string::npos);
  CHECK(all_bytes_under(out).find("real") != std::string::npos);
}

TEST_CASE("links and special files deep in the content folders are refused on any number of threads", "[security]") {
  // The first level's folders are walked on --jobs threads (load/sources.cpp): what they find is
  // reported the same, with the same files, whether one thread walks them or four.
  test::TempProject project({{"opskit.yaml", kConfig},
                             {"content/index.md", kPage},
                             {"content/a/index.md", "---\ntitle: A\n---\nA.\n"},
                             {"content/a/b/c/index.md", "---\ntitle: C\n---\nC.\n"},
                             {"content/d/index.md", "---\ntitle: D\n---\nD.\n"},
                             {"outside/secret.md", "---\ntitle: Secret\n---\nTOP-SECRET-VALUE\n"}});
  const auto& root = project.root();
  fs::create_symlink(root / "outside" / "secret.md", root / "content" / "a" / "b" / "leak.md");
  fs::create_symlink(root / "outside", root / "content" / "d" / "linked-folder");
  REQUIRE(::mkfifo((root / "content" / "a" / "b" / "c" / "pipe.md").c_str(), 0644) == 0);
  std::string first;
  for (int jobs : {1, 4}) {
    RunOptions options;
    options.root = root;
    options.out = root / ("out-" + std::to_string(jobs));
    options.jobs = jobs;
    DiagnosticSink sink;
    auto result = run_build(options, sink);
    INFO("jobs " << jobs << test::describe(sink));
    CHECK(result.code == ExitCode::content_errors);
    std::string found;
    for (const auto& d : sink.sorted())
      if (d.rule == "load.symlink" || d.rule == "load.special-file") found += d.rule + " " + d.file + "\n";
    CHECK(found == "load.special-file content/a/b/c/pipe.md\nload.symlink content/a/b/leak.md\n"
                   "load.symlink content/d/linked-folder\n");
    if (jobs == 1) first = test::describe(sink);
    else CHECK(test::describe(sink) == first);
  }
}

TEST_CASE("output paths: version and package names cannot leave --out", "[security]") {
  for (const auto& bad : {std::string("version: /../../x\n"), std::string("version: ../x\n"),
                          std::string("version: 1.0.0\npackages:\n  - name: ../../evil\n    audience: a\n    include: [index]\n"),
                          std::string("version: 1.0.0\npackages:\n  - name: a/b\n    audience: a\n    include: [index]\n")}) {
    test::TempProject project({{"opskit.yaml", "site:\n  title: T\n" + bad}, {"content/index.md", kPage}});
    auto r = build(project.root(), project.root() / "build" / "out");
    INFO(bad << test::describe(r->sink));
    CHECK(r->result.code == ExitCode::usage);
    auto found = test::with_rule(r->sink, "config.invalid");
    REQUIRE(found.size() == 1);
    CHECK(found[0].file == "opskit.yaml");
    CHECK(found[0].line > 0);
    CHECK_FALSE(fs::exists(project.root() / "x.zip"));
    CHECK_FALSE(fs::exists(project.root() / "build" / "out"));
  }
}

TEST_CASE("output folder: --out may not be / hold or lie in the sources - opskit replaces only its own folders", "[security]") {
  test::TempProject project({{"opskit.yaml", kConfig},
                             {"content/index.md", kPage},
                             {"content/site/index.md", "---\ntitle: A section called site\n---\nKeep me.\n"},
                             {"site/notes.txt", "a folder of the user's\n"},
                             {"mine/precious.txt", "do not delete\n"}});
  const auto& root = project.root();
  for (const auto& out : {root / "content", root, root / "content" / "x", root / "workshops"}) {
    auto r = build(root, out);
    INFO(out << "\n" << test::describe(r->sink));
    CHECK(r->result.code == ExitCode::usage);
    CHECK(has_rule(r->sink, "output.refused"));
  }
  // A folder opskit did not make is not replaced.
  auto r = build(root, root / "mine");
  CHECK(r->result.code == ExitCode::usage);
  CHECK(has_rule(r->sink, "output.refused"));
  CHECK(read_file(root / "mine" / "precious.txt") == std::string("do not delete\n"));
  CHECK(read_file(root / "content" / "site" / "index.md").has_value());
  CHECK(read_file(root / "site" / "notes.txt").has_value());
  // A new folder is made opskit's, and the next build replaces its site.
  REQUIRE(build(root, root / "build" / "out")->result.code == ExitCode::ok);
  CHECK(fs::exists(root / "build" / "out" / ".opskit-output"));
  REQUIRE(build(root, root / "build" / "out")->result.code == ExitCode::ok);
}

TEST_CASE("a dead build's leftovers are removed - a live build's lock is waited for", "[security]") {
  test::TempProject project({{"opskit.yaml", kConfig}, {"content/index.md", kPage}});
  auto out = project.root() / "out";
  REQUIRE(build(project.root(), out)->result.code == ExitCode::ok);
  // What a kill -9 left: older versions' temporaries and this version's staging folder.
  fs::create_directories(out / "site.opskit-new.4242" / "x");
  fs::create_directories(out / "site.opskit-old.4242");
  fs::create_directories(out / ".opskit-staging" / "site");
  std::ofstream(out / "packages.zip.opskit-tmp-4242.x") << "partial";
  REQUIRE(build(project.root(), out)->result.code == ExitCode::ok);
  for (const auto& e : fs::directory_iterator(out)) {
    auto name = e.path().filename().string();
    CHECK(name.find(".opskit-new") == std::string::npos);
    CHECK(name.find(".opskit-old") == std::string::npos);
    CHECK(name.find(".opskit-tmp") == std::string::npos);
    CHECK(name != ".opskit-staging");
  }
  // Another process holds the lock: the build waits for it instead of racing.
  int fd = ::open((out / ".opskit-lock").c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  auto started = std::chrono::steady_clock::now();
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    ::flock(fd, LOCK_UN);
  });
  // flock locks belong to the open file description: this process's second open() is another one.
  auto r = build(project.root(), out);
  release.join();
  ::close(fd);
  CHECK(r->result.code == ExitCode::ok);
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(500));
  CHECK(std::find_if(r->result.messages.begin(), r->result.messages.end(), [](const std::string& m) {
          return m.find("waiting for another opskit run") != std::string::npos;
        }) != r->result.messages.end());
}

TEST_CASE("a failed write (a full disk) leaves the previous outputs as they were", "[security]") {
  // A 100 KB file that does not compress: the site's copy of it fits under the file size limit
  // below, the package zip (which holds the site again) does not.
  std::string noise;
  unsigned x = 12345;
  for (int i = 0; i < 100 * 1024; ++i) noise += static_cast<char>((x = x * 1103515245 + 12345) >> 16);
  test::TempProject project({{"opskit.yaml", kConfig + "packages:\n  - name: p\n    audience: ops\n    include: [index]\n"},
                             {"content/index.md", kPage},
                             {"content/static/noise.bin", noise}});
  auto out = project.root() / "out";
  REQUIRE(build(project.root(), out)->result.code == ExitCode::ok);
  auto site_before = read_file(out / "site" / "index.html");
  auto zip_before = read_file(out / "packages" / "p-1.0.0.zip");
  REQUIRE(site_before);
  REQUIRE(zip_before);
  std::ofstream(project.root() / "content" / "index.md") << "---\ntitle: Changed\n---\nNew text.\n";
  // The disk "fills" at 180 KB per file: writes past it fail with EFBIG instead of a signal.
  struct rlimit old {};
  ::getrlimit(RLIMIT_FSIZE, &old);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old;
  small.rlim_cur = 180 * 1024;
  ::setrlimit(RLIMIT_FSIZE, &small);
  auto r = build(project.root(), out);
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
  INFO(test::describe(r->sink));
  CHECK(r->result.code == ExitCode::usage);
  auto io = test::with_rule(r->sink, "output.io");
  REQUIRE(io.size() == 1);
  CHECK(io[0].message.find("p-1.0.0.zip") != std::string::npos);
  // Neither the new site nor the new package: both outputs are the previous build's.
  CHECK(read_file(out / "site" / "index.html") == site_before);
  CHECK(read_file(out / "packages" / "p-1.0.0.zip") == zip_before);
  CHECK_FALSE(fs::exists(out / ".opskit-staging"));
}

TEST_CASE("silent acceptance: wrong types / ranges and duplicate keys in opskit.yaml are reported", "[security]") {
  struct Case {
    std::string yaml, rule, needle;
  };
  for (const auto& c : std::vector<Case>{
           {"markdown: yes\n", "config.invalid", "'markdown' must be a map"},
           {"external_links: 5\n", "config.invalid", "'external_links' must be a map"},
           {"external_links:\n  max_age_hours: -5\n", "config.invalid", "must be from 0"},
           {"review_period_days: 4294967296\n", "config.invalid", "must be from 1 to 36500"},
           {"version: 1.0.0\nversion: 2.0.0\n", "yaml.duplicate-key", "written twice (first on line 3)"},
           {"links:\n  allowed_schemes: [javascript]\n", "config.invalid", "cannot be allowed"}}) {
    test::TempProject project({{"opskit.yaml", "site:\n  title: T\n" + c.yaml}, {"content/index.md", kPage}});
    DiagnosticSink sink;
    auto config = load_project(project.root(), sink);
    INFO(c.yaml << test::describe(sink));
    CHECK_FALSE(config);
    auto found = test::with_rule(sink, c.rule);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.find(c.needle) != std::string::npos);
    CHECK(found[0].line > 0);
  }
}

TEST_CASE("silent acceptance: case collisions / awkward names / bad UTF-8 / big pages", "[security]") {
  test::TempProject project({{"opskit.yaml", kConfig},
                             {"content/index.md", kPage},
                             {"content/runbooks/Patch.md", "---\ntitle: A\n---\nA\n"},
                             {"content/runbooks/patch.md", "---\ntitle: B\n---\nB\n"},
                             {"content/static/Logo.png", "x"},
                             {"content/static/logo.png", "y"},
                             {"content/static/a#b.png", "z"},
                             {"content/latin1.md", "---\ntitle: L\n---\nfirst\ncaf\xE9 au lait\n"},
                             {"content/big.md", "---\ntitle: Big\n---\n" + std::string(5u << 20, 'x') + "\n"}});
  auto r = build(project.root(), project.root() / "out", false);
  INFO(test::describe(r->sink));
  auto collisions = test::with_rule(r->sink, "load.case-collision");
  REQUIRE(collisions.size() == 2);
  CHECK(collisions[0].message.find("differs only in case from") != std::string::npos);
  CHECK(has_rule(r->sink, "load.file-name"));
  auto encoding = test::with_rule(r->sink, "load.encoding");
  REQUIRE(encoding.size() == 1);
  CHECK(encoding[0].file == "content/latin1.md");
  CHECK(encoding[0].line == 5);
  CHECK(encoding[0].column == 4);
  auto big = test::with_rule(r->sink, "load.too-large");
  REQUIRE(big.size() == 1);
  CHECK(big[0].file == "content/big.md");
}

TEST_CASE("SOURCE_DATE_EPOCH must be a number of seconds", "[security]") {
  test::TempProject project({{"opskit.yaml", kConfig}, {"content/index.md", kPage}});
  ::setenv("SOURCE_DATE_EPOCH", "12abc", 1);
  auto r = build(project.root(), project.root() / "out", false);
  ::unsetenv("SOURCE_DATE_EPOCH");
  INFO(test::describe(r->sink));
  CHECK(has_rule(r->sink, "config.source-date-epoch"));
}

TEST_CASE("hostile Markdown: deep nesting and long lines are bounded / not a crash", "[security]") {
  auto parse = [](const std::string& body, DiagnosticSink& sink) {
    PageSource source;
    source.file = "content/x.md";
    source.text = share_text("---\ntitle: X\n---\n" + body);
    return parse_page(source, "en-US", {}, sink);
  };
  std::string same_size, growing, closers;
  for (int i = 0; i < 10000; ++i) same_size += ":::expand\n";
  same_size += "body\n";
  for (int i = 0; i < 10000; ++i) same_size += ":::\n";
  for (int i = 0; i < 2000; ++i) growing += std::string(3 + i, ':') + "expand\n";
  for (int i = 1999; i >= 0; --i) closers += std::string(3 + i, ':') + "\n";
  for (const auto& body : {same_size, growing + "x\n" + closers}) {
    DiagnosticSink sink;
    auto page = parse(body, sink);
    auto deep = test::with_rule(sink, "directive.too-deep");
    REQUIRE(deep.size() == 1);
    CHECK(deep[0].line == 4 + 32);
    CHECK(page.body.directives.size() <= 40);
  }
  for (const auto& body : {"# " + std::string(300000, 'x') + "\n", "```\n" + std::string(2000000, ' ') + "\n```\n",
                           "<img src=\"data:image/png;base64," + std::string(28000, 'A') + "\">\n",
                           std::string(500000 * 3, ':') + "\n"}) {
    DiagnosticSink sink;
    auto page = parse(body, sink);
    CHECK(page.meta.title == "X");
  }
}

TEST_CASE("the sink keeps the first findings of a rule and counts the rest", "[security]") {
  DiagnosticSink sink;
  for (int i = 0; i < 1000; ++i) sink.report("x.rule", Severity::error, "f.md", i + 1, 1, "problem " + std::to_string(i));
  sink.report("y.rule", Severity::warning, "f.md", 1, 1, std::string(5000, 'm'));
  CHECK(sink.count(Severity::error) == 1000);
  auto all = sink.sorted();
  CHECK(all.size() == DiagnosticSink::kPerRuleLimit + 2);
  CHECK(all.back().message.find("800 more finding(s)") == 0);
  auto y = test::with_rule(sink, "y.rule");
  REQUIRE(y.size() == 1);
  CHECK(y[0].message.size() <= DiagnosticSink::kMessageLimit + 3);
}

TEST_CASE("package files: two with the same base name are an error / not one silently dropped", "[security]") {
  test::TempProject project({{"opskit.yaml", kConfig + "packages:\n  - name: p\n    audience: ops\n    include: [index]\n"
                                                      "    files: [content/static/a/*.yaml, content/static/b/*.yaml]\n"},
                             {"content/index.md", kPage},
                             {"content/static/a/job.yaml", "a: 1\n"},
                             {"content/static/b/job.yaml", "b: 2\n"}});
  auto r = build(project.root(), project.root() / "out", false);
  INFO(test::describe(r->sink));
  auto found = test::with_rule(r->sink, "package.file-duplicate");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.find("content/static/a/job.yaml") != std::string::npos);
  CHECK(found[0].message.find("content/static/b/job.yaml") != std::string::npos);
}
