#include "model/symbol_index.hpp"

namespace opskit {

std::string collection_key(const std::string& workshop, const std::string& path) { return workshop + "\n" + path; }

}  // namespace opskit
