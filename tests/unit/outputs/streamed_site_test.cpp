// A build streams the site: each page is scanned for the link check and handed over (staged in
// the output folder) as soon as it is rendered, and the search index leaves part by part. What
// is written and what is reported must be what the in-memory site gives.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <mutex>

#include "check/output_links.hpp"
#include "emit/output_folder.hpp"
#include "model/model.hpp"
#include "outputs/site/search_index.hpp"
#include "outputs/site/site_builder.hpp"
#include "render/theme.hpp"
#include "support/files.hpp"
#include "support/parallel.hpp"
#include "test_support.hpp"

using namespace opskit;
namespace fs = std::filesystem;

namespace {

// Pages with several sections each, so that a small part size splits the index.
SearchIndex::Entries entries_of(int page) {
  SearchIndex::Entries out;
  for (int s = 0; s <= page % 4; ++s)
    out.push_back("\"t\":\"Page " + std::to_string(page) + "\",\"x\":\"" + std::string(30 + 7 * s, 'a' + page % 26) + "\"}");
  return out;
}

OutputTree index_files(std::size_t part_bytes, int pages, bool streamed) {
  SearchIndex index(part_bytes);
  OutputTree files;
  if (streamed)
    index.stream_parts([&](const std::string& path, std::string bytes) { files[path].bytes = std::move(bytes); });
  for (int p = 0; p < pages; ++p) index.add_page(entries_of(p));
  index.write(files);
  return files;
}

// The entries of each part file, in order (each `{"i":N,...},\n` line without its ",\n").
std::vector<std::vector<std::string>> part_entries(const OutputTree& files) {
  std::vector<std::vector<std::string>> parts;
  for (int n = 1; files.count("assets/search-index-" + std::to_string(n) + ".js"); ++n) {
    const auto& text = files.at("assets/search-index-" + std::to_string(n) + ".js").bytes;
    auto& entries = parts.emplace_back();
    for (std::size_t at = text.find("\n{\"i\":"); at != std::string::npos; at = text.find("\n{\"i\":", at + 1))
      entries.push_back(text.substr(at + 1, text.find(",\n", at + 1) - at - 1));
  }
  return parts;
}

}  // namespace

TEST_CASE("the search index is cut where a part would pass its size", "[output]") {
  // The rule, checked on the files rather than by running the same code again: a part holds
  // entries (each written with ",\n") up to part_bytes, and the next part starts with the entry
  // that would have taken it past. One entry alone may pass it.
  for (std::size_t part_bytes = 60; part_bytes <= 700; ++part_bytes) {
    INFO("part size " << part_bytes);
    auto parts = part_entries(index_files(part_bytes, 40, true));
    REQUIRE(parts.size() >= 2);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      std::size_t size = 0;
      for (const auto& e : parts[k]) size += e.size() + 2;
      REQUIRE(!parts[k].empty());
      if (parts[k].size() > 1) CHECK(size - 2 <= part_bytes);
      if (k + 1 < parts.size()) CHECK(size + parts[k + 1].front().size() > part_bytes);
    }
  }
}

TEST_CASE("a streamed search index is cut into the same files as one written at the end", "[output]") {
  // Every part size over a range, and sizes that hold everything in one file.
  std::vector<std::size_t> sizes;
  for (std::size_t size = 60; size <= 700; ++size) sizes.push_back(size);
  sizes.push_back(1u << 20);
  for (std::size_t part_bytes : sizes) {
    for (int pages : {0, 1, 7, 40}) {
      INFO("part size " << part_bytes << ", " << pages << " pages");
      auto whole = index_files(part_bytes, pages, false);
      auto streamed = index_files(part_bytes, pages, true);
      REQUIRE(streamed.size() == whole.size());
      for (const auto& [path, file] : whole) {
        INFO(path);
        REQUIRE(streamed.count(path) == 1);
        REQUIRE(streamed.at(path).bytes == file.bytes);
      }
    }
  }
  // The small sizes did split the index (the comparison above covers the parts, not just one file).
  CHECK(index_files(150, 40, true).count("assets/search-index-2.js") == 1);
  CHECK(index_files(1u << 20, 40, true).size() == 1);
}

