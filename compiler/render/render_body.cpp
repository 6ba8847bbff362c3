#include "render/render_body.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "parse/directive_syntax.hpp"
#include "parse/link_slots.hpp"
#include "parse/markdown.hpp"
#include "render/body_renderer.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

// A directive placeholder found in rendered HTML: where it starts and ends, which directive, and
// whether cmark escaped it (it was inside code).
struct PlaceholderMatch {
  std::size_t begin = 0, end = 0;
  int index = -1;
  bool escaped = false;
};

std::optional<PlaceholderMatch> placeholder_at(std::string_view html, std::size_t at) {
  struct Form {
    std::string_view open, close;
    bool escaped;
  };
  static constexpr Form forms[] = {{"<!--opskit:", "-->", false},
                                   {"<opskit-inline n=\"", "\"/>", false},
                                   {"&lt;!--opskit:", "--&gt;", true},
                                   {"&lt;opskit-inline n=&quot;", "&quot;/&gt;", true}};
  for (const auto& f : forms) {
    if (html.compare(at, f.open.size(), f.open) != 0) continue;
    std::size_t end = 0;
    int n = placeholder_number_at(html, at + f.open.size(), &end);
    if (n < 0 || html.compare(end, f.close.size(), f.close) != 0) continue;
    return PlaceholderMatch{at, end + f.close.size(), n, f.escaped};
  }
  return std::nullopt;
}

}  // namespace

// A chunk's HTML for this output: the parse stage's HTML with the output's link URLs in its
// slots and the directives rendered in their placeholders.
std::string BodyRenderer::chunk_html(int chunk_index) {
  const Chunk& chunk = page_.body.chunks[chunk_index];
  std::string_view html = chunk.html;
  if (chunk_index == 0 && ctx_.drop_repeated_title) html.remove_prefix(std::min(chunk.repeated_title_bytes, html.size()));
  return substitute(html);
}

namespace {

// The next '<' or '&' at or after `from`. (std::string_view::find_first_of calls a search of its
// set for every byte: two fifths of rendering a page's body, callgrind on the kit's check.)
std::size_t next_markup(std::string_view html, std::size_t from) {
  auto at = find_any<false, '<', '&'>(html, from);
  return at < html.size() ? at : std::string_view::npos;
}

}  // namespace

std::string BodyRenderer::substitute(std::string_view html) {
  std::string out;
  out.reserve(html.size() + html.size() / 4);
  std::size_t last = 0;
  for (std::size_t at = next_markup(html, 0); at != std::string::npos; at = next_markup(html, at + 1)) {
    if (auto slot = link_slot_at(html, at)) {
      out.append(html.substr(last, at - last));
      fill_slot(slot->index, out);
      last = slot->end;
      at = slot->end - 1;
      continue;
    }
    auto m = placeholder_at(html, at);
    if (!m) continue;
    // Unescaped placeholders take the spaces before them and the line end after them along.
    std::size_t begin = m->begin;
    if (!m->escaped)
      while (begin > last && (html[begin - 1] == ' ' || html[begin - 1] == '\t')) --begin;
    std::string_view indent = html.substr(begin, m->begin - begin);
    std::size_t end = m->end;
    std::string_view newline;
    if (!m->escaped && end < html.size() && html[end] == '\n') {
      newline = "\n";
      ++end;
    }
    out.append(html.substr(last, begin - last));
    last = end;
    at = end - 1;
    if (m->index >= static_cast<int>(page_.body.directives.size())) continue;
    const Directive& d = page_.body.directives[m->index];
    if (m->escaped) {  // the placeholder landed inside code: show what was written
      out += html_escape(d.source);
      continue;
    }
    // Each directive is placed once. A placeholder the author wrote as raw HTML (say inside the
    // directive's own body, which recursed until the stack overflowed; found by fuzz_page) stays
    // the invisible comment it is.
    if (placed_[m->index]) {
      out.append(indent).append(html.substr(m->begin, m->end - m->begin)).append(newline);
      continue;
    }
    placed_[m->index] = true;
    auto rendered = directive_html(m->index);
    if (d.form == DirectiveForm::text) {
      out.append(indent).append(rendered).append(newline);
    } else {  // a block: its own HTML ends the line
      out += rendered;
      if (rendered.empty() || rendered.back() != '\n') out.append(newline);
    }
  }
  out.append(html.substr(last));
  return out;
}

