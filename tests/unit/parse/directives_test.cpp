#include <catch2/catch.hpp>

#include "parse/directive_syntax.hpp"
#include "parse/render_helpers.hpp"
#include "test_support.hpp"

using namespace opskit;
using opskit::test::render_markdown_page;

namespace {
const std::string fm = "---\ntitle: T\n---\n";

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }
}  // namespace

TEST_CASE("directive attributes: ids / classes / quoted and bare values", "[directives]") {
  Attributes a;
  auto len = scan_attributes(R"({#main .wide .dark key=value q="two words" s='single' bare id2=\_rLiHT2BgiQ })", a);
  REQUIRE(len);
  CHECK(a.id == "main");
  CHECK(a.classes == std::vector<std::string>{"wide", "dark"});
  CHECK(a.get("key") == "value");
  CHECK(a.get("q") == "two words");
  CHECK(a.get("s") == "single");
  CHECK(a.has("bare"));
  CHECK(a.flag("bare"));
  CHECK(a.get("id2") == "\\_rLiHT2BgiQ");
}

TEST_CASE("directive labels: nested brackets and Markdown", "[directives]") {
  auto head = scan_directive_head("button[Open [the] **console**]{href=https://x.example}");
  REQUIRE(head);
  CHECK(head->name == "button");
  CHECK(head->label == "Open [the] **console**");
  CHECK(head->attrs.get("href") == "https://x.example");
  CHECK_FALSE(scan_directive_head("1abc[x]"));
  CHECK(scan_directive_name("tab-") == 3);
}

TEST_CASE("alert: type and header / leaf and container", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + ":::alert{type=\"warning\" header=\"Before you start\"}\nText with **bold**.\n:::\n\n::alert[Leaf body]{type=tip}\n", sink);
  INFO(r.html);
  CHECK(sink.sorted().empty());
  CHECK(contains(r.html, "<div class=\"alert alert-warning\" role=\"note\"><p class=\"alert-header\">Before you start</p>\n<p>Text with <strong>bold</strong>.</p>\n</div>"));
  CHECK(contains(r.html, "<div class=\"alert alert-tip\" role=\"note\">\n<p>Leaf body</p>\n</div>"));
}

TEST_CASE("code: literal body / language / copy button / line numbers and highlighted lines", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + "::::code{language=yaml showLineNumbers=true lineNumberStart=5 highlightLines=\"2-3\"}\n:::alert{type=info}\n<b>not html</b> and **not bold**\n:::\n::::\n", sink);
  INFO(r.html);
  CHECK(sink.sorted().empty());
  CHECK(contains(r.html, "<button type=\"button\" class=\"copy-button\" aria-label=\"Copy code\">Copy</button>"));
  CHECK(contains(r.html, "<pre data-line-numbers=\"true\" data-line-start=\"5\" data-highlight-lines=\"2-3\"><code class=\"language-yaml\">"
                         ":::alert{type=info}\n&lt;b&gt;not html&lt;/b&gt; and **not bold**\n:::\n</code></pre>"));
  CHECK_FALSE(contains(r.html, "alert-info"));
}

TEST_CASE("code: showCopyAction=false drops the button - inline and leaf forms", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + ":::code{showCopyAction=false}\nls\n:::\n\nRun :code[aws s3 ls]{language=bash} now.\n\n::code[echo hi]{language=bash}\n", sink);
  INFO(r.html);
  CHECK(contains(r.html, "<div class=\"code-block\"><pre><code>ls\n</code></pre></div>"));
  CHECK(contains(r.html, "Run <code class=\"language-bash\">aws s3 ls</code> now."));
  CHECK(contains(r.html, "<code class=\"language-bash\">echo hi\n</code>"));
}

TEST_CASE("tabs: accessible widget / group id / first tab selected", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + "::::tabs{groupId=os}\n:::tab{label=\"Linux\"}\nUse **bash**.\n:::\n:::tab{label=\"Windows\"}\nUse PowerShell.\n:::\n::::\n", sink);
  INFO(r.html);
  CHECK(sink.sorted().empty());
  CHECK(contains(r.html, "<div class=\"tabs\" data-group-id=\"os\"><div class=\"tab-list\" role=\"tablist\">"));
  CHECK(contains(r.html, "<button type=\"button\" role=\"tab\" id=\"tabs-1-tab-0\" aria-controls=\"tabs-1-panel-0\" aria-selected=\"true\" tabindex=\"0\" data-tab-key=\"linux\">Linux</button>"));
  CHECK(contains(r.html, "aria-selected=\"false\" tabindex=\"-1\" data-tab-key=\"windows\">Windows</button>"));
  CHECK(contains(r.html, "<div class=\"tab-panel\" role=\"tabpanel\" id=\"tabs-1-panel-1\" aria-labelledby=\"tabs-1-tab-1\" data-tab-key=\"windows\" hidden>\n<p>Use PowerShell.</p>\n</div>"));
  CHECK(contains(r.html, "<p>Use <strong>bash</strong>.</p>"));
}

