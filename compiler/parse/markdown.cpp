#include "parse/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#include "support/html_attributes.hpp"
#include "support/strings.hpp"
#include "support/url_scheme.hpp"

// Sanitizer builds (CI's ASan run, the fuzzers) tell LeakSanitizer what is left to the process on
// purpose (register_markdown_extensions).
#if defined(__SANITIZE_ADDRESS__)
#define OPSKIT_LEAK_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OPSKIT_LEAK_SANITIZER 1
#endif
#endif
#ifdef OPSKIT_LEAK_SANITIZER
#include <sanitizer/lsan_interface.h>
#endif

namespace opskit {

namespace {

const char* const kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};

// cmark-gfm parses inlines with one table of special characters for the whole process: a parser
// adds its extensions' characters (':' and 'w' for autolinks, '~' for strikethrough) when its
// inline pass starts and takes them out when the pass ends, so a pass ending on one thread
// switched autolinks and strikethrough off for a pass still at work on another
// (github/cmark-gfm#221). Two measures let the passes run side by side:
// - autolinks: their characters are set once for the process and the extension's list emptied, so
//   no pass adds or takes them out again (nothing else reads that list for autolinks);
// - strikethrough: its list stays (the emphasis pass finds the extension of a '~' delimiter
//   through it), so a page without a '~' is parsed without the extension, which could do nothing
//   there, and the passes of pages with a '~' take turns (parse_markdown).
// Every pass sees the table it saw when passes ran one at a time. tests/unit/parse/
// parallel_parse_test.cpp and the --jobs test in tests/e2e/run.sh fail when a pass takes
// characters out under another.
void keep_autolink_characters(cmark_syntax_extension* autolink) {
  cmark_parser* parser = cmark_parser_new(markdown_options());
  cmark_parser_attach_syntax_extension(parser, autolink);
  cmark_manage_extensions_special_characters(parser, 1);
  cmark_parser_free(parser);
  // The list it had is left to the process: the setter does not free the list it replaces, and
  // nothing can reach it now (LeakSanitizer is told, in register_markdown_extensions).
  cmark_syntax_extension_set_special_inline_chars(autolink, nullptr);
}

// The extensions, found once: all of them for rendering and for pages with a '~', all but
// strikethrough for the other pages.
struct Extensions {
  cmark_llist* all = nullptr;
  cmark_llist* without_strikethrough = nullptr;
};

const Extensions& extensions() {
  static const Extensions found = [] {
    register_markdown_extensions();
    Extensions e;
    cmark_mem* mem = cmark_get_default_mem_allocator();
    for (const char* name : kExtensions) {
      cmark_syntax_extension* extension = cmark_find_syntax_extension(name);
      e.all = cmark_llist_append(mem, e.all, extension);
      if (std::strcmp(name, "strikethrough") != 0)
        e.without_strikethrough = cmark_llist_append(mem, e.without_strikethrough, extension);
    }
    keep_autolink_characters(cmark_find_syntax_extension("autolink"));
    return e;
  }();
  return found;
}

}  // namespace

void register_markdown_extensions() {
  // What cmark-gfm allocates as it registers its extensions lives as long as the process, and the
  // autolink extension's list of characters is cut loose from it (keep_autolink_characters):
  // LeakSanitizer ignores what is allocated here. (A stack trace through the distribution's
  // cmark-gfm ends inside it, so a suppression naming the extension's constructor never matches.)
#ifdef OPSKIT_LEAK_SANITIZER
  __lsan_disable();
#endif
  cmark_gfm_core_extensions_ensure_registered();
#ifdef OPSKIT_LEAK_SANITIZER
  __lsan_enable();
#endif
}

int markdown_options() { return CMARK_OPT_UNSAFE; }

CmarkDocument parse_markdown(const std::string& markdown) {
  const bool has_tilde = markdown.find('~') != std::string::npos;
  const Extensions& found = extensions();
  cmark_parser* parser = cmark_parser_new(markdown_options());
  for (cmark_llist* it = has_tilde ? found.all : found.without_strikethrough; it; it = it->next)
    cmark_parser_attach_syntax_extension(parser, static_cast<cmark_syntax_extension*>(it->data));
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  // Block parsing (feed) is the parser's own; an inline pass with strikethrough writes the '~'
  // entries of the shared table (see keep_autolink_characters), so those passes take turns.
  static std::mutex strikethrough_pass;
  CmarkDocument doc;
  {
    std::unique_lock turn(strikethrough_pass, std::defer_lock);
    if (has_tilde) turn.lock();
    doc.reset(cmark_parser_finish(parser));
  }
  cmark_parser_free(parser);
  return doc;
}

