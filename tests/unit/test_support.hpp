#pragma once
// Helpers shared by the unit tests: temporary projects and finding diagnostics.
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace opskit::test {

// A fresh folder under the system temp dir holding `files` (path -> text); removed at scope end.
class TempProject {
 public:
  explicit TempProject(const std::map<std::string, std::string>& files);
  ~TempProject();
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

std::vector<Diagnostic> with_rule(const DiagnosticSink& sink, const std::string& rule);
std::string describe(const DiagnosticSink& sink);  // for failure messages

// The lines of a reviewed fixture file, without blank lines and '#' comments.
std::set<std::string> read_fixture_lines(const std::filesystem::path& path);

std::filesystem::path source_dir();
std::filesystem::path fixtures_dir();

}  // namespace opskit::test
