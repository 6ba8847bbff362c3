// Issue 21: scaffolding (where `opskit new` writes, archetypes, the owner and area it picks) and
// the pieces of `opskit diff` (pages split into sections, data CSV rows compared).
#include <catch2/catch.hpp>

#include <sstream>

#include "diff/csv_table.hpp"
#include "diff/package_diff.hpp"
#include "diff/page_html.hpp"
#include "scaffold/archetype.hpp"
#include "scaffold/project_facts.hpp"
#include "scaffold/scaffold_files.hpp"

using namespace opskit;

TEST_CASE("new: PATH becomes a file under content/", "[scaffold]") {
  std::string why;
  CHECK(page_file_for("runbook", "runbooks/patch", why) == "content/runbooks/patch.md");
  CHECK(page_file_for("page", "content/about.md", why) == "content/about.md");
  CHECK(page_file_for("lab", "lab-2", why) == "content/lab-2/index.en.md");
  CHECK(page_file_for("lab", "workshops/w/content/lab-2/", why) == "workshops/w/content/lab-2/index.en.md");
}

TEST_CASE("new: PATH may not leave the project or name no page", "[scaffold]") {
  std::string why;
  CHECK_FALSE(page_file_for("page", "../x", why));
  CHECK(why.find("..") != std::string::npos);
  CHECK_FALSE(page_file_for("page", "a/../../x", why));
  CHECK_FALSE(page_file_for("page", "/etc/x", why));
  CHECK_FALSE(page_file_for("page", "a/./b", why));
  CHECK_FALSE(page_file_for("page", "", why));
  CHECK_FALSE(page_file_for("page", "content", why));
  CHECK_FALSE(page_file_for("page", "a\\b", why));
  CHECK_FALSE(page_file_for("page", "a/.hidden", why));
  CHECK_FALSE(page_file_for("lab", "workshops/w/static/x", why));
}

TEST_CASE("new: page ids and titles from the file", "[scaffold]") {
  CHECK(page_id_for("content/runbooks/patch.md") == "runbooks/patch");
  CHECK(page_id_for("content/index.md") == "index");
  CHECK(page_id_for("content/runbooks/index.md") == "runbooks");
  CHECK(page_id_for("workshops/w/content/lab-2/index.en.md") == "w/lab-2");
  CHECK(page_id_for("workshops/w/content/index.en.md") == "w");
  CHECK(title_from_file("content/runbooks/patch-the-fleet.md") == "Patch the fleet");
  CHECK(title_from_file("content/lab-2/index.en.md") == "Lab 2");
}

TEST_CASE("new: archetypes render without HTML escaping", "[scaffold]") {
  auto out = render_archetype("title: {{title_yaml}}\n{{#area}}area: {{area}}\n{{/area}}# {{title}}\n",
                              {{"title", "Costs & <risks>"}, {"title_yaml", yaml_quoted("Costs & <risks>")}, {"area", ""}});
  CHECK(out == "title: \"Costs & <risks>\"\n# Costs & <risks>\n");
  CHECK_THROWS(render_archetype("{{#open}} never closed", {}));
}

TEST_CASE("new: titles are quoted for YAML", "[scaffold]") {
  CHECK(yaml_quoted("Review: \"monthly\"") == "\"Review: \\\"monthly\\\"\"");
  CHECK(yaml_quoted("a\\b") == "\"a\\\\b\"");
  CHECK(yaml_quoted(std::string("tab\there")) == "\"tab\\x09here\"");
}

TEST_CASE("new: owner and area follow the RACI", "[scaffold]") {
  ProjectFacts facts;
  facts.roles = {"head-of-ops", "engineer"};
  facts.accountable = {{"operations-leadership", "head-of-ops"}, {"patch-management", "engineer"},
                       {"logging", "head-of-ops"}};
  auto runbook = choose_owner_and_area(facts, {}, false);
  CHECK(runbook.owner == "engineer");
  CHECK(runbook.area == "patch-management");
  auto sop = choose_owner_and_area(facts, {}, true);
  CHECK(sop.owner == "head-of-ops");
  CHECK(sop.area == "operations-leadership");
  auto owner_given = choose_owner_and_area(facts, {"head-of-ops", ""}, false);
  CHECK(owner_given.area == "logging");
  auto area_given = choose_owner_and_area(facts, {"", "logging"}, false);
  CHECK(area_given.owner == "head-of-ops");
  auto none = choose_owner_and_area(ProjectFacts{}, {}, false);
  CHECK(none.owner == "cloud-operations-engineer");
  CHECK(none.area == "service-incident-management");
}

