#include "pipeline/outputs_list.hpp"

#include "outputs/bundles/bundles.hpp"
#include "outputs/packages/packages.hpp"
#include "outputs/site/site_output.hpp"

namespace opskit {

const std::vector<std::unique_ptr<Output>>& all_outputs() {
  static const auto outputs = [] {
    std::vector<std::unique_ptr<Output>> list;
    list.push_back(std::make_unique<SiteOutput>());
    list.push_back(std::make_unique<BundlesOutput>());
    list.push_back(std::make_unique<PackagesOutput>());
    return list;
  }();
  return outputs;
}

std::vector<std::string> output_names() {
  std::vector<std::string> names;
  for (const auto& output : all_outputs()) names.push_back(output->name());
  return names;
}

const Output* find_output(const std::string& name) {
  for (const auto& output : all_outputs())
    if (output->name() == name) return output.get();
  return nullptr;
}

}  // namespace opskit
