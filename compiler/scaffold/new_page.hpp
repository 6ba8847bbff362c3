#pragma once
// `opskit new KIND PATH`: a page from its kind's archetype, with the front matter and sections
// the kind's rules require, filled from the project so that it starts valid.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "scaffold/project_facts.hpp"

namespace opskit {

const std::vector<std::string>& page_kinds();  // runbook, sop, playbook, lab, page

struct NewPageRequest {
  std::filesystem::path root = ".";  // the project folder
  std::string kind, path, title;     // title: "" for one made from the file name
  std::string owner, area;           // "" for ones the project's RACI suggests
};

// Writes the page; returns the exit code (0, or 2 with the reason on `err`).
int new_page(const NewPageRequest& request, std::ostream& out, std::ostream& err);

// The page `file` (relative to the project) from its kind's archetype; `note` says what the
// author still has to do when the project could not fill everything.
std::string render_page(const std::filesystem::path& root, const std::string& kind, const std::string& file,
                        const std::string& title, const ProjectFacts& facts, const std::string& owner,
                        const std::string& area, std::string& note);

}  // namespace opskit
