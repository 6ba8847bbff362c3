#include "outputs/site/site_builder.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <optional>
#include <sstream>
#include <unordered_set>
#include <utility>

#include "outputs/site/not_found_page.hpp"
#include "outputs/site/search_index.hpp"
#include "render/navigation.hpp"
#include "render/render_body.hpp"
#include "resolve/link_target.hpp"
#include "resolve/output_urls.hpp"
#include "support/files.hpp"
#include "support/parallel.hpp"
#include "support/strings.hpp"

namespace opskit {
namespace fs = std::filesystem;
using kainjow::mustache::data;

ResolvedLinks site_link_urls(const Model& model, int page_index, const SiteUrls& urls) {
  ResolvedLinks out;
  for (const auto& link : model.pages[page_index].body.links) {
    auto url = link_url(model, page_index, link, urls);
    out.urls.push_back(std::move(url.url));
    out.external.push_back(url.external);
  }
  return out;
}

namespace {

// One batch of pages as the render threads leave it, waiting to be put together in page order.
struct RenderedBatch {
  std::size_t from = 0, count = 0;  // the batch's first page (in the build's page list) and its size
  std::vector<std::string> html;    // a page not streamed (no page check, or a static file's path)
  std::vector<std::optional<ScannedHtml>> scanned;
  std::vector<SearchIndex::Entries> entries;
  std::vector<DiagnosticSink> page_sinks;

  void start(std::size_t first, std::size_t size) {
    from = first;
    count = size;
    // New vectors rather than cleared ones: the last batch's memory goes now, not at the end.
    html = std::vector<std::string>(size);
    scanned = std::vector<std::optional<ScannedHtml>>(size);
    entries = std::vector<SearchIndex::Entries>(size);
    page_sinks = std::vector<DiagnosticSink>(size);
  }
};

}  // namespace

// Not in an anonymous namespace: IncrementalSite (site_builder.hpp) holds one.
class SiteBuilder {
 public:
  SiteBuilder(const Model& model, const Theme& theme, SiteOptions options)
      : model_(model),
        theme_(theme),
        options_(std::move(options)),
        nav_(build_navigation(model, options_.included)),
        paths_(site_page_paths(model)),
        urls_(options_.included, paths_) {
    auto index_order = [&](const std::vector<int>& order) {
      for (std::size_t i = 0; i < order.size(); ++i) reading_position_[order[i]] = {&order, i};
    };
    for (const auto& [root, pages] : nav_.group_order) index_order(pages);
    index_order(nav_.reading_order);
  }

