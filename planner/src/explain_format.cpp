// EXPLAIN's printers (commands/explain.c): the text format (ExplainNode's "->  " arrows and indentation)
// and the structured formats through one writer that follows ExplainOpenGroup, ExplainCloseGroup,
// ExplainProperty and ExplainPropertyList for JSON, YAML and XML, including their quoting and escaping.
#include <cstdio>

#include "common/json.h"
#include "explain_tree.h"

namespace lumadb::planner {

ExplainProp ExplainProp::Text(std::string label, std::string value) {
  return ExplainProp{std::move(label), Kind::kText, std::move(value), {}, ""};
}
ExplainProp ExplainProp::Number(std::string label, std::string value, std::string unit) {
  return ExplainProp{std::move(label), Kind::kNumber, std::move(value), {}, std::move(unit)};
}
ExplainProp ExplainProp::List(std::string label, std::vector<std::string> items) {
  return ExplainProp{std::move(label), Kind::kList, "", std::move(items), ""};
}

namespace {

std::string Fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// escape_json (utils/adt/json.c).
std::string JsonQuote(const std::string& s) {
  std::string out;
  json::AppendQuoted(out, s);
  return out;
}

// escape_xml (explain.c): only &, < and > are replaced.
std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

/// explain.c's structured output state: the document, the indentation level and the grouping stack.
class StructuredWriter {
 public:
  explicit StructuredWriter(ExplainFormat format) : format_(format) {
    if (format_ == ExplainFormat::kXml) {
      out_ = "<explain xmlns=\"http://www.postgresql.org/2009/explain\">\n";
      ++indent_;
    } else if (format_ == ExplainFormat::kJson) {
      out_ = "[";
      stack_.push_back(0);
      ++indent_;
    } else {
      stack_.push_back(0);
    }
  }
  std::string Finish() {
    if (format_ == ExplainFormat::kXml) {
      out_ += "</explain>";
    } else if (format_ == ExplainFormat::kJson) {
      out_ += "\n]";
    }
    return std::move(out_);
  }
  void Open(const std::string& objtype, const char* label, bool labeled) {
    switch (format_) {
      case ExplainFormat::kXml:
        Tag(objtype, false, true);
        break;
      case ExplainFormat::kJson:
        JsonLineEnding();
        Spaces(2 * indent_);
        if (label) out_ += JsonQuote(label) + ": ";
        out_ += labeled ? '{' : '[';
        stack_.push_back(0);
        break;
      default:
        YamlLineStarting();
        if (label) {
          out_ += std::string(label) + ": ";
          stack_.push_back(1);
        } else {
          out_ += "- ";
          stack_.push_back(0);
        }
    }
    ++indent_;
  }
  void Close(const std::string& objtype, bool labeled) {
    --indent_;
    if (format_ == ExplainFormat::kXml) return Tag(objtype, true, true);
    if (format_ == ExplainFormat::kJson) {
      out_ += '\n';
      Spaces(2 * indent_);
      out_ += labeled ? '}' : ']';
    }
    stack_.pop_back();
  }
  void Property(const ExplainProp& p) {
    const bool numeric = p.kind == ExplainProp::Kind::kNumber;
    switch (format_) {
      case ExplainFormat::kXml:
        if (p.kind == ExplainProp::Kind::kList) {
          Tag(p.label, false, true);
          for (const auto& item : p.items) {
            Spaces(2 * indent_ + 2);
            out_ += "<Item>" + XmlEscape(item) + "</Item>\n";
          }
          return Tag(p.label, true, true);
        }
        Spaces(2 * indent_);
        Tag(p.label, false, false);
        out_ += numeric ? p.value : XmlEscape(p.value);
        Tag(p.label, true, false);
        out_ += '\n';
        return;
      case ExplainFormat::kJson:
        JsonLineEnding();
        Spaces(2 * indent_);
        out_ += JsonQuote(p.label) + ": ";
        if (p.kind != ExplainProp::Kind::kList) {
          out_ += numeric ? p.value : JsonQuote(p.value);
          return;
        }
        out_ += '[';
        for (size_t i = 0; i < p.items.size(); ++i) out_ += (i ? ", " : "") + JsonQuote(p.items[i]);
        out_ += ']';
        return;
      default:
        YamlLineStarting();
        if (p.kind != ExplainProp::Kind::kList) {
          out_ += p.label + ": " + (numeric ? p.value : JsonQuote(p.value));
          return;
        }
        out_ += p.label + ": ";
        for (const auto& item : p.items) {
          out_ += '\n';
          Spaces(2 * indent_ + 2);
          out_ += "- " + JsonQuote(item);
        }
    }
  }

