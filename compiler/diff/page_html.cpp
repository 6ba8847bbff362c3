#include "diff/page_html.hpp"

#include "support/strings.hpp"

namespace opskit {

namespace {

// The inner HTML of the first <tag ...>...</tag> at or after `from`; npos-safe.
std::string_view element_inner(std::string_view html, std::string_view open_prefix, std::string_view close,
                               std::size_t from = 0) {
  auto start = html.find(open_prefix, from);
  if (start == std::string_view::npos) return {};
  auto gt = html.find('>', start);
  if (gt == std::string_view::npos) return {};
  auto end = html.find(close, gt + 1);
  if (end == std::string_view::npos) return {};
  return html.substr(gt + 1, end - gt - 1);
}

}  // namespace

std::string html_text(std::string_view html) {
  std::string text;
  bool in_tag = false;
  for (char c : html) {
    if (in_tag) {
      if (c == '>') in_tag = false;
      continue;
    }
    if (c == '<') {
      in_tag = true;
      continue;
    }
    text += c;
  }
  for (auto [from, to] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#x27;", "'"},
                          {"&nbsp;", " "}, {"&amp;", "&"}})
    text = replace_all(text, from, to);
  std::string collapsed;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += space ? ' ' : c;
  }
  return std::string(trim(collapsed));
}

PageContent read_page_html(std::string_view html) {
  PageContent page;
  auto begin = html.find("<article");
  auto end = begin == std::string_view::npos ? begin : html.find("</article>", begin);
  if (begin == std::string_view::npos || end == std::string_view::npos) {
    page.sections.push_back({"", std::string(html)});
    return page;
  }
  std::string article(html.substr(begin, end - begin));
  // A section page's list of its children is navigation too: it follows from which pages exist,
  // and those are reported as pages added and removed.
  if (auto list = article.find("<section class=\"section-children\""); list != std::string::npos)
    if (auto close = article.find("</section>", list); close != std::string::npos) article.erase(list, close + 10 - list);
  page.title = html_text(element_inner(article, "<h1", "</h1>"));
  std::size_t at = 0;
  std::string heading;
  for (;;) {
    auto next = article.find("<h2", at == 0 ? 0 : at + 1);
    // "<h2" followed by '>' or a space only: not <h2x>.
    while (next != std::string::npos && next + 3 < article.size() && article[next + 3] != '>' &&
           article[next + 3] != ' ')
      next = article.find("<h2", next + 1);
    std::string html(article.substr(at, next == std::string::npos ? next : next - at));
    // The header (title, kind badge) is compared as the title, not as part of the introduction.
    if (at == 0)
      if (auto h = html.find("<header"); h != std::string::npos)
        if (auto e = html.find("</header>", h); e != std::string::npos) html.erase(h, e + 9 - h);
    page.sections.push_back({heading, std::move(html)});
    if (next == std::string::npos) break;
    heading = html_text(element_inner(article, "<h2", "</h2>", next));
    at = next;
  }
  return page;
}

}  // namespace opskit