TEST_CASE("expand: details element / defaultExpanded / leaf form", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + ":::expand{header=\"Show the answer\" defaultExpanded=true}\nAnswer.\n:::\n\n::expand[Leaf answer]{header=Why}\n", sink);
  INFO(r.html);
  CHECK(contains(r.html, "<details class=\"expand\" open><summary>Show the answer</summary><div class=\"expand-body\">\n<p>Answer.</p>\n</div></details>"));
  CHECK(contains(r.html, "<details class=\"expand\"><summary>Why</summary><div class=\"expand-body\">\n<p>Leaf answer</p>\n</div></details>"));
}

TEST_CASE("image / link / button / video and children", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm +
      "See :image[A diagram]{src=/static/d.png width=400} and :link[the docs]{href=https://docs.aws.amazon.com external=true}"
      " and :link[the file]{href=/static/x.zip action=download} and :button[Start]{href=/lab-1/ variant=primary}.\n\n"
      "::video{id=dQw4w9WgXcQ}\n\n::children{depth=2}\n", sink);
  INFO(r.html);
  CHECK(sink.sorted().empty());
  CHECK(contains(r.html, "<img class=\"directive-image\" src=\"/static/d.png\" alt=\"A diagram\" width=\"400\" loading=\"lazy\" />"));
  CHECK(contains(r.html, "<a href=\"https://docs.aws.amazon.com\" class=\"external\" target=\"_blank\" rel=\"noopener\">the docs</a>"));
  CHECK(contains(r.html, "<a href=\"/static/x.zip\" download>the file</a>"));
  CHECK(contains(r.html, "<a href=\"/lab-1/\" class=\"button button-primary\">Start</a>"));
  CHECK(contains(r.html, "<a class=\"video-link\" href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\" target=\"_blank\" rel=\"noopener\">"));
  CHECK_FALSE(contains(r.html, "<iframe"));
  CHECK_FALSE(contains(r.html, "<script"));
  CHECK(contains(r.html, "<ul class=\"children-list\" data-depth=\"2\"></ul>"));
}

TEST_CASE("param and assetUrl are replaced as text / also in code and attribute values", "[directives]") {
  DiagnosticSink sink;
  std::map<std::string, std::string> params = {{"region", "eu-west-1"}};
  auto r = render_markdown_page(fm +
      "Region :param{key=region}; [console](https://:param{key=region}.console.aws.amazon.com/).\n\n"
      ":::code{language=bash}\naws s3 ls --region :param{key=region}\ncurl :assetUrl{path=\"/data/x.zip\"}\n:::\n"
      "\n:link[zip]{href=\":assetUrl{path=a.zip}\"}\n", sink, true, params);
  INFO(r.html);
  CHECK(contains(r.html, "Region eu-west-1;"));
  CHECK(contains(r.html, "href=\"https://eu-west-1.console.aws.amazon.com/\""));
  CHECK(contains(r.html, "aws s3 ls --region eu-west-1\ncurl /assets/data/x.zip"));
  CHECK(contains(r.html, "href=\"/assets/a.zip\""));
}

TEST_CASE("unknown directives stay visible and warn", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + "Text :sparkle[shiny]{x=1} here.\n\n:::notice{style=info}\nBody\n:::\n", sink);
  INFO(r.html);
  auto found = test::with_rule(sink, "directive.unknown");
  REQUIRE(found.size() == 2);
  CHECK(found[0].line == 4);
  CHECK(found[0].column == 6);
  CHECK(found[1].line == 6);
  CHECK(contains(r.html, "<span class=\"directive-unknown\">:sparkle[shiny]{x=1}</span>"));
  CHECK(contains(r.html, ":::notice{style=info}"));
  CHECK(contains(r.html, "<p>Body</p>"));
}

TEST_CASE("escaped colons and ordinary colons are not directives", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + "At re\\:Invent, 10:30 and https://x.example/a:b and `:code[x]{y}`.\n", sink);
  INFO(r.html);
  CHECK(sink.sorted().empty());
  CHECK(contains(r.html, "At re:Invent, 10:30"));
  CHECK(contains(r.html, "<code>:code[x]{y}</code>"));
}

TEST_CASE("openers indented inside list items / with spaces or tabs / keep the list", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + "1. First\n   :::code{language=bash}\n   echo one\n   :::\n2. Second\n\t:::alert{type=info}\n\tInside\n\t:::\n3. Third\n", sink);
  INFO(r.html);
  CHECK(sink.sorted().empty());
  CHECK(contains(r.html, "<ol>\n<li>First\n<div class=\"code-block\">"));
  CHECK(contains(r.html, "echo one\n</code>"));
  CHECK(contains(r.html, "<li>Second\n<div class=\"alert alert-info\""));
  CHECK(contains(r.html, "<li>Third</li>\n</ol>"));
}

