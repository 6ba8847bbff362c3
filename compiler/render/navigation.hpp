#pragma once
// The navigation tree: the folder tree of each collection (docs, each workshop in each locale),
// siblings ordered by weight, then name.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace opskit {

struct NavNode {
  int page = -1;
  int parent = -1;             // node index
  std::vector<int> children;   // node indices, in navigation order (hidden pages left out)
  bool hidden = false;
};

struct Navigation {
  std::vector<NavNode> nodes;
  std::vector<int> roots;               // top level of the main tree (docs sections, workshops)
  std::map<int, int> node_of_page;      // page -> node
  std::vector<int> reading_order;       // main tree, depth first (pages)
  std::map<int, std::vector<int>> group_order;  // other locale trees: root node -> depth-first pages
  int home_page = -1;                   // content/index.md

  std::vector<int> ancestors(int page) const;  // root first, without the page
  const std::vector<int>& siblings_of(int node) const;
};

// `included` says which pages are part of this output (a package includes only some).
Navigation build_navigation(const Model& model, const std::function<bool(int)>& included);

std::string nav_title(const Page& page);

}  // namespace opskit
