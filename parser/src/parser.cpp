// Parse(): runs the PEGTL grammar into a parse tree (the only instantiation of the grammar's match
// functions; the tree is built by TreeControl, parse_tree_builder.h), reports failures through the error
// lexer, then hands each statement to the transformer.

#include "parser/parser.h"

#include <algorithm>
#include <string>
#include <type_traits>

#include "common/stack_depth.h"
#include "error_lexer.h"
#include "grammar/statement.hpp"
#include "parse_tree_builder.h"
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
    progress.furthest = std::max(progress.furthest, static_cast<std::size_t>(in.begin() - in.input().begin()));
  }
};

/// Keeps the grammar's Node rules in the tree; Fold rules with a single child are replaced by it.
template <typename Rule>
struct Selector : std::conditional_t<std::is_base_of_v<grammar::Fold, Rule>, pegtl::parse_tree::fold_one,
                                     std::bool_constant<std::is_base_of_v<grammar::Node, Rule>>> {};

/// The calling thread's TreeState for one Parse, kept between parses so that its nodes and stacks are
/// reused; a nested Parse (the transformer runs none today) gets a fresh one.
class ThreadTreeState {
 public:
  ThreadTreeState() : was_busy_(busy_) {
    if (busy_) nested_ = std::make_unique<TreeState>();
    busy_ = true;
    state().Reset();
  }
  ~ThreadTreeState() { busy_ = was_busy_; }
  ThreadTreeState(const ThreadTreeState&) = delete;
  ThreadTreeState& operator=(const ThreadTreeState&) = delete;

  TreeState& state() { return nested_ ? *nested_ : shared_; }

 private:
  static thread_local TreeState shared_;
  static thread_local bool busy_;
  std::unique_ptr<TreeState> nested_;
  bool was_busy_;
};
thread_local TreeState ThreadTreeState::shared_;
thread_local bool ThreadTreeState::busy_ = false;

/// Byte length of a statement's text without the whitespace the grammar skipped after its last token.
int32_t TrimmedLength(std::string_view text) {
  std::size_t n = text.size();
  while (n > 0 && std::isspace(static_cast<unsigned char>(text[n - 1]))) --n;
  return static_cast<int32_t>(n);
}

}  // namespace

std::vector<ast::StatementPtr> Parse(std::string_view sql) {
  // Lazy: positions are byte offsets (Transformer::Loc); nothing needs lines and columns.
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(sql.data(), sql.size(), "query");
  ParseProgress progress;
  grammar::last_word_scan = {};
  ThreadTreeState scoped;
  TreeState& tree = scoped.state();
  bool ok = false;
  try {
    ok = pegtl::parse<grammar::sql, TrackAction, TreeControl<Selector>::type>(in, tree, progress);
  } catch (const pegtl::parse_error&) {
    ok = false;  // the grammar has no must<>, but stay safe: report like any other failure
  }
  if (!ok) ThrowSyntaxError(sql, progress.furthest);
  std::unique_ptr<PNode> root = tree.TakeRoot();

  Transformer transformer(sql);
  std::vector<ast::StatementPtr> statements;
  for (const auto& child : root->children) {
    ast::StatementPtr stmt = transformer.Statement(*child);
    stmt->location = Transformer::Loc(*child);
    stmt->length = TrimmedLength(child->string_view());
    statements.push_back(std::move(stmt));
  }
  tree.Recycle(std::move(root));
  return statements;
}

}  // namespace lumadb::parser
