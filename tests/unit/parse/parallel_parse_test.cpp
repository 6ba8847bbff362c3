// Inline passes on several threads at once: cmark-gfm keeps the characters that start an autolink
// or a strikethrough in one table for the whole process, and a pass that took them out when it
// ended (github/cmark-gfm#221) left the passes still running on other threads without autolinks
// or strikethrough (parse/markdown.cpp says how they are kept in). This test parses pages of
// different lengths, with and without a '~', on four threads and compares each with the same
// page parsed alone.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "parse/markdown.hpp"

using namespace opskit;

namespace {

std::string page(int paragraphs, bool struck) {
  std::string md;
  for (int i = 0; i < paragraphs; ++i)
    md += "Paragraph " + std::to_string(i) + ": see www.example.com/p" + std::to_string(i) +
          " or https://example.org/q" + (struck ? ", and ~~the old way~~ is gone" : "") + ".\n\n";
  return md;
}

std::string html_of(const std::string& markdown) {
  auto doc = parse_markdown(markdown);
  return render_markdown_html(doc.get());
}

}  // namespace

TEST_CASE("parse: inline passes on several threads keep autolinks and strikethrough") {
  // Short pages end their pass often while the long ones are in the middle of theirs.
  const std::vector<int> sizes = {1, 400, 2, 150, 3, 800, 1, 300};
  std::vector<std::string> pages, expected;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    pages.push_back(page(sizes[i], i % 4 < 2));
    expected.push_back(html_of(pages.back()));
    REQUIRE(expected.back().find("<a href=\"http://www.example.com/p0\">") != std::string::npos);
    REQUIRE((expected.back().find("<del>the old way</del>") != std::string::npos) == (i % 4 < 2));
  }

  std::atomic<int> differing{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 60; ++round) {
        std::size_t i = (t + round) % pages.size();
        if (html_of(pages[i]) != expected[i]) differing.fetch_add(1);
      }
    });
  for (auto& th : threads) th.join();
  REQUIRE(differing.load() == 0);
}
