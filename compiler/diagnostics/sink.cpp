#include "diagnostics/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace opskit {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

void DiagnosticSink::remember_source(const std::string& file, std::string text) {
  std::lock_guard lock(mutex_);
  sources_[file] = std::move(text);
}

void DiagnosticSink::report(Diagnostic d) {
  std::lock_guard lock(mutex_);
  if (auto it = levels_.find(d.rule); it != levels_.end()) {
    if (it->second == RuleLevel::off) return;
    d.severity = it->second == RuleLevel::error ? Severity::error : Severity::warning;
  }
  // The same finding reached twice (for example once per output target) is reported once.
  if (!seen_.insert(d.file + '\n' + std::to_string(d.line) + ':' + std::to_string(d.column) + '\n' + d.rule + '\n' + d.message).second)
    return;
  diagnostics_.push_back(std::move(d));
}

void DiagnosticSink::report(std::string rule, Severity default_severity, std::string file,
                            int line, int column, std::string message) {
  report(Diagnostic{std::move(file), line, column, default_severity, std::move(message),
                    std::move(rule)});
}

std::vector<Diagnostic> DiagnosticSink::sorted() const {
  std::lock_guard lock(mutex_);
  auto out = diagnostics_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column, a.rule) < std::tie(b.file, b.line, b.column, b.rule);
  });
  return out;
}

std::size_t DiagnosticSink::count(Severity s) const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(
      diagnostics_.begin(), diagnostics_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

std::string DiagnosticSink::source_line(const std::string& file, int line) const {
  std::lock_guard lock(mutex_);
  auto it = sources_.find(file);
  if (it == sources_.end() || line <= 0) return {};
  const std::string& text = it->second;
  std::size_t pos = 0;
  for (int i = 1; i < line; ++i) {
    pos = text.find('\n', pos);
    if (pos == std::string::npos) return {};
    ++pos;
  }
  auto end = text.find('\n', pos);
  auto out = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return out;
}

}  // namespace opskit
