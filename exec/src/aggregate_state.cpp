#include "aggregate_state.h"

#include <algorithm>

#include "common/array.h"
#include "common/array_fill.h"
#include "common/error.h"
#include "common/json.h"
#include "common/value_ops.h"

namespace lumadb::exec {

using planner::AggKind;

size_t AggregateState::ValueHash::operator()(const Value& v) const {
  return HashValue(v);
}
bool AggregateState::ValueEqual::operator()(const Value& a, const Value& b) const {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();  // array_agg(DISTINCT x) keeps one NULL
  return CompareValues(a, b) == 0;
}

namespace {

// Widens an input to the accumulator type: int8 for sum(int2/int4), numeric for sum(int8) and
// avg of integers and numerics, float8 for floats (PostgreSQL's transition types).
Value Widen(const Value& v, TypeId input, AggKind kind) {
  switch (input) {
    case TypeId::kInt2:
    case TypeId::kInt4:
      return kind == AggKind::kSum ? Value::Int8(v.GetInt()) : Value::Num(Numeric::FromInt64(v.GetInt()));
    case TypeId::kInt8:
      return Value::Num(Numeric::FromInt64(v.GetInt()));
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      return Value::Float8(v.GetFloat());
    default:
      return v;
  }
}

bool IsJsonAggregate(AggKind kind) {
  return kind == AggKind::kJsonAgg || kind == AggKind::kJsonbAgg || kind == AggKind::kJsonObjectAgg ||
         kind == AggKind::kJsonbObjectAgg;
}

// json_object_agg: "{ "k" : v, ... }" of the [key, value] pairs the binder built; jsonb_object_agg: their
// jsonb object (the last of a duplicate key wins). A null key is 22023.
Value FinishObject(AggKind kind, const std::vector<Value>& pairs) {
  const bool jsonb = kind == AggKind::kJsonbObjectAgg;
  json::JsonValue object = json::JsonValue::Object();
  std::string out = "{ ";
  for (const Value& pair : pairs) {
    json::JsonValue p = json::ParseJson(pair.GetString(), jsonb);
    if (p.items[0].kind == json::JsonKind::kNull) {
      throw DbError(sqlstate::kInvalidParameterValue, "field name must not be null");
    }
    std::string key =
        p.items[0].kind == json::JsonKind::kString
            ? p.items[0].text
            : std::string(jsonb ? json::JsonbText(p.items[0]) : json::SourceText(p.items[0], pair.GetString()));
    if (jsonb) {
      object.keys.push_back(std::move(key));
      object.items.push_back(std::move(p.items[1]));
      continue;
    }
    if (out.size() > 2) out += ", ";
    json::AppendQuoted(out, key);
    out += " : ";
    out += json::SourceText(p.items[1], pair.GetString());
  }
  if (!jsonb) return Value::String(out + " }", TypeId::kJson);
  json::NormalizeJsonb(object);
  return Value::String(json::JsonbText(object), TypeId::kJsonb);
}

// json_agg: "[a, b]" of each input's to_json; jsonb_agg: the jsonb array of each input's to_jsonb.
Value FinishJson(AggKind kind, const std::vector<Value>& items) {
  if (kind == AggKind::kJsonObjectAgg || kind == AggKind::kJsonbObjectAgg) return FinishObject(kind, items);
  if (kind == AggKind::kJsonAgg) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ", ";
      // json_agg_transfn puts a line break before each later array or record.
      const TypeId t = items[i].type();
      if (i > 0 && !items[i].is_null() && (t == TypeId::kRecord || IsArrayType(t))) out += "\n ";
      out += json::ToJsonText(items[i]);
    }
    return Value::String(out + "]", TypeId::kJson);
  }
  json::JsonValue array = json::JsonValue::Array();
  for (const Value& v : items) array.items.push_back(json::ToJsonbValue(v));
  json::NormalizeJsonb(array);
  return Value::String(json::JsonbText(array), TypeId::kJsonb);
}

}  // namespace

