#include "scaffold/new_kit.hpp"

#include <map>

#include "scaffold/archetype.hpp"
#include "scaffold/new_page.hpp"
#include "scaffold/project_facts.hpp"
#include "scaffold/scaffold_files.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;

namespace {

// Names that become folders, URLs and zip names: lower-case letters, digits and '-'.
bool good_name(const std::string& name) {
  if (name.empty() || name.front() == '-') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

std::string opskit_yaml(const std::string& title, const std::string& name) {
  return "# The project file: see the opskit README, \"opskit.yaml\".\n"
         "site:\n"
         "  title: " + yaml_quoted(title) + "\n"
         "  base_url: https://example.com/" + name + "/   # where the site is published\n"
         "version: 0.1.0                 # the handover packages' version\n"
         "review_period_days: 180\n"
         "packages:\n"
         "  - name: operations-team\n"
         "    title: Operations team handover\n"
         "    audience: operations-team\n"
         "    include: [index, runbooks/**]\n";
}

const char* kContentspec =
    "version: 2.0\n"
    "defaultLocaleCode: en-US\n"
    "localeCodes:\n"
    "  - en-US\n"
    "awsAccountConfig:\n"
    "  accountSources:\n"
    "    - WorkshopStudio\n"
    "  participantRole:\n"
    "    iamPolicies:\n"
    "      - static/iam_policy.json\n";

// What participants may do in their account: read-only to start with; widen it lab by lab.
const char* kIamPolicy =
    "{\n"
    "  \"Version\": \"2012-10-17\",\n"
    "  \"Statement\": [\n"
    "    {\n"
    "      \"Sid\": \"WorkshopParticipantReadOnly\",\n"
    "      \"Effect\": \"Allow\",\n"
    "      \"Action\": [\"cloudformation:Describe*\", \"cloudwatch:Get*\", \"cloudwatch:List*\", \"ec2:Describe*\"],\n"
    "      \"Resource\": \"*\"\n"
    "    }\n"
    "  ]\n"
    "}\n";

bool empty_or_missing(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

}  // namespace

int new_project(const fs::path& dir, const std::string& title_in, std::ostream& out, std::ostream& err) {
  if (!empty_or_missing(dir)) {
    err << "opskit new project: '" << dir.string() << "' exists and is not an empty folder; nothing was written\n";
    return 2;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    err << "opskit new project: cannot create '" << dir.string() << "': " << ec.message() << "\n";
    return 2;
  }
  auto name = fs::weakly_canonical(dir, ec).filename().string();
  std::string slug;
  for (char c : to_lower(name)) slug += good_name(std::string(1, c)) ? c : '-';
  auto title = title_in.empty() ? "Cloud operating-model kit" : title_in;
  ProjectFacts none;
  std::string note;
  std::map<std::string, std::string> files;
  files["opskit.yaml"] = opskit_yaml(title, slug.empty() ? "kit" : slug);
  files["content/index.md"] =
      render_page(dir, "page", "content/index.md", title, none, "", "", note) +
      "\nStart with the [runbooks](xref:runbooks).\n";
  files["content/runbooks/index.md"] =
      render_page(dir, "page", "content/runbooks/index.md", "Runbooks", none, "", "", note) + "\n::children\n";
  files["content/runbooks/restart-a-service.md"] =
      render_page(dir, "runbook", "content/runbooks/restart-a-service.md", "Restart a service", none, "", "", note);
  if (auto refused = write_new_files(dir, files); !refused.empty()) {
    err << "opskit new project: " << refused << "\n";
    return 2;
  }
  for (const auto& [file, text] : files) out << "wrote " << (dir / file).string() << "\n";
  return 0;
}

int new_workshop(const fs::path& root, const std::string& name, const std::string& title_in, std::ostream& out,
                 std::ostream& err) {
  if (!good_name(name)) {
    err << "opskit new workshop: '" << name << "' is not a workshop name (lower-case letters, digits and '-')\n";
    return 2;
  }
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    err << "opskit new workshop: folder '" << root.string() << "' does not exist\n";
    return 2;
  }
  bool in_project = fs::exists(root / "opskit.yaml", ec);
  std::string base = in_project ? "workshops/" + name : name;
  if (!empty_or_missing(root / base)) {
    err << "opskit new workshop: '" << (root / base).string() << "' exists and is not an empty folder; nothing was written\n";
    return 2;
  }
  auto title = title_in.empty() ? title_from_file(name) : title_in;
  ProjectFacts none;
  std::string note;
  std::map<std::string, std::string> files;
  files[base + "/contentspec.yaml"] = kContentspec;
  files[base + "/static/iam_policy.json"] = kIamPolicy;
  files[base + "/content/index.en.md"] =
      render_page(root, "page", base + "/content/index.en.md", title, none, "", "", note) +
      "\nStart with [Lab 1](/lab-1/).\n";
  files[base + "/content/lab-1/index.en.md"] =
      render_page(root, "lab", base + "/content/lab-1/index.en.md", "Lab 1", none, "", "", note);
  if (auto refused = write_new_files(root, files); !refused.empty()) {
    err << "opskit new workshop: " << refused << "\n";
    return 2;
  }
  for (const auto& [file, text] : files) out << "wrote " << (root / file).string() << "\n";
  if (in_project)
    out << "opskit.yaml lists its workshops only when it has a 'workshops:' key: add '" << name
        << "' there if it does\n";
  return 0;
}

}  // namespace opskit
