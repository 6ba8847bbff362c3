#pragma once
// What a new page's front matter is filled from, so that it starts valid: an owner who holds A
// or R for the page's area in the project's RACI (raci.owner-accountable), an area from the
// fixed vocabularies, and for a playbook a runbook to hand over to (playbook.no-runbook-link).
#include <filesystem>
#include <string>
#include <vector>

namespace opskit {

struct ProjectFacts {
  struct Accountable {
    std::string group, role;  // a RACI row's group and a role holding A or R in it
  };
  struct Runbook {
    std::string id, title, area;
  };
  std::vector<Accountable> accountable;  // in file order
  std::vector<std::string> roles;        // roles.yaml ids, in file order
  std::vector<Runbook> runbooks;         // docs pages of kind runbook
};

// Reads the project at `root` quietly: a project with errors still gives what it can (a new page
// is often written to fix one). An empty result when there is no project.
ProjectFacts read_project_facts(const std::filesystem::path& root);

struct OwnerAndArea {
  std::string owner, area;
};

// Fills what `wanted` leaves empty. `framework` picks a framework area (an SOP's), else one of
// the sixteen operational areas. With both given, they are returned as given.
OwnerAndArea choose_owner_and_area(const ProjectFacts& facts, OwnerAndArea wanted, bool framework);

}  // namespace opskit
