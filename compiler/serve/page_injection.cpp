#include "serve/page_injection.hpp"

#include <cctype>

namespace opskit::serve {

std::string with_reload_script(const std::string& html, std::uint64_t generation) {
  std::string tag = "<script src=\"/" + std::string(kScriptKey) + "\" data-generation=\"" +
                    std::to_string(generation) + "\"></script>";
  for (std::size_t at = html.rfind("</"); at != std::string::npos;
       at = at == 0 ? std::string::npos : html.rfind("</", at - 1)) {
    std::string word = html.substr(at, 7);
    for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (word == "</body>") return html.substr(0, at) + tag + html.substr(at);
  }
  return html + tag;
}

}  // namespace opskit::serve
