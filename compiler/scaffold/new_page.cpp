#include "scaffold/new_page.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "scaffold/archetype.hpp"
#include "scaffold/project_facts.hpp"
#include "scaffold/scaffold_files.hpp"
#include "support/files.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

namespace {

// "patch-the-fleet" -> "PatchTheFleet": a Systems Manager document name to start from.
std::string automation_name(const std::string& file) {
  std::string name, word = title_from_file(file);
  bool upper = true;
  for (char c : word) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return "Runbook-" + (name.empty() ? std::string("New") : name);
}

// A lab's weight: after the folders already beside it, in steps of 10.
std::string next_weight(const fs::path& root, const std::string& file) {
  auto folder = (root / file).parent_path().parent_path();
  std::error_code ec;
  int siblings = 0;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec)) ++siblings;
  return std::to_string((siblings + 1) * 10);
}

}  // namespace

const std::vector<std::string>& page_kinds() {
  static const std::vector<std::string> kinds = {"runbook", "sop", "playbook", "lab", "page"};
  return kinds;
}

std::string render_page(const fs::path& root, const std::string& kind, const std::string& file,
                        const std::string& title, const ProjectFacts& facts, const std::string& owner,
                        const std::string& area, std::string& note) {
  auto archetype = find_archetype(root, kind);
  if (!archetype) throw IoError("no archetype for '" + kind + "': neither archetypes/" + kind + ".md nor the theme's");
  std::string why;
  auto text = read_file(*archetype, &why);
  if (!text) throw IoError("cannot read '" + archetype->string() + "': " + why);

  ArchetypeValues values;
  values["title"] = title;
  values["title_yaml"] = yaml_quoted(title);
  values["date"] = today_iso();
  values["id"] = page_id_for(file);
  values["kind"] = kind;
  values["automation"] = automation_name(file);
  values["weight"] = kind == "lab" ? next_weight(root, file) : "10";
  auto chosen = choose_owner_and_area(facts, {owner, area}, kind == "sop");
  values["owner"] = chosen.owner;
  values[kind == "sop" ? "framework_area" : "area"] = chosen.area;
  if (kind == "playbook") {
    // A runbook of the playbook's area first, else the first runbook.
    const ProjectFacts::Runbook* runbook = nullptr;
    for (const auto& r : facts.runbooks)
      if (!runbook || (r.area == chosen.area && runbook->area != chosen.area)) runbook = &r;
    if (runbook) {
      values["runbook_id"] = runbook->id;
      values["runbook_title"] = runbook->title.empty() ? runbook->id : runbook->title;
    } else {
      note = "the project has no runbook yet: link the runbooks this playbook hands over to in its '## Runbooks' section";
    }
  }
  try {
    return render_archetype(*text, values);
  } catch (const std::runtime_error& e) {
    throw IoError(archetype->string() + ": not a valid template: " + e.what());
  }
}

int new_page(const NewPageRequest& request, std::ostream& out, std::ostream& err) {
  if (std::find(page_kinds().begin(), page_kinds().end(), request.kind) == page_kinds().end()) {
    err << "opskit new: unknown kind '" << request.kind << "' (runbook, sop, playbook, lab, page, project, workshop)\n";
    return 2;
  }
  std::error_code ec;
  if (!fs::is_directory(request.root, ec)) {
    err << "opskit new: project folder '" << request.root.string() << "' does not exist\n";
    return 2;
  }
  if (!fs::exists(request.root / "opskit.yaml", ec) && !fs::exists(request.root / "contentspec.yaml", ec)) {
    err << "opskit new: no opskit.yaml (nor contentspec.yaml) in '" << request.root.string()
        << "': not a project (opskit new project DIR makes one)\n";
    return 2;
  }
  std::string why;
  auto file = page_file_for(request.kind, request.path, why);
  if (!file) {
    err << "opskit new: '" << request.path << "': " << why << "\n";
    return 2;
  }
  auto facts = read_project_facts(request.root);
  std::string note;
  auto title = request.title.empty() ? title_from_file(*file) : request.title;
  auto text = render_page(request.root, request.kind, *file, title, facts, request.owner, request.area, note);
  if (auto refused = write_new_files(request.root, {{*file, text}}); !refused.empty()) {
    err << "opskit new: " << refused << "\n";
    return 2;
  }
  out << "wrote " << *file << " (" << request.kind << " '" << page_id_for(*file) << "')\n";
  if (!note.empty()) err << "opskit new: note: " << note << "\n";
  return 0;
}

}  // namespace opskit
