#pragma once
// Automatically updatable views (PostgreSQL 15's rewriteHandler.c view_query_is_auto_updatable,
// view_col_is_auto_updatable, rewriteTargetView and ReplaceVarsFromTargetList): which views and view
// columns INSERT, UPDATE and DELETE may pass to the view's base relation, and the substitution of view
// columns by the view's select-list expressions in the statement's own expressions.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "parser/ast.h"

namespace lumadb::txn {
class Transaction;
}

namespace lumadb::planner {

/// The DETAIL saying why the view query `q` is not automatically updatable, or nullptr when it is
/// (view_query_is_auto_updatable; the "no updatable columns" test is ViewNoUpdatableColumns').
const char* ViewNotUpdatableReason(const ast::SelectStmt& q);

/// view_col_is_auto_updatable's DETAIL for a view column that is not a plain column of the base relation.
inline constexpr const char* kViewColumnNotUpdatable =
    "View columns that are not columns of their base relation are not updatable.";

/// The DETAIL when no column of an otherwise updatable view is updatable (INSERT and UPDATE need one).
inline constexpr const char* kViewNoUpdatableColumns =
    "Views that have no updatable columns are not automatically updatable.";

/// Where each view column comes from: the select-list item (`target`, -1 for a column of a `*`) and
/// the base relation's column it is (`base_column`, empty when it is an expression, so not updatable).
struct ViewColumnSource {
  int target = -1;
  std::string base_column;
};

/// The sources of the first `width` columns of the updatable view query `q` over `base` (whose columns
/// a `*` stands for).
std::vector<ViewColumnSource> ViewColumnSources(const ast::SelectStmt& q, const catalog::TableInfo& base, size_t width);

/// The view's WITH CHECK OPTION as stored in its reloptions: "", "local" or "cascaded".
std::string ViewCheckOption(const catalog::TableInfo& view);

/// relation_is_updatable's event bits: 1 << CMD_UPDATE, 1 << CMD_INSERT, 1 << CMD_DELETE.
inline constexpr int kUpdateEvent = 1 << 2;
inline constexpr int kInsertEvent = 1 << 3;
inline constexpr int kDeleteEvent = 1 << 4;

/// rewriteHandler.c relation_is_updatable without triggers and rules: which of INSERT, UPDATE and DELETE
/// `rel` accepts (a table all, a view what automatic updating allows), considering only the columns
/// named in `columns` (null: all) for INSERT and UPDATE. Views' base relations resolve through
/// search_path.
int RelationUpdatableEvents(catalog::Catalog& catalog, txn::Transaction& txn,
                            const std::vector<std::string>& search_path, const catalog::TableInfo& rel,
                            const std::vector<std::string>* columns = nullptr, int depth = 0);

/// True if the view has security_invoker set: the relations it reads are checked for the caller, not
/// the view's owner.
bool ViewSecurityInvoker(const catalog::TableInfo& view);

/// Replaces, in the expressions given to Apply, each reference to a view column (bare, or qualified by
/// the view's name or alias) by a fresh copy of the view's expression for it, parsed from the view's
/// query text; subqueries are left alone. The destructor puts the original nodes back, so a statement
/// lent to a rewrite is unchanged afterwards.
class ViewColumnSubstitution {
 public:
  /// view: the view; alias: the name the statement gives it; sources: ViewColumnSources of its query.
  ViewColumnSubstitution(const catalog::TableInfo& view, std::string alias, std::vector<ViewColumnSource> sources);
  ~ViewColumnSubstitution();
  ViewColumnSubstitution(const ViewColumnSubstitution&) = delete;
  ViewColumnSubstitution& operator=(const ViewColumnSubstitution&) = delete;

  /// Makes the copies Apply puts in read their columns qualified by `name`, and lets only references
  /// qualified by the alias match when `qualified_only`: ON CONFLICT DO UPDATE sees the target and
  /// EXCLUDED side by side, where a bare column name would be ambiguous.
  void QualifyCopies(std::string name, bool qualified_only);
  /// Substitutes inside *slot (which must outlive this object).
  void Apply(ast::ExprPtr* slot);
  /// Substitutes a RETURNING item and names it after the view column it reads, as PostgreSQL does.
  void ApplyToItem(ast::SelectItem* item);
  /// A new copy of view column i's expression.
  ast::ExprPtr Copy(size_t i) const;
  /// The index of the view column `ref` names, or -1.
  int Find(const ast::ColumnRef& ref) const;
  /// The attnums of the view columns replaced so far (they are read: SELECT privilege).
  const std::vector<int16_t>& read() const { return read_; }

 private:
  const catalog::TableInfo& view_;
  std::string alias_;
  std::vector<ViewColumnSource> sources_;
  std::vector<std::pair<ast::ExprPtr*, ast::ExprPtr>> replaced_;  // slot, original node
  std::vector<std::string*> named_;                               // RETURNING aliases set here
  std::vector<int16_t> read_;
  std::string qualify_;  // QualifyCopies' name ("": the copies as the view has them)
  bool qualified_only_ = false;
};

}  // namespace lumadb::planner
