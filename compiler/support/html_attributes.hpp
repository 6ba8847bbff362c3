#pragma once
// Finds quoted attributes (`href="..."`, `src='...'`) in a piece of raw HTML, in one linear pass.
// Raw HTML comes from page sources, so this must not backtrack: std::regex recursed once per
// character and overflowed the stack on a long attribute.
#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace opskit {

struct QuotedAttribute {
  std::string_view name;    // as written (case kept)
  std::string_view value;   // between the quotes, as written (character references not decoded)
  std::size_t begin = 0;    // offset of the name
  std::size_t end = 0;      // offset just after the closing quote
  std::size_t value_begin = 0;
};

// Every `NAME = "value"` or `NAME='value'` whose name is one of `names` (ASCII case-insensitive)
// and starts an attribute (not part of a longer name such as data-href).
std::vector<QuotedAttribute> quoted_attributes(std::string_view html, std::initializer_list<std::string_view> names);

}  // namespace opskit
