// INSERT ... ON CONFLICT on an automatically updatable view (rewriteHandler.c rewriteTargetView's
// ON CONFLICT part): the clause is handed to the INSERT rewritten onto the view's base relation.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "planner/view_rewrite.h"

namespace lumadb::planner {

/// Rewrites an ON CONFLICT clause in place for the view's base relation until destroyed: the arbiter
/// columns and SET targets become the base columns (base_column throws 0A000 "cannot insert into column
/// ... of view" for a computed one, as PostgreSQL does for SET too), and in SET values and the WHERE the
/// view's columns become the view's expressions over the target (named `target`), EXCLUDED's over
/// EXCLUDED. The destructor gives the clause back unchanged.
class OnConflictViewLoan {
 public:
  using BaseColumn = std::function<std::string(const std::string& name, int32_t location)>;
  OnConflictViewLoan(ast::OnConflictClause* clause, const catalog::TableInfo& view, const std::string& view_alias,
                     const std::vector<ViewColumnSource>& sources, const std::string& target,
                     const BaseColumn& base_column);
  ~OnConflictViewLoan();
  OnConflictViewLoan(const OnConflictViewLoan&) = delete;
  OnConflictViewLoan& operator=(const OnConflictViewLoan&) = delete;

  /// The attnums of the view columns the clause reads (SELECT privilege on the view).
  std::vector<int16_t> read() const;

 private:
  void Swap();

  ast::OnConflictClause* clause_;
  std::vector<std::string> infer_names_;  // while lent: the view's names; after Swap, base names swap back
  std::vector<std::string> set_names_;
  ViewColumnSubstitution excluded_;
  ViewColumnSubstitution target_;
};

}  // namespace lumadb::planner
