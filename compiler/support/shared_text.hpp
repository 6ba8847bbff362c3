#pragma once
// A source file's text, held once and shared by the loaded sources, the parsed page and the
// diagnostics that quote it (each kept its own copy: three copies of every page).
#include <memory>
#include <string>

namespace opskit {

using SharedText = std::shared_ptr<const std::string>;

inline SharedText share_text(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

}  // namespace opskit