TEST_CASE("a streamed site hands over the pages an in-memory site holds and its link check agrees", "[output]") {
  test::TempProject project({
      {"opskit.yaml", "site:\n  title: T\n"},
      {"content/index.md", "---\ntitle: Home\n---\nSee the [guide](runbooks/guide.md#steps).\n"},
      {"content/runbooks/_index.md", "---\ntitle: Runbooks\n---\n::children\n"},
      {"content/runbooks/guide.md",
       "---\ntitle: Guide\n---\n## Steps\n\n<a href=\"../../nowhere/index.html\">raw</a> and <a href=\"#nope\">here</a>\n"},
      {"content/static/x.png", "not really a png"},
      // A static file at a page's path replaces the page, streamed or not.
      {"content/static/index.html", "<p>static</p>"},
      {"content/static.md", "---\ntitle: Replaced\n---\nText\n"},
  });
  DiagnosticSink sink;
  auto model = test::checked_model(project.root(), sink);
  auto theme = load_theme(test::source_dir() / "site-theme", sink);
  REQUIRE(theme);

  DiagnosticSink whole_sink;
  auto whole = build_site(model, *theme, SiteOptions{}, whole_sink);
  DiagnosticSink whole_check;
  auto whole_stats = check_output_links(whole, "site", {}, whole_check, 2);

  OutputLinkCheck check;
  std::mutex lock;
  std::map<std::string, std::string> handed_over;
  SiteOptions streamed_options;
  streamed_options.jobs = 2;
  streamed_options.page_check = &check;
  streamed_options.write_page = [&](const std::string& path, std::string_view html) {
    std::lock_guard<std::mutex> hold(lock);
    CHECK(handed_over.emplace(path, std::string(html)).second);  // each file once
  };
  DiagnosticSink streamed_sink;
  auto rest = build_site(model, *theme, streamed_options, streamed_sink);
  check.add_tree(rest, 2);
  DiagnosticSink streamed_check;
  auto streamed_stats = check.finish("site", {}, streamed_check, 2);

  // Every file is either handed over or left in the tree, never both, with the same bytes.
  CHECK(handed_over.count("index.html") == 1);
  CHECK(handed_over.count("runbooks/guide/index.html") == 1);
  CHECK(rest.count("index.html") == 0);
  CHECK(rest.count("static/index.html") == 1);
  CHECK(handed_over.count("static/index.html") == 0);
  REQUIRE(handed_over.size() + rest.size() == whole.size());
  for (const auto& [path, file] : whole) {
    INFO(path);
    if (auto it = handed_over.find(path); it != handed_over.end()) {
      CHECK(it->second == file.bytes);
    } else {
      REQUIRE(rest.count(path) == 1);
      CHECK(output_bytes(rest.at(path)) == output_bytes(file));
    }
  }
  // The link check finds the same problems in the same order, with the same counts.
  CHECK(streamed_stats.pages == whole_stats.pages);
  CHECK(streamed_stats.references == whole_stats.references);
  CHECK(streamed_stats.fragments == whole_stats.fragments);
  auto found = test::with_rule(streamed_check, "output.broken-link");
  auto expected = test::with_rule(whole_check, "output.broken-link");
  REQUIRE(found.size() == expected.size());
  REQUIRE(found.size() >= 2);  // the raw link to nowhere and the missing #nope
  for (std::size_t i = 0; i < found.size(); ++i) {
    CHECK(found[i].file == expected[i].file);
    CHECK(found[i].message == expected[i].message);
  }
}

