#pragma once
// Which URL schemes may reach a reader's browser. A link is only as safe as the scheme the
// browser sees, and browsers are lenient: they drop tabs and newlines inside a URL, skip leading
// spaces and control characters, ignore case, and (in HTML attributes) decode character
// references first. This file reads a URL the way a browser does, so `java&#x09;script:` is
// seen for what it is.
#include <string>
#include <string_view>
#include <vector>

namespace opskit {

// How a URL is used: images may also be `data:image/...`.
enum class UrlUse { link, image };

// The scheme a browser would see in `url`, in lower case; "" for a relative URL or a fragment.
// `html_attribute`: the URL is written in an HTML attribute, so character references count.
// Returns "?" when the scheme part holds a character reference that cannot be read (such a URL
// is never allowed).
std::string browser_scheme(std::string_view url, bool html_attribute);

// http, https, mailto, relative URLs and fragments; `data:image/...` for images; and the
// project's own extra schemes (opskit.yaml `links: allowed_schemes`). opskit's `xref:` is a
// link form resolved before output, so it counts as allowed here.
bool url_allowed(std::string_view url, UrlUse use, const std::vector<std::string>& extra_schemes,
                 bool html_attribute = false);

// What a rejected URL is replaced with in every output: an inert fragment.
inline constexpr const char* kBlockedUrl = "#blocked-url";

}  // namespace opskit
