#include "outputs/site/search_index.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "support/strings.hpp"

namespace opskit {

std::string search_plain_text(const std::string& html) {
  // One pass: tags become a space, the entities the renderer writes are decoded, and runs of
  // white space become one space (none at the ends). Text between those is copied in runs.
  static const std::pair<std::string_view, char> kEntities[] = {
      {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&amp;", '&'}};
  static constexpr std::array<bool, 256> kRunEnds = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : {'<', '>', '&', ' ', '\n', '\t', '\r'}) table[c] = true;
    return table;
  }();
  std::string out;
  out.reserve(html.size() / 2);
  bool space = false;  // white space (or a tag) seen since the last text
  auto put = [&](std::string_view text) {
    if (space) out += ' ';
    space = false;
    out.append(text);
  };
  std::string_view text(html);
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '<') {  // to the tag's '>', which counts as white space; an unclosed tag ends the text
      auto close = text.find('>', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '>' || c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty()) space = true;
      ++i;
    } else if (c == '&') {
      std::size_t length = 1;
      for (const auto& [name, decoded] : kEntities) {
        if (text.compare(i, name.size(), name) == 0) {
          c = decoded;
          length = name.size();
          break;
        }
      }
      put(std::string_view(&c, 1));
      i += length;
    } else {
      std::size_t end = i + 1;
      while (end < text.size() && !kRunEnds[static_cast<unsigned char>(text[end])]) ++end;
      put(text.substr(i, end - i));
      i = end;
    }
  }
  return out;
}

namespace {

// Cut at a UTF-8 character boundary.
std::string truncate_utf8(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  while (max > 0 && (static_cast<unsigned char>(s[max]) & 0xC0) == 0x80) --max;
  return s.substr(0, max);
}

// A section's text split in two: the prose that snippets quote, and the rest (tables, code,
// buttons), which is searched but never shown: a header table makes a poor snippet.
struct SectionText {
  std::string prose, other;
};

SectionText split_section(const std::string& html) {
  static const std::string kTags[] = {"table", "pre", "button"};
  constexpr std::size_t kCount = sizeof kTags / sizeof kTags[0];
  // Where each tag next opens at or after `at`: found once and kept until passed, so that a long
  // section with many of one and none of another is read once (looking for each afresh after
  // every element read to the end for the missing ones: quadratic).
  std::size_t next_open[kCount];
  auto find_open = [&](std::size_t k, std::size_t from) {
    const std::string& t = kTags[k];
    for (auto p = html.find('<', from); p != std::string::npos; p = html.find('<', p + 1)) {
      if (html.compare(p + 1, t.size(), t) != 0) continue;
      char next = p + 1 + t.size() < html.size() ? html[p + 1 + t.size()] : '>';
      if (next == '>' || next == ' ') return p;  // <pre> but not <prefix>
    }
    return std::string::npos;
  };
  for (std::size_t k = 0; k < kCount; ++k) next_open[k] = find_open(k, 0);
  std::string prose, other;
  std::size_t at = 0;
  while (at < html.size()) {
    std::size_t best = std::string::npos, tag = 0;
    for (std::size_t k = 0; k < kCount; ++k) {
      if (next_open[k] != std::string::npos && next_open[k] < at) next_open[k] = find_open(k, at);
      if (next_open[k] < best) best = next_open[k], tag = k;
    }
    if (best == std::string::npos) {
      prose.append(html, at, std::string::npos);
      break;
    }
    prose.append(html, at, best - at).push_back(' ');
    auto close = "</" + kTags[tag] + ">";
    auto end = html.find(close, best);
    end = end == std::string::npos ? html.size() : end + close.size();
    other.append(html, best, end - best).push_back(' ');
    at = end;
  }
  return {search_plain_text(prose), search_plain_text(other)};
}

// The opening tag of a heading in the rendered body (render_body writes <hN id="...">).
std::size_t heading_start(const std::string& html, const Heading& h, std::size_t from) {
  return html.find("<h" + std::to_string(h.level) + " id=\"" + html_escape(h.id) + "\"", from);
}

}  // namespace

namespace {

std::string part_name(std::size_t number) { return "assets/search-index-" + std::to_string(number) + ".js"; }

// Parts append to window.OPSKIT_SEARCH in whatever order they load.
std::string part_file(const std::string& entries) {
  static constexpr std::string_view head = "window.OPSKIT_SEARCH = (window.OPSKIT_SEARCH || []).concat([\n", tail = "]);\n";
  std::string file;
  file.reserve(head.size() + entries.size() + tail.size());
  return file.append(head).append(entries).append(tail);
}

}  // namespace

