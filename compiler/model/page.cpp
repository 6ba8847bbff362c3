#include "model/page.hpp"

namespace opskit {

bool Attributes::has(const std::string& key) const {
  for (const auto& [k, v] : values)
    if (k == key) return true;
  return false;
}

std::string Attributes::get(const std::string& key, const std::string& fallback) const {
  for (const auto& [k, v] : values)
    if (k == key) return v;
  return fallback;
}

bool Attributes::flag(const std::string& key) const {
  for (const auto& [k, v] : values)
    if (k == key) return v.empty() || v == "true" || v == "1" || v == "yes";
  return false;
}

}  // namespace opskit
