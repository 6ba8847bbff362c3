#pragma once
// Every source file of the project as the load stage read it: pages, static files, data files,
// workshops' contentspec files.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "support/shared_text.hpp"

namespace opskit {

struct PageSource {
  std::string file;          // project-relative path, for diagnostics
  SharedText text = no_text();  // the file's bytes
  std::string workshop;      // "" for the docs site (content/), else the workshop name
  std::string locale_suffix; // "en" of index.en.md; "" when the name has none
  std::string path;          // collection path of the page: "runbooks/patch-instances", "" = root
  bool is_index = false;     // index.md of a folder
  std::string last_updated;  // YYYY-MM-DD
};

struct StaticFile {
  std::string workshop;           // "" for content/static
  std::string path;               // "static/images/x.png", "assets/x.bin" (collection-relative)
  std::filesystem::path abs;
  std::string file;               // project-relative
  // The bytes of the files rules read (CloudFormation templates, IAM policies: .json, .yaml,
  // .yml, .template up to limits::kStaticTextBytes), read by the load stage like every source.
  std::optional<std::string> text;
};

struct DataFile {
  std::string name;  // "tooling-map" for content/data/tooling-map.yaml
  std::string file;
  std::string text;
};

struct WorkshopSource {
  std::string name;
  std::string rel_dir;
  std::filesystem::path dir;
  std::string contentspec_file;
  std::string contentspec_text;
};

struct Sources {
  std::vector<PageSource> pages;
  std::vector<StaticFile> statics;
  std::vector<DataFile> data;
  std::vector<WorkshopSource> workshops;
  long newest_mtime = 0;  // seconds since the epoch, for SOURCE_DATE_EPOCH's default
  // From git, when the project is a checkout (the same on every clone of a commit).
  long last_commit_time = 0;  // seconds since the epoch; 0 when not a checkout
  std::string revision;       // HEAD's commit id; empty when not a checkout
  bool tree_modified = false; // uncommitted changes in the checkout
};

}  // namespace opskit
