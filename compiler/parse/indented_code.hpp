#pragma once
// CommonMark's indented code blocks, line by line: four columns of indentation more than the
// list item the line is in, where no paragraph is going on. Such a line is code, not a
// directive (`    :::name` after a blank line is shown as code by remark-directive and
// Workshop Studio alike), so the directive scanner leaves it as written.
#include <cstddef>
#include <string_view>
#include <vector>

namespace opskit {

class IndentedCode {
 public:
  // Feed every line of a chunk in order, except those inside a ``` fence (whose opening line is
  // fed). Returns whether the line belongs to an indented code block.
  bool next(std::string_view line);

 private:
  std::vector<std::size_t> item_content_columns_;  // the list items open, innermost last
  bool in_paragraph_ = false;                      // a paragraph continues: indentation is no code
};

}  // namespace opskit
