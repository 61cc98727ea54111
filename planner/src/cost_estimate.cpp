#include "cost_estimate.h"

#include <algorithm>
#include <cmath>

#include "plan_util.h"
#include "planner/planner_settings.h"

namespace lumadb::planner {
namespace {

constexpr double kBlockSize = 8192;
constexpr double kPageHeaderSize = 24;          // SizeOfPageHeaderData
constexpr int32_t kHeapTupleOverhead = 24 + 4;  // MAXALIGN(SizeofHeapTupleHeader) + sizeof(ItemIdData)
constexpr double kBtreeSpecialSize = 16;        // BTPageOpaqueData
constexpr double kBtreeLeafFill = 0.90;         // BTREE_DEFAULT_FILLFACTOR, as a bulk build packs leaves
constexpr double kBtreeNonLeafFill = 0.70;      // BTREE_NONLEAF_FILLFACTOR
constexpr double kBtreePageCpuMultiplier = 50;  // DEFAULT_PAGE_CPU_MULTIPLIER
constexpr int32_t kMaxEncodingLength = 4;       // pg_encoding_max_length(UTF8)

int32_t MaxAlign(int32_t n) {
  return (n + 7) & ~7;
}

/// An index's estimated size: pages (metapage included) and levels above the leaves.
struct IndexSize {
  double pages = 1;
  int height = 0;
};

IndexSize EstimateIndexSize(const catalog::TableInfo& t, const catalog::IndexInfo& index, double tuples) {
  int32_t key_width = 0;
  for (const catalog::IndexColumn& c : index.columns) key_width += ColumnWidth(t, c.attnum - 1);
  double entry = MaxAlign(8 + key_width) + 4;  // IndexTupleData + key, and its line pointer
  double usable = kBlockSize - kPageHeaderSize - kBtreeSpecialSize;
  double leaf_capacity = std::max(1.0, std::floor(usable * kBtreeLeafFill / entry));
  double inner_capacity = std::max(2.0, std::floor(usable * kBtreeNonLeafFill / entry));
  IndexSize size;
  double level = std::max(1.0, std::ceil(tuples / leaf_capacity));
  size.pages += level;
  while (level > 1) {
    level = std::ceil(level / inner_capacity);
    size.pages += level;
    ++size.height;
  }
  return size;
}

/// index_pages_fetched: heap pages touched fetching `tuples` rows in index order (Mackert and Lohman),
/// with the table's share of effective_cache_size as the buffer.
double HeapPagesFetched(double tuples, double pages, double index_pages) {
  double T = pages > 1 ? pages : 1.0;
  double total_pages = std::max(pages + index_pages, 1.0);
  double b = kEffectiveCacheSize * T / total_pages;
  b = b <= 1.0 ? 1.0 : std::ceil(b);
  double fetched;
  if (T <= b) {
    fetched = (2.0 * T * tuples) / (2.0 * T + tuples);
    return fetched >= T ? T : std::ceil(fetched);
  }
  double lim = (2.0 * T * b) / (2.0 * T - b);
  fetched = tuples <= lim ? (2.0 * T * tuples) / (2.0 * T + tuples) : b + (tuples - lim) * (T - b) / T;
  return std::ceil(fetched);
}

/// Operators evaluated per row in e: constant subexpressions are folded once at plan time in PostgreSQL,
/// and a binary-compatible cast (varchar to text) is a free RelabelType.
double OperatorCount(const BoundExpr& e) {
  if (ColumnSpan(e).first < 0 && !ContainsVolatile(e)) return 0;
  double ops = 0;
  switch (e.kind) {
    case BoundKind::kCompare:
    case BoundKind::kDistinct:
    case BoundKind::kArith:
    case BoundKind::kNegate:
    case BoundKind::kConcat:
    case BoundKind::kLike:
    case BoundKind::kFunc:
    case BoundKind::kNullIf:
    case BoundKind::kGreatest:
      ops = 1;
      break;
    case BoundKind::kCast:
      ops = IsTextLike(e.type.id) && IsTextLike(e.args[0]->type.id) ? 0 : 1;
      break;
    case BoundKind::kInList:
      ops = 0.5 * static_cast<double>(e.args.size() - 1);  // ScalarArrayOpExpr: half the list on average
      break;
    default:
      break;
  }
  for (const auto& arg : e.args) ops += OperatorCount(*arg);
  return ops;
}

}  // namespace

double ClampRowEst(double rows) {
  return rows <= 1.0 ? 1.0 : std::rint(rows);
}

int32_t TypeAvgWidth(TypeDesc type) {
  int16_t length = TypeLength(type.id);
  if (length > 0) return length;
  int32_t max_width = -1;  // type_maximum_size
  if ((type.id == TypeId::kVarchar || type.id == TypeId::kBpchar) && type.typmod > 4) {
    max_width = (type.typmod - 4) * kMaxEncodingLength + 4;
  } else if (type.id == TypeId::kNumeric && type.typmod > 4) {
    int32_t precision = ((type.typmod - 4) >> 16) & 0xffff;
    max_width = 8 + (precision + 6) / 4 * 2;  // NUMERIC_HDRSZ + base-10000 digits
  }
  if (max_width > 0) {
    if (type.id == TypeId::kBpchar || max_width <= 32) return max_width;
    return 32 + (std::min(max_width, 1000) - 32) / 2;  // a sliding guess below the maximum
  }
  return 32;
}

int32_t ColumnWidth(const catalog::TableInfo& t, int column) {
  const catalog::ColumnInfo& c = t.columns.at(column);
  if (t.statistics) {
    const catalog::ColumnStatistics* stats = t.statistics->Column(c.attnum);
    if (stats && stats->avg_width > 0) return stats->avg_width;
  }
  return TypeAvgWidth(c.type);
}

RelationSize EstimateRelationSize(const catalog::TableInfo& t) {
  RelationSize size;
  size.pages = t.relpages;
  // Never analyzed, or empty when last analyzed: assume 10 pages rather than believe the table is tiny
  // (PostgreSQL looks at the live file size; LumaDB knows pg_class's figure only).
  if (size.pages < 10 && (t.reltuples < 0 || t.relpages == 0)) size.pages = 10;
  double density;
  if (t.reltuples >= 0 && t.relpages > 0) {
    density = t.reltuples / t.relpages;
  } else {
    int32_t tuple_width = kHeapTupleOverhead;
    for (size_t i = 0; i < t.columns.size(); ++i) tuple_width += ColumnWidth(t, static_cast<int>(i));
    // Integer division, as PostgreSQL's.
    density =
        static_cast<double>(static_cast<int32_t>((kBlockSize - kPageHeaderSize) * t.fillfactor / 100) / tuple_width);
  }
  size.tuples = std::rint(density * size.pages);
  return size;
}

double QualCost(const BoundExpr* e) {
  return e ? OperatorCount(*e) * kCpuOperatorCost : 0.0;
}

Cost SeqScanCost(const RelationSize& rel, const BoundExprPtr& qual) {
  const double disable = CurrentPlannerSettings().enable_seqscan ? 0.0 : kDisableCost;
  return Cost{disable, disable + kSeqPageCost * rel.pages + (kCpuTupleCost + QualCost(qual.get())) * rel.tuples};
}

Cost IndexScanCost(const IndexScanInput& in) {
  const double index_tuples = in.rel.tuples;
  IndexSize index = EstimateIndexSize(*in.table, *in.index, index_tuples);
  // genericcostestimate: the index pages and tuples the conditions select.
  double num_index_tuples = in.unique_lookup ? 1.0 : std::rint(in.index_selectivity * index_tuples);
  num_index_tuples = std::max(1.0, std::min(num_index_tuples, index_tuples));
  double num_index_pages =
      index.pages > 1 && index_tuples > 1 ? std::ceil(num_index_tuples * index.pages / index_tuples) : 1.0;
  const double loops = std::max(1.0, in.loop_count);
  // Repeated scans of an inner side find pages cached by earlier ones: the pages all loops touch, shared out.
  double index_io = loops > 1 ? HeapPagesFetched(num_index_pages * loops, index.pages, 0) * kRandomPageCost / loops
                              : num_index_pages * kRandomPageCost;
  double index_total = index_io + num_index_tuples * (kCpuIndexTupleCost + kCpuOperatorCost * in.index_conds);
  // btcostestimate: log2(N) comparisons and 50 operator costs per level to descend.
  double descent = (index_tuples > 1 ? std::ceil(std::log2(index_tuples)) * kCpuOperatorCost : 0.0) +
                   (index.height + 1) * kBtreePageCpuMultiplier * kCpuOperatorCost;
  Cost cost;
  cost.startup = descent;
  index_total += descent;

  // cost_index: heap pages, between random fetches (uncorrelated) and one sequential sweep (correlated).
  double tuples_fetched = ClampRowEst(in.index_selectivity * in.rel.tuples);
  double max_io = loops > 1
                      ? HeapPagesFetched(tuples_fetched * loops, in.rel.pages, index.pages) * kRandomPageCost / loops
                      : HeapPagesFetched(tuples_fetched, in.rel.pages, index.pages) * kRandomPageCost;
  double min_pages = std::ceil(in.index_selectivity * in.rel.pages);
  double min_io = min_pages > 0 ? kRandomPageCost + (min_pages - 1) * kSeqPageCost : 0.0;
  double correlation = 0;
  if (in.table->statistics) {
    const auto* stats = in.table->statistics->Column(in.index->columns.at(0).attnum);
    if (stats && stats->correlation) correlation = *stats->correlation * (in.index->columns.size() > 1 ? 0.75 : 1.0);
  }
  double csquared = loops > 1 ? 0.0 : correlation * correlation;  // cost_index ignores it when repeated
  double run = max_io + csquared * (min_io - max_io) + (kCpuTupleCost + QualCost(in.filter.get())) * tuples_fetched;
  cost.total = index_total + run;
  if (!CurrentPlannerSettings().enable_indexscan) {
    cost.startup += kDisableCost;
    cost.total += kDisableCost;
  }
  return cost;
}

}  // namespace lumadb::planner
