#pragma once
// EXPLAIN's output as a tree of nodes with properties (the data explain.c's ExplainNode emits), built by
// explain.cpp for one format and printed by explain_format.cpp. Private to the planner.

#include <optional>
#include <string>
#include <vector>

#include "plan_estimate.h"
#include "planner/explain.h"

namespace lumadb::planner {

/// One property of a node; kRawLine is a text-format-only line printed as is (an AnalyzeDetail's text).
struct TreeProp {
  ExplainProp prop;
  bool raw_line = false;
};

/// One plan node as EXPLAIN shows it.
struct ExplainNode {
  std::string text_name;                 // the text format's heading: "Hash Left Join", "Seq Scan on t t_1"
  std::vector<ExplainProp> head;         // "Node Type", "Strategy", "Partial Mode", "Operation"
  std::string relationship;              // "Outer", "Inner", "InitPlan", "SubPlan", "Member"; root: empty
  std::string subplan_name;              // "InitPlan 1 (returns $0)", "CTE r"
  std::vector<ExplainProp> target;       // after "Async Capable": "Relation Name", "Alias", "Join Type"...
  std::optional<NodeEstimate> estimate;  // shown with COSTS
  bool analyzed = false;                 // ANALYZE: show actuals (a null `actuals`: never executed)
  std::optional<NodeActuals> actuals;
  std::vector<std::string> output;  // VERBOSE's "Output"
  std::vector<TreeProp> props;      // Filter, Sort Key, Rows Removed by Filter...
  std::vector<ExplainNode> children;
  bool parallel_aware = false;  // a Parallel Seq Scan: "Parallel Aware": true
};

/// Prints a tree in options.format with the summary after it (see ExplainDocument).
std::vector<std::string> FormatExplain(const ExplainNode& root, const ExplainOptions& options,
                                       const ExplainSummary& summary);

/// The text format's lines of the plan alone.
std::vector<std::string> FormatExplainText(const ExplainNode& root, const ExplainOptions& options);

}  // namespace lumadb::planner