// Link `index` of the page, as this output writes it where the parse stage left its slot.
void BodyRenderer::fill_slot(int index, std::string& out) const {
  if (index < 0 || index >= static_cast<int>(page_.body.links.size())) return;
  const LinkRef& link = page_.body.links[index];
  const std::string& target = index < static_cast<int>(ctx_.link_urls.size()) ? ctx_.link_urls[index] : link.url;
  if (link.kind == LinkKind::raw_html) {
    auto use = link.raw_src ? UrlUse::image : UrlUse::link;
    auto url = safe_url(target, use);
    // The browser decodes character references in the written value: judge that form too.
    if (!url_allowed(link.url, use, ctx_.allowed_schemes, true)) url = kBlockedUrl;
    // Unchanged values keep their written form (they may hold character references).
    if (url == link.url) out += link.raw_attribute;
    else out.append(link.raw_name).append("=\"").append(html_escape(url)).append("\"");
    return;
  }
  bool image = link.kind == LinkKind::image;
  bool external = index < static_cast<int>(ctx_.link_external.size()) && ctx_.link_external[index];
  // Links that leave the output (to the published site, from a package) are marked.
  static constexpr std::string_view kAnchorOpen = "<a href=\"";
  if (external && !image && ends_with(out, kAnchorOpen)) {
    out.resize(out.size() - kAnchorOpen.size());
    out += "<a class=\"external\" href=\"";
  }
  out += escape_href(safe_url(target, image ? UrlUse::image : UrlUse::link));
}

std::string BodyRenderer::link_url(const Directive& d, UrlUse use) {
  if (d.link < 0) return {};
  return safe_url(d.link < static_cast<int>(ctx_.link_urls.size()) ? ctx_.link_urls[d.link] : page_.body.links[d.link].url,
                  use);
}

// The check stage reports a URL whose scheme could run script; whatever the rule's level, the
// output never carries one.
std::string BodyRenderer::safe_url(const std::string& url, UrlUse use) const {
  return url_allowed(url, use, ctx_.allowed_schemes) ? url : kBlockedUrl;
}

// An attribute written as Markdown (`header=`): the same raw-HTML and URL rules as the body.
std::string BodyRenderer::attribute_markdown_html(const Directive& d, const std::string& key) {
  return render_inline_markdown(d.attrs.get(key), InlineMarkdownOptions{page_.body.allow_raw_html, ctx_.allowed_schemes},
                                [&](const std::string& rule, const std::string& message) {
                                  if (ctx_.sink)
                                    ctx_.sink->report(rule, rule == "link.scheme" ? Severity::error : Severity::warning,
                                                      page_.file, d.line, d.column, message + " (in " + key + "=)");
                                });
}

std::string BodyRenderer::chunk_html_or_empty(int chunk) { return chunk >= 0 ? chunk_html(chunk) : std::string(); }

// The body of a container, or the label of a leaf written `::name[body]`.
std::string BodyRenderer::inner(const Directive& d) {
  if (d.body_chunk >= 0) return chunk_html(d.body_chunk);
  if (d.label_chunk >= 0) return chunk_html(d.label_chunk);
  return {};
}

// The label as inline HTML (its paragraph unwrapped).
std::string BodyRenderer::label_html(const Directive& d) {
  if (d.label_chunk < 0) return html_escape(d.label);
  auto html = std::string(trim(chunk_html(d.label_chunk)));
  if (starts_with(html, "<p>") && ends_with(html, "</p>")) html = html.substr(3, html.size() - 7);
  return html;
}

RenderedBody render_body(const Page& page, const BodyRenderContext& ctx) {
  RenderedBody out;
  if (page.body.chunks.empty()) return out;
  BodyRenderer renderer(page, ctx);
  out.html = renderer.chunk_html(0);
  for (int index : page.body.chunks[0].headings) {
    const auto& h = page.body.headings[index];
    if (h.level == 2 || h.level == 3) out.toc.push_back(h);
  }
  return out;
}

}  // namespace opskit
