#include "parse/directive_blocks.hpp"

#include <optional>

#include "load/limits.hpp"
#include "parse/directive_syntax.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

struct SourceLine {
  std::string text;
  int file_line = 0;
  int column_shift = 0;
};

std::size_t indent_length(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && (s[n] == ' ' || s[n] == '\t')) ++n;
  return n;
}

// A line holding only colons (at least three): a closing fence. Returns the colon count.
std::optional<int> colon_fence(std::string_view line) {
  auto t = trim(line);
  if (t.size() < 3) return std::nullopt;
  for (char c : t)
    if (c != ':') return std::nullopt;
  return static_cast<int>(t.size());
}

struct Opener {
  std::size_t indent = 0;
  int colons = 0;
  DirectiveHead head;
};

// `:::name[label]{attrs}` (container, colons >= 3) or `::name...` (leaf, exactly 2).
std::optional<Opener> block_opener(std::string_view line, bool leaf) {
  Opener o;
  o.indent = indent_length(line);
  auto rest = line.substr(o.indent);
  std::size_t colons = 0;
  while (colons < rest.size() && rest[colons] == ':') ++colons;
  if (leaf ? colons != 2 : colons < 3) return std::nullopt;
  auto head = scan_directive_head(rest.substr(colons));
  if (!head) return std::nullopt;
  if (!trim(rest.substr(colons + head->length)).empty()) return std::nullopt;
  o.colons = static_cast<int>(colons);
  o.head = std::move(*head);
  return o;
}

struct TickFence {
  char ch = '`';
  std::size_t length = 0;
};

std::optional<TickFence> tick_fence_open(std::string_view line) {
  auto rest = line.substr(indent_length(line));
  if (rest.empty() || (rest[0] != '`' && rest[0] != '~')) return std::nullopt;
  TickFence f{rest[0], 0};
  while (f.length < rest.size() && rest[f.length] == f.ch) ++f.length;
  if (f.length < 3) return std::nullopt;
  if (f.ch == '`' && rest.substr(f.length).find('`') != std::string_view::npos) return std::nullopt;
  return f;
}

bool tick_fence_closes(std::string_view line, const TickFence& open) {
  auto t = trim(line);
  if (t.size() < open.length) return false;
  for (char c : t)
    if (c != open.ch) return false;
  return true;
}

class Scanner {
 public:
  Scanner(const std::string& file, ParsedBody& out, DiagnosticSink& sink) : file_(file), out_(out), sink_(sink) {}

  int scan(const std::vector<SourceLine>& lines, int parent_colons, bool top_level) {
    // Containers nest by recursion; beyond the limit their openers are text (and reported once),
    // which keeps the stack and the work per line bounded.
    struct Depth {
      int& d;
      explicit Depth(int& depth) : d(++depth) {}
      ~Depth() { --d; }
    } depth(depth_);
    int chunk_index = static_cast<int>(out_.chunks.size());
    out_.chunks.emplace_back();
    std::optional<TickFence> tick;
    std::size_t i = 0;
    while (i < lines.size()) {
      const auto& line = lines[i];
      if (tick) {
        if (tick_fence_closes(line.text, *tick)) tick.reset();
        emit(chunk_index, line.text, line);
        ++i;
        continue;
      }
      if (auto f = tick_fence_open(line.text)) {
        tick = f;
        emit(chunk_index, line.text, line);
        ++i;
        continue;
      }
      if (auto opener = block_opener(line.text, false)) {
        if (depth_ <= limits::kDirectiveDepth) {
          i = container(lines, i, *opener, chunk_index, parent_colons, top_level);
          continue;
        }
        if (!too_deep_reported_) {
          too_deep_reported_ = true;
          sink_.report("directive.too-deep", Severity::error, file_, line.file_line,
                       line.column_shift + static_cast<int>(opener->indent) + 1,
                       "containers nest more than " + std::to_string(limits::kDirectiveDepth) +
                           " deep here; this one and those inside it are shown as text");
        }
      }
      if (auto opener = block_opener(line.text, true)) {
        int index = add_directive(DirectiveForm::leaf, *opener, line);
        emit(chunk_index, line.text.substr(0, opener->indent) + placeholder(index), line);
        ++i;
        continue;
      }
      if (colon_fence(line.text)) {
        warn("directive.stray-fence", line, static_cast<int>(indent_length(line.text)),
             "closing fence '" + std::string(trim(line.text)) + "' has no open container; it is ignored");
        emit(chunk_index, "", line);
        ++i;
        continue;
      }
      emit(chunk_index, replace_inline(line), line);
      ++i;
    }
    return chunk_index;
  }

