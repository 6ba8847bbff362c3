#pragma once
// The parse stage's output: front matter, and the body as Markdown chunks with directive
// placeholders, keeping the source line and column of every directive, heading and link. Each
// chunk is parsed once; the parse stage also lowers it to HTML with a slot for every link
// (parse/link_slots.hpp), so that each output only fills in its own URLs (render/render_body).
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "support/shared_text.hpp"

namespace opskit {

struct FrontMatter {
  std::string title;
  std::optional<long> weight;
  std::string id, kind = "page", area, framework_area, owner, last_reviewed, automation;
  std::string description, link_title, menu_title, pre, date;
  bool hidden = false, draft = false, chapter = false, disable_toc = false;
  std::vector<std::string> tags, wa;
  bool present = false;          // false when the page has no front matter
  int title_line = 1, title_column = 1;
  std::map<std::string, std::pair<int, int>> key_positions;  // key -> line, column
};

struct Attributes {
  std::string id;
  std::vector<std::string> classes;
  std::vector<std::pair<std::string, std::string>> values;  // in written order; bare keys have ""
  bool has(const std::string& key) const;
  std::string get(const std::string& key, const std::string& fallback = "") const;
  bool flag(const std::string& key) const;  // bare key, "true", "1", "yes"
};

enum class DirectiveForm { text, leaf, container };

enum class LinkKind { link, image, raw_html, directive };

struct LinkRef {
  std::string url;
  LinkKind kind = LinkKind::link;
  int line = 0, column = 0;
  bool raw_src = false;  // raw HTML src="...": an image (or media) as far as Workshop Studio is concerned
  std::string raw_attribute;  // raw HTML: the attribute as written (`HREF='x'`), kept when its URL is
  std::string raw_name;       // raw HTML: the attribute's name as written
};

struct Heading {
  int level = 0;
  std::string text;   // plain text, without an explicit {#id}
  std::string id;     // anchor
  int line = 0, column = 0;
};

struct Directive {
  DirectiveForm form = DirectiveForm::text;
  std::string name;
  std::string label;  // raw Markdown of [label]
  bool has_label = false;
  Attributes attrs;
  int colons = 0;
  int line = 0, column = 0;
  std::string source;   // the opener as written, kept visible for unknown directives
  int body_chunk = -1;  // container body, parsed (not for code)
  int label_chunk = -1; // the [label] as Markdown (not for code), so its links are checked too
  std::string literal;  // code body, verbatim
  int link = -1;        // index into ParsedBody::links for :link/:button/:image targets
  bool same_size_nested = false;  // as many colons as its parent: Workshop Studio shows it as text
};

struct Chunk {
  // The parse stage's working text: Markdown with <!--opskit:N--> placeholders, and where each of
  // its lines came from. Let go once the page is parsed (ParseOptions::keep_chunk_markdown).
  std::string markdown;
  std::vector<int> file_line;   // chunk line (0-based) -> file line (1-based)
  std::vector<int> column_shift;// chunk line -> columns removed by dedenting
  std::vector<int> directives;  // the directives placed in this chunk, in order (their placeholders)
  std::vector<int> headings;    // indices into ParsedBody::headings, in document order
  // The chunk as HTML, rendered once by the parse stage: headings carry their anchors, each link
  // URL is a slot naming its ParsedBody::links index, directives are still placeholders.
  std::string html;
  // Chunk 0 only: how many bytes at the start of `html` are a first "# Title" that repeats the
  // page title (the layout shows the title; outputs usually leave this out). 0 when there is none.
  std::size_t repeated_title_bytes = 0;
};

struct ParsedBody {
  std::vector<Chunk> chunks;  // chunks[0] is the page's top level
  std::vector<Directive> directives;
  std::vector<Heading> headings;
  std::vector<LinkRef> links;
  std::vector<std::string> raw_ids;  // id/name attributes in raw HTML
  bool allow_raw_html = true;  // as parsed (opskit.yaml markdown.raw_html); attributes written as Markdown follow it
};

// What the resolve stage found a link points at, kept on its page (resolve/link_target.hpp's
// link_target reads it back): three numbers rather than a LinkTarget's strings, since a
// 10,000-page kit has some 130,000 links.
struct ResolvedLink {
  int kind = -1;  // LinkTarget::Kind
  int page = -1;  // the page linked to (a page or same-page link)
  int file = -1;  // the file linked to: its index in Model::sources.statics
};

struct Page {
  // Identity, from the load stage.
  std::string file, workshop, path, locale, last_updated;
  bool is_index = false;
  std::string id;  // cross-reference id (front matter id or the default)
  FrontMatter meta;
  ParsedBody body;
  SharedText text = no_text();  // the page's source (its PageSource's), for rules that read it
  // The targets of body.links, in the same order: filled by the resolve stage (resolve_links)
  // once the index is built, so that the checks and the outputs do not resolve each link again.
  std::vector<ResolvedLink> link_targets;
};

}  // namespace opskit