void AggregateState::Accumulate(const Value& v, const Value& extra) {
  AggKind kind = spec_.func->kind;
  if (kind >= AggKind::kStringAgg) {
    if (spec_.distinct && !v.is_null() && !seen_.insert(v).second) return;
    AccumulateExtra(v, extra);
    return;
  }
  if (kind == AggKind::kCountStar) {
    ++count_;
    return;
  }
  if (kind == AggKind::kArrayAgg || IsJsonAggregate(kind)) {
    // array_agg and json[b]_agg keep NULL inputs (as NULL elements, as JSON nulls)
    if (spec_.distinct && !seen_.insert(v).second) return;
    ++count_;
    items_.push_back(v);
    return;
  }
  if (v.is_null()) return;
  if (spec_.distinct && !seen_.insert(v).second) return;
  ++count_;
  switch (kind) {
    case AggKind::kCount:
    case AggKind::kCountStar:
    case AggKind::kArrayAgg:
    case AggKind::kJsonAgg:
    case AggKind::kJsonbAgg:
    case AggKind::kJsonObjectAgg:
    case AggKind::kJsonbObjectAgg:
    default:  // aggregate_extra.cpp's, dispatched above
      return;
    case AggKind::kSum:
    case AggKind::kAvg: {
      if (AccumulateSum(v, kind)) return;
      Value w = Widen(v, spec_.arg->type.id, kind);
      acc_ = count_ == 1 ? w : Arithmetic(ArithOp::kAdd, acc_, w);
      return;
    }
    case AggKind::kMin:
    case AggKind::kMax: {
      int c = count_ == 1 ? 0 : CompareValues(v, acc_);
      if (count_ == 1 || (kind == AggKind::kMin ? c < 0 : c > 0)) acc_ = v;
      return;
    }
  }
}

Value AggregateState::FinishUnordered() const {
  AggKind kind = spec_.func->kind;
  if (kind >= AggKind::kStringAgg) return FinishExtra();
  if (kind == AggKind::kCount || kind == AggKind::kCountStar) return Value::Int8(count_);
  if (count_ == 0) return Value::Null(spec_.result.id);
  if (kind == AggKind::kArrayAgg) {
    // array_agg(anyarray) stacks its inputs into an array of one more dimension.
    const bool arrays = IsArrayType(spec_.arg->type.id);
    auto make = [&](const std::vector<Value>& items) {
      return arrays ? AccumulateArrays(spec_.arg->type.id, items) : MakeArray(spec_.arg->type.id, items);
    };
    // Inputs of an ORDER BY inside the call arrive in that order (Finish replays them sorted). A DISTINCT
    // aggregate without one reads its input sorted (nodeAgg.c), NULLs last.
    if (!spec_.distinct || !spec_.order.empty()) return make(items_);
    std::vector<Value> sorted = items_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Value& a, const Value& b) {
      if (a.is_null() || b.is_null()) return !a.is_null() && b.is_null();
      return CompareValues(a, b) < 0;
    });
    return make(sorted);
  }
  if (IsJsonAggregate(kind)) return FinishJson(kind, items_);
  const Value acc = SumSoFar();
  if (kind == AggKind::kAvg) {
    if (acc_.type() == TypeId::kFloat8) return Value::Float8(acc_.GetFloat() / static_cast<double>(count_));
    // interval_avg: the sum divided by the count as a float8.
    if (acc_.type() == TypeId::kInterval) {
      return Arithmetic(ArithOp::kDiv, acc_, Value::Float8(static_cast<double>(count_)));
    }
    return Value::Num(acc.GetNumeric().Div(Numeric::FromInt64(count_)));
  }
  if (kind == AggKind::kSum && spec_.result.id == TypeId::kFloat4) {
    return Value::Float4(static_cast<float>(acc_.GetFloat()));
  }
  return acc;
}

}  // namespace lumadb::exec
