#include "serve/request_path.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <utility>

namespace opskit::serve {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// %XX escapes that could spell a way out once decoded: '.', '/', '\' and NUL.
bool has_dangerous_escape(std::string_view path) {
  for (std::size_t i = 0; i + 2 < path.size(); ++i) {
    if (path[i] != '%') continue;
    std::string pair{lower(path[i + 1]), lower(path[i + 2])};
    if (pair == "2e" || pair == "2f" || pair == "5c" || pair == "00") return true;
  }
  return false;
}

std::optional<std::string> percent_decode(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '%') {
      out += path[i];
      continue;
    }
    if (i + 2 >= path.size()) return std::nullopt;
    int hi = hex_value(path[i + 1]), lo = hex_value(path[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

}  // namespace

std::optional<std::string> site_key_for_target(std::string_view target) {
  auto end = target.find_first_of("?#");
  std::string_view path = target.substr(0, end);
  // Origin-form only: "http://host/x" (absolute-form) and "//host/x" are not paths of this site.
  if (path.empty() || path[0] != '/' || (path.size() > 1 && path[1] == '/')) return std::nullopt;
  if (path.find('\\') != std::string_view::npos || has_dangerous_escape(path)) return std::nullopt;
  // Dot segments are refused rather than resolved: the site never links that way.
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    auto segment = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment == "." || segment == "..") return std::nullopt;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  auto decoded = percent_decode(path.substr(1));
  if (!decoded || decoded->find('\0') != std::string::npos) return std::nullopt;
  if (decoded->empty() || decoded->back() == '/') *decoded += "index.html";
  return decoded;
}

std::string content_type_for(std::string_view key) {
  static const std::array<std::pair<std::string_view, std::string_view>, 22> types{{
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".md", "text/markdown; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".xml", "application/xml; charset=utf-8"},
      {".yaml", "text/yaml; charset=utf-8"},
      {".pdf", "application/pdf"},
      {".woff2", "font/woff2"},
      {".zip", "application/zip"},
  }};
  auto slash = key.rfind('/');
  auto dot = key.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "application/octet-stream";
  std::string ext;
  for (char c : key.substr(dot)) ext += lower(c);
  for (const auto& [e, type] : types)
    if (e == ext) return std::string(type);
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".yml") return "text/yaml; charset=utf-8";
  return "application/octet-stream";
}

std::string etag_for(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a: fast, and collisions only cost a reload
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "\"%016llx-%zx\"", static_cast<unsigned long long>(h), bytes.size());
  return buf;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  std::size_t start = 0;
  while (start < if_none_match.size()) {
    auto comma = if_none_match.find(',', start);
    auto item = if_none_match.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);  // If-None-Match compares weakly
    if (item == "*" || item == etag) return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

}  // namespace opskit::serve