 private:
  void Spaces(int n) { out_.append(static_cast<size_t>(n), ' '); }
  void JsonLineEnding() {
    if (stack_.back() != 0) out_ += ',';
    stack_.back() = 1;
    out_ += '\n';
  }
  void YamlLineStarting() {
    if (stack_.back() == 0) {
      stack_.back() = 1;
    } else {
      out_ += '\n';
      Spaces(2 * indent_);
    }
  }
  // ExplainXMLTag: spaces in the name become dashes; `block` tags get their own indented line.
  void Tag(const std::string& name, bool closing, bool block) {
    if (block) Spaces(2 * indent_);
    out_ += closing ? "</" : "<";
    for (char c : name) out_ += c == ' ' ? '-' : c;
    out_ += '>';
    if (block) out_ += '\n';
  }

  ExplainFormat format_;
  std::string out_;
  int indent_ = 0;
  std::vector<int> stack_;
};

// The ANALYZE figures of a node as explain.c's ExplainNode prints them (averaged per loop).
struct Averages {
  double startup, total, rows, loops;
};
Averages Average(const ExplainNode& n) {
  if (!n.actuals || n.actuals->loops == 0) return {0, 0, 0, 0};
  const NodeActuals& a = *n.actuals;
  return {a.startup_ms / a.loops, a.total_ms / a.loops, a.rows / a.loops, a.loops};
}

void StructuredNode(const ExplainNode& n, const ExplainOptions& options, StructuredWriter* w, bool root) {
  w->Open("Plan", root ? "Plan" : nullptr, true);
  for (const auto& p : n.head) w->Property(p);
  if (!n.relationship.empty()) w->Property(ExplainProp::Text("Parent Relationship", n.relationship));
  if (!n.subplan_name.empty()) w->Property(ExplainProp::Text("Subplan Name", n.subplan_name));
  w->Property(ExplainProp::Number("Parallel Aware", n.parallel_aware ? "true" : "false"));
  w->Property(ExplainProp::Number("Async Capable", "false"));
  for (const auto& p : n.target) w->Property(p);
  if (options.costs && n.estimate) {
    w->Property(ExplainProp::Number("Startup Cost", Fixed(n.estimate->cost.startup, 2)));
    w->Property(ExplainProp::Number("Total Cost", Fixed(n.estimate->cost.total, 2)));
    w->Property(ExplainProp::Number("Plan Rows", Fixed(n.estimate->rows, 0)));
    w->Property(ExplainProp::Number("Plan Width", std::to_string(n.estimate->width())));
  }
  if (n.analyzed) {
    const Averages a = Average(n);
    if (options.timing) {
      w->Property(ExplainProp::Number("Actual Startup Time", Fixed(a.startup, 3)));
      w->Property(ExplainProp::Number("Actual Total Time", Fixed(a.total, 3)));
    }
    w->Property(ExplainProp::Number("Actual Rows", Fixed(a.rows, 0)));
    w->Property(ExplainProp::Number("Actual Loops", Fixed(a.loops, 0)));
  }
  if (options.verbose && !n.output.empty()) w->Property(ExplainProp::List("Output", n.output));
  for (const auto& p : n.props) {
    if (!p.raw_line) w->Property(p.prop);
  }
  if (!n.children.empty()) {
    w->Open("Plans", "Plans", false);
    for (const auto& c : n.children) StructuredNode(c, options, w, false);
    w->Close("Plans", false);
  }
  w->Close("Plan", true);
}

std::string TextValue(const ExplainProp& p) {
  if (p.kind == ExplainProp::Kind::kList) return Join(p.items);
  return p.unit.empty() ? p.value : p.value + " " + p.unit;
}

// ExplainNode's text layout: es->indent counts two-space steps; a child's "->  " adds two steps more.
void TextNode(const ExplainNode& n, const ExplainOptions& options, int indent, std::vector<std::string>* lines) {
  if (!n.subplan_name.empty()) {
    lines->push_back(std::string(2 * indent, ' ') + n.subplan_name);
    ++indent;
  }
  std::string line;
  if (indent > 0) {
    line = std::string(2 * indent, ' ') + "->  ";
    indent += 2;
  }
  line += n.text_name;
  if (options.costs && n.estimate) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "  (cost=%.2f..%.2f rows=%.0f width=%d)", n.estimate->cost.startup,
                  n.estimate->cost.total, n.estimate->rows, n.estimate->width());
    line += buf;
  }
  if (n.analyzed) {
    const Averages a = Average(n);
    char buf[160];
    if (a.loops == 0) {
      std::snprintf(buf, sizeof buf, " (never executed)");
    } else if (options.timing) {
      std::snprintf(buf, sizeof buf, " (actual time=%.3f..%.3f rows=%.0f loops=%.0f)", a.startup, a.total, a.rows,
                    a.loops);
    } else {
      std::snprintf(buf, sizeof buf, " (actual rows=%.0f loops=%.0f)", a.rows, a.loops);
    }
    line += buf;
  }
  lines->push_back(std::move(line));
  ++indent;
  const std::string pad(2 * indent, ' ');
  if (options.verbose && !n.output.empty()) lines->push_back(pad + "Output: " + Join(n.output));
  for (const auto& p : n.props) {
    lines->push_back(pad + (p.raw_line ? p.prop.value : p.prop.label + ": " + TextValue(p.prop)));
  }
  for (const auto& c : n.children) TextNode(c, options, indent, lines);
}

}  // namespace

