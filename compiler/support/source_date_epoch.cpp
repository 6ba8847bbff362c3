#include "support/source_date_epoch.hpp"

#include <cstdlib>

namespace opskit {

SourceDateEpoch read_source_date_epoch() {
  SourceDateEpoch out;
  const char* env = std::getenv("SOURCE_DATE_EPOCH");
  if (!env || !*env) return out;  // set but empty counts as unset, as in other tools
  std::string text = env;
  constexpr std::int64_t kLast = 253402300799;  // 9999-12-31T23:59:59Z
  std::int64_t value = 0;
  bool digits = !text.empty() && text.size() <= 12;
  for (char c : text) {
    if (c < '0' || c > '9') {
      digits = false;
      break;
    }
    value = value * 10 + (c - '0');
  }
  if (!digits || value > kLast) {
    out.problem = "SOURCE_DATE_EPOCH='" + text.substr(0, 40) +
                  "' is not a number of seconds between 0 and 253402300799 (year 9999); it is ignored";
    return out;
  }
  out.seconds = value;
  return out;
}

}  // namespace opskit
