#pragma once
// Workshop Studio bundles: each workshop as a zip of contentspec.yaml, content/, static/ and
// assets/, laid out as its repository; links to the docs site rewritten to absolute URLs.
#include <filesystem>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "emit/output_tree.hpp"

namespace opskit {

struct PlannedZip {
  std::string name;            // workshop or package name
  std::string file_name;       // "devops-immersion-day.zip"
  OutputTree tree;
  std::int64_t timestamp = 0;  // for every entry
};

// The newest commit time when the project is a git checkout (the same on every clone), else the
// newest source file's modification time.
std::int64_t default_source_epoch(const Model& model);

std::vector<PlannedZip> plan_bundles(const Model& model, const std::vector<std::string>& only, DiagnosticSink& sink);

// The page's Markdown as the bundle carries it: xref and .md links rewritten for Workshop Studio.
std::string bundle_page_text(const Model& model, int page);

}  // namespace opskit
