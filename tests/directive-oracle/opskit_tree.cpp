// The opskit side of the directive oracle: parses each FILE with opskit's parse stage
// (parse_page: front matter, HTML comments, parameters, directives, Markdown, headings) and
// prints the same normalised JSON as remark-tree.mjs: {"files": [...]}, per file the directive
// tree and the heading anchors. See remark-tree.mjs for the form.
//
// usage: opskit_directive_tree FILE...
#include <algorithm>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics/diagnostic.hpp"
#include "parse/directive_blocks.hpp"
#include "parse/parse_page.hpp"

namespace {

using nlohmann::ordered_json;

const char* form_name(opskit::DirectiveForm f) {
  switch (f) {
    case opskit::DirectiveForm::text: return "text";
    case opskit::DirectiveForm::leaf: return "leaf";
    case opskit::DirectiveForm::container: return "container";
  }
  return "?";
}

std::vector<std::string> class_tokens(const std::vector<std::string>& classes) {
  std::vector<std::string> out;
  for (const auto& c : classes) {
    std::istringstream words(c);
    for (std::string w; words >> w;) out.push_back(w);
  }
  return out;
}

// Keys in the order first written, each with its last value, without id and class (which are
// "id" and "classes"): what an attribute object of remark-directive holds.
ordered_json attribute_list(const opskit::Attributes& attrs) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, v] : attrs.values) {
    if (k == "id" || k == "class") continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == k; });
    if (it == out.end()) out.emplace_back(k, v);
    else it->second = v;
  }
  ordered_json list = ordered_json::array();
  for (const auto& [k, v] : out) list.push_back({k, v});
  return list;
}

ordered_json page_tree(const std::string& file, const std::string& text) {
  opskit::PageSource source;
  source.file = file;
  source.text = opskit::share_text(text);
  opskit::DiagnosticSink sink;
  auto page = opskit::parse_page(source, "en", {}, sink);
  const auto& body = page.body;
  int n = static_cast<int>(body.directives.size());

  // Which directive owns each chunk (a container body or a label), and which chunk holds each
  // directive's placeholder: together, each directive's parent.
  std::map<int, int> chunk_owner;
  for (int i = 0; i < n; ++i) {
    if (body.directives[i].body_chunk >= 0) chunk_owner[body.directives[i].body_chunk] = i;
    if (body.directives[i].label_chunk >= 0) chunk_owner[body.directives[i].label_chunk] = i;
  }
  std::vector<int> parent(n, -1);
  for (int i = 0; i < n; ++i) {
    const auto& d = body.directives[i];
    auto mark = d.form == opskit::DirectiveForm::text ? opskit::inline_placeholder(i) : opskit::placeholder(i);
    for (int c = 0; c < static_cast<int>(body.chunks.size()); ++c) {
      if (body.chunks[c].markdown.find(mark) == std::string::npos) continue;
      auto owner = chunk_owner.find(c);
      parent[i] = owner == chunk_owner.end() ? -1 : owner->second;
      break;
    }
  }
  std::vector<std::vector<int>> kids(n + 1);  // kids[n]: the top level
  for (int i = 0; i < n; ++i) kids[parent[i] < 0 ? n : parent[i]].push_back(i);
  auto by_position = [&](int a, int b) {
    const auto &x = body.directives[a], &y = body.directives[b];
    return std::tie(x.line, x.column) < std::tie(y.line, y.column);
  };
  for (auto& k : kids) std::sort(k.begin(), k.end(), by_position);

  std::function<ordered_json(int)> node = [&](int i) {
    const auto& d = body.directives[i];
    ordered_json j;
    j["name"] = d.name;
    j["form"] = form_name(d.form);
    j["label"] = d.has_label ? ordered_json(d.label) : ordered_json(nullptr);
    j["id"] = d.attrs.id;
    j["classes"] = class_tokens(d.attrs.classes);
    j["attributes"] = attribute_list(d.attrs);
    j["line"] = d.line;
    j["column"] = d.column;
    j["children"] = ordered_json::array();
    for (int k : kids[i]) j["children"].push_back(node(k));
    return j;
  };
  ordered_json directives = ordered_json::array();
  for (int k : kids[n]) directives.push_back(node(k));

  ordered_json headings = ordered_json::array();
  for (const auto& h : body.headings) headings.push_back({{"line", h.line}, {"text", h.text}, {"slug", h.id}});
  return {{"file", file}, {"directives", directives}, {"headings", headings}};
}

}  // namespace

int main(int argc, char** argv) {
  ordered_json files = ordered_json::array();
  for (int a = 1; a < argc; ++a) {
    std::ifstream in(argv[a], std::ios::binary);
    if (!in) {
      std::cerr << "opskit_directive_tree: cannot read " << argv[a] << "\n";
      return 2;
    }
    std::ostringstream text;
    text << in.rdbuf();
    files.push_back(page_tree(argv[a], text.str()));
  }
  std::cout << ordered_json{{"files", files}}.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}
