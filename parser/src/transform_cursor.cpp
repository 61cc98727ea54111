// Transformer: PREPARE, EXECUTE, DEALLOCATE, DECLARE CURSOR, FETCH, MOVE and CLOSE (gram.y PrepareStmt,
// ExecuteStmt, DeallocateStmt, DeclareCursorStmt, FetchStmt, ClosePortalStmt; the option checks of
// analyze.c transformDeclareCursorStmt).

#include <limits>

#include "common/error.h"
#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;

namespace {

// invalid_cursor_definition (kept here: a new constant in common/sqlstate.h rebuilds every module).
constexpr SqlState kInvalidCursorDefinition{"42P11"};

// gram.y SignedIconst: a count beyond int32 is a float token there, so a syntax error at its digits.
int64_t SignedCount(const Transformer& t, const PNode& n) {
  bool negative = false;
  const PNode* digits = nullptr;
  for (const auto& c : n.children) {
    if (c->is_type<g::sign_op>()) negative = c->string_view() == "-";
    if (c->is_type<g::integer_number>()) digits = c.get();
  }
  const std::string text = digits->string();
  if (text.size() > 10 || std::stoll(text) > std::numeric_limits<int32_t>::max()) {
    throw DbError(sqlstate::kSyntaxError, "syntax error at or near \"" + text + "\"")
        .Position(t.Pos(Transformer::Loc(*digits)));
  }
  int64_t value = std::stoll(text);
  return negative ? -value : value;
}

}  // namespace

ast::StatementPtr Transformer::Prepare(const PNode& n) {
  auto stmt = std::make_unique<ast::PrepareStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::col_id>()) {
      stmt->name = Ident(*c);
    } else if (c->is_type<g::prepare_types>()) {
      for (const auto& type : c->children) stmt->types.push_back(Type(*type));
    } else {
      ast::StatementPtr query = Dispatch(*c);
      query->location = Loc(*c);
      query->length = static_cast<int32_t>(c->string_view().size());
      stmt->query = std::move(query);
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::Execute(const PNode& n) {
  auto stmt = std::make_unique<ast::ExecuteStmt>();
  stmt->name = Ident(*n.children.at(0));
  if (n.children.size() > 1) stmt->params = ExprList(*n.children[1]->children.at(0));
  return stmt;
}

ast::StatementPtr Transformer::Deallocate(const PNode& n) {
  auto stmt = std::make_unique<ast::DeallocateStmt>();
  const PNode& target = *n.children.at(0);
  stmt->all = target.is_type<g::all_word>();
  if (!stmt->all) stmt->name = Ident(target);
  return stmt;
}

ast::StatementPtr Transformer::DeclareCursor(const PNode& n) {
  auto stmt = std::make_unique<ast::DeclareCursorStmt>();
  bool asensitive = false;
  bool insensitive = false;
  for (const auto& c : n.children) {
    if (c->is_type<g::col_id>()) {
      stmt->name = Ident(*c);
    } else if (c->is_type<g::cursor_option>()) {
      const std::string word = Words(*c);
      stmt->scroll |= word == "scroll";
      stmt->no_scroll |= word == "no scroll";
      stmt->binary |= word == "binary";
      asensitive |= word == "asensitive";
      insensitive |= word == "insensitive";
    } else if (c->is_type<g::cursor_hold>()) {
      stmt->hold = Words(*c) == "with hold";
    } else {
      stmt->query = Select(*c);
    }
  }
  if (stmt->scroll && stmt->no_scroll) {
    throw DbError(kInvalidCursorDefinition, "cannot specify both SCROLL and NO SCROLL");
  }
  if (asensitive && insensitive) {
    throw DbError(kInvalidCursorDefinition, "cannot specify both ASENSITIVE and INSENSITIVE");
  }
  return stmt;
}

ast::StatementPtr Transformer::Fetch(const PNode& n) {
  using D = ast::FetchDirection;
  auto stmt = std::make_unique<ast::FetchStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::move_word>()) {
      stmt->is_move = true;
    } else if (c->is_type<g::fd_prior>() || c->is_type<g::fd_backward>()) {
      stmt->direction = D::kBackward;
    } else if (c->is_type<g::fd_first>()) {
      stmt->direction = D::kAbsolute;
    } else if (c->is_type<g::fd_last>()) {
      stmt->direction = D::kAbsolute;
      stmt->count = -1;
    } else if (c->is_type<g::fd_absolute>()) {
      stmt->direction = D::kAbsolute;
    } else if (c->is_type<g::fd_relative>()) {
      stmt->direction = D::kRelative;
    } else if (c->is_type<g::fd_count>()) {
      stmt->count = SignedCount(*this, *c);
    } else if (c->is_type<g::all_word>()) {
      stmt->count = ast::kFetchAll;
    } else if (c->is_type<g::col_id>()) {
      stmt->name = Ident(*c);
    }
  }
  // gram.y: a bare count is FORWARD n, and a negative FORWARD/BACKWARD count is kept as written (the
  // direction flips at run time, as DoPortalRunFetch does).
  return stmt;
}

ast::StatementPtr Transformer::ClosePortal(const PNode& n) {
  auto stmt = std::make_unique<ast::ClosePortalStmt>();
  const PNode& target = *n.children.at(0);
  stmt->all = target.is_type<g::all_word>();
  if (!stmt->all) stmt->name = Ident(target);
  return stmt;
}

}  // namespace lumadb::parser
