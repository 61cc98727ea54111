#include "planner/spill_stats.h"

namespace lumadb::planner {

std::vector<std::string> SpillStatsText(const SpillStats& s) {
  const auto kb = [](int64_t v) { return std::to_string(v) + "kB"; };
  switch (s.kind) {
    case SpillStats::Kind::kSort:
      return {"Sort Method: " + s.sort_method + "  " + (s.on_disk ? "Disk: " : "Memory: ") + kb(s.space_kb)};
    case SpillStats::Kind::kHashAggregate: {
      std::string line = "Batches: " + std::to_string(s.batches) + "  Memory Usage: " + kb(s.memory_kb);
      if (s.batches > 1) line += "  Disk Usage: " + kb(s.disk_kb);
      return {line};
    }
    case SpillStats::Kind::kHash:
      if (s.buckets != s.buckets_original || s.batches != s.batches_original) {
        return {"Buckets: " + std::to_string(s.buckets) + " (originally " + std::to_string(s.buckets_original) +
                ")  Batches: " + std::to_string(s.batches) + " (originally " + std::to_string(s.batches_original) +
                ")  Memory Usage: " + kb(s.memory_kb)};
      }
      return {"Buckets: " + std::to_string(s.buckets) + "  Batches: " + std::to_string(s.batches) +
              "  Memory Usage: " + kb(s.memory_kb)};
  }
  return {};
}

}  // namespace lumadb::planner
