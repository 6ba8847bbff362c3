#include "diff/csv_table.hpp"

#include <map>

namespace opskit {

CsvTable parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, any = false;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
  };
  auto end_record = [&] {
    end_field();
    records.push_back(std::move(record));
    record.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    any = true;
    if (c == '"' && field.empty()) quoted = true;
    else if (c == ',') end_field();
    else if (c == '\n') end_record();
    else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    else field += c;
  }
  if (any || !field.empty() || !record.empty()) end_record();
  CsvTable table;
  if (records.empty()) return table;
  table.header = std::move(records.front());
  table.rows.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
  return table;
}

namespace {

using Row = std::map<std::string, std::string>;  // column name -> value

std::map<std::string, Row> keyed_rows(const CsvTable& table, std::vector<std::string>& order) {
  std::map<std::string, Row> rows;
  for (const auto& fields : table.rows) {
    if (fields.empty() || (fields.size() == 1 && fields[0].empty())) continue;
    Row row;
    for (std::size_t c = 0; c < fields.size(); ++c)
      row[c < table.header.size() ? table.header[c] : "column " + std::to_string(c + 1)] = fields[c];
    if (rows.emplace(fields[0], std::move(row)).second) order.push_back(fields[0]);
  }
  return rows;
}

std::string shown(const std::string& value) { return value.empty() ? "(empty)" : "'" + value + "'"; }

}  // namespace

std::vector<std::string> describe_csv_changes(const CsvTable& before, const CsvTable& after) {
  std::vector<std::string> lines;
  std::vector<std::string> old_order, new_order;
  auto old_rows = keyed_rows(before, old_order);
  auto new_rows = keyed_rows(after, new_order);
  for (const auto& key : old_order)
    if (!new_rows.count(key)) lines.push_back("row '" + key + "' removed");
  for (const auto& key : new_order) {
    auto old = old_rows.find(key);
    if (old == old_rows.end()) {
      lines.push_back("row '" + key + "' added");
      continue;
    }
    const auto& now = new_rows.at(key);
    // Columns in the new header's order, then columns that went away.
    std::vector<std::string> columns = after.header;
    for (const auto& name : before.header)
      if (!now.count(name)) columns.push_back(name);
    for (const auto& column : columns) {
      auto a = old->second.find(column);
      auto b = now.find(column);
      std::string was = a == old->second.end() ? "" : a->second;
      std::string is = b == now.end() ? "" : b->second;
      if (was != is) lines.push_back("row '" + key + "': " + column + ": " + shown(was) + " → " + shown(is));
    }
  }
  return lines;
}

}  // namespace opskit
