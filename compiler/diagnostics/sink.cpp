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
  sources_[file] = share_text(std::move(text));
}

void DiagnosticSink::remember_source(const std::string& file, SharedText text) {
  std::lock_guard lock(mutex_);
  sources_[file] = std::move(text);
}

void DiagnosticSink::report(Diagnostic d) {
  std::lock_guard lock(mutex_);
  if (auto it = levels_.find(d.rule); it != levels_.end()) {
    if (it->second == RuleLevel::off) return;
    d.severity = it->second == RuleLevel::error ? Severity::error : Severity::warning;
  }
  if (d.message.size() > kMessageLimit) {
    auto cut = kMessageLimit;
    while (cut > 0 && (static_cast<unsigned char>(d.message[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
    d.message = d.message.substr(0, cut) + "...";
  }
  // The same finding reached twice (for example once per output target) is reported once.
  if (!seen_.insert(d.file + '\n' + std::to_string(d.line) + ':' + std::to_string(d.column) + '\n' + d.rule + '\n' + d.message).second)
    return;
  if (++kept_per_rule_[d.rule] > kPerRuleLimit) {
    auto& dropped = dropped_[d.rule];
    ++dropped.count;
    if (static_cast<int>(d.severity) < static_cast<int>(dropped.severity)) dropped.severity = d.severity;
    ++dropped_by_severity_[d.severity];
    return;
  }
  diagnostics_.push_back(std::move(d));
}

void DiagnosticSink::report(std::string rule, Severity default_severity, std::string file,
                            int line, int column, std::string message) {
  report(Diagnostic{std::move(file), line, column, default_severity, std::move(message),
                    std::move(rule)});
}

void DiagnosticSink::absorb(const DiagnosticSink& other) {
  std::vector<Diagnostic> found;
  std::map<std::string, Dropped> dropped;
  {
    std::lock_guard lock(other.mutex_);
    found = other.diagnostics_;
    dropped = other.dropped_;
  }
  for (auto& d : found) report(std::move(d));
  std::lock_guard lock(mutex_);
  for (const auto& [rule, more] : dropped) {
    auto& mine = dropped_[rule];
    mine.count += more.count;
    if (static_cast<int>(more.severity) < static_cast<int>(mine.severity)) mine.severity = more.severity;
    dropped_by_severity_[more.severity] += more.count;
  }
}

std::vector<Diagnostic> DiagnosticSink::sorted() const {
  std::lock_guard lock(mutex_);
  auto out = diagnostics_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column, a.rule) < std::tie(b.file, b.line, b.column, b.rule);
  });
  for (const auto& [rule, dropped] : dropped_)
    out.push_back(Diagnostic{"", 0, 0, dropped.severity,
                             std::to_string(dropped.count) + " more finding(s) of this rule are not listed (the first " +
                                 std::to_string(kPerRuleLimit) + " are)",
                             rule});
  return out;
}

std::size_t DiagnosticSink::count(Severity s) const {
  std::lock_guard lock(mutex_);
  auto dropped = dropped_by_severity_.find(s);
  return static_cast<std::size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
                                                [s](const Diagnostic& d) { return d.severity == s; })) +
         (dropped == dropped_by_severity_.end() ? 0 : dropped->second);
}

std::string DiagnosticSink::source_line(const std::string& file, int line) const {
  std::lock_guard lock(mutex_);
  auto it = sources_.find(file);
  if (it == sources_.end() || line <= 0) return {};
  const std::string& text = *it->second;
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
