// The opskit command line. Each subcommand parses its options and hands over to build/pipeline.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "build/assess.hpp"
#include "build/packages.hpp"
#include "build/pipeline.hpp"
#include "build/verify_package.hpp"
#include "diagnostics/report.hpp"
#include "support/files.hpp"

namespace {

using opskit::ExitCode;

struct OutputOptions {
  std::string format = "text";
  std::string report;
};

int finish(const opskit::DiagnosticSink& sink, const opskit::RunResult& result, const OutputOptions& out,
           const opskit::RunOptions& run) {
  if (out.format == "text") {
    opskit::TextStyle style;
    bool terminal = ::isatty(STDERR_FILENO) != 0;
    style.color = terminal && std::getenv("NO_COLOR") == nullptr;
    style.show_source = terminal;
    std::cerr << opskit::format_text(sink, style);
  } else {
    auto doc = out.format == "json" ? opskit::format_json(sink) : opskit::format_sarif(sink, OPSKIT_VERSION);
    if (out.report.empty()) std::cout << doc;
    else opskit::write_file_atomic(out.report, doc);
  }
  if (!run.quiet) {
    for (const auto& m : result.messages) std::cerr << "opskit: " << m << "\n";
    std::cerr << "opskit: " << sink.count(opskit::Severity::error) << " error(s), "
              << sink.count(opskit::Severity::warning) << " warning(s)\n";
  }
  return static_cast<int>(result.code);
}

void add_common(CLI::App* cmd, opskit::RunOptions& run, OutputOptions& out) {
  cmd->add_option("-C,--project", run.root, "project folder (default: the current directory)");
  cmd->add_option("--out", run.out, "output folder (default: build/out under the project)");
  cmd->add_option("--format", out.format, "diagnostics format: text (stderr), json or sarif (stdout or --report)")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  cmd->add_option("--report", out.report, "write JSON or SARIF diagnostics to this file");
  cmd->add_flag("--strict", run.strict, "warnings fail the run");
  cmd->add_flag("--drafts", run.drafts, "include pages marked draft");
  cmd->add_option("--theme", run.theme, "theme folder (default: the project's site-theme/, else opskit's own)");
  cmd->add_option("--rule", run.rule_overrides, "set a rule's level: RULE=error|warning|off (repeatable)");
  cmd->add_flag("-q,--quiet", run.quiet, "print only diagnostics");
  cmd->add_flag("-v,--verbose", run.verbose, "print more about each stage");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"opskit: compiles a cloud operating-model kit into a docs site, Workshop Studio bundles and handover packages"};
  app.set_version_flag("--version", std::string("opskit ") + OPSKIT_VERSION);
  app.require_subcommand(1);

  opskit::RunOptions run;
  OutputOptions out;
  auto* build = app.add_subcommand("build", "check, then write the site, the bundles and the packages");
  add_common(build, run, out);
  std::vector<std::string> only_outputs;
  build->add_option("--only", only_outputs, "write only these outputs: site, bundles, packages (repeatable)")
      ->check(CLI::IsMember({"site", "bundles", "packages"}));
  auto* check = app.add_subcommand("check", "check everything, write nothing");
  add_common(check, run, out);
  check->add_flag("--external", run.external, "also fetch every external http(s) link (needs the network)");
  check->add_option("--external-cache", run.external_cache,
                    "external-link cache file (default: .opskit-cache/external-links.json under the project)");
  bool list = false;
  auto* bundle = app.add_subcommand("bundle", "check, then write Workshop Studio bundles (all, or the named workshops)");
  add_common(bundle, run, out);
  bundle->add_option("names", run.only, "workshop names (default: all)");
  bundle->add_flag("--list", list, "print what each bundle will contain and its size, write nothing");
  auto* package = app.add_subcommand("package", "check, then write handover packages (all, or the named ones)");
  add_common(package, run, out);
  package->add_option("names", run.only, "package names from opskit.yaml (default: all)");
  std::string answers_file;
  auto* assess = app.add_subcommand("assess", "compile questionnaire answers (the form's JSON export) into the assessment report");
  add_common(assess, run, out);
  assess->add_option("answers", answers_file, "the answers file (JSON exported by the questionnaire form)")->required();
  std::string verify_zip;
  auto* verify = app.add_subcommand("verify", "check a handover package against its manifest");
  verify->add_option("package", verify_zip, "the package zip")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::usage);
  }

  opskit::DiagnosticSink sink;
  try {
    opskit::RunResult result;
    if (*verify) return opskit::verify_package(verify_zip, std::cout);
    if (*build) {
      if (!only_outputs.empty()) {
        auto wanted = [&](const char* name) {
          return std::find(only_outputs.begin(), only_outputs.end(), name) != only_outputs.end();
        };
        run.site = wanted("site");
        run.bundles = wanted("bundles");
        run.packages = wanted("packages");
      }
      result = opskit::run_build(run, sink);
    } else if (*check) {
      result = opskit::run_check(run, sink);
    } else if (*bundle) {
      run.site = run.packages = false;
      result = list ? opskit::run_list_bundles(run, sink) : opskit::run_build(run, sink);
    } else if (*assess) {
      result = opskit::run_assess_command(run, answers_file, sink);
    } else if (*package) {
      run.site = run.bundles = false;
      result = opskit::run_build(run, sink);
    }
    return finish(sink, result, out, run);
  } catch (const opskit::IoError& e) {
    // The file system refused (a full disk, a permission): the user's to fix, not a bug.
    std::cerr << "opskit: " << e.what() << "\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "opskit: " << e.what() << "\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const std::bad_alloc&) {
    std::cerr << "opskit: out of memory\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const std::exception& e) {
    std::cerr << "opskit: internal error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::internal);
  }
}
