#include "parse/directive_blocks.hpp"

#include <algorithm>
#include <optional>

#include "load/limits.hpp"
#include "parse/block_lines.hpp"
#include "parse/directive_registry.hpp"
#include "parse/directive_syntax.hpp"
#include "parse/indented_code.hpp"
#include "support/strings.hpp"

namespace opskit {

namespace {

struct SourceLine {
  std::string text;
  int file_line = 0;
  int column_shift = 0;      // file column of text[0], less one
  std::string quote_prefix;  // the block quote markers taken off the front ("> "), written back on emit
};

// `>` after at most three spaces, and one space after it: the bytes a block quote marker takes,
// 0 when the line does not start one.
std::size_t quote_prefix_length(std::string_view line) {
  std::size_t n = 0;
  while (n < 3 && n < line.size() && line[n] == ' ') ++n;
  if (n >= line.size() || line[n] != '>') return 0;
  ++n;
  if (n < line.size() && line[n] == ' ') ++n;
  return n;
}

class Scanner {
 public:
  Scanner(const std::string& file, ParsedBody& out, DiagnosticSink& sink) : file_(file), out_(out), sink_(sink) {}

  int scan(const std::vector<SourceLine>& lines, int parent_colons, bool top_level) {
    int chunk_index = static_cast<int>(out_.chunks.size());
    out_.chunks.emplace_back();
    scan_lines(lines, chunk_index, parent_colons, top_level);
    return chunk_index;
  }

 private:
  const std::string& file_;
  ParsedBody& out_;
  DiagnosticSink& sink_;
  int depth_ = 0;
  bool too_deep_reported_ = false;

  // Scans lines into the chunk: a block quote's lines are scanned again without their '>'
  // (and written back with it), so that block directives work inside quotes.
  void scan_lines(const std::vector<SourceLine>& lines, int chunk_index, int parent_colons, bool top_level) {
    // Containers and quotes nest by recursion; beyond the limit container openers are text (and
    // reported once), and quotes are not looked into, which keeps the stack and the work per
    // line bounded.
    struct Depth {
      int& d;
      explicit Depth(int& depth) : d(++depth) {}
      ~Depth() { --d; }
    } depth(depth_);
    std::optional<TickFence> tick;
    IndentedCode indented;
    std::size_t i = 0;
    while (i < lines.size()) {
      const auto& line = lines[i];
      if (tick) {
        if (tick_fence_closes(line.text, *tick)) tick.reset();
        emit(chunk_index, line.text, line);
        ++i;
        continue;
      }
      if (indented.next(line.text)) {  // code as written: no directive, no fence
        emit(chunk_index, line.text, line);
        ++i;
        continue;
      }
      if (quote_prefix_length(line.text) && depth_ <= limits::kDirectiveDepth) {
        std::vector<SourceLine> quoted;
        for (; i < lines.size() && quote_prefix_length(lines[i].text); ++i) {
          if (!quoted.empty()) indented.next(lines[i].text);  // the first was fed above
          auto n = quote_prefix_length(lines[i].text);
          quoted.push_back({lines[i].text.substr(n), lines[i].file_line, lines[i].column_shift + static_cast<int>(n),
                            lines[i].quote_prefix + lines[i].text.substr(0, n)});
        }
        scan_lines(quoted, chunk_index, parent_colons, false);
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
  }

  void warn(const std::string& rule, const SourceLine& line, int offset, const std::string& message) {
    sink_.report(rule, Severity::warning, file_, line.file_line, line.column_shift + offset + 1, message);
  }

  void emit(int chunk, const std::string& text, const SourceLine& line) {
    auto& c = out_.chunks[chunk];
    c.markdown += line.quote_prefix;
    c.markdown += text;
    c.markdown += '\n';
    c.file_line.push_back(line.file_line);
    c.column_shift.push_back(line.column_shift - static_cast<int>(line.quote_prefix.size()));
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
    if (o.head.has_label && !directive_body_is_literal(o.head.name)) {
      // The label is Markdown of its own: a chunk, so that its links and images are checked.
      int label_column = static_cast<int>(o.indent) + o.colons + static_cast<int>(o.head.name.size()) + 1;
      SourceLine label{o.head.label, line.file_line, line.column_shift + label_column, ""};
      int chunk = scan({label}, 0, false);
      out_.directives[index].label_chunk = chunk;
    }
    return index;
  }

  // Where the container opened at lines[start] ends: the index of its closing fence, or
  // lines.size() when it runs to the end of the range. As in remark-directive, a container ends
  // at the first later line that is a fence with at least as many colons as its opener, whatever
  // is open inside it: containers nested in it (a `:::code` too) close with it, and so does a
  // ``` fence (with a warning, since the author meant the code to go on).
  std::pair<std::size_t, bool> find_end(const std::vector<SourceLine>& lines, std::size_t start, int colons) {
    // The containers open inside this one, only to know which ``` fences are open: a smaller
    // fence closes the outermost of them it is large enough for, and all inside it.
    struct Open {
      int colons;
      bool code;  // a :::code body is literal: no fence or opener inside it counts
    };
    std::vector<Open> inner;
    std::optional<TickFence> tick;
    std::size_t tick_depth = 0;  // how many inner containers were open when the ``` opened
    for (std::size_t j = start + 1; j < lines.size(); ++j) {
      const auto& text = lines[j].text;
      auto fence = colon_fence(text);
      if (fence && *fence >= colons) {
        if (tick)
          warn("directive.fence-in-code", lines[j], static_cast<int>(indent_length(text)),
               "container closed while a ``` code fence inside it is still open");
        return {j, true};
      }
      if (fence) {
        auto closed = std::find_if(inner.begin(), inner.end(), [&](const Open& o) { return *fence >= o.colons; });
        if (closed != inner.end()) {
          inner.erase(closed, inner.end());
          if (tick && tick_depth > inner.size()) tick.reset();
          continue;
        }
      }
      if (tick) {
        if (tick_fence_closes(text, *tick)) tick.reset();
        continue;
      }
      if (!inner.empty() && inner.back().code) continue;
      if (auto f = tick_fence_open(text)) {
        tick = f;
        tick_depth = inner.size();
        continue;
      }
      if (auto opener = block_opener(text, false)) inner.push_back({opener->colons, directive_body_is_literal(opener->head.name)});
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
    if (directive_body_is_literal(o.head.name)) {
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
      inner.quote_prefix.clear();  // a container's body is a document of its own, inside the quote
      std::size_t remove = 0;
      while (remove < o.indent && remove < inner.text.size() && (inner.text[remove] == ' ' || inner.text[remove] == '\t'))
        ++remove;
      inner.text.erase(0, remove);
      inner.column_shift += static_cast<int>(remove);
      body.push_back(std::move(inner));
    }
    if (directive_body_is_literal(o.head.name)) {
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

void scan_directives(const BodyText& body, const std::string& file, ParsedBody& out, DiagnosticSink& sink) {
  std::vector<SourceLine> lines;
  int n = body.first_line;
  for (auto& text : split_lines(body.text)) lines.push_back({std::move(text), n++, 0, ""});
  Scanner scanner(file, out, sink);
  scanner.scan(lines, 0, true);
}

}  // namespace opskit