void SearchIndex::Cutter::add(const std::string& entry) {
  std::size_t id = next_id_++;
  // A part is handed over when the next entry (`{"i":<id>,<entry>`) would take it past the limit.
  std::size_t size = 6 + std::to_string(id).size() + entry.size();
  if (!part_.empty() && part_.size() + size > part_bytes_) {
    auto name = part_name(written_parts_.size() + 1);
    write_part_(name, part_file(part_));
    written_parts_.push_back(name);
    part_.clear();  // keeps its buffer for the next part
  }
  if (part_.capacity() == 0) part_.reserve(std::min<std::size_t>(part_bytes_, 64u << 20) + 64 * 1024);
  part_.append("{\"i\":").append(std::to_string(id)).append(",").append(entry).append(",\n");
}

void SearchIndex::Cutter::finish(OutputTree& tree) const {
  if (written_parts_.empty() && part_.size() <= part_bytes_) {
    tree["assets/search-index.js"].bytes = "window.OPSKIT_SEARCH = [\n" + part_ + "];\n";
    return;
  }
  auto names = written_parts_;
  if (!part_.empty()) {
    names.push_back(part_name(names.size() + 1));
    tree[names.back()].bytes = part_file(part_);
  }
  std::string list;
  for (const auto& p : names) list += (list.empty() ? "\"" : ", \"") + json_escape(p) + "\"";
  tree["assets/search-index.js"].bytes = "window.OPSKIT_SEARCH_PARTS = [" + list + "];\n";
}

void SearchIndex::stream_parts(std::function<void(const std::string& path, std::string bytes)> write_part) {
  streaming_.emplace(part_bytes_, std::move(write_part));
}

std::size_t SearchIndex::add_page(Entries entries) {
  if (streaming_) {
    for (const auto& entry : entries) streaming_->add(entry);
    return 0;
  }
  pages_.push_back(std::move(entries));
  return pages_.size() - 1;
}

void SearchIndex::replace_page(std::size_t slot, Entries entries) {
  if (slot < pages_.size()) pages_[slot] = std::move(entries);
}

SearchIndex::Entries SearchIndex::page_entries(const std::string& title, const std::string& url,
                                               const std::string& section, const std::string& body_html,
                                               const std::vector<Heading>& toc) {
  std::vector<std::string> entries;
  struct Cut {
    std::size_t start, text;  // where the heading opens; where its section's text begins
    const Heading* heading;
  };
  std::vector<Cut> cuts{{0, 0, nullptr}};
  std::size_t from = 0;
  for (const auto& h : toc) {
    auto at = heading_start(body_html, h, from);
    if (at == std::string::npos) continue;  // a heading the body does not show as such
    auto close = body_html.find("</h" + std::to_string(h.level) + ">", at);
    auto text = close == std::string::npos ? at : close + 5;
    cuts.push_back({at, text, &h});
    from = text;
  }
  for (std::size_t c = 0; c < cuts.size(); ++c) {
    auto end = c + 1 < cuts.size() ? cuts[c + 1].start : body_html.size();
    auto text = split_section(body_html.substr(cuts[c].text, end - cuts[c].text));
    const Heading* h = cuts[c].heading;
    // Long sections are cut, generously: the index must stay loadable for a large site.
    constexpr std::size_t kMaxText = 12000;
    std::string entry = "\"t\":\"" + json_escape(title) +
                        "\",\"u\":\"" + json_escape(url) + "\",\"s\":\"" + json_escape(section) + "\"";
    if (h != nullptr) entry += ",\"a\":\"" + json_escape(h->id) + "\",\"h\":\"" + json_escape(h->text) + "\"";
    entry += ",\"x\":\"" + json_escape(truncate_utf8(text.prose, kMaxText)) + "\"";
    if (!text.other.empty()) entry += ",\"k\":\"" + json_escape(truncate_utf8(text.other, kMaxText)) + "\"";
    entries.push_back(entry + "}");
  }
  return entries;
}

void SearchIndex::write(OutputTree& tree) const {
  if (streaming_) {
    streaming_->finish(tree);
    return;
  }
  // Entries are numbered here, in page order, so that a page replaced with more or fewer
  // sections (opskit serve) leaves no gap or duplicate id; the parts go into the tree.
  Cutter cutter(part_bytes_, [&tree](const std::string& path, std::string bytes) { tree[path].bytes = std::move(bytes); });
  for (const auto& page : pages_)
    for (const auto& entry : page) cutter.add(entry);
  cutter.finish(tree);
}

}  // namespace opskit
