#include "outputs/site/search_index.hpp"

#include "support/strings.hpp"

namespace opskit {

std::string search_plain_text(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    else if (c == '>') { in_tag = false; out += ' '; }
    else if (!in_tag) out += c;
  }
  out = replace_all(out, "&lt;", "<");
  out = replace_all(out, "&gt;", ">");
  out = replace_all(out, "&quot;", "\"");
  out = replace_all(out, "&#39;", "'");
  out = replace_all(out, "&amp;", "&");
  std::string collapsed;
  bool space = false;
  for (char c : out) {
    bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (ws) { if (!collapsed.empty()) space = true; continue; }
    if (space) collapsed += ' ';
    space = false;
    collapsed += c;
  }
  return collapsed;
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
  static const char* const kSet[] = {"table", "pre", "button"};
  std::string prose, other;
  std::size_t at = 0;
  while (at < html.size()) {
    std::size_t best = std::string::npos;
    std::string tag;
    for (const char* t : kSet) {
      auto open = "<" + std::string(t);
      for (auto p = html.find(open, at); p != std::string::npos; p = html.find(open, p + 1)) {
        char next = p + open.size() < html.size() ? html[p + open.size()] : '>';
        if (next != '>' && next != ' ') continue;  // <pre> but not <prefix>
        if (p < best) { best = p; tag = t; }
        break;
      }
    }
    if (best == std::string::npos) { prose += html.substr(at); break; }
    prose += html.substr(at, best - at) + " ";
    auto close = "</" + tag + ">";
    auto end = html.find(close, best);
    end = end == std::string::npos ? html.size() : end + close.size();
    other += html.substr(best, end - best) + " ";
    at = end;
  }
  return {search_plain_text(prose), search_plain_text(other)};
}

// The opening tag of a heading in the rendered body (render_body writes <hN id="...">).
std::size_t heading_start(const std::string& html, const Heading& h, std::size_t from) {
  return html.find("<h" + std::to_string(h.level) + " id=\"" + html_escape(h.id) + "\"", from);
}

}  // namespace

std::size_t SearchIndex::add_page(const std::string& title, const std::string& url, const std::string& section,
                                  const std::string& body_html, const std::vector<Heading>& toc) {
  pages_.push_back(page_entries(title, url, section, body_html, toc));
  return pages_.size() - 1;
}

void SearchIndex::replace_page(std::size_t slot, const std::string& title, const std::string& url,
                               const std::string& section, const std::string& body_html,
                               const std::vector<Heading>& toc) {
  if (slot < pages_.size()) pages_[slot] = page_entries(title, url, section, body_html, toc);
}

std::vector<std::string> SearchIndex::page_entries(const std::string& title, const std::string& url,
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
  // Entries are numbered here, in page order, so that a page replaced with more or fewer
  // sections (opskit serve) leaves no gap or duplicate id.
  std::vector<std::string> entries;
  for (const auto& page : pages_)
    for (const auto& e : page) entries.push_back("{\"i\":" + std::to_string(entries.size()) + "," + e);
  std::size_t total = 0;
  for (const auto& e : entries) total += e.size() + 2;
  if (total <= part_bytes_) {
    std::string js = "window.OPSKIT_SEARCH = [\n";
    for (const auto& e : entries) js += e + ",\n";
    tree["assets/search-index.js"].bytes = js + "];\n";
    return;
  }
  // Parts append to window.OPSKIT_SEARCH in whatever order they load.
  std::vector<std::string> parts;
  std::string part;
  auto flush = [&] {
    if (part.empty()) return;
    auto name = "assets/search-index-" + std::to_string(parts.size() + 1) + ".js";
    tree[name].bytes = "window.OPSKIT_SEARCH = (window.OPSKIT_SEARCH || []).concat([\n" + part + "]);\n";
    parts.push_back(name);
    part.clear();
  };
  for (const auto& e : entries) {
    if (!part.empty() && part.size() + e.size() > part_bytes_) flush();
    part += e + ",\n";
  }
  flush();
  std::string list;
  for (const auto& p : parts) list += (list.empty() ? "\"" : ", \"") + json_escape(p) + "\"";
  tree["assets/search-index.js"].bytes = "window.OPSKIT_SEARCH_PARTS = [" + list + "];\n";
}

}  // namespace opskit