TEST_CASE("a streamed site's search index parts are each handed over once and as the whole site has them", "[output]") {
  // More pages than one render batch (256), and parts small enough that several fill during
  // each batch: parts are written beside the next batch's pages and after the last. A batch is
  // put together while the next one renders: the output link check must still get every page, in
  // page order (every 50th page has a raw link to nowhere).
  std::map<std::string, std::string> files{{"opskit.yaml", "site:\n  title: T\n"}};
  for (int p = 0; p < 600; ++p)
    files["content/p" + std::to_string(p) + ".md"] = "---\ntitle: Page " + std::to_string(p) + "\n---\nSome text of page " +
                                                     std::to_string(p) + ".\n\n## Steps\n\nMore text.\n" +
                                                     (p % 50 == 0 ? "\n<a href=\"../nowhere/index.html\">raw</a>\n" : "");
  test::TempProject project(files);
  DiagnosticSink sink;
  auto model = test::checked_model(project.root(), sink);
  auto theme = load_theme(test::source_dir() / "site-theme", sink);
  REQUIRE(theme);

  SiteOptions whole_options;
  whole_options.search_part_bytes = 4000;
  DiagnosticSink whole_sink;
  auto whole = build_site(model, *theme, whole_options, whole_sink);
  DiagnosticSink whole_check;
  auto whole_stats = check_output_links(whole, "site", {}, whole_check, 2);
  auto expected = test::with_rule(whole_check, "output.broken-link");
  REQUIRE(expected.size() == 12);

  for (int jobs : {1, 3}) {
    INFO("jobs " << jobs);
    OutputLinkCheck check;
    std::mutex lock;
    std::map<std::string, std::string> handed_over;
    SiteOptions streamed_options = whole_options;
    streamed_options.jobs = jobs;
    streamed_options.page_check = &check;
    streamed_options.write_page = [&](const std::string& path, std::string_view bytes) {
      std::lock_guard<std::mutex> hold(lock);
      CHECK(handed_over.emplace(path, std::string(bytes)).second);  // each file once
    };
    DiagnosticSink streamed_sink;
    auto rest = build_site(model, *theme, streamed_options, streamed_sink);
    int parts_handed_over = 0;
    for (const auto& [path, file] : whole) {
      if (path.rfind("assets/search-index", 0) != 0) continue;
      INFO(path);
      if (auto it = handed_over.find(path); it != handed_over.end()) {
        ++parts_handed_over;
        CHECK(it->second == file.bytes);
      } else {
        REQUIRE(rest.count(path) == 1);
        CHECK(rest.at(path).bytes == file.bytes);
      }
    }
    CHECK(parts_handed_over >= 20);  // the index really was split, and streamed
    CHECK(handed_over.size() + rest.size() == whole.size());
    check.add_tree(rest, jobs);
    DiagnosticSink streamed_check;
    auto stats = check.finish("site", {}, streamed_check, jobs);
    CHECK(stats.pages == whole_stats.pages);
    CHECK(stats.references == whole_stats.references);
    auto found = test::with_rule(streamed_check, "output.broken-link");
    REQUIRE(found.size() == expected.size());
    for (std::size_t i = 0; i < found.size(); ++i) CHECK(found[i].file == expected[i].file);
  }
}

TEST_CASE("files staged one by one commit with the rest of their output and unsafe names are refused", "[output]") {
  test::TempProject project({{"README", "x"}, {"notes.txt", "y"}});
  auto out = project.root() / "out";
  std::string refusal;
  {
    auto folder = OutputFolder::open(out, refusal, {});
    REQUIRE(folder);
    folder->stage_file("site", "a/b/page.html", "<p>page</p>");
    folder->stage_file("site", "a/other.html", "<p>other</p>");
    CHECK_THROWS_AS(folder->stage_file("site", "../escape.html", "x"), IoError);
    CHECK_THROWS_AS(folder->stage_file("site", "/abs.html", "x"), IoError);
    OutputTree rest;
    rest["index.html"].bytes = "<p>home</p>";
    folder->stage_tree(rest, "site");
    CHECK_FALSE(fs::exists(out / "site"));  // nothing visible before the commit
    folder->commit();
  }
  CHECK(read_file(out / "site" / "a" / "b" / "page.html").value_or("") == "<p>page</p>");
  CHECK(read_file(out / "site" / "a" / "other.html").value_or("") == "<p>other</p>");
  CHECK(read_file(out / "site" / "index.html").value_or("") == "<p>home</p>");
  CHECK_FALSE(fs::exists(project.root() / "escape.html"));
  CHECK_FALSE(fs::exists(out / "escape.html"));
  // A run that stages and never commits leaves the committed site as it was, and no staging.
  {
    auto folder = OutputFolder::open(out, refusal, {});
    REQUIRE(folder);
    folder->stage_file("site", "index.html", "<p>new</p>");
  }
  CHECK(read_file(out / "site" / "index.html").value_or("") == "<p>home</p>");
  CHECK_FALSE(fs::exists(out / ".opskit-staging"));
}