  OutputTree build(DiagnosticSink& sink) {
    sink_ = &sink;
    OutputTree tree;
    search_ = SearchIndex(options_.search_part_bytes);
    search_slot_.clear();
    std::vector<int> pages;
    for (int i = 0; i < static_cast<int>(model_.pages.size()); ++i)
      if (options_.included(i)) pages.push_back(i);
    // The sitemap is made beside the first batch of pages, while little else is held: its XML
    // tree (8 MB at 10,000 pages) was the top of the build's peak memory when it was made after
    // the pages, and made alone it was 20-30 ms with a core idle.
    std::string sitemap_xml;
    // Pages render on --jobs threads, each reporting into its own sink, with their search entries;
    // the tree, the search index and the report are then put together in page order, the same for
    // any number of jobs. They render in batches, so that a page's body HTML is let go as soon as
    // its search entries are made, and only one batch's diagnostics are held at a time.
    // A static file of the same path replaces a page (copy_static_files): such a page stays in
    // the tree even when pages are streamed, so that the static file is what is written and checked.
    std::unordered_set<std::string> static_paths;
    // The search index is streamed too: its full parts leave as the pages' entries fill them.
    // A part fills on this thread, in page order; it is written (a few MB each, tens of MB in
    // all at 10,000 pages) beside the next batch's pages, on the render threads, rather than
    // here while they wait.
    using Part = std::pair<std::string, std::string>;  // site path, bytes
    std::vector<Part> parts_to_write;
    auto write_part = [this](Part& part) {
      options_.write_page(part.first, part.second);
      std::string().swap(part.second);  // let go of its memory now
    };
    if (options_.page_check) {
      for (const auto& s : model_.sources.statics) static_paths.insert(site_file_path(s.workshop, s.path));
      search_.stream_parts([this, &parts_to_write](const std::string& path, std::string bytes) {
        options_.page_check->add_file(path);
        if (options_.write_page) parts_to_write.emplace_back(path, std::move(bytes));
      });
    }
    // A batch is put together (in page order, on one thread) while the next batch renders on the
    // others: done on its own between batches, the putting together left one core idle for about
    // 60 ms of a 10,000-page build at --jobs 2.
    auto merge = [&](RenderedBatch& batch) {
      for (std::size_t k = 0; k < batch.count; ++k) {
        int i = pages[batch.from + k];
        sink.absorb(batch.page_sinks[k]);
        if (batch.scanned[k]) {
          options_.page_check->add_html(std::move(*batch.scanned[k]));
        } else {
          auto& file = tree[path_of(i)];
          file.bytes = std::move(batch.html[k]);
          file.source = model_.pages[i].file;
        }
        search_slot_[i] = search_.add_page(std::move(batch.entries[k]));
      }
      batch.start(0, 0);  // let go of the batch's memory now
    };
    constexpr std::size_t kBatch = 256;
    RenderedBatch rendered, rendering;  // the batch to put together, the batch being rendered
    for (std::size_t from = 0; from < pages.size(); from += kBatch) {
      std::size_t count = std::min(kBatch, pages.size() - from);
      rendering.start(from, count);
      // The parts the merges so far have filled; the ones this batch's merge fills wait for the next.
      auto parts = std::exchange(parts_to_write, {});
      // The sitemap, the merge and the parts go first, then many small pages to even out the threads.
      std::size_t sitemaps = from == 0 && options_.write_sitemap ? 1 : 0;
      std::size_t merges = rendered.count > 0 ? 1 : 0;
      parallel_for(sitemaps + merges + parts.size() + count, options_.jobs, [&](std::size_t task) {
        if (task < sitemaps) {
          sitemap_xml = sitemap();
          return;
        }
        task -= sitemaps;
        if (task < merges) return merge(rendered);
        task -= merges;
        if (task < parts.size()) return write_part(parts[task]);
        std::size_t k = task - parts.size();
        int i = pages[from + k];
        auto [page_html, body, toc] = render_page(i, rendering.page_sinks[k]);
        rendering.entries[k] = search_entries(i, body, toc);
        auto path = path_of(i);
        if (options_.page_check && !static_paths.count(path)) {
          if (options_.write_page) options_.write_page(path, page_html);
          rendering.scanned[k] = OutputLinkCheck::scan(std::move(path), page_html);
        } else {
          rendering.html[k] = std::move(page_html);
        }
      });
      std::swap(rendered, rendering);
    }
    merge(rendered);
    if (pages.empty() && options_.write_sitemap) sitemap_xml = sitemap();  // no batch ran
    parallel_for(parts_to_write.size(), options_.jobs, [&](std::size_t k) { write_part(parts_to_write[k]); });
    search_.write(tree);
    tree["assets/nav-tree.js"].bytes = nav_tree_js();
    copy_theme_assets(tree);
    copy_static_files(tree);
    // A project without a docs home (a bare Workshop Studio repository) still opens at index.html.
    if (nav_.home_page < 0) tree["index.html"].bytes = special_page("section", title());
    tree["404.html"].bytes = special_page("404", "Page not found");
    tree["search.html"].bytes = special_page("search", "Search");
    if (options_.write_sitemap) tree["sitemap.xml"].bytes = std::move(sitemap_xml);
    sink_ = nullptr;
    return tree;
  }

  // One page again, from the model's current text of it; its search entries follow.
  std::string rerender(int index, DiagnosticSink& sink) {
    auto [html, body, toc] = render_page(index, sink);
    if (auto slot = search_slot_.find(index); slot != search_slot_.end())
      search_.replace_page(slot->second, search_entries(index, body, toc));
    return html;
  }
  void write_search_index(OutputTree& tree) const { search_.write(tree); }

 private:
  const Model& model_;
  const Theme& theme_;
  const SiteOptions options_;
  DiagnosticSink* sink_ = nullptr;  // while build() runs
  Navigation nav_;
  const std::vector<std::string> paths_;  // site_page_paths: each page's, made once
  const SiteUrls urls_;  // links between this site's pages, through paths_
  SearchIndex search_;
  std::map<int, std::size_t> search_slot_;  // page -> its slot in search_

