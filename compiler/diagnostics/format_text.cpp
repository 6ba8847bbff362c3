#include "diagnostics/report.hpp"

namespace opskit {

std::string format_text(const DiagnosticSink& sink, const TextStyle& style) {
  std::string out;
  auto paint = [&](const char* code, const std::string& s) {
    return style.color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  };
  for (const auto& d : sink.sorted()) {
    std::string where = d.file.empty() ? "opskit" : d.file;
    if (d.line > 0) where += ":" + std::to_string(d.line);
    if (d.line > 0 && d.column > 0) where += ":" + std::to_string(d.column);
    const char* colour = d.severity == Severity::error ? "1;31" : d.severity == Severity::warning ? "1;35" : "1;36";
    out += paint("1", where + ":") + " " + paint(colour, std::string(severity_name(d.severity)) + ":") +
           " " + d.message + " [" + d.rule + "]\n";
    if (style.show_source && d.line > 0) {
      auto line = sink.source_line(d.file, d.line);
      if (!line.empty()) {
        out += "  " + line + "\n";
        if (d.column > 0) {
          std::string pad;
          // Keep tabs so the caret lines up under the same column as the source.
          for (int i = 0; i + 1 < d.column && i < static_cast<int>(line.size()); ++i)
            pad += line[i] == '\t' ? '\t' : ' ';
          out += "  " + pad + paint("1;32", "^") + "\n";
        }
      }
    }
  }
  return out;
}

}  // namespace opskit
