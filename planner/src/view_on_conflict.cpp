// ON CONFLICT on an updatable view (view_on_conflict.h), after rewriteHandler.c rewriteTargetView.
#include "view_on_conflict.h"

namespace lumadb::planner {

OnConflictViewLoan::OnConflictViewLoan(ast::OnConflictClause* clause, const catalog::TableInfo& view,
                                       const std::string& view_alias, const std::vector<ViewColumnSource>& sources,
                                       const std::string& target, const BaseColumn& base_column)
    : clause_(clause), excluded_(view, "excluded", sources), target_(view, view_alias, sources) {
  for (const auto& elem : clause->infer) {
    infer_names_.push_back(elem.column.empty() ? "" : base_column(elem.column, elem.location));
  }
  for (const auto& s : clause->set) set_names_.push_back(base_column(s.column, s.location));
  excluded_.QualifyCopies("excluded", true);
  target_.QualifyCopies(target, false);
  // EXCLUDED's columns first: the target's substitution then meets only the statement's own references.
  for (auto* subst : {&excluded_, &target_}) {
    for (auto& elem : clause->infer) subst->Apply(&elem.expr);
    subst->Apply(&clause->infer_where);
    for (auto& s : clause->set) {
      subst->Apply(&s.value);
      subst->Apply(&s.target);
    }
    subst->Apply(&clause->where);
  }
  Swap();
}

OnConflictViewLoan::~OnConflictViewLoan() {
  Swap();
}

void OnConflictViewLoan::Swap() {
  for (size_t i = 0; i < infer_names_.size(); ++i) {
    if (!infer_names_[i].empty()) std::swap(clause_->infer[i].column, infer_names_[i]);
  }
  for (size_t i = 0; i < set_names_.size(); ++i) std::swap(clause_->set[i].column, set_names_[i]);
}

std::vector<int16_t> OnConflictViewLoan::read() const {
  std::vector<int16_t> out = excluded_.read();
  out.insert(out.end(), target_.read().begin(), target_.read().end());
  return out;
}

}  // namespace lumadb::planner