  const std::string& path_of(int page) const { return paths_[static_cast<std::size_t>(page)]; }

  // A page's search entries, from its rendered body; thread-safe.
  SearchIndex::Entries search_entries(int page, const std::string& body, const std::vector<Heading>& toc) const {
    return SearchIndex::page_entries(model_.pages[page].meta.title, path_of(page),
                                     search_section(page), body, toc);
  }

  // The section a search result names: the title of the page's top ancestor.
  std::string search_section(int page) const {
    auto ancestors = nav_.ancestors(page);
    return ancestors.empty() ? "" : nav_title(model_.pages[ancestors.front()]);
  }
  std::map<int, std::pair<const std::vector<int>*, std::size_t>> reading_position_;  // page -> order, place

  std::string title() const { return options_.site_title.empty() ? model_.config.title : options_.site_title; }

  data link_data(int page) const {
    data d;
    put(d, "title", nav_title(model_.pages[page]));
    put(d, "href", path_of(page));  // relative to the site root: the theme writes {{root}}{{href}}
    return d;
  }

  data common(const std::string& path, const std::string& page_title) const {
    data d;
    std::string root;
    for (char c : path)
      if (c == '/') root += "../";
    put(d, "root", root);
    put(d, "page_url", path);
    put(d, "site_title", title());
    put(d, "page_title", page_title);
    put(d, "generator", std::string("opskit ") + OPSKIT_VERSION);
    put(d, "lang", "en");
    put(d, "home_href", root + "index.html");
    return d;
  }

  std::string children_html(int page, int depth, const std::string& from) const {
    auto it = nav_.node_of_page.find(page);
    if (it == nav_.node_of_page.end() || depth <= 0) return {};
    const auto& children = nav_.nodes[it->second].children;
    if (children.empty()) return {};
    std::string html = "<ul class=\"children-list\">";
    for (int c : children) {
      int p = nav_.nodes[c].page;
      html += "<li><a href=\"" + html_escape(relative_url(from, path_of(p))) + "\">" +
              html_escape(nav_title(model_.pages[p])) + "</a>";
      if (!model_.pages[p].meta.description.empty())
        html += " <span class=\"children-description\">" + html_escape(model_.pages[p].meta.description) + "</span>";
      html += children_html(p, depth - 1, from) + "</li>";
    }
    return html + "</ul>\n";
  }

  data nav_branch(int page) const {
    data list{data::type::list};
    auto chain = nav_.ancestors(page);
    chain.push_back(page);
    // Only a window of siblings around the path is written into the page, so that a page's size
    // does not grow with the site's; the full tree comes from assets/nav-tree.js.
    constexpr std::ptrdiff_t kWindow = 6;
    std::function<void(const std::vector<int>&, int)> emit = [&](const std::vector<int>& all, int depth) {
      auto on_path_at = std::find_if(all.begin(), all.end(), [&](int n) {
        return std::find(chain.begin(), chain.end(), nav_.nodes[n].page) != chain.end();
      });
      auto centre = on_path_at == all.end() ? all.begin() : on_path_at;
      auto first = all.begin() + std::max<std::ptrdiff_t>(0, (centre - all.begin()) - kWindow);
      auto last = all.begin() + std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(all.size()), (centre - all.begin()) + kWindow + 1);
      std::vector<int> nodes(first, last);
      for (int n : nodes) {
        int p = nav_.nodes[n].page;
        bool on_path = std::find(chain.begin(), chain.end(), p) != chain.end();
        data item = link_data(p);
        put(item, "depth", std::to_string(depth));
        put(item, "current", p == page);
        put(item, "open", on_path);
        put(item, "has_children", !nav_.nodes[n].children.empty());
        append(list, std::move(item));
        if (on_path) emit(nav_.nodes[n].children, depth + 1);
      }
    };
    // A page of another locale's tree shows its own tree.
    const Page& pg = model_.pages[page];
    if (!pg.workshop.empty() && pg.locale != model_.default_locale(pg.workshop)) {
      auto ancestors = nav_.ancestors(page);
      int top = ancestors.empty() ? page : ancestors.front();
      emit({nav_.node_of_page.at(top)}, 0);
    } else {
      emit(nav_.roots, 0);
    }
    return list;
  }

