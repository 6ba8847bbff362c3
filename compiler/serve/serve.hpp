#pragma once
// `opskit serve`: builds the site in memory, serves it over HTTP, rebuilds on every change of the
// sources and tells the open pages to reload, until SIGINT or SIGTERM.
#include <string>

#include "pipeline/pipeline.hpp"

namespace opskit::serve {

struct ServeOptions {
  RunOptions run;  // root, theme, rule overrides (drafts are always shown)
  std::string host = "127.0.0.1";
  int port = 8000;  // 0: any free port (the URL printed says which)
  bool open = false;  // open the URL in the desktop's browser
};

// Returns the exit code: 0 after a signal, 2 when the address cannot be bound.
int run_serve(const ServeOptions& options);

}  // namespace opskit::serve
