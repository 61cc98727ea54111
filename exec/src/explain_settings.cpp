// EXPLAIN (SETTINGS) (explain.c ExplainPrintSettings, guc.c get_explain_guc_options): the settings marked
// GUC_EXPLAIN in PostgreSQL 15 whose value differs from the built-in default.
#include <utility>

#include "ddl.h"

namespace lumadb::exec {

namespace {

/// PostgreSQL 15's GUC_EXPLAIN settings with their boot values as SHOW prints them, in guc.c's name order.
constexpr std::pair<const char*, const char*> kPlannerSettings[] = {
    {"constraint_exclusion", "partition"},
    {"cpu_index_tuple_cost", "0.005"},
    {"cpu_operator_cost", "0.0025"},
    {"cpu_tuple_cost", "0.01"},
    {"cursor_tuple_fraction", "0.1"},
    {"default_statistics_target", "100"},
    {"effective_cache_size", "4GB"},
    {"effective_io_concurrency", "1"},
    {"enable_async_append", "on"},
    {"enable_bitmapscan", "on"},
    {"enable_gathermerge", "on"},
    {"enable_hashagg", "on"},
    {"enable_hashjoin", "on"},
    {"enable_incremental_sort", "on"},
    {"enable_indexonlyscan", "on"},
    {"enable_indexscan", "on"},
    {"enable_material", "on"},
    {"enable_memoize", "on"},
    {"enable_mergejoin", "on"},
    {"enable_nestloop", "on"},
    {"enable_parallel_append", "on"},
    {"enable_parallel_hash", "on"},
    {"enable_partition_pruning", "on"},
    {"enable_partitionwise_aggregate", "off"},
    {"enable_partitionwise_join", "off"},
    {"enable_seqscan", "on"},
    {"enable_sort", "on"},
    {"enable_tidscan", "on"},
    {"force_parallel_mode", "off"},
    {"from_collapse_limit", "8"},
    {"geqo", "on"},
    {"geqo_effort", "5"},
    {"geqo_generations", "0"},
    {"geqo_pool_size", "0"},
    {"geqo_seed", "0"},
    {"geqo_selection_bias", "2"},
    {"geqo_threshold", "12"},
    {"hash_mem_multiplier", "2"},
    {"jit", "on"},
    {"jit_above_cost", "100000"},
    {"jit_inline_above_cost", "500000"},
    {"jit_optimize_above_cost", "500000"},
    {"join_collapse_limit", "8"},
    {"max_parallel_workers", "8"},
    {"max_parallel_workers_per_gather", "2"},
    {"min_parallel_index_scan_size", "512kB"},
    {"min_parallel_table_scan_size", "8MB"},
    {"parallel_leader_participation", "on"},
    {"parallel_setup_cost", "1000"},
    {"parallel_tuple_cost", "0.1"},
    {"plan_cache_mode", "auto"},
    {"random_page_cost", "4"},
    {"recursive_worktable_factor", "10"},
    {"search_path", "\"$user\", public"},
    {"seq_page_cost", "1"},
    {"temp_tablespaces", ""},
    {"work_mem", "4MB"},
};

}  // namespace

std::vector<std::pair<std::string, std::string>> ChangedPlannerSettings(const SessionContext& ctx) {
  std::vector<std::pair<std::string, std::string>> changed;
  if (!ctx.get_setting) return changed;
  for (const auto& [name, boot] : kPlannerSettings) {
    std::string value;
    try {
      value = ctx.get_setting(name);
    } catch (const DbError&) {
      continue;  // a setting this server does not have keeps its default
    }
    if (value != boot) changed.emplace_back(name, std::move(value));
  }
  return changed;
}

}  // namespace lumadb::exec
