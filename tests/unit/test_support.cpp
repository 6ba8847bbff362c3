#include "test_support.hpp"

#include <atomic>
#include <fstream>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "pipeline/build_model.hpp"
#include "project/config.hpp"
#include "resolve/link_target.hpp"

namespace opskit::test {
namespace fs = std::filesystem;

TempProject::TempProject(const std::map<std::string, std::string>& files) {
  static std::atomic<int> counter{0};
  root_ = fs::temp_directory_path() / ("opskit-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(root_);
  fs::create_directories(root_);
  for (const auto& [path, text] : files) {
    auto full = root_ / path;
    fs::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << text;
  }
}

TempProject::~TempProject() {
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

Model checked_model(const fs::path& root, DiagnosticSink& sink) {
  auto config = load_project(root, sink);
  REQUIRE(config);
  auto model = build_model(std::move(*config), ModelOptions{}, sink);
  check_links(model, sink);
  return model;
}

std::vector<Diagnostic> with_rule(const DiagnosticSink& sink, const std::string& rule) {
  std::vector<Diagnostic> out;
  for (const auto& d : sink.sorted())
    if (d.rule == rule) out.push_back(d);
  return out;
}

std::string describe(const DiagnosticSink& sink) {
  std::string out;
  for (const auto& d : sink.sorted())
    out += d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message + " [" + d.rule + "]\n";
  return out;
}

std::set<std::string> read_fixture_lines(const fs::path& path) {
  std::set<std::string> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') lines.insert(line);
  return lines;
}

fs::path source_dir() { return OPSKIT_SOURCE_DIR; }
fs::path fixtures_dir() { return source_dir() / "tests" / "fixtures"; }

}  // namespace opskit::test