  std::tuple<std::string, std::string, std::vector<Heading>> render_page(int index, DiagnosticSink& sink) const {
    const Page& page = model_.pages[index];
    const auto& path = path_of(index);
    auto links = site_link_urls(model_, index, urls_);
    BodyRenderContext ctx;
    ctx.link_urls = std::move(links.urls);
    ctx.link_external = std::move(links.external);
    ctx.allowed_schemes = model_.config.allowed_schemes;
    ctx.sink = &sink;
    ctx.children_html = [&](const Directive& d) {
      int depth = std::max(1, std::atoi(d.attrs.get("depth", "1").c_str()));
      return children_html(index, depth, path);
    };
    ctx.view_html = [&](const Directive& d) { return options_.view_html ? options_.view_html(d, index, urls_) : std::string(); };
    auto body = render_body(page, ctx);

    data d = common(path, page.meta.title);
    // Empty optional values are left unset: Mustache treats "" as true in a section.
    if (!page.meta.description.empty()) put(d, "description", page.meta.description);
    put(d, "page_id", page.id);
    put(d, "kind", page.meta.kind);
    put(d, "lang", page.locale.substr(0, page.locale.find('-')));
    put(d, "content", body.html);
    if (!page.last_updated.empty()) put(d, "last_updated", page.last_updated);
    if (!model_.config.repository_url.empty())
      put(d, "edit_url", model_.config.repository_url + "/edit/" + model_.config.edit_branch + "/" + page.file);
    data toc{data::type::list};
    for (const auto& h : body.toc) {
      data item;
      put(item, "level", std::to_string(h.level));
      put(item, "id", h.id);
      put(item, "text", h.text);
      append(toc, std::move(item));
    }
    put(d, "toc", std::move(toc));
    put(d, "has_toc", !body.toc.empty() && !page.meta.disable_toc);
    // Page-specific assets: the layout links highlight.js's styles and the questionnaire's files
    // only on the pages that use them (site-theme/CONTRACT.md).
    put(d, "has_code", body.html.find("<code class=\"language-") != std::string::npos);
    put(d, "has_questionnaire", body.html.find("<form class=\"questionnaire") != std::string::npos);
    data crumbs{data::type::list};
    auto ancestors = nav_.ancestors(index);
    if (nav_.home_page >= 0 && index != nav_.home_page &&
        (ancestors.empty() || ancestors.front() != nav_.home_page))
      ancestors.insert(ancestors.begin(), nav_.home_page);
    for (int a : ancestors) append(crumbs, link_data(a));
    put(d, "breadcrumbs", std::move(crumbs));
    put(d, "nav_branch", nav_branch(index));
    add_prev_next(d, index);
    add_locales(d, index);
    data children{data::type::list};
    if (auto it = nav_.node_of_page.find(index); it != nav_.node_of_page.end()) {
      for (int c : nav_.nodes[it->second].children) {
        data item = link_data(nav_.nodes[c].page);
        const auto& description = model_.pages[nav_.nodes[c].page].meta.description;
        if (description.empty()) put(item, "description", false);
        else put(item, "description", description);
        append(children, std::move(item));
      }
    }
    bool is_section = page.is_index && !children.is_empty_list();
    put(d, "has_children", !children.is_empty_list());
    put(d, "children", std::move(children));
    put(d, "body", theme_.render(is_section ? "section" : "page", d));
    auto html = theme_.render("layout", d);
    return {std::move(html), std::move(body.html), std::move(body.toc)};
  }

  void add_prev_next(data& d, int index) const {
    auto found = reading_position_.find(index);
    if (found == reading_position_.end()) return;
    const auto& [order, position] = found->second;
    if (position > 0) put(d, "prev", link_data((*order)[position - 1]));
    if (position + 1 < order->size()) put(d, "next", link_data((*order)[position + 1]));
  }

  void add_locales(data& d, int index) const {
    const Page& page = model_.pages[index];
    const auto& same = model_.index.by_id.at(page.id);
    data list{data::type::list};
    int count = 0;
    for (int other : same) {
      if (!options_.included(other)) continue;
      data item;
      put(item, "code", model_.pages[other].locale);
      put(item, "label", model_.pages[other].locale);
      put(item, "href", path_of(other));
      put(item, "current", other == index);
      append(list, std::move(item));
      ++count;
    }
    put(d, "locales", std::move(list));
    put(d, "has_locales", count > 1);
  }

