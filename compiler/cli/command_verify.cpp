#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "verify/verify_package.hpp"

namespace opskit::cli {

Command add_verify_command(CLI::App& app) {
  auto zip = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("verify", "check a handover package against its manifest");
  cmd->add_option("package", *zip, "the package zip")->required();
  return {cmd, [zip] { return verify_package(*zip, std::cout); }};
}

}  // namespace opskit::cli
