#include "planner/spill_stats.h"

namespace lumadb::planner {

namespace {

std::string Kb(int64_t v) {
  return std::to_string(v) + "kB";
}

ExplainProp KbProp(std::string label, int64_t v) {
  return ExplainProp::Number(std::move(label), std::to_string(v), "kB");
}

}  // namespace

AnalyzeDetail SpillStatsDetail(const SpillStats& s) {
  AnalyzeDetail d;
  switch (s.kind) {
    case SpillStats::Kind::kSort:
      d.text = "Sort Method: " + s.sort_method + "  " + (s.on_disk ? "Disk: " : "Memory: ") + Kb(s.space_kb);
      d.props = {ExplainProp::Text("Sort Method", s.sort_method), KbProp("Sort Space Used", s.space_kb),
                 ExplainProp::Text("Sort Space Type", s.on_disk ? "Disk" : "Memory")};
      break;
    case SpillStats::Kind::kHashAggregate:
      d.text = "Batches: " + std::to_string(s.batches) + "  Memory Usage: " + Kb(s.memory_kb);
      d.props = {ExplainProp::Number("HashAgg Batches", std::to_string(s.batches)),
                 KbProp("Peak Memory Usage", s.memory_kb)};
      if (s.batches > 1) {
        d.text += "  Disk Usage: " + Kb(s.disk_kb);
        d.props.push_back(KbProp("Disk Usage", s.disk_kb));
      }
      break;
    case SpillStats::Kind::kHash: {
      const bool changed = s.buckets != s.buckets_original || s.batches != s.batches_original;
      d.text = "Buckets: " + std::to_string(s.buckets) +
               (changed ? " (originally " + std::to_string(s.buckets_original) + ")" : "") +
               "  Batches: " + std::to_string(s.batches) +
               (changed ? " (originally " + std::to_string(s.batches_original) + ")" : "") +
               "  Memory Usage: " + Kb(s.memory_kb);
      d.props = {ExplainProp::Number("Hash Buckets", std::to_string(s.buckets)),
                 ExplainProp::Number("Original Hash Buckets", std::to_string(s.buckets_original)),
                 ExplainProp::Number("Hash Batches", std::to_string(s.batches)),
                 ExplainProp::Number("Original Hash Batches", std::to_string(s.batches_original)),
                 KbProp("Peak Memory Usage", s.memory_kb)};
      d.node = "Hash";
      break;
    }
  }
  return d;
}

}  // namespace lumadb::planner
