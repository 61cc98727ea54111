#pragma once
// TreeControl: a PEGTL control that builds exactly the tree tao::pegtl::parse_tree::parse builds for the
// same grammar and selector (selected rules become nodes, `fold_one` rules with one child are replaced by
// it, other rules hand their children up), but allocates only the nodes that end up in the tree.
//
// Why (issue 4): PEGTL's builder allocates a node on the start of every rule attempt that may contain a
// selected rule (every combinator and precedence level of a_expr included) and frees it when the attempt
// ends; on `pgbench -S` that was half of the server's CPU. Here a rule attempt only records where its
// children begin in one shared stack of finished nodes:
//
//   pending: [ n0 n1 | n2 n3 n4 ]      marks: [ ..., 2 ]     (the open rule's children are n2..n4)
//
// * an unselected rule: start pushes a mark; success pops it (its children stay, in order, for the
//   nearest selected ancestor); failure drops the pending nodes above the mark, as PEGTL drops its
//   temporary node;
// * a selected rule: start also records its begin position; success moves the nodes above its mark into a
//   new node (or, for a fold_one rule with exactly one, leaves that child in its place) and pushes it;
// * the root (PEGTL's unnamed node) takes whatever is pending when the parse succeeds.
// An unselected rule that cannot fail after one of its parts added nodes (an alternation, an option, a
// repetition, a sequence whose node-making parts all come after the last part that can fail) needs no
// mark at all: it has nothing to drop. No unwind handlers: after an exception the caller resets the
// TreeState before its next use.

#include <cstddef>
#include <memory>
#include <type_traits>
#include <vector>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

namespace lumadb::parser {

namespace pegtl = tao::pegtl;

/// The builder's state, passed to pegtl::parse as the last state argument. It is meant to be reused
/// (one per thread): the stacks keep their capacity, and nodes of finished or failed parses are kept
/// for later ones, so a parse in a warm state allocates nothing.
class TreeState {
 public:
  using NodePtr = std::unique_ptr<pegtl::parse_tree::node>;

  TreeState() {
    pending.reserve(64);
    marks.reserve(256);
    begins.reserve(64);
  }

  /// Readies the state for a new parse (an earlier one may have ended by an exception).
  void Reset() {
    DropFrom(0);
    marks.clear();
    begins.clear();
  }

  /// A node as PEGTL default-constructs it (no type, no content, no children).
  NodePtr NewNode() {
    if (spare_.empty()) return std::make_unique<pegtl::parse_tree::node>();
    NodePtr n = std::move(spare_.back());
    spare_.pop_back();
    n->type = {};
    n->source = {};
    n->m_begin = {};
    n->m_end = {};
    return n;
  }

  /// Keeps a node and its subtree for reuse (up to a bound; beyond it they are freed).
  void Recycle(NodePtr n) {
    for (NodePtr& child : n->children) Recycle(std::move(child));
    if (spare_.size() >= kMaxSpare) return;
    n->children.clear();
    // A huge list (a long IN list) should not stay allocated for the life of the thread.
    if (n->children.capacity() > kMaxKeptChildren) n->children.shrink_to_fit();
    spare_.push_back(std::move(n));
  }

  /// Drops the pending nodes above `mark` (the children of a failed rule attempt).
  void DropFrom(std::size_t mark) {
    // Most failed attempts added nothing: keep that case a compare, the recycling out of line.
    if (pending.size() > mark) [[unlikely]]
      RecycleFrom(mark);
  }

  /// The tree of a successful parse: a root node (no type, no content) with the pending nodes as children.
  NodePtr TakeRoot() {
    NodePtr root = NewNode();
    root->children.assign(std::make_move_iterator(pending.begin()), std::make_move_iterator(pending.end()));
    pending.clear();
    return root;
  }

