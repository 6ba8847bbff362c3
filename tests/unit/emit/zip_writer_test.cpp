// opskit writes its zips itself, deflating entries on several threads; libzip writes the ZIP64
// ones. The two must give the same bytes for the same tree (so a bundle does not change with
// its size or the machine's cores), and the result must read back with libzip.
#include <catch2/catch.hpp>

#include <zip.h>

#include <filesystem>
#include <map>
#include <random>
#include <unistd.h>

#include "emit/zip_archive.hpp"
#include "emit/zip_writer.hpp"
#include "support/files.hpp"
#include "test_support.hpp"

using namespace opskit;
namespace fs = std::filesystem;

namespace {

// Trees that cover what a bundle or package holds: text, binary that deflate cannot shrink, an
// empty file, a file larger than deflate's blocks, names in UTF-8, a file copied from disk, and
// more entries than one deflate batch.
OutputTree sample_tree(const fs::path& on_disk, int entries) {
  OutputTree tree;
  std::mt19937 random(42);
  std::string noise(70000, '\0');
  for (auto& c : noise) c = static_cast<char>(random() & 0xff);
  tree["content/index.en.md"].bytes = "---\ntitle: Lab\n---\n\n# Lab\n\nSome *text*, repeated. Some *text*, repeated.\n";
  tree["static/images/noise.png"].bytes = noise;
  tree["static/empty.txt"].bytes = "";
  std::string large;
  for (int i = 0; i < 20000; ++i) large += "line " + std::to_string(i * 7919 % 1000) + " of a long runbook\n";
  tree["content/large/index.en.md"].bytes = large;
  tree["content/café/señal-ü.en.md"].bytes = "non-ASCII name";
  tree["static/copied.bin"].copy_from = on_disk;
  for (int i = 0; i < entries; ++i)
    tree["content/many/page-" + std::to_string(i) + ".en.md"].bytes = "page " + std::to_string(i) + std::string(i % 50, 'x');
  return tree;
}

std::string zip_bytes(const fs::path& path) { return read_file(path).value_or("(unreadable)"); }

}  // namespace

TEST_CASE("opskit's zip writer gives libzip's bytes for any number of threads") {
  test::TempProject dir({{"copied.bin", std::string(5000, 'z') + "tail"}});
  const std::int64_t timestamp = 1700000001;  // an odd second: DOS times keep two-second steps
  for (int entries : {0, 3, 300}) {
    auto tree = sample_tree(dir.root() / "copied.bin", entries);
    REQUIRE_FALSE(needs_zip64(tree));
    write_zip_with_libzip(tree, dir.root() / "libzip.zip", timestamp);
    auto reference = zip_bytes(dir.root() / "libzip.zip");
    for (int jobs : {1, 2, 5}) {
      INFO("entries " << entries << ", jobs " << jobs);
      write_zip_deflated(tree, dir.root() / "opskit.zip", timestamp, jobs);
      auto ours = zip_bytes(dir.root() / "opskit.zip");
      REQUIRE(ours.size() == reference.size());
      CHECK(ours == reference);
    }
  }
  // The empty archive: libzip writes no file for it; opskit writes the 22-byte end record, which
  // every reader opens as an empty zip.
  write_zip_deflated(OutputTree{}, dir.root() / "empty.zip", timestamp, 2);
  CHECK(zip_bytes(dir.root() / "empty.zip") == std::string("PK\x05\x06", 4) + std::string(18, '\0'));
}

TEST_CASE("a zip opskit wrote reads back entry for entry") {
  test::TempProject dir(std::map<std::string, std::string>{{"copied.bin", "from disk"}});
  auto tree = sample_tree(dir.root() / "copied.bin", 100);
  write_zip(tree, dir.root() / "out" / "bundle.zip", 315532800, 2);
  CHECK_FALSE(fs::exists(dir.root() / "out" / ("bundle.zip.opskit-tmp-" + std::to_string(::getpid()))));
  int error = 0;
  zip_t* archive = zip_open((dir.root() / "out" / "bundle.zip").c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  REQUIRE(archive != nullptr);
  REQUIRE(zip_get_num_entries(archive, 0) == static_cast<zip_int64_t>(tree.size()));
  zip_int64_t index = 0;
  for (const auto& [name, file] : tree) {
    INFO(name);
    zip_stat_t stat;
    REQUIRE(zip_stat_index(archive, static_cast<zip_uint64_t>(index), 0, &stat) == 0);
    CHECK(std::string(stat.name) == name);
    std::string expected = output_bytes(file);
    std::string read(stat.size, '\0');
    zip_file_t* entry = zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0);
    REQUIRE(entry != nullptr);
    CHECK(zip_fread(entry, read.data(), read.size()) == static_cast<zip_int64_t>(read.size()));
    zip_fclose(entry);
    CHECK(read == expected);
    ++index;
  }
  zip_close(archive);
}

TEST_CASE("a zip with an unreadable source file or an unsafe name is not written") {
  test::TempProject dir(std::map<std::string, std::string>{});
  OutputTree tree;
  tree["a.txt"].bytes = "a";
  tree["gone.bin"].copy_from = dir.root() / "no-such-file";
  CHECK_THROWS(write_zip(tree, dir.root() / "x.zip", 315532800, 2));
  OutputTree unsafe;
  unsafe["../escape.txt"].bytes = "x";
  CHECK_THROWS(write_zip(unsafe, dir.root() / "y.zip", 315532800, 2));
  // Neither the zip nor its temporary file is left behind.
  CHECK(fs::is_empty(dir.root()));
}

TEST_CASE("ZIP64 is left to libzip: the classic format's limits are counted generously") {
  OutputTree small;
  small["a"].bytes = std::string(1000, 'a');
  CHECK_FALSE(needs_zip64(small));
  OutputTree many;
  for (int i = 0; i < 0xffff; ++i) many["f" + std::to_string(i)].bytes = "";
  CHECK(needs_zip64(many));
  many.erase(many.begin());
  CHECK_FALSE(needs_zip64(many));
}
