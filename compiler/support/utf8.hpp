#pragma once
// UTF-8 validation: sources are written by many hands and copied from many tools; a stray
// Latin-1 byte must not reach HTML, JSON or JavaScript as is.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace opskit {

// The byte offset of the first invalid sequence (overlong forms, surrogates and code points past
// U+10FFFF included), or nullopt when `text` is valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// `text` with every invalid sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view text);

// Appends code point `cp` (at most U+10FFFF) encoded as UTF-8.
void append_utf8(std::string& out, char32_t cp);

}  // namespace opskit