  std::vector<NodePtr> pending;     // finished nodes not yet claimed by a selected ancestor
  std::vector<std::size_t> marks;   // per open rule attempt: pending.size() at its start
  std::vector<const char*> begins;  // per open selected rule: where its text starts

 private:
  [[gnu::noinline]] void RecycleFrom(std::size_t mark) {
    for (std::size_t i = mark; i < pending.size(); ++i) Recycle(std::move(pending[i]));
    pending.resize(mark);
  }

  static constexpr std::size_t kMaxSpare = 4096;
  static constexpr std::size_t kMaxKeptChildren = 256;
  std::vector<NodePtr> spare_;
};

namespace tree_detail {

namespace internal = pegtl::internal;

/// True when a match of Rule (its PEGTL implementation type rule_t) never fails.
template <typename RuleT>
inline constexpr bool kNeverFails = false;
template <typename R>
inline constexpr bool kNeverFails<internal::opt<R>> = true;
template <typename R>
inline constexpr bool kNeverFails<internal::star<R>> = true;
template <>
inline constexpr bool kNeverFails<internal::success> = true;

template <typename R>
inline constexpr bool kCanFail = !kNeverFails<typename R::rule_t>;

/// True when the rule may add nodes to the pending stack (it is selected or contains selected rules).
template <typename R, template <typename...> class Selector>
inline constexpr bool kMakesNodes = pegtl::parse_tree::internal::is_selected_node<R, Selector> ||
                                    !pegtl::parse_tree::internal::is_leaf<8, typename R::subs_t, Selector>;

/// For a sequence: some part may add nodes and a later part may fail.
template <template <typename...> class Selector, typename... Rs>
struct SeqNeedsMark : std::false_type {};
template <template <typename...> class Selector, typename R, typename... Rest>
struct SeqNeedsMark<Selector, R, Rest...> : std::bool_constant<(kMakesNodes<R, Selector> && (kCanFail<Rest> || ...)) ||
                                                               SeqNeedsMark<Selector, Rest...>::value> {};

/// Whether a failed match of a rule of implementation type RuleT may leave nodes of its parts behind.
/// Conservatively true for every combinator not listed.
template <typename RuleT, template <typename...> class Selector>
struct NeedsMark : std::true_type {};
template <typename... Rs, template <typename...> class Selector>
struct NeedsMark<internal::sor<Rs...>, Selector> : std::false_type {};  // fails only if every branch failed
template <typename R, template <typename...> class Selector>
struct NeedsMark<internal::opt<R>, Selector> : std::false_type {};
template <typename R, template <typename...> class Selector>
struct NeedsMark<internal::star<R>, Selector> : std::false_type {};
template <typename R, template <typename...> class Selector>
struct NeedsMark<internal::plus<R>, Selector> : std::false_type {};  // fails only if its first R failed
template <typename... Rs, template <typename...> class Selector>
struct NeedsMark<internal::seq<Rs...>, Selector> : SeqNeedsMark<Selector, Rs...> {};

}  // namespace tree_detail

/// Control<Rule> for pegtl::parse<Grammar, Action, TreeControl<Selector>::type>(in, tree_state, states...).
/// The tree state comes first, so no state shuffling is needed: the base control and the actions see
/// the other states only (remove_first_state).
/// Selector<Rule> is a parse_tree selector (std::true_type, std::false_type or parse_tree::fold_one).
template <template <typename...> class Selector, template <typename...> class Control = pegtl::normal>
struct TreeControl {
  template <typename Rule, bool kSelected, bool kLeaf>
  struct Handler;

