#include "check/curl_library.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <mutex>

namespace opskit {
namespace {

struct Loaded {
  CurlLibrary library{};
  bool ok = false;
  std::string why;
};

// Each function by name; false (with the name in `why`) for the first one missing.
template <typename Function>
bool resolve(void* handle, const char* name, Function& into, std::string& why) {
  into = reinterpret_cast<Function>(dlsym(handle, name));
  if (into) return true;
  why = std::string("it has no function ") + name;
  return false;
}

Loaded load() {
  Loaded loaded;
  const char* file = std::getenv("OPSKIT_LIBCURL");
  if (!file || !*file) file = kLibcurlFile;
  // Never closed: its functions are used until the process ends.
  void* handle = dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* error = dlerror();
    loaded.why = error ? error : std::string(file) + ": cannot open it";  // dlerror names the file
    return loaded;
  }
  auto& l = loaded.library;
  CURLcode (*global_init)(long) = nullptr;
  bool all = resolve(handle, "curl_global_init", global_init, loaded.why) &&
             resolve(handle, "curl_easy_init", l.easy_init, loaded.why) &&
             resolve(handle, "curl_easy_cleanup", l.easy_cleanup, loaded.why) &&
             resolve(handle, "curl_easy_reset", l.easy_reset, loaded.why) &&
             resolve(handle, "curl_easy_setopt", l.easy_setopt, loaded.why) &&
             resolve(handle, "curl_easy_perform", l.easy_perform, loaded.why) &&
             resolve(handle, "curl_easy_getinfo", l.easy_getinfo, loaded.why) &&
             resolve(handle, "curl_easy_strerror", l.easy_strerror, loaded.why) &&
             resolve(handle, "curl_getdate", l.getdate, loaded.why);
  if (!all) {
    loaded.why = file + std::string(": ") + loaded.why;
    return loaded;
  }
  // Once, before any handle is made (libcurl's rule); call_once below keeps it to one thread.
  if (CURLcode code = global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK) {
    loaded.why = std::string(file) + ": curl_global_init failed: " + l.easy_strerror(code);
    return loaded;
  }
  loaded.ok = true;
  return loaded;
}

}  // namespace

const CurlLibrary* curl_library(std::string* why) {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = load(); });
  if (!loaded.ok && why) *why = loaded.why;
  return loaded.ok ? &loaded.library : nullptr;
}

}  // namespace opskit
