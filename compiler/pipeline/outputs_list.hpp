#pragma once
// Every output opskit can write, in the order a build renders them. Adding an output is one
// folder under outputs/ and one line in outputs_list.cpp.
#include <memory>
#include <string>
#include <vector>

#include "outputs/common/output.hpp"

namespace opskit {

const std::vector<std::unique_ptr<Output>>& all_outputs();
std::vector<std::string> output_names();
const Output* find_output(const std::string& name);

}  // namespace opskit