std::vector<std::string> FormatExplainText(const ExplainNode& root, const ExplainOptions& options) {
  std::vector<std::string> lines;
  TextNode(root, options, 0, &lines);
  return lines;
}

std::vector<std::string> FormatExplain(const ExplainNode& root, const ExplainOptions& options,
                                       const ExplainSummary& summary) {
  if (options.format == ExplainFormat::kText) {
    std::vector<std::string> lines = FormatExplainText(root, options);
    if (options.settings && !summary.settings.empty()) {
      std::string text;
      for (const auto& [name, value] : summary.settings) {
        text += (text.empty() ? "" : ", ") + name + " = '" + value + "'";
      }
      lines.push_back("Settings: " + text);
    }
    if (summary.planning_ms) lines.push_back("Planning Time: " + Fixed(*summary.planning_ms, 3) + " ms");
    if (summary.execution_ms) lines.push_back("Execution Time: " + Fixed(*summary.execution_ms, 3) + " ms");
    return lines;
  }
  StructuredWriter w(options.format);
  w.Open("Query", nullptr, true);
  StructuredNode(root, options, &w, true);
  if (options.settings) {
    w.Open("Settings", "Settings", true);
    for (const auto& [name, value] : summary.settings) w.Property(ExplainProp::Text(name, value));
    w.Close("Settings", true);
  }
  if (summary.planning_ms) w.Property(ExplainProp::Number("Planning Time", Fixed(*summary.planning_ms, 3)));
  if (options.analyze) {
    w.Open("Triggers", "Triggers", false);
    w.Close("Triggers", false);
  }
  if (summary.execution_ms) w.Property(ExplainProp::Number("Execution Time", Fixed(*summary.execution_ms, 3)));
  w.Close("Query", true);
  return {w.Finish()};
}

}  // namespace lumadb::planner
