// Set-returning functions in the select list (parser/parse_func.c check_srf_call_placement, the planner's
// ProjectSet from optimizer/util/tlist.c split_pathtarget_at_srfs): each call becomes a ProjectSet column
// and the select-list expression references that column.
#include <string_view>
#include <utility>

#include "planner/binder.h"

namespace lumadb::planner {

Binder::SrfContext::SrfContext(Binder* b, SetFunctions* sink, const char* clause, size_t base)
    : b_(b), sink_(b->srf_sink_), clause_(b->srf_clause_), base_(b->srf_base_) {
  b->srf_sink_ = sink;
  b->srf_clause_ = clause;
  b->srf_base_ = base;
}

Binder::SrfContext::~SrfContext() {
  b_->srf_sink_ = sink_;
  b_->srf_clause_ = clause_;
  b_->srf_base_ = base_;
}

BoundExprPtr Binder::BindSelectListSetFunction(const ast::FuncCall& f, const Scope& scope) {
  const std::string& name = f.name.back();
  if (!srf_sink_) {
    // By text, not address: each translation unit may have its own copy of the literal (unmerged at -O0).
    if (srf_clause_ != nullptr && std::string_view(srf_clause_) == kSrfInAggregate) {
      throw Error(sqlstate::kFeatureNotSupported,
                  "aggregate function calls cannot contain set-returning function calls", f.location)
          .Hint("You might be able to move the set-returning function into a LATERAL FROM item.");
    }
    if (srf_clause_) {
      DbError e = Error(sqlstate::kFeatureNotSupported,
                        std::string("set-returning functions are not allowed in ") + srf_clause_, f.location);
      const std::string_view clause = srf_clause_;
      if (clause == "CASE" || clause == "COALESCE") {
        e.Hint("You might be able to move the set-returning function into a LATERAL FROM item.");
      }
      throw e;
    }
    throw Error(sqlstate::kFeatureNotSupported,
                "set-returning functions are only supported in FROM and the select list", f.location);
  }
  SetFunctions* sink = srf_sink_;
  std::vector<BoundExprPtr> args;
  {
    // A set-returning call in another one's arguments needs a second ProjectSet level.
    SrfContext nested(this, nullptr, nullptr);
    for (const auto& a : f.args) args.push_back(BindExpr(*a, scope));
  }
  Scope columns;
  PlanPtr plan = BindSetFunction(ast::TableRef{}, f, std::move(args), &columns);
  sink->push_back(std::static_pointer_cast<const FunctionScanPlan>(plan));
  // A function of several columns (json_each), or returning its base's row type even of one column
  // (json[b]_populate_recordset), gives one record of them (exec's ProjectSet builds it).
  const bool record = plan->output.size() != 1 || name.ends_with("populate_recordset");
  const TypeDesc type = record ? TypeDesc{TypeId::kRecord, -1} : plan->output[0].type;
  return MakeColumn(static_cast<int>(srf_base_ + sink->size() - 1), type, name, f.location);
}

}  // namespace lumadb::planner
