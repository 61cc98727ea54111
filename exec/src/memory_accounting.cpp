#include "memory_accounting.h"

#include "aggregate_state.h"
#include "common/array.h"

namespace lumadb::exec {

namespace {

// std::string keeps up to 15 bytes inline (libstdc++'s short string buffer).
constexpr size_t kInlineStringBytes = 15;
// A numeric's digit vector: Numeric keeps base-10^4 digits on the heap; a typical value has a few.
constexpr size_t kNumericHeapBytes = 16;

bool HoldsString(TypeId t) {
  switch (t) {
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kName:
    case TypeId::kUnknown:
    case TypeId::kBytea:
    case TypeId::kJson:
    case TypeId::kJsonb:
    case TypeId::kUuid:
      return true;
    default:
      return false;
  }
}

}  // namespace

size_t ValueHeapBytes(const Value& v) {
  if (v.is_null()) return 0;
  const TypeId t = v.type();
  if (HoldsString(t)) {
    const size_t capacity = v.GetString().capacity();
    return capacity > kInlineStringBytes ? capacity + 1 : 0;
  }
  if (t == TypeId::kNumeric) return kNumericHeapBytes;
  if (IsArrayType(t)) {
    const Array& a = v.GetArray();
    size_t bytes = sizeof(Array) + (a.dims.size() + a.lbounds.size()) * sizeof(int32_t);
    for (const Value& item : a.items) bytes += sizeof(Value) + ValueHeapBytes(item);
    return bytes;
  }
  return 0;
}

size_t RowBytes(const Row& row) {
  size_t bytes = sizeof(Row) + row.capacity() * sizeof(Value);
  for (const Value& v : row) bytes += ValueHeapBytes(v);
  return bytes;
}

bool AggregateState::Grows() const {
  if (spec_.distinct || !spec_.order.empty()) return true;
  switch (spec_.func->kind) {
    case planner::AggKind::kArrayAgg:
    case planner::AggKind::kJsonAgg:
    case planner::AggKind::kJsonbAgg:
    case planner::AggKind::kJsonObjectAgg:
    case planner::AggKind::kJsonbObjectAgg:
    case planner::AggKind::kStringAgg:
    case planner::AggKind::kPercentileCont:
    case planner::AggKind::kPercentileDisc:
    case planner::AggKind::kMode:
      return true;
    default:
      return false;
  }
}

size_t AggregateState::MemoryBytes() const {
  // Element sizes only: walking every kept value per row would make accounting cost O(n^2).
  constexpr size_t kSetNodeBytes = sizeof(Value) + 2 * sizeof(void*);
  size_t bytes = sizeof(AggregateState) + ValueHeapBytes(acc_) + ValueHeapBytes(sum_squares_);
  bytes += seen_.size() * kSetNodeBytes + seen_.bucket_count() * sizeof(void*);
  bytes += items_.capacity() * sizeof(Value) + text_.capacity();
  bytes += ordered_.capacity() * sizeof(ordered_[0]);
  return bytes;
}

}  // namespace lumadb::exec
