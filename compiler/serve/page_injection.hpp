#pragma once
// The live-reload script tag every served HTML page gets. It is added when a page is sent, not
// when it is built, so that a new build shares the bytes of every page it did not change.
#include <cstdint>
#include <string>

namespace opskit::serve {

// Where the injected script is served from (a key no built site uses).
inline constexpr const char* kScriptKey = "__opskit/live-reload.js";

// `html` with the script tag for build `generation` before its last </body> (any case), else at
// the end.
std::string with_reload_script(const std::string& html, std::uint64_t generation);

}  // namespace opskit::serve
