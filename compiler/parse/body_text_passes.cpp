#include "parse/body_text_passes.hpp"

#include <optional>

#include "parse/block_lines.hpp"
#include "parse/directive_registry.hpp"
#include "parse/directive_syntax.hpp"

namespace opskit {

std::string blank_html_comments(const std::string& text) {
  if (text.find("<!--") == std::string::npos) return text;
  std::string out = text;
  std::optional<TickFence> tick;
  int code_colons = 0;  // inside a :::code body (literal) until a fence of this many colons
  bool in_comment = false;
  std::size_t start = 0;
  while (start < out.size()) {
    auto end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    std::string_view line(text.data() + start, end - start);
    bool code_line = false;
    if (!in_comment) {
      if (tick) {
        if (tick_fence_closes(line, *tick)) tick.reset();
        code_line = true;
      } else if (code_colons > 0) {
        if (auto f = colon_fence(line); f && *f >= code_colons) code_colons = 0;
        code_line = true;
      } else if (auto f = tick_fence_open(line)) {
        tick = f;
        code_line = true;
      } else if (auto o = block_opener(line, false); o && directive_body_is_literal(o->head.name)) {
        code_colons = o->colons;
        code_line = true;
      }
    }
    for (std::size_t i = 0; !code_line && i < line.size();) {
      auto blank = [&](std::size_t from, std::size_t n) {
        for (std::size_t k = from; k < from + n && k < line.size(); ++k)
          if (out[start + k] != '\r') out[start + k] = ' ';
      };
      if (in_comment) {
        if (line.compare(i, 3, "-->") == 0) {
          blank(i, 3);
          i += 3;
          in_comment = false;
        } else {
          blank(i, 1);
          ++i;
        }
        continue;
      }
      char c = line[i];
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '`') {  // a code span on this line is left alone
        std::size_t run = 0;
        while (i + run < line.size() && line[i + run] == '`') ++run;
        auto close = line.find(std::string(run, '`'), i + run);
        i = close == std::string_view::npos ? i + run : close + run;
        continue;
      }
      if (line.compare(i, 4, "<!--") == 0) {
        blank(i, 4);
        i += 4;
        in_comment = true;
        // "<!-->" and "<!--->" are whole (empty) comments.
        if (line.compare(i, 1, ">") == 0 || line.compare(i, 2, "->") == 0) {
          auto n = line[i] == '>' ? 1 : 2;
          blank(i, n);
          i += n;
          in_comment = false;
        }
        continue;
      }
      ++i;
    }
    start = end + 1;
  }
  return out;
}

std::string substitute_params(const std::string& text, const std::map<std::string, std::string>& params,
                              const std::string& file, int first_line, DiagnosticSink& sink) {
  if (text.find(":param{") == std::string::npos && text.find(":assetUrl{") == std::string::npos) return text;
  std::string out;
  int line = first_line;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
    bool is_param = text.compare(i, 7, ":param{") == 0;
    bool is_asset = text.compare(i, 10, ":assetUrl{") == 0;
    if (is_param || is_asset) {
      Attributes attrs;
      auto len = scan_attributes(std::string_view(text).substr(i + (is_param ? 6 : 9)), attrs);
      if (len) {
        int column = static_cast<int>(i - line_start) + 1;
        if (is_param) {
          auto key = attrs.get("key");
          auto it = params.find(key);
          if (it == params.end()) {
            sink.report("directive.param-unknown", Severity::warning, file, line, column,
                        "parameter '" + key + "' is not defined in contentspec.yaml params");
            out += key;
          } else {
            out += it->second;
          }
        } else {
          auto path = attrs.get("path");
          while (!path.empty() && path[0] == '/') path.erase(0, 1);
          out += "/assets/" + path;
        }
        i += (is_param ? 6 : 9) + *len;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace opskit