  // kLeaf: an unselected rule whose failure leaves nothing to drop (PEGTL's leaves and more).
  template <typename Rule>
  using type = Handler<Rule, pegtl::parse_tree::internal::is_selected_node<Rule, Selector>,
                       pegtl::parse_tree::internal::is_leaf<8, typename Rule::subs_t, Selector> ||
                           !tree_detail::NeedsMark<typename Rule::rule_t, Selector>::value>;
};

// A rule that can contain no selected rule, or that never leaves nodes behind when it fails: nothing to do.
template <template <typename...> class Selector, template <typename...> class Control>
template <typename Rule>
struct TreeControl<Selector, Control>::Handler<Rule, false, true> : pegtl::remove_first_state<Control<Rule>> {};

// An unselected rule that may contain selected ones: its children belong to its selected ancestor.
template <template <typename...> class Selector, template <typename...> class Control>
template <typename Rule>
struct TreeControl<Selector, Control>::Handler<Rule, false, false> : pegtl::remove_first_state<Control<Rule>> {
  static constexpr bool enable = true;

  template <typename ParseInput, typename... States>
  static void start(const ParseInput& /*in*/, TreeState& tree, States&&... /*st*/) {
    tree.marks.push_back(tree.pending.size());
  }

  template <typename ParseInput, typename... States>
  static void success(const ParseInput& /*in*/, TreeState& tree, States&&... /*st*/) {
    tree.marks.pop_back();
  }

  template <typename ParseInput, typename... States>
  static void failure(const ParseInput& /*in*/, TreeState& tree, States&&... /*st*/) {
    tree.DropFrom(tree.marks.back());
    tree.marks.pop_back();
  }
};

// A selected rule: becomes a node (basic_node::start/success set type, source and the text range).
template <template <typename...> class Selector, template <typename...> class Control>
template <typename Rule, bool kLeaf>
struct TreeControl<Selector, Control>::Handler<Rule, true, kLeaf> : pegtl::remove_first_state<Control<Rule>> {
  static constexpr bool kFold = std::is_base_of_v<pegtl::parse_tree::fold_one, Selector<Rule>>;
  static_assert(kFold || std::is_base_of_v<std::true_type, Selector<Rule>>,
                "TreeControl implements plain selection and fold_one only (no other parse_tree transforms)");

  template <typename ParseInput, typename... States>
  static void start(const ParseInput& in, TreeState& tree, States&&... st) {
    Control<Rule>::start(in, st...);
    tree.marks.push_back(tree.pending.size());
    tree.begins.push_back(in.current());
  }

  template <typename ParseInput, typename... States>
  static void success(const ParseInput& in, TreeState& tree, States&&... st) {
    const std::size_t mark = tree.marks.back();
    tree.marks.pop_back();
    const char* begin = tree.begins.back();
    tree.begins.pop_back();
    // fold_one: a single child stands in for the node.
    if (!kFold || tree.pending.size() - mark != 1) {
      TreeState::NodePtr node = tree.NewNode();
      node->template set_type<Rule>();
      node->source = in.source();
      node->m_begin = Position(in, begin);
      // fold_one keeps no content on a node it does not replace (remove_content).
      if (!kFold) node->m_end = Position(in, in.current());
      auto first = tree.pending.begin() + static_cast<std::ptrdiff_t>(mark);
      node->children.assign(std::make_move_iterator(first), std::make_move_iterator(tree.pending.end()));
      tree.pending.resize(mark);  // the moved-from (empty) pointers
      tree.pending.push_back(std::move(node));
    }
    Control<Rule>::success(in, st...);
  }

  /// A node position: the byte offset is all LumaDB reads (Transformer::Loc); lines and columns are not
  /// tracked (the parser uses a lazy input, whose bumps do not count them).
  template <typename ParseInput>
  static pegtl::internal::iterator Position(const ParseInput& in, const char* at) {
    return pegtl::internal::iterator(at, static_cast<std::size_t>(at - in.begin()), 1, 1);
  }

  template <typename ParseInput, typename... States>
  static void failure(const ParseInput& in, TreeState& tree, States&&... st) {
    tree.DropFrom(tree.marks.back());
    tree.marks.pop_back();
    tree.begins.pop_back();
    Control<Rule>::failure(in, st...);
  }
};

}  // namespace lumadb::parser
