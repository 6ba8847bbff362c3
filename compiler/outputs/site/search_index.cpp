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
      // A run of text, with the single spaces between its words (already what white space folds
      // to): it ends at markup, at other white space, and at a space that ends it or that more
      // white space follows.
      std::size_t end = i + 1;
      while (end < text.size()) {
        auto b = static_cast<unsigned char>(text[end]);
        if (b == ' ' && end + 1 < text.size() && !kRunEnds[static_cast<unsigned char>(text[end + 1])]) {
          end += 2;
          continue;
        }
        if (kRunEnds[b]) break;
        ++end;
      }
      put(text.substr(i, end - i));
      i = end;
    }
  }
  return out;
}

namespace {

// Cut at a UTF-8 character boundary.
std::string_view truncate_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  while (max > 0 && (static_cast<unsigned char>(s[max]) & 0xC0) == 0x80) --max;
  return s.substr(0, max);
}

// A section's text split in two: the prose that snippets quote, and the rest (tables, code,
// buttons), which is searched but never shown: a header table makes a poor snippet.
struct SectionText {
  std::string prose, other;
};

// Which of the set-apart elements opens at `p` (a '<'): its name, or "" for none. "<pre>" and
// "<pre class=...>" but not "<prefix>"; a name at the very end counts as opened.
std::string_view set_apart_tag_at(std::string_view html, std::size_t p) {
  static constexpr std::string_view kTags[] = {"table", "pre", "button"};
  for (auto tag : kTags) {
    if (html.compare(p + 1, tag.size(), tag) != 0) continue;
    char next = p + 1 + tag.size() < html.size() ? html[p + 1 + tag.size()] : '>';
    if (next == '>' || next == ' ') return tag;
  }
  return {};
}

// One pass over the section: each set-apart element, to its closing tag, goes to `other`, the
// text between them to `prose`, a space after each piece.
SectionText split_section(std::string_view html) {
  std::string prose, other;
  std::size_t at = 0;  // where the text not yet handed out begins
  for (auto p = html.find('<'); p != std::string_view::npos;) {
    auto tag = set_apart_tag_at(html, p);
    if (tag.empty()) {
      p = html.find('<', p + 1);
      continue;
    }
    prose.append(html.substr(at, p - at)).push_back(' ');
    std::string close = "</";
    close.append(tag).push_back('>');
    auto end = html.find(close, p);
    end = end == std::string_view::npos ? html.size() : end + close.size();
    other.append(html.substr(p, end - p)).push_back(' ');
    at = end;
    p = html.find('<', at);
  }
  if (at < html.size()) prose.append(html.substr(at));
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
  // What every entry of the page starts with.
  const std::string head = "\"t\":\"" + json_escape(title) + "\",\"u\":\"" + json_escape(url) + "\",\"s\":\"" +
                           json_escape(section) + "\"";
  std::string_view body(body_html);
  for (std::size_t c = 0; c < cuts.size(); ++c) {
    auto end = c + 1 < cuts.size() ? cuts[c + 1].start : body.size();
    auto text = split_section(body.substr(cuts[c].text, end - cuts[c].text));
    const Heading* h = cuts[c].heading;
    // Long sections are cut, generously: the index must stay loadable for a large site.
    constexpr std::size_t kMaxText = 12000;
    std::string entry;
    entry.reserve(head.size() + text.prose.size() + text.other.size() + 64);
    entry.append(head);
    if (h != nullptr) entry.append(",\"a\":\"").append(json_escape(h->id)).append("\",\"h\":\"").append(json_escape(h->text)).append("\"");
    entry.append(",\"x\":\"").append(json_escape(truncate_utf8(text.prose, kMaxText))).append("\"");
    if (!text.other.empty()) entry.append(",\"k\":\"").append(json_escape(truncate_utf8(text.other, kMaxText))).append("\"");
    entries.push_back(std::move(entry.append("}")));
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
