// Set-returning functions in FROM (PostgreSQL's nodeFunctionscan.c): generate_series(start, stop [, step])
// over int4, int8 and numeric (utils/adt/int.c generate_series_step_int4, int8.c, numeric.c), producing
// one row at a time, and pg_stat_get_activity, the rows of pg_stat_activity.
#include "common/error.h"
#include "common/numeric.h"
#include "exec/expression_evaluator.h"
#include "executor_builders.h"

namespace lumadb::exec {

namespace {

class GenerateSeriesExecutor : public Executor {
 public:
  GenerateSeriesExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}

  void Init() override {
    done_ = true;
    std::vector<Value> args;
    for (const auto& a : plan_.args) args.push_back(Evaluate(*a, Row{}, ctx_));
    if (args.size() < 2 || args.size() > 3) {
      throw DbError(sqlstate::kUndefinedFunction, "function generate_series does not exist");
    }
    for (const auto& a : args) {
      if (a.is_null()) return;  // strict: no rows
    }
    type_ = plan_.output.empty() ? args[0].type() : plan_.output[0].type.id;
    numeric_ = type_ == TypeId::kNumeric;
    if (numeric_) {
      cur_num_ = ToNumeric(args[0]);
      stop_num_ = ToNumeric(args[1]);
      step_num_ = args.size() == 3 ? ToNumeric(args[2]) : Numeric::FromInt64(1);
      if (cur_num_.IsNaN()) throw DbError(sqlstate::kInvalidParameterValue, "start value cannot be NaN");
      if (stop_num_.IsNaN()) throw DbError(sqlstate::kInvalidParameterValue, "stop value cannot be NaN");
      if (step_num_.IsNaN()) throw DbError(sqlstate::kInvalidParameterValue, "step size cannot be NaN");
      if (cur_num_.IsInf()) throw DbError(sqlstate::kInvalidParameterValue, "start value cannot be infinity");
      if (stop_num_.IsInf()) throw DbError(sqlstate::kInvalidParameterValue, "stop value cannot be infinity");
      if (step_num_.IsInf()) throw DbError(sqlstate::kInvalidParameterValue, "step size cannot be infinity");
      if (step_num_.IsZero()) throw DbError(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
    } else {
      cur_ = args[0].GetInt();
      stop_ = args[1].GetInt();
      step_ = args.size() == 3 ? args[2].GetInt() : 1;
      if (step_ == 0) throw DbError(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
    }
    done_ = false;
  }

  bool Next(Row* out) override {
    if (done_) return false;
    PollInterrupts(ctx_);
    out->clear();
    if (numeric_) {
      int cmp = cur_num_.Compare(stop_num_);
      if (step_num_.IsNegative() ? cmp < 0 : cmp > 0) return done_ = true, false;
      out->push_back(Value::Num(cur_num_));
      cur_num_ = cur_num_.Add(step_num_);
      return true;
    }
    if (step_ > 0 ? cur_ > stop_ : cur_ < stop_) return done_ = true, false;
    out->push_back(type_ == TypeId::kInt4 ? Value::Int4(static_cast<int32_t>(cur_)) : Value::Int8(cur_));
    // Stop instead of wrapping around when the next value would overflow the type (as PostgreSQL does).
    int64_t next = 0;
    bool overflow = __builtin_add_overflow(cur_, step_, &next) ||
                    (type_ == TypeId::kInt4 && (next > INT32_MAX || next < INT32_MIN));
    if (overflow) done_ = true;
    cur_ = next;
    return true;
  }

 private:
  static Numeric ToNumeric(const Value& v) {
    return v.type() == TypeId::kNumeric ? v.GetNumeric() : Numeric::FromInt64(v.GetInt());
  }

  const planner::FunctionScanPlan& plan_;
  ExecContext& ctx_;
  TypeId type_ = TypeId::kInt4;
  bool numeric_ = false;
  bool done_ = true;
  int64_t cur_ = 0, stop_ = 0, step_ = 1;
  Numeric cur_num_, stop_num_, step_num_;
};

// pg_stat_get_activity (pg_stat_activity, or with `ssl` pg_stat_ssl): the server's sessions as they are
// when the scan starts (pgstatfuncs.c reads a snapshot of the backend status array too); no rows where no
// session is.
class ActivityExecutor : public Executor {
 public:
  ActivityExecutor(ExecContext& ctx, bool ssl) : ctx_(ctx), ssl_(ssl) {}

  void Init() override {
    planner::BackendControl* backends = ctx_.env.backends;
    rows_ = backends == nullptr ? std::vector<Row>{} : ssl_ ? backends->SslRows() : backends->ActivityRows();
    next_ = 0;
  }

  bool Next(Row* out) override {
    if (next_ >= rows_.size()) return false;
    *out = std::move(rows_[next_++]);
    return true;
  }

 private:
  ExecContext& ctx_;
  bool ssl_;
  std::vector<Row> rows_;
  size_t next_ = 0;
};

// pg_partition_ancestors: LumaDB has no partitions, and PostgreSQL returns no rows for a relation that
// is neither a partition nor partitioned.
class NoRowsExecutor : public Executor {
 public:
  void Init() override {}
  bool Next(Row*) override { return false; }
};

}  // namespace

std::unique_ptr<Executor> MakeFunctionScanExecutor(const planner::FunctionScanPlan& plan, ExecContext& ctx) {
  if (plan.function == "pg_partition_ancestors") return std::make_unique<NoRowsExecutor>();
  if (plan.function == "unnest") return MakeUnnestExecutor(plan, ctx);
  if (auto json = MakeJsonScanExecutor(plan, ctx)) return json;
  if (plan.function == "regexp_matches" || plan.function == "regexp_split_to_table" ||
      plan.function == "string_to_table") {
    return MakeRegexScanExecutor(plan, ctx);
  }
  if (plan.function == "pg_stat_get_activity") return std::make_unique<ActivityExecutor>(ctx, false);
  if (plan.function == "pg_stat_get_ssl") return std::make_unique<ActivityExecutor>(ctx, true);
  if (plan.function != "generate_series") {
    throw DbError(sqlstate::kFeatureNotSupported, "function " + plan.function + "() in FROM is not supported");
  }
  const TypeId type = plan.output.empty() ? TypeId::kInvalid : plan.output[0].type.id;
  if (type == TypeId::kTimestamp || type == TypeId::kTimestampTz) return MakeTimestampSeriesExecutor(plan, ctx);
  return std::make_unique<GenerateSeriesExecutor>(plan, ctx);
}

}  // namespace lumadb::exec
