#include "render/render_body.hpp"

#include <cctype>
#include <optional>
#include <set>

#include "parse/markdown.hpp"
#include "parse/parse_page.hpp"
#include "parse/slug.hpp"
#include "support/html_attributes.hpp"
#include "support/strings.hpp"
#include "support/url_scheme.hpp"

namespace opskit {

namespace {

const std::set<std::string>& view_directives() {
  static const std::set<std::string> names = {"tooling-matrix", "raci", "sla-table", "framework", "coverage",
                                              "questionnaire"};
  return names;
}

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + html_escape(value) + "\"";
}

// The number written at `at` (digits only), or -1 when there is none or it is absurdly long.
int number_at(std::string_view s, std::size_t at, std::size_t* end) {
  std::size_t j = at;
  long value = 0;
  while (j < s.size() && j - at < 9 && std::isdigit(static_cast<unsigned char>(s[j]))) value = value * 10 + (s[j++] - '0');
  if (j == at || (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))) return -1;
  *end = j;
  return static_cast<int>(value);
}

// Placeholders in the order they appear in a chunk's Markdown.
std::vector<int> placeholders_in(const std::string& markdown) {
  std::vector<int> out;
  static constexpr std::string_view open = "<!--opskit:";
  for (auto at = markdown.find(open); at != std::string::npos; at = markdown.find(open, at + 1)) {
    std::size_t end = 0;
    int n = number_at(markdown, at + open.size(), &end);
    if (n >= 0 && markdown.compare(end, 3, "-->") == 0) out.push_back(n);
  }
  return out;
}

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
    int n = number_at(html, at + f.open.size(), &end);
    if (n < 0 || html.compare(end, f.close.size(), f.close) != 0) continue;
    return PlaceholderMatch{at, end + f.close.size(), n, f.escaped};
  }
  return std::nullopt;
}

class BodyRenderer {
 public:
  BodyRenderer(const Page& page, const BodyRenderContext& ctx)
      : page_(page), ctx_(ctx), placed_(page.body.directives.size(), false) {}

  std::string chunk_html(int chunk_index) {
    const Chunk& chunk = page_.body.chunks[chunk_index];
    auto doc = parse_markdown(chunk.markdown);
    std::size_t link_i = 0;
    auto next_url = [&](bool* external, UrlUse use) -> std::string {
      if (link_i >= chunk.links.size()) return {};
      int index = chunk.links[link_i++];
      if (external) *external = index < static_cast<int>(ctx_.link_external.size()) && ctx_.link_external[index];
      return safe_url(index < static_cast<int>(ctx_.link_urls.size()) ? ctx_.link_urls[index] : page_.body.links[index].url,
                      use);
    };
    MarkdownVisitor links;
    links.link_or_image = [&](cmark_node* n) {
      bool external = false;
      bool image = cmark_node_get_type(n) == CMARK_NODE_IMAGE;
      auto url = next_url(&external, image ? UrlUse::image : UrlUse::link);
      cmark_node_set_url(n, url.c_str());
      if (external && !image) {
        // Mark links that leave the output: wrap the link in raw HTML carrying the class.
        std::string open = "<a class=\"external\" href=\"" + html_escape(url) + "\">";
        cmark_node* before = cmark_node_new(CMARK_NODE_HTML_INLINE);
        cmark_node_set_literal(before, open.c_str());
        cmark_node* after = cmark_node_new(CMARK_NODE_HTML_INLINE);
        cmark_node_set_literal(after, "</a>");
        cmark_node_insert_before(n, before);
        cmark_node_insert_after(n, after);
        while (cmark_node* child = cmark_node_first_child(n)) cmark_node_insert_before(after, child);
        cmark_node_free(n);
      }
    };
    links.raw_html = [&](cmark_node* n) {
      const char* literal = cmark_node_get_literal(n);
      if (!literal || is_placeholder(literal)) return;
      std::string html = literal;
      std::string rewritten;
      std::size_t last = 0;
      for (const auto& a : quoted_attributes(html, {"href", "src"})) {
        rewritten += html.substr(last, a.begin - last);
        auto use = to_lower(a.name) == "src" ? UrlUse::image : UrlUse::link;
        auto url = next_url(nullptr, use);
        std::string original(a.value);
        // The browser decodes character references in the written value: judge that form too.
        if (!url_allowed(original, use, ctx_.allowed_schemes, true)) url = kBlockedUrl;
        // Unchanged values keep their written form (they may hold character references).
        rewritten += url == original ? html.substr(a.begin, a.end - a.begin)
                                     : std::string(a.name) + "=\"" + html_escape(url) + "\"";
        last = a.end;
      }
      rewritten += html.substr(last);
      if (ctx_.allow_raw_html) {
        cmark_node_set_literal(n, rewritten.c_str());
        return;
      }
      if (ctx_.sink) {
        auto [line, column] = chunk_position(chunk, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
        ctx_.sink->report("markdown.raw-html", Severity::warning, page_.file, line, column,
                          "raw HTML is not allowed (markdown.raw_html: false in opskit.yaml); shown as text");
      }
      replace_with_text(n);
    };
    walk_markdown(doc.get(), links);

    std::size_t heading_i = 0;
    if (chunk_index == 0 && ctx_.drop_repeated_title) {
      cmark_node* first = cmark_node_first_child(doc.get());
      if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1 &&
          split_explicit_id(plain_text(first)).first == page_.meta.title) {
        cmark_node_unlink(first);
        cmark_node_free(first);
        heading_i = 1;  // its anchor stays reserved, so the other anchors keep their numbers
      }
    }
    MarkdownVisitor headings;
    headings.heading = [&](cmark_node* n) {
      if (heading_i >= chunk.headings.size()) return;
      const Heading& h = page_.body.headings[chunk.headings[heading_i++]];
      // Drop a written {#id} from the visible text.
      if (cmark_node* last = cmark_node_last_child(n); last && cmark_node_get_type(last) == CMARK_NODE_TEXT) {
        auto [text, id] = split_explicit_id(cmark_node_get_literal(last));
        if (!id.empty()) cmark_node_set_literal(last, text.c_str());
      }
      std::string inner = render_markdown_html(n);
      auto open_end = inner.find('>');
      auto close = inner.rfind("</h");
      inner = inner.substr(open_end + 1, close - open_end - 1);
      std::string level = std::to_string(h.level);
      std::string html = "<h" + level + attr("id", h.id) + ">" + inner + "</h" + level + ">\n";
      cmark_node* block = cmark_node_new(CMARK_NODE_HTML_BLOCK);
      cmark_node_set_literal(block, html.c_str());
      cmark_node_replace(n, block);
      cmark_node_free(n);
    };
    walk_markdown(doc.get(), headings);

    return substitute(render_markdown_html(doc.get()));
  }

