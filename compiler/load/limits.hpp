#pragma once
// How large a source may be. A kit is written by many hands: a page pasted from a log, or a
// generated answers file, must get a clear message, not minutes of work and gigabytes of memory.
// The largest page of the shipped kit is about 60 KB; these leave two orders of magnitude.
#include <cstddef>

namespace opskit::limits {

inline constexpr std::size_t kPageBytes = 4u << 20;          // one Markdown page
inline constexpr std::size_t kDataFileBytes = 4u << 20;      // one YAML data file or contentspec.yaml
inline constexpr std::size_t kAnswersBytes = 8u << 20;       // one questionnaire answers file
inline constexpr std::size_t kStaticTextBytes = 2u << 20;    // a CloudFormation template or IAM policy the rules read
inline constexpr std::size_t kDiagnosticsPerRule = 200;      // findings of one rule, before "and N more"
inline constexpr int kDirectiveDepth = 32;                   // containers inside containers

}  // namespace opskit::limits
