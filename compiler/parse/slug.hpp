#pragma once
// GitHub-compatible heading anchors.
#include <map>
#include <string>
#include <string_view>

namespace opskit {

// Lower case, punctuation dropped (letters, digits, '-', '_' and non-ASCII kept), spaces to '-'.
std::string github_slug(std::string_view text);

// Numbers repeats as GitHub does: "a", "a-1", "a-2".
class SlugCounter {
 public:
  std::string unique(const std::string& slug);
  void reserve(const std::string& id) { seen_[id]++; }

 private:
  std::map<std::string, int> seen_;
};

}  // namespace opskit
