// `opskit verify` on hostile packages: real zips written with libzip here (symlinks, duplicates,
// a header claiming 4 GB, a real deflate bomb, manifests of the wrong shape, damaged data).
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include "verify/verify_package.hpp"
#include "support/sha256.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

struct Item {
  Item(std::string name_, std::string bytes_, std::uint32_t mode_ = S_IFREG | 0644, bool store_ = false,
       fs::path from_file_ = {})
      : name(std::move(name_)), bytes(std::move(bytes_)), mode(mode_), store(store_), from_file(std::move(from_file_)) {}
  std::string name;
  std::string bytes;
  std::uint32_t mode;
  bool store;          // stored (not deflated): its bytes appear as is in the zip
  fs::path from_file;  // when set, the entry's data is this file (streamed by libzip)
};

void write_zip(const fs::path& path, const std::vector<Item>& items) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(zip);
  for (const auto& item : items) {
    zip_source_t* source = item.from_file.empty()
                               ? zip_source_buffer(zip, item.bytes.data(), item.bytes.size(), 0)
                               : zip_source_file(zip, item.from_file.c_str(), 0, -1);
    REQUIRE(source);
    zip_int64_t index = zip_file_add(zip, item.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    REQUIRE(index >= 0);
    auto i = static_cast<zip_uint64_t>(index);
    zip_set_file_compression(zip, i, item.store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
    zip_file_set_external_attributes(zip, i, 0, ZIP_OPSYS_UNIX, item.mode << 16);
  }
  REQUIRE(zip_close(zip) == 0);
}

nlohmann::json listing(const std::string& path, const std::string& bytes) {
  return {{"path", path}, {"size", bytes.size()}, {"sha256", opskit::sha256_hex(bytes)}};
}

std::string manifest_of(const std::vector<Item>& items) {
  auto files = nlohmann::json::array();
  for (const auto& item : items) files.push_back(listing(item.name, item.bytes));
  return nlohmann::json{{"package", "ops"}, {"version", "1.0.0"}, {"files", files}}.dump(2);
}

struct Result {
  int code;
  std::string text;                // every finding's message, one a line, then the summary
  std::set<std::string> rules;     // the rules reported
};
Result verify(const fs::path& zip, const opskit::VerifyLimits& limits = {}) {
  opskit::DiagnosticSink sink;
  auto verified = opskit::verify_package(zip, sink, limits);
  Result r{verified.code, "", {}};
  for (const auto& d : sink.sorted()) {
    CHECK(d.file == zip.string());  // every finding is on the zip's path; the message names the entry
    CHECK(d.severity == opskit::Severity::error);
    r.text += d.message + "\n";
    r.rules.insert(d.rule);
  }
  r.text += verified.summary + "\n";
  return r;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}
void spit(const fs::path& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void put_le32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

const std::vector<Item> kGood = {{"README.txt", "Read me.\n"}, {"site/index.html", "<h1>Home</h1>\n"}};

}  // namespace

TEST_CASE("SHA-256: pieces hash like the whole") {
  CHECK(opskit::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(opskit::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string text;
  for (int i = 0; i < 1000; ++i) text += static_cast<char>('a' + i % 26);
  auto whole = opskit::sha256_hex(text);
  for (std::size_t piece : {1u, 7u, 63u, 64u, 65u, 128u, 999u}) {
    opskit::Sha256 hash;
    for (std::size_t at = 0; at < text.size(); at += piece) hash.update(std::string_view(text).substr(at, piece));
    CHECK(hash.hex() == whole);
  }
}

TEST_CASE("verify: a package that matches its manifest passes") {
  opskit::test::TempProject dir({});
  auto items = kGood;
  items.push_back({"manifest.json", manifest_of(kGood)});
  write_zip(dir.root() / "ok.zip", items);
  auto r = verify(dir.root() / "ok.zip");
  INFO(r.text);
  CHECK(r.code == 0);
  CHECK(r.text.find("OK, 2 files match the manifest (ops 1.0.0)") != std::string::npos);
}

TEST_CASE("verify: a symlink entry is refused even when the manifest lists it") {
  opskit::test::TempProject dir({});
  auto items = kGood;
  items.push_back({"files/passwd", "/etc/passwd", S_IFLNK | 0777});
  items.push_back({"manifest.json", manifest_of(items)});
  write_zip(dir.root() / "link.zip", items);
  auto r = verify(dir.root() / "link.zip");
  INFO(r.text);
  CHECK(r.code == 1);
  CHECK(r.text.find("entry 'files/passwd' is a symbolic link, not a regular file; refused") != std::string::npos);
    CHECK(r.rules.count("verify.not-regular") == 1);
}

TEST_CASE("verify: a central directory claiming 4 GB is refused without allocating it") {
  opskit::test::TempProject dir({});
  std::string payload(1000, 'x');
  std::vector<Item> items = {{"big.bin", payload, S_IFREG | 0644, true}};
  items.push_back({"manifest.json", manifest_of(items)});
  write_zip(dir.root() / "claim.zip", items);
  // Patch big.bin's uncompressed size to ~4 GB in its local header and central directory record
  // (consistent, so that only the size gives it away).
  auto bytes = slurp(dir.root() / "claim.zip");
  auto local = bytes.find(std::string("PK\x03\x04", 4));
  auto central = bytes.find(std::string("PK\x01\x02", 4));
  REQUIRE(local != std::string::npos);
  REQUIRE(central != std::string::npos);
  REQUIRE(bytes.compare(local + 30, 7, "big.bin") == 0);
  REQUIRE(bytes.compare(central + 46, 7, "big.bin") == 0);
  put_le32(bytes, local + 22, 0xF0000000u);
  put_le32(bytes, central + 24, 0xF0000000u);
  spit(dir.root() / "claim.zip", bytes);

  auto before = peak_rss_kb();
  auto r = verify(dir.root() / "claim.zip");
  auto grown_mb = (peak_rss_kb() - before) / 1024;
  INFO(r.text);
  CHECK(r.code == 1);
  CHECK(r.text.find("entry 'big.bin' would inflate from 1000 bytes to 3.8 GiB") != std::string::npos);
  CHECK(r.rules.count("verify.zip-bomb") == 1);
  CHECK(r.text.find("zip bomb; refused") != std::string::npos);
  CHECK(grown_mb < 32);

  // With the ratio cap lifted, the total cap refuses it (again before inflating anything).
  opskit::VerifyLimits no_ratio;
  no_ratio.max_ratio = UINT64_MAX;
  r = verify(dir.root() / "claim.zip", no_ratio);
  INFO(r.text);
  CHECK(r.code == 1);
  CHECK(r.text.find("entries would inflate to more than 2.0 GiB") != std::string::npos);
}

TEST_CASE("verify: a real deflate bomb (128 MiB of zeros) is refused / and streamed in flat memory when allowed") {
  opskit::test::TempProject dir({});
  constexpr std::uint64_t kSize = std::uint64_t(128) << 20;
  auto zeros = dir.root() / "zeros.bin";
  { std::ofstream(zeros, std::ios::binary); }
  fs::resize_file(zeros, kSize);  // sparse: no disk, no memory
  opskit::Sha256 hash;
  std::string chunk(1 << 20, '\0');
  for (std::uint64_t i = 0; i < kSize / chunk.size(); ++i) hash.update(chunk);
  auto zeros_sha = hash.hex();
  auto manifest = nlohmann::json{{"package", "ops"}, {"version", "1.0.0"},
                                 {"files", {{{"path", "zeros.bin"}, {"size", kSize}, {"sha256", zeros_sha}}}}};
  write_zip(dir.root() / "bomb.zip", {{"zeros.bin", "", S_IFREG | 0644, false, zeros},
                                      {"manifest.json", manifest.dump()}});
  fs::remove(zeros);
  CHECK(fs::file_size(dir.root() / "bomb.zip") < kSize / 500);

  auto before = peak_rss_kb();
  auto r = verify(dir.root() / "bomb.zip");
  INFO(r.text);
  CHECK(r.code == 1);
  CHECK(r.text.find("entry 'zeros.bin' would inflate from") != std::string::npos);
  CHECK(r.text.find("zip bomb; refused") != std::string::npos);

  // Allowed (limits raised), the entry is streamed and hashed in chunks: memory stays flat.
  opskit::VerifyLimits generous;
  generous.max_ratio = UINT64_MAX;
  r = verify(dir.root() / "bomb.zip", generous);
  auto grown_mb = (peak_rss_kb() - before) / 1024;
  INFO(r.text);
  CHECK(r.code == 0);
  CHECK(grown_mb < 32);
}

TEST_CASE("verify: a manifest of the wrong shape is a bad package (exit 1) with clear messages") {
  opskit::test::TempProject dir({});
  auto check = [&](const std::string& manifest, const std::vector<std::string>& messages) {
    auto items = kGood;
    items.push_back({"manifest.json", manifest});
    write_zip(dir.root() / "m.zip", items);
    auto r = verify(dir.root() / "m.zip");
    INFO(manifest << "\n->\n" << r.text);
    CHECK(r.code == 1);
    for (const auto& m : messages) CHECK(r.text.find(m) != std::string::npos);
  };
  check(R"({"package": 3, "version": "1", "files": [{"path": 5, "size": "12", "sha256": "zz"}]})",
        {"manifest.json: 'package' must be a string, not number", "files[0].path must be a string, not number",
         "files[0].size must be an unsigned integer, not \"12\"", "files[0].sha256 must be a string of 64 hexadecimal digits",
         "does not have the shape opskit writes; refused"});
  check(R"({"package": "ops", "version": "1", "files": "all"})", {"'files' must be an array, not string"});
  check(R"({"package": "ops", "version": "1"})", {"'files' is missing"});
  check(R"([1, 2])", {"manifest.json: must be a JSON object, not array"});
  check(R"({"package": "ops", "version": "1", "files": [7, {"path": "README.txt", "size": -1, "sha256": null}]})",
        {"files[0] must be an object, not number", "files[1].size must be an unsigned integer, not -1",
         "files[1].sha256 must be a string of 64 hexadecimal digits, not null"});
  check(R"({"package": "ops", "version": "1", "files": [{"path": "../x", "size": 1, "sha256": ")" +
            std::string(64, 'a') + R"("}]})",
        {"files[0].path '../x' is not a relative path inside the package"});
  auto twice = nlohmann::json{{"package", "ops"}, {"version", "1"},
                              {"files", {listing("README.txt", "Read me.\n"), listing("README.txt", "Read me.\n")}}};
  check(twice.dump(), {"files[1].path 'README.txt' is listed twice (also files[0])"});
  check("{\"package\": ", {"manifest.json is not valid JSON"});
}

