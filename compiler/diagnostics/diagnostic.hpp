#pragma once
// One sink collects every problem of a run; the CLI prints them at the end.
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "support/shared_text.hpp"

namespace opskit {

enum class Severity { error, warning, note };
enum class RuleLevel { error, warning, off };

const char* severity_name(Severity s);

struct Diagnostic {
  std::string file;  // project-relative, '/' separated; empty for run-wide problems
  int line = 0;      // 1-based; 0 = unknown
  int column = 0;    // 1-based; 0 = unknown
  Severity severity = Severity::error;
  std::string message;
  std::string rule;  // e.g. "link.unresolved"
};

class DiagnosticSink {
 public:
  // Rule levels from opskit.yaml override each rule's default severity.
  void set_rule_levels(std::map<std::string, RuleLevel> levels);
  // Remembers a file's text so that a terminal report can quote the offending line.
  void remember_source(const std::string& file, std::string text);
  void remember_source(const std::string& file, SharedText text);  // shared, not copied

  void report(Diagnostic d);
  void report(std::string rule, Severity default_severity, std::string file, int line, int column,
              std::string message);

  // Findings of one rule beyond this many are counted, not kept: a generated file with a
  // million problems must not produce a million lines (sorted() ends with how many were left out).
  static constexpr std::size_t kPerRuleLimit = 200;
  // A message longer than this (it quotes a source) is cut.
  static constexpr std::size_t kMessageLimit = 1000;

  std::vector<Diagnostic> sorted() const;
  // Takes over another sink's findings, in the order it received them, under this sink's rule
  // levels and limits. Work done in parallel reports into a sink per task; absorbing them in task
  // order gives the same report for any number of jobs.
  void absorb(const DiagnosticSink& other);
  std::size_t count(Severity s) const;
  std::string source_line(const std::string& file, int line) const;

 private:
  struct Dropped {
    std::size_t count = 0;
    Severity severity = Severity::note;  // the most severe dropped
  };
  struct State {
    std::map<std::string, RuleLevel> levels;
    std::map<std::string, SharedText> sources;
    std::vector<Diagnostic> diagnostics;
    std::set<std::string> seen;  // file, position, rule and message of each finding kept
    std::map<std::string, std::size_t> kept_per_rule;
    std::map<std::string, Dropped> dropped;
    std::map<Severity, std::size_t> dropped_by_severity;
  };
  State& state();  // made on first use; the caller holds mutex_

  mutable std::mutex mutex_;
  // Null until something is reported or remembered. Parallel work keeps a sink per page (10,000
  // of them, nearly all left empty): with its maps inline a sink was 350 bytes, and making a list
  // of them took a build 10-20 ms of page faults on one thread, three times over.
  std::unique_ptr<State> state_;
};

}  // namespace opskit
