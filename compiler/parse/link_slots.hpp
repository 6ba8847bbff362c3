#pragma once
// Link slots: how a chunk's HTML, rendered once by the parse stage, leaves room for the URL each
// output gives a link.
//
// The parse stage sets every link and image URL of the cmark tree to `'N'` (N indexes
// ParsedBody::links), and replaces each href/src attribute of raw HTML by the same slot. cmark
// writes a URL through its href escaping, which turns ' into &#x27;, so the slot reads
// `&#x27;N&#x27;` in the HTML. Nothing else cmark writes can contain &#x27;: text, titles, alt
// text and code are escaped without touching ', and every URL in the tree is a slot. (Raw HTML is
// written verbatim, but only when the project allows raw HTML, whose author can write any markup.)
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace opskit {

// The URL the parse stage gives link `index` in the tree.
std::string link_slot_url(int index);
// The slot as it appears in HTML.
std::string link_slot_html(int index);

struct LinkSlot {
  int index = -1;
  std::size_t end = 0;  // just after the slot
};
// The slot that starts at `at` in `html`, if one does.
std::optional<LinkSlot> link_slot_at(std::string_view html, std::size_t at);

// A URL escaped for an href or src attribute exactly as cmark escapes it (cmark's own function),
// so that a URL filled into a slot reads as if cmark had written it.
std::string escape_href(std::string_view url);

}  // namespace opskit
