#pragma once
// Reading a git checkout: the one place opskit runs git.
#include <filesystem>
#include <string>

namespace opskit {

// The standard output of `git -C ROOT ARGS`; empty when ROOT is not a checkout or git fails.
std::string git_output(const std::filesystem::path& root, const std::string& args);

}  // namespace opskit
