#pragma once
// Which file of the built site an HTTP request target names, and what type that file is.
// The served site is a map of exact keys, so this only has to refuse what could look like a way
// out of it (dot segments, encoded separators and dots) and spell the key.
#include <optional>
#include <string>
#include <string_view>

namespace opskit::serve {

// The site key ("runbooks/patch/index.html") of a raw request target ("/runbooks/patch/?x=1"),
// or nullopt for a target that is not a plain absolute path: no "." or ".." segment, no
// backslash, no encoded '.', '/', '\' or NUL, no "//" at the start, no absolute-form URL.
// "/" and "/dir/" name the folder's index.html.
std::optional<std::string> site_key_for_target(std::string_view target);

// The Content-Type for a key, by its extension ("application/octet-stream" when unknown).
std::string content_type_for(std::string_view key);

// A strong ETag (quoted) for the bytes: a hash of them, so an unchanged file keeps its tag.
std::string etag_for(std::string_view bytes);

// Does an If-None-Match header value ("\"a\", \"b\"" or "*") match `etag`?
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace opskit::serve
