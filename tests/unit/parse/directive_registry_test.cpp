// The directive registry is the one list of directives: each widget it names has a renderer, and
// no renderer exists for a directive it does not name.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "parse/directive_registry.hpp"
#include "render/body_renderer.hpp"

namespace opskit {

TEST_CASE("directive registry: every widget has a renderer and every renderer an entry", "[parse][directives]") {
  const auto& widgets = BodyRenderer::widgets();
  auto has_renderer = [&](std::string_view name) {
    return std::any_of(widgets.begin(), widgets.end(), [&](const auto& w) { return w.first == name; });
  };
  for (const auto& spec : directive_registry()) {
    INFO(std::string(spec.name));
    CHECK(has_renderer(spec.name) == (spec.role != DirectiveRole::view));
    CHECK_FALSE(spec.summary.empty());
  }
  for (const auto& [name, widget] : widgets) {
    INFO(std::string(name));
    const auto* spec = find_directive(name);
    REQUIRE(spec);
    CHECK(spec->role != DirectiveRole::view);
  }
}

TEST_CASE("directive registry: lookups", "[parse][directives]") {
  CHECK(directive_body_is_literal("code"));
  CHECK_FALSE(directive_body_is_literal("alert"));
  CHECK_FALSE(directive_body_is_literal("no-such"));
  CHECK(find_directive("no-such") == nullptr);
  REQUIRE(find_directive("image"));
  CHECK(find_directive("image")->link_attribute == "src");
  CHECK(find_directive("image")->link_kind == LinkKind::image);
  CHECK(find_directive("button")->link_attribute == "href");
  CHECK(find_directive("raci")->role == DirectiveRole::view);
}

}  // namespace opskit
