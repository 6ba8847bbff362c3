#include "model/model.hpp"

#include "support/strings.hpp"

namespace opskit {

const WorkshopInfo* Model::workshop(const std::string& name) const {
  for (const auto& w : workshops)
    if (w.name == name) return &w;
  return nullptr;
}

std::string Model::default_locale(const std::string& name) const {
  if (name.empty()) return config.default_locale;
  auto* w = workshop(name);
  return w ? w->default_locale : config.default_locale;
}

std::string locale_for_suffix(const std::string& suffix, const std::vector<std::string>& locales) {
  if (suffix.empty()) return {};
  auto wanted = to_lower(suffix);
  for (const auto& code : locales)
    if (to_lower(code) == wanted) return code;
  for (const auto& code : locales)
    if (to_lower(code.substr(0, code.find('-'))) == wanted) return code;
  return {};
}

}  // namespace opskit