TEST_CASE("verify: duplicate entry names are refused / naming the duplicate") {
  opskit::test::TempProject dir({});
  std::vector<Item> items = {{"dup1.txt", "first\n", S_IFREG | 0644, true}, {"dup2.txt", "other\n", S_IFREG | 0644, true}};
  items.push_back({"manifest.json", manifest_of({items[0]})});
  write_zip(dir.root() / "dup.zip", items);
  // libzip will not write two entries of one name: rename the second in the bytes (same length).
  auto bytes = slurp(dir.root() / "dup.zip");
  for (auto at = bytes.find("dup2.txt"); at != std::string::npos; at = bytes.find("dup2.txt", at)) bytes[at + 3] = '1';
  spit(dir.root() / "dup.zip", bytes);
  auto r = verify(dir.root() / "dup.zip");
  INFO(r.text);
  CHECK(r.code == 1);
  CHECK(r.text.find("entry 'dup1.txt' appears more than once in the zip") != std::string::npos);
    CHECK(r.rules.count("verify.duplicate-entry") == 1);
}

TEST_CASE("verify: damaged data / unsafe names / and unusable inputs") {
  opskit::test::TempProject dir({});
  SECTION("a flipped byte in a stored entry is found by the CRC") {
    std::vector<Item> items = {{"a.txt", "hello world\n", S_IFREG | 0644, true}};
    items.push_back({"manifest.json", manifest_of(items)});
    write_zip(dir.root() / "crc.zip", items);
    auto bytes = slurp(dir.root() / "crc.zip");
    auto at = bytes.find("hello world");
    REQUIRE(at != std::string::npos);
    bytes[at] = 'j';
    spit(dir.root() / "crc.zip", bytes);
    auto r = verify(dir.root() / "crc.zip");
    INFO(r.text);
    CHECK(r.code == 1);
    CHECK(r.text.find("a.txt: damaged") != std::string::npos);
    CHECK(r.rules.count("verify.damaged") == 1);
  }
  SECTION("an entry leaving the folder") {
    auto items = kGood;
    items.push_back({"../evil", "x"});
    items.push_back({"manifest.json", manifest_of(kGood)});
    write_zip(dir.root() / "evil.zip", items);
    auto r = verify(dir.root() / "evil.zip");
    CHECK(r.code == 1);
    CHECK(r.text.find("entry '../evil' would be written outside the package folder") != std::string::npos);
    CHECK(r.rules.count("verify.unsafe-entry") == 1);
  }
  SECTION("too many bytes in all") {
    auto items = kGood;
    items.push_back({"manifest.json", manifest_of(kGood)});
    write_zip(dir.root() / "ok.zip", items);
    opskit::VerifyLimits tiny;
    tiny.max_total_size = 10;
    auto r = verify(dir.root() / "ok.zip", tiny);
    CHECK(r.code == 1);
    CHECK(r.text.find("entries would inflate to more than 10 bytes") != std::string::npos);
    CHECK(r.rules.count("verify.limit") == 1);
  }
  SECTION("not a zip, missing, a folder, no manifest: exit 2") {
    spit(dir.root() / "not.zip", "not a zip at all");
    CHECK(verify(dir.root() / "not.zip").code == 2);
    CHECK(verify(dir.root() / "missing.zip").code == 2);
    CHECK(verify(dir.root()).code == 2);
    write_zip(dir.root() / "bare.zip", kGood);
    auto r = verify(dir.root() / "bare.zip");
    CHECK(r.code == 2);
    CHECK(r.text.find("no manifest.json") != std::string::npos);
    CHECK(r.rules.count("verify.no-manifest") == 1);
  }
}
