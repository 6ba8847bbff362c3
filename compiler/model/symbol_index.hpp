#pragma once
// The symbol table of pages, anchors and static files that links resolve against.
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace opskit {

// The tables every link is looked up in (several times a build) and nothing iterates are hashed:
// a sorted map compared keys with long common prefixes ("workshop\nchapter/...") at every level
// (resolving a 500-page corpus's links: 160 -> 135 million instructions, callgrind). The tables
// that are iterated (by_file_folded for suggestions, by_id for `ids`) stay sorted.
struct SymbolIndex {
  std::map<std::string, std::vector<int>> by_id;              // page id -> pages (one per locale)
  std::unordered_map<std::string, int> by_file;               // source file -> page
  std::unordered_map<std::string, std::vector<int>> by_path;  // collection_key(workshop, path) -> pages
  std::unordered_map<std::string, int> files;                 // collection_key(workshop, "static/x.png") -> index in statics
  std::vector<std::set<std::string>> anchors;       // per page
  std::vector<std::string> ids;                     // sorted, for suggestions
  // The same keys lower-cased: page links resolve without regard to case (Hugo and Workshop
  // Studio publish page URLs lower case). Static files stay case-sensitive (S3 keys).
  std::map<std::string, std::vector<int>> by_id_folded;
  std::map<std::string, int> by_file_folded;
  std::unordered_map<std::string, std::vector<int>> by_path_folded;
};

std::string collection_key(const std::string& workshop, const std::string& path);

}  // namespace opskit
