#include "support/git.hpp"

#include <cstdio>

namespace opskit {

std::string git_output(const std::filesystem::path& root, const std::string& args) {
  if (!std::filesystem::exists(root / ".git")) return {};
  std::string command = "git -C '" + root.string() + "' " + args + " 2>/dev/null";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    pclose(pipe);
  }
  return out;
}

}  // namespace opskit
