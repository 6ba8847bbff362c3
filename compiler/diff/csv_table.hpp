#pragma once
// The package's data/*.csv files (RFC 4180, a header row, the first column an id), read back so
// that `opskit diff` can say which cell of which row changed: a RACI letter that moved, an SLA
// threshold that changed, a tool replaced in the tooling map.
#include <string>
#include <string_view>
#include <vector>

namespace opskit {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// Quoted fields with "" escapes, CRLF or LF line ends; never fails (a stray quote is text).
CsvTable parse_csv(std::string_view text);

// One line per difference, rows keyed by their first column: "row 'x' added",
// "row 'x' removed", "row 'x': Column: 'old' → 'new'". Columns are matched by header name.
std::vector<std::string> describe_csv_changes(const CsvTable& before, const CsvTable& after);

}  // namespace opskit
