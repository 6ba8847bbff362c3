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

DiagnosticSink::State& DiagnosticSink::state() {
  if (!state_) state_ = std::make_unique<State>();
  return *state_;
}

void DiagnosticSink::set_rule_levels(std::map<std::string, RuleLevel> levels) {
  std::lock_guard lock(mutex_);
  state().levels = std::move(levels);
}

void DiagnosticSink::remember_source(const std::string& file, std::string text) {
  std::lock_guard lock(mutex_);
  state().sources[file] = share_text(std::move(text));
}

void DiagnosticSink::remember_source(const std::string& file, SharedText text) {
  std::lock_guard lock(mutex_);
  state().sources[file] = std::move(text);
}

void DiagnosticSink::report(Diagnostic d) {
  std::lock_guard lock(mutex_);
  State& s = state();
  if (auto it = s.levels.find(d.rule); it != s.levels.end()) {
    if (it->second == RuleLevel::off) return;
    d.severity = it->second == RuleLevel::error ? Severity::error : Severity::warning;
  }
  if (d.message.size() > kMessageLimit) {
    auto cut = kMessageLimit;
    while (cut > 0 && (static_cast<unsigned char>(d.message[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
    d.message = d.message.substr(0, cut) + "...";
  }
  // The same finding reached twice (for example once per output target) is reported once.
  if (!s.seen.insert(d.file + '\n' + std::to_string(d.line) + ':' + std::to_string(d.column) + '\n' + d.rule + '\n' + d.message).second)
    return;
  if (++s.kept_per_rule[d.rule] > kPerRuleLimit) {
    auto& dropped = s.dropped[d.rule];
    ++dropped.count;
    if (static_cast<int>(d.severity) < static_cast<int>(dropped.severity)) dropped.severity = d.severity;
    ++s.dropped_by_severity[d.severity];
    return;
  }
  s.diagnostics.push_back(std::move(d));
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
    if (!other.state_) return;  // nothing reported there
    found = other.state_->diagnostics;
    dropped = other.state_->dropped;
  }
  for (auto& d : found) report(std::move(d));
  if (dropped.empty()) return;
  std::lock_guard lock(mutex_);
  State& s = state();
  for (const auto& [rule, more] : dropped) {
    auto& mine = s.dropped[rule];
    mine.count += more.count;
    if (static_cast<int>(more.severity) < static_cast<int>(mine.severity)) mine.severity = more.severity;
    s.dropped_by_severity[more.severity] += more.count;
  }
}

std::vector<Diagnostic> DiagnosticSink::sorted() const {
  std::lock_guard lock(mutex_);
  if (!state_) return {};
  auto out = state_->diagnostics;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column, a.rule) < std::tie(b.file, b.line, b.column, b.rule);
  });
  for (const auto& [rule, dropped] : state_->dropped)
    out.push_back(Diagnostic{"", 0, 0, dropped.severity,
                             std::to_string(dropped.count) + " more finding(s) of this rule are not listed (the first " +
                                 std::to_string(kPerRuleLimit) + " are)",
                             rule});
  return out;
}

std::size_t DiagnosticSink::count(Severity s) const {
  std::lock_guard lock(mutex_);
  if (!state_) return 0;
  auto dropped = state_->dropped_by_severity.find(s);
  return static_cast<std::size_t>(std::count_if(state_->diagnostics.begin(), state_->diagnostics.end(),
                                                [s](const Diagnostic& d) { return d.severity == s; })) +
         (dropped == state_->dropped_by_severity.end() ? 0 : dropped->second);
}

std::string DiagnosticSink::source_line(const std::string& file, int line) const {
  std::lock_guard lock(mutex_);
  if (!state_) return {};
  auto it = state_->sources.find(file);
  if (it == state_->sources.end() || line <= 0) return {};
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
