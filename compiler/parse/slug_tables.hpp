#pragma once
// The Unicode tables behind github_slug (generated into slug_tables.cpp from github-slugger
// by tests/directive-oracle/slug-tables.mjs).
#include <array>
#include <cstdint>
#include <span>

namespace opskit::slug_tables {

struct CodePointRange {
  char32_t first;
  char32_t last;
};

// Every `stride`-th code point from `first` to `last` lower-cases to itself + `delta`
// (stride 0: `first` alone).
struct LowerCaseRun {
  char32_t first;
  char32_t last;
  std::int32_t delta;
  std::uint32_t stride;
};

struct LongerLowerCase {
  char32_t upper;
  std::array<char32_t, 2> lower;
};

// Sorted, not overlapping: the code points github-slugger drops (punctuation, symbols, emoji,
// controls, unassigned).
std::span<const CodePointRange> removed();
// Sorted by `first`; runs of stride 2 may enclose other runs.
std::span<const LowerCaseRun> lower_case_runs();
std::span<const LongerLowerCase> longer_lower_case();

}  // namespace opskit::slug_tables
