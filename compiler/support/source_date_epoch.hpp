#pragma once
// SOURCE_DATE_EPOCH (reproducible-builds.org): the time every output claims to be built at.
#include <cstdint>
#include <optional>
#include <string>

namespace opskit {

struct SourceDateEpoch {
  std::optional<std::int64_t> seconds;  // set when the variable holds a usable value
  std::string problem;                  // why a set variable is not used ("" when it is or is unset)
};

// Reads the variable: decimal digits only, at most 9999-12-31T23:59:59Z.
SourceDateEpoch read_source_date_epoch();

}  // namespace opskit
