#pragma once
// The resolve stage: what a link written in a page points at, independent of any output.
#include <functional>
#include <string>

#include "model/model.hpp"

namespace opskit {

struct LinkTarget {
  enum class Kind { page, file, external, same_page, unresolved };
  Kind kind = Kind::unresolved;
  int page = -1;               // Kind::page (and same_page)
  std::string anchor;          // without '#'
  std::string workshop;        // Kind::file: collection of the file
  std::string file_path;       // Kind::file: "static/images/x.png"
  std::string query;           // "?x=y" kept as written
  std::string written;         // the link as written, for messages
  std::string suggestion;      // Kind::unresolved: nearest id or path
  int file = -1;               // Kind::file: the file's index in Model::sources.statics
};

LinkTarget resolve_link(const Model& model, int from_page, const std::string& url);

// Resolves every link of every page once, on `jobs` threads, and keeps the targets on the pages
// (Page::link_targets): the link check, the rules and each output read them there instead of
// resolving each link again (five times a build before). Called once the index is built.
void resolve_links(Model& model, int jobs = 1);
// The same for one page (the dev server, after it parsed an edited page again).
void resolve_page_links(Model& model, int page);
// The target of `link`, one of model.pages[from].body.links, as resolve_links kept it; resolved
// now when nothing was kept for it (a model resolve_links did not see, a page parsed again since),
// and for an unresolved link, whose suggestion is not kept.
LinkTarget link_target(const Model& model, int from, const LinkRef& link);

// Reports every unresolved link and missing anchor of every page (the same for all targets), on
// `jobs` threads (the report is the same for any number). `stop`, when given, is asked every 256
// pages: true ends the check early (stats.stopped).
struct LinkStats {
  std::size_t internal = 0, anchors = 0, assets = 0, external = 0;
  bool stopped = false;
};
LinkStats check_links(const Model& model, DiagnosticSink& sink, const std::function<bool()>& stop = nullptr, int jobs = 1);
// The same for one page (opskit serve, after the page was edited), adding to `stats`.
void check_page_links(const Model& model, int page, LinkStats& stats, DiagnosticSink& sink);

// The page of `id` in `locale`, else in the collection's default locale, else any; -1 if none.
int page_in_locale(const Model& model, const std::vector<int>& candidates, const std::string& locale);

}  // namespace opskit
