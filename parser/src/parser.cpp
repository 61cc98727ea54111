// Parse(): runs the PEGTL grammar into a parse tree (the only instantiation of the grammar's match
// functions), reports failures through the error lexer, then hands each statement to the transformer.

#include "parser/parser.h"

#include <algorithm>
#include <string>
#include <type_traits>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "common/stack_depth.h"
#include "error_lexer.h"
#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {
namespace {

namespace pegtl = tao::pegtl;

/// The furthest byte offset at which any token was tried: where a PEG parse that failed got stuck.
struct ParseProgress {
  std::size_t furthest = 0;
};

template <typename Rule>
struct TrackAction : pegtl::nothing<Rule> {};

template <>
struct TrackAction<grammar::mark> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseProgress& progress) {
    // Every token passes here, at whatever recursion depth the grammar has reached: the place to stop
    // "((((...1" before the descent overflows the stack.
    CheckStackDepth();
    progress.furthest = std::max(progress.furthest, in.iterator().byte);
  }
};

/// Keeps the grammar's Node rules in the tree; Fold rules with a single child are replaced by it.
template <typename Rule>
struct Selector : std::conditional_t<std::is_base_of_v<grammar::Fold, Rule>, pegtl::parse_tree::fold_one,
                                     std::bool_constant<std::is_base_of_v<grammar::Node, Rule>>> {};

/// Byte length of a statement's text without the whitespace the grammar skipped after its last token.
int32_t TrimmedLength(std::string_view text) {
  std::size_t n = text.size();
  while (n > 0 && std::isspace(static_cast<unsigned char>(text[n - 1]))) --n;
  return static_cast<int32_t>(n);
}

}  // namespace

std::vector<ast::StatementPtr> Parse(std::string_view sql) {
  pegtl::memory_input in(sql.data(), sql.size(), "query");
  ParseProgress progress;
  std::unique_ptr<PNode> root;
  try {
    root = pegtl::parse_tree::parse<grammar::sql, Selector, TrackAction>(in, progress);
  } catch (const pegtl::parse_error&) {
    root = nullptr;  // the grammar has no must<>, but stay safe: report like any other failure
  }
  if (!root) ThrowSyntaxError(sql, progress.furthest);

  Transformer transformer(sql);
  std::vector<ast::StatementPtr> statements;
  for (const auto& child : root->children) {
    ast::StatementPtr stmt = transformer.Statement(*child);
    stmt->location = Transformer::Loc(*child);
    stmt->length = TrimmedLength(child->string_view());
    statements.push_back(std::move(stmt));
  }
  return statements;
}

}  // namespace lumadb::parser
