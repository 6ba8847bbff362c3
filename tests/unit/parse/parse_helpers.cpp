#include "parse/parse_helpers.hpp"

#include "parse/directive_syntax.hpp"
#include "parse/parse_page.hpp"

namespace opskit::test {

Page parse_body(const std::string& body, DiagnosticSink& sink) {
  PageSource source;
  source.file = "content/page.md";
  source.text = share_text(body);
  return parse_page(source, "en", {}, sink);
}

int directive_index(const Page& page, const std::string& name) {
  for (int i = 0; i < static_cast<int>(page.body.directives.size()); ++i)
    if (page.body.directives[i].name == name) return i;
  return -1;
}

std::string parent_name(const Page& page, const std::string& name) {
  int i = directive_index(page, name);
  if (i < 0) return "?";
  const auto& d = page.body.directives[i];
  auto mark = d.form == DirectiveForm::text ? inline_placeholder(i) : placeholder(i);
  for (int c = 0; c < static_cast<int>(page.body.chunks.size()); ++c) {
    if (page.body.chunks[c].markdown.find(mark) == std::string::npos) continue;
    for (const auto& owner : page.body.directives)
      if (owner.body_chunk == c || owner.label_chunk == c) return owner.name;
    return "";
  }
  return "?";
}

}  // namespace opskit::test
