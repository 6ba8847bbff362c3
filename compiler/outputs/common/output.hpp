#pragma once
// What every output is: a name (the folder under --out and the word `--only` takes), and a
// render from the checked model into files. The pipeline works from a list of outputs
// (pipeline/outputs_list.cpp); a new output (EPUB, PDF) is one new folder under outputs/ and one
// line in that list.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "emit/output_tree.hpp"
#include "model/model.hpp"
#include "model/page.hpp"
#include "render/theme.hpp"
#include "resolve/output_urls.hpp"

namespace opskit {

// One zip an output writes, built in memory first.
struct PlannedZip {
  std::string name;            // workshop or package name
  std::string file_name;       // "devops-immersion-day.zip"
  OutputTree tree;
  std::int64_t timestamp = 0;  // for every entry
};

// What the outputs are made from: the checked project and what the pipeline made of it.
struct OutputInputs {
  const Model& model;
  const Theme& theme;
  std::vector<std::string> only;  // bundle or package names to write (empty: all)
  std::vector<std::filesystem::path> since;  // previous packages, for their successors' CHANGES.md
  // The generated views (::raci, ::tooling-matrix, ::questionnaire) of a page, with links through
  // the output's own OutputUrls.
  std::function<std::string(const Directive&, int page, const OutputUrls&)> view_html;
  // Data exports packages carry under data/ ("raci.csv" -> bytes).
  std::map<std::string, std::string> data_files;
  int jobs = 1;  // threads for rendering pages
  // When the run writes: stages one file of the output named `output` ("site") in the output
  // folder at once (thread-safe), so that an output made of many files (the site's pages) need not
  // hold them all until the end. Unset for a check, which writes nothing.
  std::function<void(const std::string& output, const std::string& path, std::string_view bytes)> stage_file;
};

// An output's files: a folder tree (written at --out/<name>/) and zips (at --out/<name>/<file>).
struct RenderedOutput {
  OutputTree tree;
  std::vector<PlannedZip> zips;
  std::vector<std::string> messages;  // summary lines for the user
  std::size_t staged_files = 0;       // files handed to OutputInputs::stage_file (not in `tree`)
};

class Output {
 public:
  virtual ~Output() = default;
  virtual std::string name() const = 0;
  virtual std::string description() const = 0;
  // Workshop Studio's rules gate this output (only bundles: a site-only build does not need them).
  virtual bool needs_workshop_rules() const { return false; }
  // Renders and checks the output in memory; writes nothing.
  virtual RenderedOutput render(const OutputInputs& inputs, DiagnosticSink& sink) const = 0;
};

}  // namespace opskit
