#pragma once
// What `opskit diff` compares in a rendered package page: its title and its article split into
// sections at each <h2>. Navigation, breadcrumbs, footers and a section page's list of children
// are left out: adding a page changes its siblings' navigation, which is not a change to their
// content.
#include <string>
#include <string_view>
#include <vector>

namespace opskit {

struct PageSection {
  std::string heading;  // "" for what comes before the first <h2> (the header and introduction)
  std::string html;
};

struct PageContent {
  std::string title;
  std::vector<PageSection> sections;
};

// Reads an opskit page (site/<id>/index.html). A page without <article> is one untitled section
// holding the whole file, so any change to it still shows.
PageContent read_page_html(std::string_view html);

// The text of an HTML fragment: tags dropped, the common character references decoded, spaces
// collapsed.
std::string html_text(std::string_view html);

}  // namespace opskit
