#include "check/output_links.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <map>
#include <vector>

#include "support/files.hpp"
#include "support/parallel.hpp"
#include "support/strings.hpp"
#include "support/url_scheme.hpp"

namespace opskit {

namespace {

struct PageRefs {
  std::set<std::string> ids;
  std::vector<std::string> references;
};

bool is_external(const std::string& ref) {
  auto colon = ref.find(':');
  auto slash = ref.find('/');
  return starts_with(ref, "//") || (colon != std::string::npos && (slash == std::string::npos || colon < slash));
}

// HTML5 is not XML: pugixml reads our output once void elements and bare attributes are made
// well-formed, and tolerates the rest (it stops at what it cannot read, so a tag scanner reads
// what comes after).
void scan_tags(const std::string& html, PageRefs& out) {
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      auto end = html.find("-->", i);
      i = end == std::string::npos ? html.size() : end + 3;
      continue;
    }
    auto end = html.find('>', i);
    if (end == std::string::npos) break;
    std::string tag = html.substr(i + 1, end - i - 1);
    bool is_script = tag.size() >= 6 && to_lower(tag.substr(0, 6)) == "script";
    std::size_t a = 0;
    while (a < tag.size()) {
      while (a < tag.size() && !std::isalpha(static_cast<unsigned char>(tag[a]))) ++a;
      auto name_start = a;
      while (a < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[a])) || tag[a] == '-')) ++a;
      auto name = to_lower(tag.substr(name_start, a - name_start));
      while (a < tag.size() && tag[a] == ' ') ++a;
      if (a >= tag.size() || tag[a] != '=') continue;
      ++a;
      while (a < tag.size() && tag[a] == ' ') ++a;
      std::string value;
      if (a < tag.size() && (tag[a] == '"' || tag[a] == '\'')) {
        char q = tag[a++];
        auto close = tag.find(q, a);
        if (close == std::string::npos) break;
        value = tag.substr(a, close - a);
        a = close + 1;
      } else {
        auto start = a;
        while (a < tag.size() && tag[a] != ' ' && tag[a] != '/') ++a;
        value = tag.substr(start, a - start);
      }
      value = replace_all(replace_all(replace_all(value, "&amp;", "&"), "&quot;", "\""), "&#39;", "'");
      if (name == "id" || name == "name") out.ids.insert(value);
      if (name == "href" || name == "src") out.references.push_back(value);
    }
    // Skip a script's body: it is code, not markup.
    if (is_script) {
      static const std::string closing = "</script";
      auto close = std::search(html.begin() + static_cast<std::ptrdiff_t>(end), html.end(), closing.begin(), closing.end(),
                               [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
      i = static_cast<std::size_t>(close - html.begin());
    } else {
      i = end + 1;
    }
  }
}

PageRefs read_page(const std::string& html) {
  PageRefs refs;
  pugi::xml_document doc;
  auto parsed = doc.load_buffer(html.data(), html.size(), pugi::parse_default | pugi::parse_fragment);
  if (parsed) {
    for (auto node : doc.select_nodes("//*[@id or @name or @href or @src]")) {
      auto element = node.node();
      for (const char* name : {"id", "name"})
        if (auto attribute = element.attribute(name)) refs.ids.insert(attribute.value());
      for (const char* name : {"href", "src"})
        if (auto attribute = element.attribute(name)) refs.references.push_back(attribute.value());
    }
    return refs;
  }
  scan_tags(html, refs);
  return refs;
}

}  // namespace

OutputCheckStats check_output_links(const OutputTree& tree, const std::string& output,
                                    const std::set<std::pair<std::string, std::string>>& already_reported,
                                    DiagnosticSink& sink, int jobs) {
  OutputCheckStats stats;
  // Reading the written pages (the costly part) runs on `jobs` threads; the checks below, in path order.
  std::vector<const std::pair<const std::string, OutputFile>*> html;
  for (const auto& entry : tree)
    if (ends_with(entry.first, ".html")) html.push_back(&entry);
  std::vector<PageRefs> read(html.size());
  parallel_for(html.size(), jobs, [&](std::size_t i) { read[i] = read_page(output_bytes(html[i]->second)); });
  std::map<std::string, PageRefs> pages;
  for (std::size_t i = 0; i < html.size(); ++i) pages.emplace_hint(pages.end(), html[i]->first, std::move(read[i]));
  stats.pages = pages.size();
  for (const auto& [path, refs] : pages) {
    auto dir = path.substr(0, path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    for (const auto& ref : refs.references) {
      // cmark percent-encodes what it writes in href: compare with the source's form too.
      // A URL the render stage blocked was reported at its source (link.scheme).
      if (ref.empty() || ref == kBlockedUrl || is_external(ref) || already_reported.count({path, ref}) ||
          already_reported.count({path, percent_decode(ref)}))
        continue;
      ++stats.references;
      auto hash = ref.find('#');
      std::string target_part = ref.substr(0, hash);
      std::string fragment = hash == std::string::npos ? "" : percent_decode(ref.substr(hash + 1));
      if (auto q = target_part.find('?'); q != std::string::npos) target_part = target_part.substr(0, q);
      std::string target = path;
      if (!target_part.empty()) {
        if (starts_with(target_part, "/")) {
          sink.report("output.broken-link", Severity::error, output + "/" + path, 0, 0,
                      "'" + ref + "' is root-absolute: it breaks under a sub-path and from file://");
          continue;
        }
        auto normal = normalize_path(dir + percent_decode(target_part));
        if (!normal || !tree.count(*normal)) {
          sink.report("output.broken-link", Severity::error, output + "/" + path, 0, 0,
                      "'" + ref + "' points at no file of the output");
          continue;
        }
        target = *normal;
      }
      if (fragment.empty() || !ends_with(target, ".html")) continue;
      ++stats.fragments;
      auto it = pages.find(target);
      if (it != pages.end() && !it->second.ids.count(fragment))
        sink.report("output.broken-link", Severity::error, output + "/" + path, 0, 0,
                    "'" + ref + "': no id '" + fragment + "' in " + target);
    }
  }
  return stats;
}

}  // namespace opskit