 private:
  const std::string& file_;
  ParsedBody& out_;
  DiagnosticSink& sink_;
  int depth_ = 0;
  bool too_deep_reported_ = false;

  void warn(const std::string& rule, const SourceLine& line, int offset, const std::string& message) {
    sink_.report(rule, Severity::warning, file_, line.file_line, line.column_shift + offset + 1, message);
  }

  void emit(int chunk, const std::string& text, const SourceLine& line) {
    auto& c = out_.chunks[chunk];
    c.markdown += text;
    c.markdown += '\n';
    c.file_line.push_back(line.file_line);
    c.column_shift.push_back(line.column_shift);
  }

  int add_directive(DirectiveForm form, const Opener& o, const SourceLine& line) {
    Directive d;
    d.form = form;
    d.name = o.head.name;
    d.label = o.head.label;
    d.has_label = o.head.has_label;
    d.attrs = o.head.attrs;
    d.colons = o.colons;
    d.line = line.file_line;
    d.column = line.column_shift + static_cast<int>(o.indent) + 1;
    d.source = std::string(trim(line.text));
    out_.directives.push_back(std::move(d));
    int index = static_cast<int>(out_.directives.size()) - 1;
    if (o.head.has_label && o.head.name != "code") {
      // The label is Markdown of its own: a chunk, so that its links and images are checked.
      int label_column = static_cast<int>(o.indent) + o.colons + static_cast<int>(o.head.name.size()) + 1;
      SourceLine label{o.head.label, line.file_line, line.column_shift + label_column};
      int chunk = scan({label}, 0, false);
      out_.directives[index].label_chunk = chunk;
    }
    return index;
  }

  // Where the container opened at lines[start] ends: the index of its closing fence, or
  // lines.size() when it runs to the end of the range.
  std::pair<std::size_t, bool> find_end(const std::vector<SourceLine>& lines, std::size_t start, int colons) {
    struct Open {
      int colons;
      bool same_size;
    };
    std::vector<Open> stack{{colons, false}};
    std::optional<TickFence> tick;
    for (std::size_t j = start + 1; j < lines.size(); ++j) {
      const auto& text = lines[j].text;
      auto fence = colon_fence(text);
      if (tick) {
        if (tick_fence_closes(text, *tick)) {
          tick.reset();
          continue;
        }
        if (!fence || *fence < stack.back().colons) continue;
        // The container fence wins over the still-open code fence (real content does this).
        warn("directive.fence-in-code", lines[j], static_cast<int>(indent_length(text)),
             "container closed while a ``` code fence inside it is still open");
        tick.reset();
      } else if (auto f = tick_fence_open(text)) {
        tick = f;
        continue;
      }
      if (auto inner = block_opener(text, false)) {
        if (inner->head.name == "code") {  // a code body is literal: skip to its own fence
          std::size_t m = j + 1;
          while (m < lines.size() && !(colon_fence(lines[m].text) && *colon_fence(lines[m].text) >= inner->colons)) ++m;
          j = m;
          continue;
        }
        stack.push_back({inner->colons, inner->colons >= stack.back().colons});
        continue;
      }
      if (fence && *fence >= stack.back().colons) {
        // A fence closes the innermost container; real content closes a child as large as its
        // parent together with the parent, with one fence (a second fence then shows as stray).
        bool cascade = stack.back().same_size;
        stack.pop_back();
        if (cascade && !stack.empty()) stack.pop_back();
        if (stack.empty()) return {j, true};
      }
    }
    return {lines.size(), false};
  }

