// `opskit new KIND PATH`: scaffolding, as `hugo new` with archetypes. Pages (runbook, sop,
// playbook, lab, page) start from archetypes/<kind>.md in the project or the theme; `project`
// and `workshop` write a whole kit or Workshop Studio repository.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "scaffold/new_kit.hpp"
#include "scaffold/new_page.hpp"

namespace opskit::cli {

Command add_new_command(CLI::App& app) {
  struct State {
    NewPageRequest page;
    std::string root = ".";
  };
  auto state = std::make_shared<State>();
  auto* cmd = app.add_subcommand("new", "write a new page, project or workshop from a template");
  cmd->add_option("KIND", state->page.kind, "runbook, sop, playbook, lab, page, project or workshop")
      ->required()
      ->check(CLI::IsMember({"runbook", "sop", "playbook", "lab", "page", "project", "workshop"}));
  cmd->add_option("PATH", state->page.path,
                  "the page (under content/, e.g. runbooks/patch-fleet), the project's folder, or the workshop's name")
      ->required();
  cmd->add_option("-C", state->root, "project folder (default: the current one)");
  cmd->add_option("--title", state->page.title, "the page's title (default: made from its file name)");
  cmd->add_option("--owner", state->page.owner, "runbook, sop, playbook: the owning role (default: from the RACI)");
  cmd->add_option("--area", state->page.area,
                  "runbook, playbook: the operational area; sop: the framework area (default: from the RACI)");
  return {cmd, [state] {
            auto& page = state->page;
            if (page.kind == "project")
              return new_project(std::filesystem::path(state->root) / page.path, page.title, std::cout, std::cerr);
            if (page.kind == "workshop") return new_workshop(state->root, page.path, page.title, std::cout, std::cerr);
            page.root = state->root;
            return new_page(page, std::cout, std::cerr);
          }};
}

}  // namespace opskit::cli
