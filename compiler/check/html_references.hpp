#pragma once
// What the output link check needs from a written HTML file: the ids and names it defines and
// the href and src values it references, read by one pass over the bytes (no DOM is built).
#include <list>
#include <string>
#include <string_view>
#include <vector>

namespace opskit {

struct HtmlReferences {
  // Views into the scanned bytes, or into `decoded` for values written with entities. The caller
  // keeps the scanned bytes alive as long as it reads these.
  std::vector<std::string_view> ids;         // sorted, unique: find with has_id()
  std::vector<std::string_view> references;  // in document order
  std::list<std::string> decoded;            // a list: its strings never move
  bool has_id(std::string_view id) const;
};

// HTML5 is not XML, so this is a tag scanner rather than a parser: it reads the attributes of
// every tag outside comments and script bodies. A tag ends at its first '>'.
HtmlReferences scan_html_references(std::string_view html);

}  // namespace opskit
