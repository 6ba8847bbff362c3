#pragma once
// Every directive opskit knows, in one table: how the parse stage reads it (a literal body, an
// attribute that is a link) and who renders it (render/render_body.cpp for widgets, the outputs
// for views generated from the kit's data). Adding a directive: an entry here, its renderer in
// render/directive_widgets.cpp (a test fails when either is missing), a line in the README.
#include <string_view>
#include <vector>

#include "model/page.hpp"

namespace opskit {

enum class DirectiveRole {
  widget,    // rendered from the page alone (render/directive_widgets.cpp)
  view,      // generated from the kit's data by the output (::raci, ::tooling-matrix, ...)
  children,  // the page's children in the navigation, from the output
};

struct DirectiveSpec {
  std::string_view name;
  DirectiveRole role = DirectiveRole::widget;
  // The body (or the label, for the leaf and text forms) is code: kept verbatim, no Markdown, no
  // directives, no links inside it.
  bool literal_body = false;
  std::string_view link_attribute;  // the attribute that is a link ("href", "src"), or ""
  LinkKind link_kind = LinkKind::directive;
  std::string_view summary;         // one line, for the README and `opskit rules`-style listings
};

const std::vector<DirectiveSpec>& directive_registry();
// The entry for `name`, or nullptr for a directive opskit does not know (shown as written).
const DirectiveSpec* find_directive(std::string_view name);
// Whether the directive's body is literal code (a shortcut the block scanners use on every line).
bool directive_body_is_literal(std::string_view name);

}  // namespace opskit