TEST_CASE("tolerant: same-size nesting closed by one fence renders and warns", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + ":::expand{header=Outer}\nBefore\n:::alert{type=info}\nInner\n:::\nAfter\n", sink);
  INFO(r.html);
  auto found = test::with_rule(sink, "directive.same-size-nesting");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 6);
  CHECK(found[0].column == 1);
  CHECK(contains(r.html, "<summary>Outer</summary>"));
  CHECK(contains(r.html, "<p>Inner</p>\n</div>\n</div></details>\n<p>After</p>"));
  CHECK(r.page.body.directives[1].same_size_nested);
}

TEST_CASE("tolerant: the container fence wins over an open backtick fence", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + ":::expand{header=Logs}\n```bash\nkubectl get pods\n:::\nAfter\n", sink);
  INFO(r.html);
  auto found = test::with_rule(sink, "directive.fence-in-code");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 7);
  CHECK(contains(r.html, "<code class=\"language-bash\">kubectl get pods\n</code></pre>\n</div></details>\n<p>After</p>"));
}

TEST_CASE("tolerant: a container still open at end of file is closed there", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + "Intro\n\n:::alert{type=info}\nNever closed\n", sink);
  auto found = test::with_rule(sink, "directive.unclosed");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 6);
  CHECK(contains(r.html, "<p>Never closed</p>\n</div>"));
}

TEST_CASE("tolerant: a stray closing fence is dropped with a warning", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + "Text\n\n:::\n\nMore\n", sink);
  auto found = test::with_rule(sink, "directive.stray-fence");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 6);
  CHECK_FALSE(contains(r.html, ":::"));
}

TEST_CASE("code fences in backticks keep directive syntax verbatim", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + "```md\n:::alert{type=info}\nx\n:::\n```\n", sink);
  INFO(r.html);
  CHECK(sink.sorted().empty());
  CHECK(contains(r.html, "<pre><code class=\"language-md\">:::alert{type=info}\nx\n:::\n</code></pre>"));
}

TEST_CASE("headings: GitHub slugs / numbered duplicates / explicit ids", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + "## Error handling & escalation\n\n## Rollback\n\n## Rollback\n\n## Custom one {#my-id}\n", sink);
  INFO(r.html);
  CHECK(contains(r.html, "<h2 id=\"error-handling--escalation\">Error handling &amp; escalation</h2>"));
  CHECK(contains(r.html, "<h2 id=\"rollback\">Rollback</h2>"));
  CHECK(contains(r.html, "<h2 id=\"rollback-1\">Rollback</h2>"));
  CHECK(contains(r.html, "<h2 id=\"my-id\">Custom one</h2>"));
  REQUIRE(r.page.body.headings.size() == 4);
  CHECK(r.page.body.headings[0].line == 4);
}

TEST_CASE("raw HTML: kept when allowed / escaped with a warning when not", "[directives]") {
  DiagnosticSink allowed_sink, denied_sink;
  auto allowed = render_markdown_page(fm + "<div class=\"x\">hi</div>\n\nText <b>bold</b>\n", allowed_sink, true);
  CHECK(allowed.html.find("<div class=\"x\">hi</div>") != std::string::npos);
  auto denied = render_markdown_page(fm + "<div class=\"x\">hi</div>\n\nText <b>bold</b>\n", denied_sink, false);
  INFO(denied.html);
  CHECK(denied.html.find("&lt;div class=&quot;x&quot;&gt;hi&lt;/div&gt;") != std::string::npos);
  CHECK(denied.html.find("&lt;b&gt;bold") != std::string::npos);
  auto found = test::with_rule(denied_sink, "markdown.raw-html");
  REQUIRE(found.size() >= 2);
  CHECK(found[0].line == 4);
}

TEST_CASE("GFM tag filter always applies", "[directives]") {
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + "<script>alert(1)</script>\n", sink, true);
  CHECK(r.html.find("&lt;script>") != std::string::npos);
}

TEST_CASE("a placeholder written in the page places no directive: no recursion / each directive once", "[directives]") {
  // Found by fuzz_page: <!--opskit:0--> inside directive 0's own body recursed until the stack overflowed.
  DiagnosticSink sink;
  auto r = render_markdown_page(fm + ":::alert{type=info}\nInside\n\n<!--opskit:0-->\n:::\n\n<!--opskit:0-->\n", sink);
  std::size_t alerts = 0;
  for (auto at = r.html.find("alert alert-info"); at != std::string::npos; at = r.html.find("alert alert-info", at + 1)) ++alerts;
  CHECK(alerts == 1);
  CHECK(contains(r.html, "Inside"));
}
