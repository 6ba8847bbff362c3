// The whole page pipeline: front matter, directives, Markdown (cmark-gfm), headings and links,
// then rendering the body to HTML, with raw HTML allowed and not.
#include "fuzz_support.hpp"
#include "parse/parse_page.hpp"
#include "render/render_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  opskit::PageSource source;
  source.file = "workshops/lab/content/step/index.en.md";
  source.workshop = "lab";
  source.locale_suffix = "en";
  source.path = "step";
  source.is_index = true;
  // The first byte picks the options, the rest is the page.
  bool raw_html = data[0] & 1;
  source.text = opskit::share_text(opskit::fuzz::as_text(data + 1, size - 1));
  static const std::map<std::string, std::string> params = {{"region", "us-east-1"}};
  opskit::DiagnosticSink sink;
  auto page = opskit::parse_page(source, "en-US", params, sink, opskit::ParseOptions{raw_html});
  opskit::BodyRenderContext ctx;
  for (const auto& link : page.body.links) ctx.link_urls.push_back(link.url);
  ctx.link_external.assign(page.body.links.size(), (data[0] & 2) != 0);
  ctx.children_html = [](const opskit::Directive&) { return std::string("<ul></ul>"); };
  ctx.view_html = [](const opskit::Directive&) { return std::string(); };
  ctx.sink = &sink;
  auto rendered = opskit::render_body(page, ctx);
  (void)rendered;
  (void)sink.sorted();
  return 0;
}
