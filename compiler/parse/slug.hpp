#pragma once
// GitHub-compatible heading anchors.
#include <map>
#include <string>
#include <string_view>

namespace opskit {

// github-slugger's slug: lower case (as JavaScript's toLowerCase), then everything but letters,
// marks, digits, connector punctuation ('_'), '-' and spaces dropped (emoji and non-ASCII
// punctuation too), then each space to '-'.
std::string github_slug(std::string_view text);

// Numbers repeats as github-slugger does: "a", "a-1", "a-2"; a number already taken by another
// heading ("Dup", "Dup 1", "Dup") is skipped ("dup", "dup-1", "dup-2").
class SlugCounter {
 public:
  std::string unique(const std::string& slug);
  // An explicit {#id}: taken, so that a later heading with that slug gets a number.
  void reserve(const std::string& id);

 private:
  std::map<std::string, int> seen_;
};

}  // namespace opskit
