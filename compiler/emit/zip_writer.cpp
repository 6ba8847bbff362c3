#include "emit/zip_writer.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "support/parallel.hpp"

namespace opskit {
namespace fs = std::filesystem;

namespace {

// The fields libzip writes, so that the two writers agree byte for byte: made by Unix, zip 6.3;
// needs 2.0 (deflate); general purpose flag bit 1 (deflated at the maximum level).
constexpr std::uint16_t kVersionMadeBy = (3u << 8) | 63u;
constexpr std::uint16_t kVersionNeeded = 20;
constexpr std::uint16_t kFlagMaximum = 0x0002;
constexpr std::uint16_t kFlagUtf8 = 0x0800;  // the name is UTF-8 (set only when it is not ASCII)
constexpr std::uint16_t kMethodDeflate = 8;
constexpr std::uint32_t kUnixFileMode = 0100644u << 16;

void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}

struct DosTime {
  std::uint16_t time = 0, date = 0;
};

// The timestamp in UTC as MS-DOS writes it (two-second steps, years from 1980): computed with
// gmtime_r, where libzip goes through the local time zone (write_zip pins it to UTC for libzip).
DosTime dos_time(std::int64_t timestamp) {
  std::time_t t = static_cast<std::time_t>(timestamp);
  std::tm tm{};
  gmtime_r(&t, &tm);
  DosTime d;
  d.time = static_cast<std::uint16_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
  d.date = static_cast<std::uint16_t>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
  return d;
}

bool is_ascii(const std::string& name) {
  for (unsigned char c : name)
    if (c >= 0x80) return false;
  return true;
}

struct DeflatedEntry {
  std::uint32_t crc = 0;
  std::uint64_t size = 0;
  std::string data;  // raw deflate
};

// Level 9, a 32 KiB window, memory level 9: libzip's settings, so the same bytes come out.
DeflatedEntry deflate_entry(std::string_view bytes) {
  DeflatedEntry entry;
  entry.size = bytes.size();
  entry.crc = static_cast<std::uint32_t>(
      crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("cannot start deflate");
  entry.data.resize(deflateBound(&z, static_cast<uLong>(bytes.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(entry.data.data());
  z.avail_out = static_cast<uInt>(entry.data.size());
  int status = deflate(&z, Z_FINISH);
  entry.data.resize(z.total_out);
  deflateEnd(&z);
  if (status != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return entry;
}

// The fields the local header and the central directory's record share, in their order: version
// needed, flags, method, time, date, CRC, sizes, the name's length and no extra field.
void put_entry_fields(std::string& out, std::uint16_t flags, DosTime when, const DeflatedEntry& entry,
                      const std::string& name) {
  put16(out, kVersionNeeded);
  put16(out, flags);
  put16(out, kMethodDeflate);
  put16(out, when.time);
  put16(out, when.date);
  put32(out, entry.crc);
  put32(out, static_cast<std::uint32_t>(entry.data.size()));
  put32(out, static_cast<std::uint32_t>(entry.size));
  put16(out, static_cast<std::uint32_t>(name.size()));
  put16(out, 0);  // no extra field
}

class ZipFile {
 public:
  explicit ZipFile(const fs::path& path) : path_(path), file_(std::fopen(path.c_str(), "wb")) {
    if (!file_) fail("cannot create");
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
  }
  ~ZipFile() {
    if (file_) std::fclose(file_);
  }
  void write(std::string_view bytes) {
    if (bytes.empty()) return;
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail("cannot write");
    offset_ += bytes.size();
  }
  std::uint64_t offset() const { return offset_; }
  void close() {
    int status = std::fclose(file_);
    file_ = nullptr;
    if (status != 0) fail("cannot write");
  }

 private:
  [[noreturn]] void fail(const char* what) {
    throw std::runtime_error(std::string(what) + " " + path_.string() + ": " + std::strerror(errno));
  }
  fs::path path_;
  std::FILE* file_;
  std::uint64_t offset_ = 0;
};

}  // namespace

bool needs_zip64(const OutputTree& tree) {
  if (tree.size() >= 0xffff) return true;
  std::uint64_t total = 22;  // the end record
  for (const auto& [name, file] : tree) {
    std::error_code ec;
    std::uint64_t size = file.copy_from.empty() ? file.in_memory().size() : fs::file_size(file.copy_from, ec);
    if (ec) size = 0;  // reading it fails later, with the file's name
    // Both headers with the name twice, and the data as deflate might grow it (5 bytes a block).
    total += 76 + 2 * name.size() + size + size / 16000 * 5 + 64;
  }
  return total >= 0xffffffffull;
}

void write_zip_deflated(const OutputTree& tree, const fs::path& path, std::int64_t timestamp, int jobs) {
  auto when = dos_time(timestamp);
  std::vector<std::pair<const std::string*, const OutputFile*>> entries;
  entries.reserve(tree.size());
  for (const auto& [name, file] : tree) entries.emplace_back(&name, &file);

  ZipFile out(path);
  std::string central;
  std::string header;
  // Batches bound the memory: a batch's entries are deflated together, then written in order.
  const std::size_t batch = 64 * static_cast<std::size_t>(jobs < 1 ? 1 : jobs);
  std::vector<DeflatedEntry> deflated;
  for (std::size_t from = 0; from < entries.size(); from += batch) {
    std::size_t count = std::min(batch, entries.size() - from);
    deflated.assign(count, DeflatedEntry{});
    parallel_for(count, jobs, [&](std::size_t k) {
      const OutputFile& file = *entries[from + k].second;
      deflated[k] = file.copy_from.empty() ? deflate_entry(file.in_memory()) : deflate_entry(output_bytes(file));
    });
    for (std::size_t k = 0; k < count; ++k) {
      const std::string& name = *entries[from + k].first;
      const DeflatedEntry& entry = deflated[k];
      std::uint16_t flags = kFlagMaximum | (is_ascii(name) ? 0 : kFlagUtf8);
      auto offset = static_cast<std::uint32_t>(out.offset());
      header.clear();
      put32(header, 0x04034b50);
      put_entry_fields(header, flags, when, entry, name);
      out.write(header);
      out.write(name);
      out.write(entry.data);

      put32(central, 0x02014b50);
      put16(central, kVersionMadeBy);
      put_entry_fields(central, flags, when, entry, name);
      put16(central, 0);  // comment
      put16(central, 0);  // disk
      put16(central, 0);  // internal attributes
      put32(central, kUnixFileMode);
      put32(central, offset);
      central += name;
    }
  }
  auto central_offset = static_cast<std::uint32_t>(out.offset());
  out.write(central);
  std::string end;
  put32(end, 0x06054b50);
  put16(end, 0);  // this disk
  put16(end, 0);  // the disk where the central directory starts
  put16(end, static_cast<std::uint32_t>(entries.size()));
  put16(end, static_cast<std::uint32_t>(entries.size()));
  put32(end, static_cast<std::uint32_t>(central.size()));
  put32(end, central_offset);
  put16(end, 0);  // no comment
  out.write(end);
  out.close();
}

}  // namespace opskit