std::string render_markdown_html(cmark_node* node) {
  char* html = cmark_render_html(node, markdown_options(), extensions().all);
  std::string out(html);
  std::free(html);
  return out;
}

std::string render_inline_markdown(const std::string& markdown, const InlineMarkdownOptions& options,
                                   const std::function<void(const std::string&, const std::string&)>& on_problem) {
  if (markdown.empty()) return {};
  auto doc = parse_markdown(markdown);
  MarkdownVisitor v;
  v.link_or_image = [&](cmark_node* n) {
    auto use = cmark_node_get_type(n) == CMARK_NODE_IMAGE ? UrlUse::image : UrlUse::link;
    const char* url = cmark_node_get_url(n);
    if (!url || url_allowed(url, use, options.allowed_schemes)) return;
    if (on_problem)
      on_problem("link.scheme", "URL scheme '" + browser_scheme(url, false) + ":' is not allowed; the output carries '" +
                                    kBlockedUrl + "' instead");
    cmark_node_set_url(n, kBlockedUrl);
  };
  v.raw_html = [&](cmark_node* n) {
    std::string literal = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
    if (options.allow_raw_html) {
      std::string rewritten;
      std::size_t last = 0;
      for (const auto& a : quoted_attributes(literal, {"href", "src"})) {
        auto use = to_lower(a.name) == "src" ? UrlUse::image : UrlUse::link;
        if (url_allowed(a.value, use, options.allowed_schemes, true)) continue;
        if (on_problem)
          on_problem("link.scheme", "URL scheme '" + browser_scheme(a.value, true) + ":' is not allowed; the output carries '" +
                                        kBlockedUrl + "' instead");
        rewritten += literal.substr(last, a.value_begin - last) + kBlockedUrl;
        last = a.value_begin + a.value.size();
      }
      if (last > 0) cmark_node_set_literal(n, (rewritten + literal.substr(last)).c_str());
      return;
    }
    if (on_problem) on_problem("markdown.raw-html", "raw HTML is not allowed (markdown.raw_html: false in opskit.yaml); shown as text");
    replace_with_text(n);
  };
  walk_markdown(doc.get(), v);
  auto html = render_markdown_html(doc.get());
  auto t = std::string(trim(html));
  if (starts_with(t, "<p>") && ends_with(t, "</p>")) t = t.substr(3, t.size() - 7);
  return t;
}

std::string plain_text(cmark_node* node) {
  std::string out;
  cmark_iter* iter = cmark_iter_new(node);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(iter);
    auto type = cmark_node_get_type(n);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) out += cmark_node_get_literal(n);
    else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) out += ' ';
  }
  cmark_iter_free(iter);
  return out;
}

void walk_markdown(cmark_node* document, const MarkdownVisitor& visitor) {
  // Collect first, then visit: visitors may replace the node they are given.
  std::vector<cmark_node*> nodes;
  cmark_iter* iter = cmark_iter_new(document);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(iter);
    auto type = cmark_node_get_type(n);
    if (type == CMARK_NODE_HEADING || type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE ||
        type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE)
      nodes.push_back(n);
  }
  cmark_iter_free(iter);
  for (cmark_node* n : nodes) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_HEADING: if (visitor.heading) visitor.heading(n); break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE: if (visitor.link_or_image) visitor.link_or_image(n); break;
      default: if (visitor.raw_html) visitor.raw_html(n); break;
    }
  }
}

bool is_placeholder(const char* literal) {
  if (!literal) return false;
  std::string_view s = trim(literal);
  if (s.find('\n') != std::string_view::npos) return false;
  return (starts_with(s, "<!--opskit:") && ends_with(s, "-->")) || (starts_with(s, "<opskit-inline n=\"") && ends_with(s, "\"/>"));
}

void replace_with_text(cmark_node* n) {
  cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
  const char* literal = cmark_node_get_literal(n);
  cmark_node_set_literal(text, literal ? literal : "");
  if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
    cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node_append_child(para, text);
    cmark_node_replace(n, para);
  } else {
    cmark_node_replace(n, text);
  }
  cmark_node_free(n);
}

}  // namespace opskit
