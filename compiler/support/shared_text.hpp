#pragma once
// A source file's text, held once and shared by the loaded sources, the parsed page and the
// diagnostics that quote it (each kept its own copy: three copies of every page).
#include <memory>
#include <string>

namespace opskit {

using SharedText = std::shared_ptr<const std::string>;

inline SharedText share_text(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

// One empty text for every source and page not yet read: a default made with share_text("")
// cost an allocation for each of the 20,000 that a 10,000-page build creates before filling them.
inline const SharedText& no_text() {
  static const SharedText empty = share_text("");
  return empty;
}

}  // namespace opskit
