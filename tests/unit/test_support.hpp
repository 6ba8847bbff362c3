#pragma once
// Helpers shared by the unit tests: temporary projects and finding diagnostics.
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/model.hpp"
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

// The project at `root` loaded, built into a model and link-checked (the resolve stage's findings
// go to `sink`); the project must load.
Model checked_model(const std::filesystem::path& root, DiagnosticSink& sink);

std::vector<Diagnostic> with_rule(const DiagnosticSink& sink, const std::string& rule);
std::string describe(const DiagnosticSink& sink);  // for failure messages

// The lines of a reviewed fixture file, without blank lines and '#' comments.
std::set<std::string> read_fixture_lines(const std::filesystem::path& path);

std::filesystem::path source_dir();
std::filesystem::path fixtures_dir();

}  // namespace opskit::test
