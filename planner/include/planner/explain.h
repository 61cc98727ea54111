#pragma once
// EXPLAIN's options, the figures EXPLAIN ANALYZE measured, and the printers (commands/explain.c): the text
// format and the structured JSON, YAML and XML formats, with PostgreSQL's labels, order and layout.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lumadb::planner {

struct PlanNode;

enum class ExplainFormat { kText, kJson, kYaml, kXml };

/// EXPLAIN's options (ExplainState). The first three keep their order: tests brace-initialise them.
struct ExplainOptions {
  bool costs = true;
  bool verbose = false;
  bool analyze = false;
  bool timing = true;    // ANALYZE's actual times (else rows and loops only)
  bool summary = false;  // Planning Time / Execution Time lines; defaults to analyze
  bool buffers = false;
  bool settings = false;
  bool wal = false;
  ExplainFormat format = ExplainFormat::kText;
};

/// One property as explain.c's ExplainProperty* emits it: a quoted text, a bare number or Boolean, or a
/// list of texts ("Sort Key": ["a", "b"]).
struct ExplainProp {
  enum class Kind { kText, kNumber, kList };
  std::string label;
  Kind kind = Kind::kText;
  std::string value;               // kText, kNumber (already formatted)
  std::vector<std::string> items;  // kList
  std::string unit;                // the text format's unit after a number ("ms", "kB"); may be empty

  static ExplainProp Text(std::string label, std::string value);
  static ExplainProp Number(std::string label, std::string value, std::string unit = "");
  static ExplainProp List(std::string label, std::vector<std::string> items);
};

/// A node's extra ANALYZE output that an executor reports (Sort Method, Hash Batches, Memory Usage): the
/// text format's line ("Sort Method: quicksort  Memory: 25kB") and the same figures as structured
/// properties ("Sort Method", "Sort Space Used", "Sort Space Type"), as explain.c's show_sort_info.
struct AnalyzeDetail {
  std::string text;
  std::vector<ExplainProp> props;
  /// Where it shows: empty for the node itself; "Hash" for the Hash node EXPLAIN shows under a hash join
  /// (whose executor builds the hash table itself).
  std::string node;
};

/// What EXPLAIN ANALYZE measured for one plan node (PostgreSQL's Instrumentation after InstrEndLoop),
/// summed over its loops (each Init of an executor of the node is one loop, once it produced a call).
/// Times in milliseconds; the printers divide by loops as explain.c does.
struct NodeActuals {
  double startup_ms = 0;  // time to the first row of each loop, summed
  double total_ms = 0;
  double rows = 0;
  double loops = 0;
  double filtered1 = 0;  // rows a scan's or Filter's qual rejected ("Rows Removed by Filter"), or a join's
                         // join filter rejected ("Rows Removed by Join Filter")
  std::vector<AnalyzeDetail> details;
};

/// The measured figures of a node; null when it was not measured (no executor of it ran at all).
using ActualsLookup = std::function<const NodeActuals*(const PlanNode&)>;

/// What follows the plan (ExplainPrintSettings, ExplainOnePlan's summary lines).
struct ExplainSummary {
  std::vector<std::pair<std::string, std::string>> settings;  // changed planner settings, name -> value
  std::optional<double> planning_ms;
  std::optional<double> execution_ms;
};

/// The plan's text format, one line per entry, e.g. {"Index Scan using t_pkey on t", "  Index Cond: (id =
/// 1)"}, without the summary. With options.analyze each node line gets its actual figures from `actuals`.
std::vector<std::string> ExplainText(const PlanNode& plan, const ExplainOptions& options,
                                     const ActualsLookup& actuals = nullptr);

/// EXPLAIN's whole result in options.format: the text format as one row per line, the other formats as a
/// single row holding the document (ExplainQuery's do_text_output_multiline / _oneline).
std::vector<std::string> ExplainDocument(const PlanNode& plan, const ExplainOptions& options,
                                         const ActualsLookup& actuals, const ExplainSummary& summary);

}  // namespace lumadb::planner
