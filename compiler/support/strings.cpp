#include "support/strings.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace opskit {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split_lines(std::string_view text) {
  auto views = split_line_views(text);
  return {views.begin(), views.end()};
}

std::vector<std::string_view> split_line_views(std::string_view text) {
  std::vector<std::string_view> lines;
  LineReader reader(text);
  std::string_view line;
  while (reader.next(line)) lines.push_back(line);
  return lines;
}

bool LineReader::next(std::string_view& line) {
  if (pos_ >= text_.size()) return false;
  auto nl = text_.find('\n', pos_);
  if (nl == std::string_view::npos) {
    line = text_.substr(pos_);
    pos_ = text_.size();
    return true;
  }
  line = text_.substr(pos_, nl - pos_);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  pos_ = nl + 1;
  return true;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto pos = s.find(sep, start);
    parts.emplace_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = ascii_lower(c);
  return out;
}

namespace {

// The runs between the bytes an escape changes are copied whole (the escapes run over every
// page's text several times in a build; a byte at a time they were a few per cent of it).
template <bool Apostrophe>
std::string escape_markup(std::string_view s) {
  auto next = [&s](std::size_t from) {
    if constexpr (Apostrophe) return find_any<false, '&', '<', '>', '"', '\''>(s, from);
    else return find_any<false, '&', '<', '>', '"'>(s, from);
  };
  std::string out;
  out.reserve(s.size() + s.size() / 16);
  std::size_t run = 0;  // where the bytes not yet copied begin
  for (std::size_t i = next(0); i < s.size(); i = next(i + 1)) {
    out.append(s.data() + run, i - run);
    switch (s[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += "&apos;"; break;
    }
    run = i + 1;
  }
  return out.append(s.data() + run, s.size() - run);
}

}  // namespace

std::string html_escape(std::string_view s, bool apostrophe) {
  return apostrophe ? escape_markup<true>(s) : escape_markup<false>(s);
}

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 16);
  std::size_t run = 0;
  auto next = [&s](std::size_t from) { return find_any<true, '"', '\\', '<'>(s, from); };
  for (std::size_t i = next(0); i < s.size(); i = next(i + 1)) {
    auto c = static_cast<unsigned char>(s[i]);
    out.append(s.data() + run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;  // safe inside <script>
      default: {
        static const char* hex = "0123456789abcdef";
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
    run = i + 1;
  }
  return out.append(s.data() + run, s.size() - run);
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  if (from.empty()) return s;
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string percent_decode(std::string_view s) {
  auto hex = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10); };
  auto first = s.find('%');
  if (first == std::string_view::npos) return std::string(s);  // most links have no escapes
  std::string out(s.substr(0, first));
  out.reserve(s.size());
  for (std::size_t i = first; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest_match(std::string_view wanted, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const auto& c : candidates) {
    auto d = edit_distance(wanted, c);
    if (d < best_distance || (d == best_distance && c < best)) {
      best_distance = d;
      best = c;
    }
  }
  // A suggestion helps only when it is much nearer than a rewrite of the whole word.
  std::size_t limit = std::max<std::size_t>(2, wanted.size() / 3);
  if (best_distance == std::string::npos || best_distance > limit || best_distance == 0) return {};
  return best;
}

}  // namespace opskit
