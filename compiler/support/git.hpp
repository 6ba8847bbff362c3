#pragma once
// Reading a git checkout: the one place opskit runs git.
#include <filesystem>
#include <string>
#include <vector>

namespace opskit {

// The standard output of `git -C ROOT ARGS...` (run directly, no shell: a path with quotes or
// spaces is one argument); empty when ROOT is not a checkout or git fails or is missing.
std::string git_output(const std::filesystem::path& root, const std::vector<std::string>& args);

}  // namespace opskit
