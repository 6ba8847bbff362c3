#pragma once
// The folder a run writes into (--out). opskit owns it: a marker file says so, a lock keeps two
// runs apart, and every output of a run is staged first and committed together, so a reader
// (or a full disk) never sees a new site beside an old package.
//
//   out/.opskit-output     marker: this folder is opskit's; nothing else in it is replaced
//   out/.opskit-lock       flock()ed for the whole run
//   out/.opskit-staging/   this run's outputs, until commit; a dead run's is removed
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "emit/output_tree.hpp"
#include "support/files.hpp"

namespace opskit {

// Why `out` cannot be used for a project whose sources are `source_roots` ("" when it can): it
// is or holds a source folder, or lies inside one.
std::string out_overlaps_sources(const std::filesystem::path& out, const std::vector<std::filesystem::path>& source_roots);

class OutputFolder {
 public:
  // Creates `out` if needed and takes it over: refuses (returns nullopt with `refusal` set) a
  // folder that exists, is not empty and has no marker. Waits for another run's lock, and
  // removes what dead runs left.
  static std::optional<OutputFolder> open(const std::filesystem::path& out, std::string& refusal,
                                          const std::function<void(const std::string&)>& notice);
  OutputFolder(OutputFolder&&) noexcept;
  ~OutputFolder();

  // `rel` is a '/'-separated path under the folder ("site", "bundles/x.zip"); throws IoError
  // when it would leave the folder or a write fails.
  // Writes the files on `jobs` threads (the folder's content is the same for any number).
  void stage_tree(const OutputTree& tree, const std::string& rel, int jobs = 1);
  // A zip of `tree`, its entries deflated on `jobs` threads (the bytes are the same for any number).
  void stage_zip(const OutputTree& tree, const std::string& rel, std::int64_t timestamp, int jobs = 1);
  // One file of the folder output `rel` ("site"), staged at once: `path` is '/'-separated under
  // it. Thread-safe; stage_tree() may add the output's other files later.
  void stage_file(const std::string& rel, const std::string& path, std::string_view bytes);
  // Moves every staged output into place: a folder by an exchange rename where the kernel has
  // one, a file by rename; then removes the previous outputs on `jobs` threads. Throws IoError.
  void commit(int jobs = 1);

  const std::filesystem::path& path() const { return root_; }

 private:
  OutputFolder(std::filesystem::path root, int lock_fd);
  std::filesystem::path staged_path(const std::string& rel) const;
  std::filesystem::path root_;
  int lock_fd_ = -1;
  void note_staged(const std::string& rel);  // with staging_->lock held
  std::vector<std::string> staged_;
  struct Staging;  // what stage_file() shares between threads
  std::unique_ptr<Staging> staging_;
};

}  // namespace opskit