TEST_CASE("files staged from several threads at once make each shared folder once and all arrive", "[output]") {
  // The folders are made outside the staging lock: threads racing to make the same folder (or its
  // parents) must all see it made, and every file must land.
  test::TempProject project(std::map<std::string, std::string>{});
  auto out = project.root() / "out";
  std::string refusal;
  auto folder = OutputFolder::open(out, refusal, {});
  REQUIRE(folder);
  constexpr int kFiles = 3000;
  auto path_of = [](int i) {
    return "s" + std::to_string(i % 7) + "/c" + std::to_string(i % 31) + "/p" + std::to_string(i) + "/index.html";
  };
  parallel_for(kFiles, 4, [&](std::size_t i) {
    folder->stage_file("site", path_of(static_cast<int>(i)), "page " + std::to_string(i));
  });
  folder->commit();
  for (int i = 0; i < kFiles; ++i) {
    INFO(path_of(i));
    REQUIRE(read_file(out / "site" / path_of(i)).value_or("") == "page " + std::to_string(i));
  }
}

TEST_CASE("a commit removes the previous outputs on several threads and keeps none of them", "[output]") {
  test::TempProject project(std::map<std::string, std::string>{});
  auto out = project.root() / "out";
  std::string refusal;
  // A previous site deep and wide enough to be shared out: 4 sections of 20 pages, each a folder.
  OutputTree old_site;
  for (int s = 0; s < 4; ++s)
    for (int p = 0; p < 20; ++p)
      old_site["workshops/w/en-US/s" + std::to_string(s) + "/p" + std::to_string(p) + "/index.html"].bytes = "old";
  old_site["index.html"].bytes = "old home";
  {
    auto folder = OutputFolder::open(out, refusal, {});
    REQUIRE(folder);
    folder->stage_tree(old_site, "site", 2);
    folder->commit(3);
  }
  REQUIRE(fs::exists(out / "site" / "workshops" / "w" / "en-US" / "s3" / "p19" / "index.html"));
  auto folder = OutputFolder::open(out, refusal, {});
  REQUIRE(folder);
  folder->stage_file("site", "index.html", "new home");
  folder->commit(3);
  // Checked before the folder lets go (its destructor would remove a leftover staging folder too).
  CHECK_FALSE(fs::exists(out / ".opskit-staging"));
  CHECK(read_file(out / "site" / "index.html").value_or("") == "new home");
  CHECK_FALSE(fs::exists(out / "site" / "workshops"));
}

TEST_CASE("the sitemap made beside the first batch of pages lists every page for any number of jobs", "[output]") {
  // More pages than a render batch (256); the sitemap is one of the first batch's tasks, and a
  // site with no page to render still gets one.
  std::map<std::string, std::string> files{{"opskit.yaml", "site:\n  title: T\n  base_url: https://kit.example.com/\n"}};
  for (int p = 0; p < 300; ++p)
    files["content/p" + std::to_string(p) + ".md"] = "---\ntitle: Page " + std::to_string(p) + "\n---\nText.\n";
  test::TempProject project(files);
  DiagnosticSink sink;
  auto model = test::checked_model(project.root(), sink);
  auto theme = load_theme(test::source_dir() / "site-theme", sink);
  REQUIRE(theme);
  auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  std::string first;
  for (int jobs : {1, 3}) {
    INFO("jobs " << jobs);
    SiteOptions options;
    options.jobs = jobs;
    DiagnosticSink site_sink;
    auto tree = build_site(model, *theme, options, site_sink);
    REQUIRE(tree.count("sitemap.xml") == 1);
    const auto& sitemap = tree.at("sitemap.xml").bytes;
    CHECK(count(sitemap, "<url>") == 300);
    CHECK(count(sitemap, "<loc>https://kit.example.com/p17/index.html</loc>") == 1);
    if (first.empty()) first = sitemap;
    CHECK(sitemap == first);
  }
  SiteOptions none;
  none.included = [](int) { return false; };
  DiagnosticSink none_sink;
  auto empty = build_site(model, *theme, none, none_sink);
  REQUIRE(empty.count("sitemap.xml") == 1);
  CHECK(count(empty.at("sitemap.xml").bytes, "<urlset") == 1);
  CHECK(count(empty.at("sitemap.xml").bytes, "<url>") == 0);
}