  std::size_t container(const std::vector<SourceLine>& lines, std::size_t i, const Opener& o, int chunk,
                        int parent_colons, bool top_level) {
    const auto& line = lines[i];
    int index = add_directive(DirectiveForm::container, o, line);
    if (parent_colons > 0 && o.colons >= parent_colons) out_.directives[index].same_size_nested = true;
    if (parent_colons > 0 && o.colons >= parent_colons)
      warn("directive.same-size-nesting", line, static_cast<int>(o.indent),
           "container ':" + o.head.name + "' has as many colons as the container around it; "
           "give the inner one fewer colons (Workshop Studio shows it as text)");

    std::size_t end;
    bool closed;
    if (o.head.name == "code") {
      end = i + 1;
      while (end < lines.size() && !(colon_fence(lines[end].text) && *colon_fence(lines[end].text) >= o.colons)) ++end;
      closed = end < lines.size();
    } else {
      std::tie(end, closed) = find_end(lines, i, o.colons);
    }
    if (!closed && top_level)
      warn("directive.unclosed", line, static_cast<int>(o.indent),
           "container ':" + o.head.name + "' is still open at the end of the file; closed there");

    std::vector<SourceLine> body;
    for (std::size_t j = i + 1; j < end; ++j) {
      SourceLine inner = lines[j];
      std::size_t remove = 0;
      while (remove < o.indent && remove < inner.text.size() && (inner.text[remove] == ' ' || inner.text[remove] == '\t'))
        ++remove;
      inner.text.erase(0, remove);
      inner.column_shift += static_cast<int>(remove);
      body.push_back(std::move(inner));
    }
    if (o.head.name == "code") {
      std::string literal;
      for (const auto& b : body) literal += b.text + "\n";
      out_.directives[index].literal = std::move(literal);
    } else {
      int child = scan(body, o.colons, false);
      out_.directives[index].body_chunk = child;
    }
    emit(chunk, line.text.substr(0, o.indent) + placeholder(index), line);
    return closed ? end + 1 : end;
  }

  // Replaces each inline directive `:name[label]{attrs}` on a line with a placeholder comment.
  // Code spans and escaped colons are left alone.
  std::string replace_inline(const SourceLine& line) {
    const std::string& s = line.text;
    if (s.find(':') == std::string::npos) return s;
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
      char c = s[i];
      if (c == '\\' && i + 1 < s.size()) {
        out += s.substr(i, 2);
        i += 2;
        continue;
      }
      if (c == '`') {
        std::size_t run = 0;
        while (i + run < s.size() && s[i + run] == '`') ++run;
        auto close = s.find(std::string(run, '`'), i + run);
        std::size_t stop = close == std::string::npos ? i + run : close + run;
        out += s.substr(i, stop - i);
        i = stop;
        continue;
      }
      if (c == ':' && (i == 0 || s[i - 1] != ':') && i + 1 < s.size() && s[i + 1] != ':') {
        auto head = scan_directive_head(std::string_view(s).substr(i + 1));
        if (head && (head->has_label || !head->attrs.values.empty() || !head->attrs.id.empty() ||
                     !head->attrs.classes.empty())) {
          Opener o{i, 1, *head};
          int index = add_directive(DirectiveForm::text, o, line);
          out_.directives[index].source = s.substr(i, head->length + 1);
          out += inline_placeholder(index);
          i += head->length + 1;
          continue;
        }
      }
      out += c;
      ++i;
    }
    return out;
  }
};

}  // namespace

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
      } else if (auto o = block_opener(line, false); o && o->head.name == "code") {
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

void scan_directives(const BodyText& body, const std::string& file, ParsedBody& out, DiagnosticSink& sink) {
  std::vector<SourceLine> lines;
  int n = body.first_line;
  for (auto& text : split_lines(body.text)) lines.push_back({std::move(text), n++, 0});
  Scanner scanner(file, out, sink);
  scanner.scan(lines, 0, true);
}

}  // namespace opskit
