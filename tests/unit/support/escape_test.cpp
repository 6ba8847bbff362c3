// html_escape and json_escape copy runs of ordinary bytes whole. They must give what escaping
// one byte at a time gives (the reference below, which they replaced), for any bytes.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "support/strings.hpp"

using namespace opskit;

namespace {

std::string html_escape_bytewise(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string json_escape_bytewise(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;
      default:
        if (c < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("html_escape and json_escape escape what they must", "[support][escape]") {
  CHECK(html_escape(R"(<a href="x">&amp;</a>)") == "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;");
  CHECK(html_escape("plain 'text' é") == "plain 'text' é");
  CHECK(json_escape("say \"hi\"\\\n\t\r</script>\x01\x1f é") ==
        "say \\\"hi\\\"\\\\\\n\\t\\r\\u003c/script>\\u0001\\u001f é");
  CHECK(json_escape("") == "");
  CHECK(html_escape("") == "");
}

TEST_CASE("html_escape and json_escape match escaping a byte at a time for random bytes", "[support][escape]") {
  std::mt19937 random(16);
  const std::string alphabet = std::string("ab <>&\"'\\\n\r\t\x01\x1f\x7f") + "\xc3\xa9";
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    int length = static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i)
      s += round % 2 ? alphabet[random() % alphabet.size()] : static_cast<char>(random() % 256);
    REQUIRE(html_escape(s) == html_escape_bytewise(s));
    REQUIRE(json_escape(s) == json_escape_bytewise(s));
  }
}
