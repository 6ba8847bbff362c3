#pragma once
// `opskit new project DIR` and `opskit new workshop NAME`: a minimal kit that `opskit build`
// builds clean, and a Workshop Studio repository that `opskit bundle` bundles clean.
#include <filesystem>
#include <ostream>
#include <string>

namespace opskit {

// Writes the kit into `dir` (made when missing; refused when it holds anything). Exit code.
int new_project(const std::filesystem::path& dir, const std::string& title, std::ostream& out, std::ostream& err);

// Writes the workshop into <root>/workshops/<name>/ when `root` holds an opskit.yaml, else into
// <root>/<name>/ (a bare Workshop Studio repository). Exit code.
int new_workshop(const std::filesystem::path& root, const std::string& name, const std::string& title,
                 std::ostream& out, std::ostream& err);

}  // namespace opskit
