#include "cli/command.hpp"
#include "serve/serve.hpp"

namespace opskit::cli {

Command add_serve_command(CLI::App& app) {
  auto* serve = app.add_subcommand("serve", "preview the site (drafts included) in a browser; rebuilds and reloads on every save");
  auto options = std::make_shared<serve::ServeOptions>();
  serve->add_option("-C,--project", options->run.root, "project folder (default: the current directory)");
  serve->add_option("--port", options->port, "TCP port (default: 8000; 0: any free port)")->check(CLI::Range(0, 65535));
  serve->add_option("--host", options->host,
                    "address to listen on (default: 127.0.0.1; any other exposes drafts and sources)");
  serve->add_flag("--open", options->open, "open the site in the desktop's browser");
  serve->add_option("--theme", options->run.theme, "theme folder (default: the project's site-theme/, else opskit's own)");
  serve->add_option("--rule", options->run.rule_overrides, "set a rule's level: RULE=error|warning|off (repeatable)");
  return {serve, [options] { return serve::run_serve(*options); }};
}

}  // namespace opskit::cli
