#include "render/navigation.hpp"

#include <algorithm>
#include <climits>
#include <string_view>
#include <tuple>

namespace opskit {

std::string nav_title(const Page& page) {
  if (!page.meta.menu_title.empty()) return page.meta.menu_title;
  if (!page.meta.link_title.empty()) return page.meta.link_title;
  return page.meta.title;
}

std::vector<int> Navigation::ancestors(int page) const {
  std::vector<int> chain;
  auto it = node_of_page.find(page);
  if (it == node_of_page.end()) return chain;
  for (int n = nodes[it->second].parent; n >= 0; n = nodes[n].parent) chain.push_back(nodes[n].page);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

const std::vector<int>& Navigation::siblings_of(int node) const {
  int parent = nodes[node].parent;
  return parent >= 0 ? nodes[parent].children : roots;
}

Navigation build_navigation(const Model& model, const std::function<bool(int)>& included) {
  Navigation nav;
  // Group pages by collection and locale; within a group, find each page's nearest ancestor.
  std::map<std::string, int> node_by_key;  // workshop \n locale \n path -> node
  auto key = [](const Page& p, const std::string& path) { return p.workshop + "\n" + p.locale + "\n" + path; };
  for (int i = 0; i < static_cast<int>(model.pages.size()); ++i) {
    if (!included(i)) continue;
    const Page& p = model.pages[i];
    NavNode node;
    node.page = i;
    node.hidden = p.meta.hidden;
    nav.node_of_page[i] = static_cast<int>(nav.nodes.size());
    node_by_key[key(p, p.path)] = static_cast<int>(nav.nodes.size());
    nav.nodes.push_back(node);
    if (p.workshop.empty() && p.path.empty()) nav.home_page = i;
  }
  // Siblings sort by weight, then name, then path. The keys are made once per node, as views of
  // the pages' paths: made in each comparison, as copies, they were most of this function's time.
  using SortKey = std::tuple<long, std::string_view, std::string_view>;
  std::vector<SortKey> sort_keys;
  sort_keys.reserve(nav.nodes.size());
  for (const auto& node : nav.nodes) {
    const Page& p = model.pages[node.page];
    std::string_view path = p.path;
    auto slash = path.find_last_of('/');
    sort_keys.emplace_back(p.meta.weight.value_or(LONG_MAX), path.substr(slash == std::string_view::npos ? 0 : slash + 1), path);
  }
  auto sort_key = [&](int node) -> const SortKey& { return sort_keys[node]; };
  std::vector<int> group_roots;
  for (int n = 0; n < static_cast<int>(nav.nodes.size()); ++n) {
    const Page& p = model.pages[nav.nodes[n].page];
    if (p.path.empty()) {  // a collection's root
      if (!p.workshop.empty()) group_roots.push_back(n);
      continue;
    }
    std::string path = p.path;
    int parent = -1;
    while (parent < 0) {
      auto slash = path.find_last_of('/');
      path = slash == std::string::npos ? "" : path.substr(0, slash);
      if (auto it = node_by_key.find(key(p, path)); it != node_by_key.end()) parent = it->second;
      if (path.empty()) break;
    }
    nav.nodes[n].parent = parent;
    if (parent >= 0 && !nav.nodes[n].hidden) nav.nodes[parent].children.push_back(n);
    if (parent < 0 && p.workshop.empty() && !nav.nodes[n].hidden) nav.roots.push_back(n);
    if (parent < 0 && !p.workshop.empty()) group_roots.push_back(n);
  }
  // The docs home's children are the top level; the home itself is the site title link.
  if (nav.home_page >= 0) {
    int home = nav.node_of_page[nav.home_page];
    for (int c : nav.nodes[home].children) nav.roots.push_back(c);
    nav.nodes[home].children.clear();
    for (int c : nav.roots) nav.nodes[c].parent = -1;
  }
  for (int root : group_roots) {
    const Page& p = model.pages[nav.nodes[root].page];
    if (p.locale == model.default_locale(p.workshop) && !nav.nodes[root].hidden) nav.roots.push_back(root);
  }
  for (auto& node : nav.nodes)
    std::sort(node.children.begin(), node.children.end(), [&](int a, int b) { return sort_key(a) < sort_key(b); });
  std::stable_sort(nav.roots.begin(), nav.roots.end(), [&](int a, int b) {
    bool wa = !model.pages[nav.nodes[a].page].workshop.empty(), wb = !model.pages[nav.nodes[b].page].workshop.empty();
    if (wa != wb) return wb;  // the docs first, then the workshops
    return sort_key(a) < sort_key(b);
  });

  std::function<void(int, std::vector<int>&)> walk = [&](int n, std::vector<int>& out) {
    out.push_back(nav.nodes[n].page);
    for (int c : nav.nodes[n].children) walk(c, out);
  };
  if (nav.home_page >= 0) nav.reading_order.push_back(nav.home_page);
  for (int r : nav.roots) walk(r, nav.reading_order);
  for (int root : group_roots) {
    const Page& p = model.pages[nav.nodes[root].page];
    if (p.locale == model.default_locale(p.workshop)) continue;
    walk(root, nav.group_order[root]);
  }
  return nav;
}

}  // namespace opskit
