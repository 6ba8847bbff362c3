#include "parse/directive_registry.hpp"

#include <algorithm>

namespace opskit {

const std::vector<DirectiveSpec>& directive_registry() {
  // Workshop Studio's directives first (WORKSHOP_STUDIO.md), then opskit's generated views.
  static const std::vector<DirectiveSpec> table = {
      {"alert", DirectiveRole::widget, false, "", LinkKind::directive, "a callout box (type=info|success|warning|error)"},
      {"code", DirectiveRole::widget, true, "", LinkKind::directive, "a code block or span with copy, line numbers and highlights"},
      {"tabs", DirectiveRole::widget, false, "", LinkKind::directive, "a set of :::tab panels (groupId keeps groups in step)"},
      {"tab", DirectiveRole::widget, false, "", LinkKind::directive, "one panel of :::tabs"},
      {"expand", DirectiveRole::widget, false, "", LinkKind::directive, "a folded section (header=, defaultExpanded)"},
      {"image", DirectiveRole::widget, false, "src", LinkKind::image, "an image with width and height"},
      {"link", DirectiveRole::widget, false, "href", LinkKind::directive, "a link (external, action=download)"},
      {"button", DirectiveRole::widget, false, "href", LinkKind::directive, "a link shown as a button (variant=)"},
      {"video", DirectiveRole::widget, false, "", LinkKind::directive, "a YouTube or Vimeo video (id=, type=vimeo)"},
      {"children", DirectiveRole::children, false, "", LinkKind::directive, "the list of the page's children (depth=)"},
      {"tooling-matrix", DirectiveRole::view, false, "", LinkKind::directive, "the tooling map of the operational areas (area= for one area)"},
      {"raci", DirectiveRole::view, false, "", LinkKind::directive, "the RACI matrix (group= for one group of activities)"},
      {"sla-table", DirectiveRole::view, false, "", LinkKind::directive, "the SLA/OLA catalogue (type= sla or ola)"},
      {"framework", DirectiveRole::view, false, "", LinkKind::directive, "the operating-model framework by area"},
      {"coverage", DirectiveRole::view, false, "", LinkKind::directive, "Well-Architected operational-excellence questions covered by each area"},
      {"questionnaire", DirectiveRole::view, false, "", LinkKind::directive, "the assessment questionnaire form"},
      {"value", DirectiveRole::view, false, "", LinkKind::directive, "a shared value from content/data/values.yaml or tagging.yaml (:value[key]; {code} shows it as code)"},
  };
  return table;
}

const DirectiveSpec* find_directive(std::string_view name) {
  const auto& table = directive_registry();
  auto it = std::find_if(table.begin(), table.end(), [&](const DirectiveSpec& s) { return s.name == name; });
  return it == table.end() ? nullptr : &*it;
}

bool directive_body_is_literal(std::string_view name) {
  const auto* spec = find_directive(name);
  return spec && spec->literal_body;
}

}  // namespace opskit