TEST_CASE("diff: a page splits into its title and sections", "[diff]") {
  auto page = read_page_html(
      "<html><nav>menu</nav><article class=\"article\"><header><h1 class=\"article-title\">Patch &amp; reboot</h1>"
      "</header><p>Intro</p><h2 id=\"steps\"><a href=\"#steps\">Steps</a></h2><ol><li>One</li></ol>"
      "<h2>Rollback</h2><p>Undo</p></article><footer>x</footer></html>");
  CHECK(page.title == "Patch & reboot");
  REQUIRE(page.sections.size() == 3);
  CHECK(page.sections[0].heading == "");
  CHECK(page.sections[0].html.find("Intro") != std::string::npos);
  CHECK(page.sections[0].html.find("Patch") == std::string::npos);  // the header is the title's
  CHECK(page.sections[1].heading == "Steps");
  CHECK(page.sections[1].html.find("<li>One</li>") != std::string::npos);
  CHECK(page.sections[2].heading == "Rollback");
  CHECK(page.sections[2].html.find("menu") == std::string::npos);
}

TEST_CASE("diff: a section page's list of children is navigation", "[diff]") {
  auto page = read_page_html(
      "<article class=\"article article-section\"><header><h1>Runbooks</h1></header><div class=\"content\"><p>All"
      "</p></div><section class=\"section-children\"><h2>In this section</h2><ul><li>A</li></ul></section></article>");
  REQUIRE(page.sections.size() == 1);
  CHECK(page.sections[0].html.find("<p>All</p>") != std::string::npos);
  CHECK(page.sections[0].html.find("<li>A</li>") == std::string::npos);
}

TEST_CASE("diff: a page without an article is one section", "[diff]") {
  auto page = read_page_html("<p>just text</p>");
  REQUIRE(page.sections.size() == 1);
  CHECK(page.sections[0].html == "<p>just text</p>");
  CHECK(page.title.empty());
}

TEST_CASE("diff: CSV fields with quotes and line ends", "[diff]") {
  auto table = parse_csv("id,name,note\r\na,\"x, y\",\"say \"\"hi\"\"\"\r\nb,\"two\nlines\",\n");
  REQUIRE(table.header == std::vector<std::string>{"id", "name", "note"});
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0] == std::vector<std::string>{"a", "x, y", "say \"hi\""});
  CHECK(table.rows[1] == std::vector<std::string>{"b", "two\nlines", ""});
}

TEST_CASE("diff: CSV rows compared by id and column name", "[diff]") {
  auto before = parse_csv("id,Lead,Engineer\npatch,A,R\nold,A,\nsame,R,I\n");
  auto after = parse_csv("id,Engineer,Lead\npatch,R,C\nsame,I,R\nnew,R,A\n");
  auto lines = describe_csv_changes(before, after);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "row 'old' removed");
  CHECK(lines[1] == "row 'patch': Lead: 'A' → 'C'");
  CHECK(lines[2] == "row 'new' added");
  CHECK(describe_csv_changes(before, before).empty());
}

TEST_CASE("diff: two packages in memory compare as two zips do", "[diff]") {
  auto page = [](const std::string& title, const std::string& body) {
    return "<nav>x</nav><article><header><h1 class=\"article-title\">" + title + "</h1></header>" + body + "</article>";
  };
  auto before = package_contents("ops", "1.0.0",
                                 {{"site/a/index.html", page("A", "<h2>Steps</h2><p>one</p><h2>Notes</h2>")},
                                  {"site/gone/index.html", page("Gone", "")},
                                  {"data/raci.csv", "id,Lead\nx,A\n"},
                                  {"files/doc.yaml", "a: 1\n"},
                                  {"README.txt", "3 pages"}});
  auto after = package_contents("ops", "1.1.0",
                                {{"site/a/index.html", page("A", "<h2>Steps</h2><p>two</p><h2>Notes</h2>")},
                                 {"site/new/index.html", page("New", "")},
                                 {"data/raci.csv", "id,Lead\nx,R\n"},
                                 {"files/doc.yaml", "a: 2\n"},
                                 {"README.txt", "2 pages"}});
  opskit::DiagnosticSink errors;
  auto md = describe_changes(before, after, errors);
  REQUIRE(md);
  CHECK(errors.sorted().empty());
  CHECK(md->find("# Changes in ops from 1.0.0 to 1.1.0") != std::string::npos);
  CHECK(md->find("## Pages added (1)\n\n- `new`: New\n") != std::string::npos);
  CHECK(md->find("## Pages removed (1)\n\n- `gone`: Gone\n") != std::string::npos);
  CHECK(md->find("- `a`: A\n  - section 'Steps' changed\n") != std::string::npos);
  CHECK(md->find("Notes' changed") == std::string::npos);
  CHECK(md->find("- `data/raci.csv`, row 'x': Lead: 'A' → 'R'") != std::string::npos);
  CHECK(md->find("- changed: `files/doc.yaml`") != std::string::npos);
  CHECK(md->find("README") == std::string::npos);  // follows from the pages
  auto same = describe_changes(before, before, errors);
  REQUIRE(same);
  CHECK(same->find("No changes.") != std::string::npos);
}
