#include "parse/link_slots.hpp"

#include <cmark-gfm.h>
// cmark-gfm installs its internal headers too; houdini_escape_href is the escaping its HTML
// renderer applies to href and src, exported by the library.
#include <cmark-gfm/houdini.h>

#include <cctype>

namespace opskit {

namespace {
constexpr std::string_view kQuote = "&#x27;";
}

std::string link_slot_url(int index) { return "'" + std::to_string(index) + "'"; }

std::string link_slot_html(int index) {
  return std::string(kQuote) + std::to_string(index) + std::string(kQuote);
}

std::optional<LinkSlot> link_slot_at(std::string_view html, std::size_t at) {
  if (html.compare(at, kQuote.size(), kQuote) != 0) return std::nullopt;
  std::size_t j = at + kQuote.size();
  long value = 0;
  std::size_t digits = 0;
  while (j < html.size() && digits < 9 && std::isdigit(static_cast<unsigned char>(html[j]))) {
    value = value * 10 + (html[j++] - '0');
    ++digits;
  }
  if (digits == 0 || html.compare(j, kQuote.size(), kQuote) != 0) return std::nullopt;
  return LinkSlot{static_cast<int>(value), j + kQuote.size()};
}

std::string escape_href(std::string_view url) {
  cmark_strbuf buffer;
  cmark_strbuf_init(cmark_get_default_mem_allocator(), &buffer, 0);
  houdini_escape_href(&buffer, reinterpret_cast<const uint8_t*>(url.data()), static_cast<bufsize_t>(url.size()));
  std::string out(reinterpret_cast<const char*>(buffer.ptr), static_cast<std::size_t>(buffer.size));
  cmark_strbuf_free(&buffer);
  return out;
}

}  // namespace opskit