  std::string substitute(const std::string& html) {
    if (html.find("opskit") == std::string::npos) return html;
    std::string out;
    std::size_t last = 0;
    for (std::size_t at = html.find_first_of("<&"); at != std::string::npos; at = html.find_first_of("<&", at + 1)) {
      auto m = placeholder_at(html, at);
      if (!m) continue;
      // Unescaped placeholders take the spaces before them and the line end after them along.
      std::size_t begin = m->begin;
      if (!m->escaped)
        while (begin > last && (html[begin - 1] == ' ' || html[begin - 1] == '\t')) --begin;
      std::string indent = html.substr(begin, m->begin - begin);
      std::size_t end = m->end;
      std::string newline;
      if (!m->escaped && end < html.size() && html[end] == '\n') {
        newline = "\n";
        ++end;
      }
      out += html.substr(last, begin - last);
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
        out += indent + html.substr(m->begin, m->end - m->begin) + newline;
        continue;
      }
      placed_[m->index] = true;
      auto rendered = directive_html(m->index);
      if (d.form == DirectiveForm::text) {
        out += indent + rendered + newline;
      } else {  // a block: its own HTML ends the line
        out += rendered;
        if (rendered.empty() || rendered.back() != '\n') out += newline;
      }
    }
    out += html.substr(last);
    return out;
  }

 private:
  const Page& page_;
  const BodyRenderContext& ctx_;
  std::vector<bool> placed_;  // directives already substituted for their placeholder
  int widget_counter_ = 0;

  std::string link_url(const Directive& d, UrlUse use) {
    if (d.link < 0) return {};
    return safe_url(d.link < static_cast<int>(ctx_.link_urls.size()) ? ctx_.link_urls[d.link] : page_.body.links[d.link].url,
                    use);
  }

  // The check stage reports a URL whose scheme could run script; whatever the rule's level, the
  // output never carries one.
  std::string safe_url(const std::string& url, UrlUse use) const {
    return url_allowed(url, use, ctx_.allowed_schemes) ? url : kBlockedUrl;
  }

  // An attribute written as Markdown (`header=`): the same raw-HTML and URL rules as the body.
  std::string attribute_markdown_html(const Directive& d, const std::string& key) {
    return render_inline_markdown(d.attrs.get(key), InlineMarkdownOptions{ctx_.allow_raw_html, ctx_.allowed_schemes},
                                  [&](const std::string& rule, const std::string& message) {
                                    if (ctx_.sink)
                                      ctx_.sink->report(rule, rule == "link.scheme" ? Severity::error : Severity::warning,
                                                        page_.file, d.line, d.column, message + " (in " + key + "=)");
                                  });
  }

  std::string chunk_html_or_empty(int chunk) { return chunk >= 0 ? chunk_html(chunk) : std::string(); }

  // The body of a container, or the label of a leaf written `::name[body]`.
  std::string inner(const Directive& d) {
    if (d.body_chunk >= 0) return chunk_html(d.body_chunk);
    if (d.label_chunk >= 0) return chunk_html(d.label_chunk);
    return {};
  }

  // The label as inline HTML (its paragraph unwrapped).
  std::string label_html(const Directive& d) {
    if (d.label_chunk < 0) return html_escape(d.label);
    auto html = std::string(trim(chunk_html(d.label_chunk)));
    if (starts_with(html, "<p>") && ends_with(html, "</p>")) html = html.substr(3, html.size() - 7);
    return html;
  }

  std::string code_html(const Directive& d) {
    std::string code = d.form == DirectiveForm::container ? d.literal : d.label;
    while (!code.empty() && code.back() == '\n') code.pop_back();
    auto language = d.attrs.get("language");
    if (d.form == DirectiveForm::text)
      return "<code" + (language.empty() ? "" : attr("class", "language-" + language)) + ">" + html_escape(code) + "</code>";
    std::string pre = "<pre";
    if (d.attrs.flag("showLineNumbers")) {
      pre += attr("data-line-numbers", "true");
      pre += attr("data-line-start", d.attrs.get("lineNumberStart", "1"));
    }
    if (d.attrs.has("highlightLines")) {
      pre += attr("data-highlight-lines", d.attrs.get("highlightLines"));
      if (d.attrs.has("highlightLinesStart")) pre += attr("data-highlight-lines-start", d.attrs.get("highlightLinesStart"));
    }
    pre += ">";
    bool copy = !d.attrs.has("showCopyAction") || d.attrs.flag("showCopyAction");
    return std::string("<div class=\"code-block\">") +
           (copy ? "<button type=\"button\" class=\"copy-button\" aria-label=\"Copy code\">Copy</button>" : "") + pre +
           "<code" + (language.empty() ? "" : attr("class", "language-" + language)) + ">" + html_escape(code) +
           "\n</code></pre></div>\n";
  }

  std::string tabs_html(const Directive& d) {
    int n = ++widget_counter_;
    std::string prefix = "tabs-" + std::to_string(n);
    std::vector<int> tabs;
    if (d.body_chunk >= 0)
      for (int index : placeholders_in(page_.body.chunks[d.body_chunk].markdown))
        if (page_.body.directives[index].name == "tab") tabs.push_back(index);
    auto active = d.attrs.get("activeTabId");
    std::string list, panels;
    for (std::size_t i = 0; i < tabs.size(); ++i) {
      const auto& tab = page_.body.directives[tabs[i]];
      auto label = tab.attrs.get("label", tab.label.empty() ? "Tab " + std::to_string(i + 1) : tab.label);
      auto key = tab.attrs.id.empty() ? github_slug(label) : tab.attrs.id;
      bool selected = active.empty() ? i == 0 : key == active;
      auto tab_id = prefix + "-tab-" + std::to_string(i);
      auto panel_id = prefix + "-panel-" + std::to_string(i);
      list += "<button type=\"button\" role=\"tab\"" + attr("id", tab_id) + attr("aria-controls", panel_id) +
              attr("aria-selected", selected ? "true" : "false") + attr("tabindex", selected ? "0" : "-1") +
              attr("data-tab-key", key) + ">" + html_escape(label) + "</button>";
      panels += "<div class=\"tab-panel\" role=\"tabpanel\"" + attr("id", panel_id) + attr("aria-labelledby", tab_id) +
                attr("data-tab-key", key) + (selected ? "" : " hidden") + ">\n" + inner(tab) + "</div>\n";
    }
    auto group = d.attrs.get("groupId");
    return "<div class=\"tabs\"" + (group.empty() ? "" : attr("data-group-id", group)) +
           "><div class=\"tab-list\" role=\"tablist\">" + list + "</div>\n" + panels + "</div>\n";
  }

  std::string unknown_html(const Directive& d) {
    if (ctx_.sink)
      ctx_.sink->report("directive.unknown", Severity::warning, page_.file, d.line, d.column,
                        "unknown directive '" + d.name + "'; its text is shown as written");
    if (d.form == DirectiveForm::text) return "<span class=\"directive-unknown\">" + html_escape(d.source) + "</span>";
    std::string html = "<div class=\"directive-unknown\"><p>" + html_escape(d.source) + "</p>\n";
    if (d.form == DirectiveForm::container) {
      html += d.body_chunk >= 0 ? chunk_html(d.body_chunk) : "<pre>" + html_escape(d.literal) + "</pre>";
      html += "<p>" + std::string(static_cast<std::size_t>(d.colons), ':') + "</p>\n";
    }
    return html + "</div>\n";
  }

  std::string directive_html(int index) {
    const Directive& d = page_.body.directives[index];
    const std::string& name = d.name;
    if (view_directives().count(name) && ctx_.view_html) {
      auto html = ctx_.view_html(d);
      if (!html.empty()) return html;
    }
    if (name == "alert") {
      auto type = d.attrs.get("type", "info");
      bool label_is_header = d.form == DirectiveForm::container && d.has_label;
      auto header = d.attrs.has("header") ? attribute_markdown_html(d, "header")
                                          : label_is_header ? label_html(d) : "";
      std::string html = "<div class=\"alert alert-" + html_escape(type) + "\" role=\"note\">";
      if (!header.empty()) html += "<p class=\"alert-header\">" + header + "</p>";
      return html + "\n" + (label_is_header ? chunk_html_or_empty(d.body_chunk) : inner(d)) + "</div>\n";
    }
    if (name == "code") return code_html(d);
    if (name == "tabs") return tabs_html(d);
    if (name == "tab") {  // a tab outside tabs: show it as a titled section
      return "<section class=\"tab-panel\"><p class=\"alert-header\">" +
             html_escape(d.attrs.get("label", d.label)) + "</p>\n" + inner(d) + "</section>\n";
    }
    if (name == "expand") {
      bool label_is_header = d.form == DirectiveForm::container && d.has_label;
      auto header = d.attrs.has("header") ? attribute_markdown_html(d, "header")
                                          : label_is_header ? label_html(d) : std::string("Expand");
      bool open = d.attrs.flag("defaultExpanded");
      return std::string("<details class=\"expand\"") + (open ? " open" : "") + "><summary>" + header +
             "</summary><div class=\"expand-body\">\n" +
             (label_is_header ? chunk_html_or_empty(d.body_chunk) : inner(d)) + "</div></details>\n";
    }
    if (name == "image") {
      std::string html = "<img class=\"directive-image\"" + attr("src", link_url(d, UrlUse::image)) + attr("alt", d.label);
      if (d.attrs.has("width")) html += attr("width", d.attrs.get("width"));
      if (d.attrs.has("height")) html += attr("height", d.attrs.get("height"));
      return html + " loading=\"lazy\" />";
    }
    if (name == "link" || name == "button") {
      auto url = link_url(d, UrlUse::link);
      bool external = d.attrs.flag("external") || starts_with(url, "http://") || starts_with(url, "https://");
      if (d.link >= 0 && d.link < static_cast<int>(ctx_.link_external.size()) && ctx_.link_external[d.link])
        external = true;
      std::string cls = name == "button" ? "button button-" + d.attrs.get("variant", "primary") : "";
      if (external) cls += cls.empty() ? "external" : " external";
      std::string html = "<a" + attr("href", url) + (cls.empty() ? "" : attr("class", cls));
      if (external) html += " target=\"_blank\" rel=\"noopener\"";
      if (d.attrs.get("action") == "download") html += " download";
      auto label = d.has_label ? label_html(d) : html_escape(url);
      html += ">" + label + "</a>";
      return d.form == DirectiveForm::text ? html : "<p>" + html + "</p>\n";
    }
    if (name == "video") {
      auto id = d.attrs.get("id");
      bool vimeo = d.attrs.get("type") == "vimeo";
      auto url = vimeo ? "https://vimeo.com/" + id : "https://www.youtube.com/watch?v=" + id;
      return "<p><a class=\"video-link\"" + attr("href", url) +
             " target=\"_blank\" rel=\"noopener\"><span class=\"video-thumb\" aria-hidden=\"true\"></span>"
             "<span class=\"video-caption\">Watch the video (opens " +
             (vimeo ? std::string("Vimeo") : std::string("YouTube")) + ")</span></a></p>\n";
    }
    if (name == "children") return ctx_.children_html ? ctx_.children_html(d) : std::string();
    return unknown_html(d);
  }
};

}  // namespace

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
