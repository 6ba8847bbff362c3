#pragma once
// libcurl, opened the first time the external link check needs it instead of when opskit starts.
// Linked, libcurl brought 25 of the 45 shared libraries every opskit command loaded (Kerberos,
// LDAP, GnuTLS, SSH...) and cost about 10 ms at its start (`opskit --version` 26 -> 16 ms),
// although only `check --external` uses them (README, Libraries).
#include <curl/curl.h>

#include <ctime>
#include <string>

namespace opskit {

// The libcurl functions opskit calls, resolved from the library.
struct CurlLibrary {
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL*);
  void (*easy_reset)(CURL*);
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  const char* (*easy_strerror)(CURLcode);
  time_t (*getdate)(const char*, const time_t*);
};

// libcurl's file name as the dynamic linker finds it: Debian 12's libcurl4 package. OPSKIT_LIBCURL,
// when set, names another (a path, or a name the linker searches for).
inline constexpr const char* kLibcurlFile = "libcurl.so.4";

// The library, opened and initialised (curl_global_init) on the first call, from any thread; the
// same answer after. nullptr when it cannot be opened or lacks a function, with the reason in
// `why` (when given).
const CurlLibrary* curl_library(std::string* why = nullptr);

}  // namespace opskit
