// One function per widget directive (the registry, parse/directive_registry.cpp, lists them), and
// the dispatch from a directive to its widget, its generated view or the unknown-directive text.
#include <algorithm>

#include "parse/directive_registry.hpp"
#include "parse/slug.hpp"
#include "render/body_renderer.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + html_escape(value) + "\"";
}

}  // namespace

const std::vector<std::pair<std::string_view, BodyRenderer::Widget>>& BodyRenderer::widgets() {
  static const std::vector<std::pair<std::string_view, Widget>> table = {
      {"alert", &BodyRenderer::alert_html},   {"code", &BodyRenderer::code_html},
      {"tabs", &BodyRenderer::tabs_html},     {"tab", &BodyRenderer::tab_html},
      {"expand", &BodyRenderer::expand_html}, {"image", &BodyRenderer::image_html},
      {"link", &BodyRenderer::link_html},     {"button", &BodyRenderer::link_html},
      {"video", &BodyRenderer::video_html},   {"children", &BodyRenderer::children_html},
  };
  return table;
}

std::string BodyRenderer::directive_html(int index) {
  const Directive& d = page_.body.directives[index];
  const DirectiveSpec* spec = find_directive(d.name);
  if (!spec) return unknown_html(d);
  if (spec->role == DirectiveRole::view) {
    // A view needs the kit's data, which only an output has; without it the text stays visible.
    auto html = ctx_.view_html ? ctx_.view_html(d) : std::string();
    return html.empty() ? unknown_html(d) : html;
  }
  const auto& table = widgets();
  auto it = std::find_if(table.begin(), table.end(), [&](const auto& w) { return w.first == d.name; });
  return it == table.end() ? unknown_html(d) : (this->*(it->second))(d);
}

std::string BodyRenderer::unknown_html(const Directive& d) {
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

std::string BodyRenderer::alert_html(const Directive& d) {
  auto type = d.attrs.get("type", "info");
  bool label_is_header = d.form == DirectiveForm::container && d.has_label;
  auto header = d.attrs.has("header") ? attribute_markdown_html(d, "header") : label_is_header ? label_html(d) : "";
  std::string html = "<div class=\"alert alert-" + html_escape(type) + "\" role=\"note\">";
  if (!header.empty()) html += "<p class=\"alert-header\">" + header + "</p>";
  return html + "\n" + (label_is_header ? chunk_html_or_empty(d.body_chunk) : inner(d)) + "</div>\n";
}

std::string BodyRenderer::code_html(const Directive& d) {
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

std::string BodyRenderer::tabs_html(const Directive& d) {
  int n = ++widget_counter_;
  std::string prefix = "tabs-" + std::to_string(n);
  std::vector<int> tabs;
  if (d.body_chunk >= 0)
    for (int index : page_.body.chunks[d.body_chunk].directives)
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

std::string BodyRenderer::tab_html(const Directive& d) {
  // :::tabs renders its tabs itself; a tab outside tabs is shown as a titled section.
  return "<section class=\"tab-panel\"><p class=\"alert-header\">" + html_escape(d.attrs.get("label", d.label)) +
         "</p>\n" + inner(d) + "</section>\n";
}

std::string BodyRenderer::expand_html(const Directive& d) {
  bool label_is_header = d.form == DirectiveForm::container && d.has_label;
  auto header = d.attrs.has("header") ? attribute_markdown_html(d, "header")
                                      : label_is_header ? label_html(d) : std::string("Expand");
  bool open = d.attrs.flag("defaultExpanded");
  return std::string("<details class=\"expand\"") + (open ? " open" : "") + "><summary>" + header +
         "</summary><div class=\"expand-body\">\n" + (label_is_header ? chunk_html_or_empty(d.body_chunk) : inner(d)) +
         "</div></details>\n";
}

std::string BodyRenderer::image_html(const Directive& d) {
  std::string html = "<img class=\"directive-image\"" + attr("src", link_url(d, UrlUse::image)) + attr("alt", d.label);
  if (d.attrs.has("width")) html += attr("width", d.attrs.get("width"));
  if (d.attrs.has("height")) html += attr("height", d.attrs.get("height"));
  return html + " loading=\"lazy\" />";
}

std::string BodyRenderer::link_html(const Directive& d) {  // :link and :button
  auto url = link_url(d, UrlUse::link);
  bool external = d.attrs.flag("external") || starts_with(url, "http://") || starts_with(url, "https://");
  if (d.link >= 0 && d.link < static_cast<int>(ctx_.link_external.size()) && ctx_.link_external[d.link]) external = true;
  std::string cls = d.name == "button" ? "button button-" + d.attrs.get("variant", "primary") : "";
  if (external) cls += cls.empty() ? "external" : " external";
  std::string html = "<a" + attr("href", url) + (cls.empty() ? "" : attr("class", cls));
  if (external) html += " target=\"_blank\" rel=\"noopener\"";
  if (d.attrs.get("action") == "download") html += " download";
  auto label = d.has_label ? label_html(d) : html_escape(url);
  html += ">" + label + "</a>";
  return d.form == DirectiveForm::text ? html : "<p>" + html + "</p>\n";
}

std::string BodyRenderer::video_html(const Directive& d) {
  auto id = d.attrs.get("id");
  bool vimeo = d.attrs.get("type") == "vimeo";
  auto url = vimeo ? "https://vimeo.com/" + id : "https://www.youtube.com/watch?v=" + id;
  return "<p><a class=\"video-link\"" + attr("href", url) +
         " target=\"_blank\" rel=\"noopener\"><span class=\"video-thumb\" aria-hidden=\"true\"></span>"
         "<span class=\"video-caption\">Watch the video (opens " +
         (vimeo ? std::string("Vimeo") : std::string("YouTube")) + ")</span></a></p>\n";
}

std::string BodyRenderer::children_html(const Directive& d) {
  return ctx_.children_html ? ctx_.children_html(d) : std::string();
}

}  // namespace opskit
