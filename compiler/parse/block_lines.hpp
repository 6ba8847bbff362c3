#pragma once
// What a single source line is, for the directive scanner: a container or leaf opener, a
// closing colon fence, a backtick/tilde code fence. Shared by the scanner and the passes that
// must leave code alone (HTML comments).
#include <cstddef>
#include <optional>
#include <string_view>

#include "parse/directive_syntax.hpp"

namespace opskit {

// Spaces and tabs at the start of the line, in bytes.
std::size_t indent_length(std::string_view s);

// A line holding only colons (at least three): a closing fence. Returns the colon count.
std::optional<int> colon_fence(std::string_view line);

struct Opener {
  std::size_t indent = 0;
  int colons = 0;
  DirectiveHead head;
};

// `:::name[label]{attrs}` (container, colons >= 3) or `::name...` (leaf, exactly 2).
std::optional<Opener> block_opener(std::string_view line, bool leaf);

struct TickFence {
  char ch = '`';
  std::size_t length = 0;
};

std::optional<TickFence> tick_fence_open(std::string_view line);
bool tick_fence_closes(std::string_view line, const TickFence& open);

}  // namespace opskit
