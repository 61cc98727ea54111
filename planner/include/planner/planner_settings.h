#pragma once
// The session's planner method settings (PostgreSQL's enable_* GUCs, costsize.c), which the planner reads
// while it chooses scans and joins. They live per thread, as a session runs on one thread: exec installs
// the session's values for the duration of each planning call (PlannerSettingsScope).

#include <functional>
#include <string>
#include <string_view>

namespace lumadb::planner {

/// enable_hashjoin & co. A disabled method is not forbidden but charged disable_cost (1e10) on startup, so
/// it is chosen only when nothing else can do the job (costsize.c).
struct PlannerSettings {
  bool enable_hashjoin = true;
  bool enable_mergejoin = true;
  bool enable_nestloop = true;
  bool enable_sort = true;
  bool enable_seqscan = true;
  bool enable_indexscan = true;
  /// Parallel query (costsize.c, allpaths.c compute_parallel_worker); 0 workers per gather disables it.
  int max_parallel_workers_per_gather = 2;
  int max_parallel_workers = 8;
  double parallel_setup_cost = 1000;
  double parallel_tuple_cost = 0.1;
  double min_parallel_table_scan_size = 1024;  // pages (8MB)
};

/// The settings as the session has them, read through `get_setting` (SHOW's value by name); all enabled
/// when get_setting is null.
PlannerSettings ReadPlannerSettings(const std::function<std::string(std::string_view)>& get_setting);

/// costsize.c's disable_cost.
inline constexpr double kDisableCost = 1.0e10;

/// The settings installed for this thread (all methods enabled when none are).
const PlannerSettings& CurrentPlannerSettings();

/// Installs `settings` for this thread until destroyed, then restores the previous ones.
class PlannerSettingsScope {
 public:
  explicit PlannerSettingsScope(const PlannerSettings& settings);
  ~PlannerSettingsScope();
  PlannerSettingsScope(const PlannerSettingsScope&) = delete;
  PlannerSettingsScope& operator=(const PlannerSettingsScope&) = delete;

 private:
  const PlannerSettings* previous_;
  PlannerSettings settings_;
};

}  // namespace lumadb::planner