  std::string nav_tree_js() const {
    std::function<std::string(int)> node_json = [&](int n) {
      int page = nav_.nodes[n].page;
      std::string s = "{\"t\":\"" + json_escape(nav_title(model_.pages[page])) + "\",\"u\":\"" + json_escape(path_of(page)) + "\"";
      if (!nav_.nodes[n].children.empty()) {
        s += ",\"c\":[";
        bool first = true;
        for (int c : nav_.nodes[n].children) {
          if (!first) s += ",";
          first = false;
          s += node_json(c);
        }
        s += "]";
      }
      return s + "}";
    };
    std::string js = "window.OPSKIT_NAV = [";
    bool first = true;
    for (int r : nav_.roots) {
      if (!first) js += ",\n";
      first = false;
      js += node_json(r);
    }
    return js + "];\n";
  }

  void copy_theme_assets(OutputTree& tree) const {
    auto assets = theme_.dir / "assets";
    if (!fs::is_directory(assets)) return;
    std::vector<fs::path> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(assets, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      auto status = it->symlink_status(ec);
      if (fs::is_regular_file(status)) {
        files.push_back(it->path());
      } else if (fs::is_symlink(status)) {
        // As for sources: a link could publish any file of the building machine.
        sink_->report("load.symlink", Severity::error, it->path().string(), 0, 0,
                     "is a symbolic link in the theme; opskit does not follow links: copy the file into the theme");
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) tree["assets/" + f.lexically_relative(assets).generic_string()].copy_from = f;
  }

  void copy_static_files(OutputTree& tree) const {
    // The load stage reads statics only of the docs and of the project's workshops.
    for (const auto& s : model_.sources.statics) {
      auto& file = tree[site_file_path(s.workshop, s.path)];
      file.copy_from = s.abs;
      file.source = s.file;
    }
  }

  std::string special_page(const std::string& name, const std::string& page_title) const {
    auto path = name == "section" ? std::string("index.html") : name + ".html";
    data d = common(path, page_title);
    if (name == "404") set_not_found_root(d, model_.config, page_paths());
    put(d, "nav_branch", data{data::type::list});
    data roots{data::type::list};
    for (int r : nav_.roots) {
      data item = link_data(nav_.nodes[r].page);
      const auto& description = model_.pages[nav_.nodes[r].page].meta.description;
      if (description.empty()) put(item, "description", false);
      else put(item, "description", description);
      append(roots, std::move(item));
    }
    put(d, "sections", roots);
    put(d, "children", roots);
    put(d, "has_children", !nav_.roots.empty());
    put(d, "body", theme_.render(name, d));
    return theme_.render("layout", d);
  }

  std::vector<std::string> page_paths() const {
    std::vector<std::string> paths;
    for (int i = 0; i < static_cast<int>(model_.pages.size()); ++i)
      if (options_.included(i)) paths.push_back(path_of(i));
    return paths;
  }

  std::string sitemap() const {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto urlset = doc.append_child("urlset");
    urlset.append_attribute("xmlns") = "http://www.sitemaps.org/schemas/sitemap/0.9";
    for (int i = 0; i < static_cast<int>(model_.pages.size()); ++i) {
      if (!options_.included(i) || model_.pages[i].meta.hidden) continue;
      auto url = urlset.append_child("url");
      url.append_child("loc").text() = (model_.config.base_url + path_of(i)).c_str();
      if (!model_.pages[i].last_updated.empty())
        url.append_child("lastmod").text() = model_.pages[i].last_updated.c_str();
    }
    std::ostringstream out;
    doc.save(out, "  ");
    return out.str();
  }
};

OutputTree build_site(const Model& model, const Theme& theme, const SiteOptions& options, DiagnosticSink& sink) {
  return SiteBuilder(model, theme, options).build(sink);
}

IncrementalSite::IncrementalSite(const Model& model, const Theme& theme, SiteOptions options)
    : builder_(std::make_unique<SiteBuilder>(model, theme, std::move(options))) {}
IncrementalSite::~IncrementalSite() = default;
OutputTree IncrementalSite::build(DiagnosticSink& sink) { return builder_->build(sink); }
std::string IncrementalSite::rerender_page(int page, DiagnosticSink& sink) { return builder_->rerender(page, sink); }
void IncrementalSite::write_search_index(OutputTree& tree) const { builder_->write_search_index(tree); }

}  // namespace opskit
