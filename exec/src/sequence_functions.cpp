#include "sequence_functions.h"

#include "catalog/search_path.h"
#include "common/error.h"

namespace lumadb::exec {

namespace {

// stringToQualifiedNameList + makeRangeVarFromNameList: dot-separated identifiers, double quotes keep case
// (a doubled quote is one quote), unquoted parts are lower-cased (ASCII, as downcase_identifier).
std::vector<std::string> SplitQualifiedName(std::string_view text) {
  auto bad = [] { return DbError(sqlstate::kInvalidName, "invalid name syntax"); };
  std::vector<std::string> parts;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  };
  for (;;) {
    skip_space();
    std::string part;
    if (i < text.size() && text[i] == '"') {
      for (++i;; ++i) {
        if (i >= text.size()) throw bad();
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            part += '"';
            ++i;
            continue;
          }
          ++i;
          break;
        }
        part += text[i];
      }
      if (part.empty()) throw bad();
    } else {
      while (i < text.size() && text[i] != '.' && text[i] != ' ' && text[i] != '\t' && text[i] != '"') {
        char c = text[i++];
        part += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      }
      if (part.empty()) throw bad();
    }
    parts.push_back(std::move(part));
    skip_space();
    if (i == text.size()) break;
    if (text[i] != '.') throw bad();
    ++i;
  }
  if (parts.size() > 3) throw bad();
  return parts;
}

class SessionSequences final : public planner::SequenceFunctions {
 public:
  explicit SessionSequences(SessionContext& ctx)
      : ctx_(ctx),
        state_(ctx.sequences ? *ctx.sequences : private_state_),
        search_path_(catalog::ExpandSearchPath(ctx.search_path, ctx.user)) {}

  int64_t NextVal(std::string_view name) override {
    auto seq = Lookup(name);
    int64_t v = ctx_.catalog.NextVal(ctx_.txn, seq);
    state_.last_values[seq.oid] = v;
    state_.last_sequence = seq.oid;
    return v;
  }

  int64_t CurrVal(std::string_view name) override {
    auto seq = Lookup(name);
    auto it = state_.last_values.find(seq.oid);
    if (it == state_.last_values.end()) {
      throw DbError(sqlstate::kObjectNotInPrerequisiteState,
                    "currval of sequence \"" + seq.name + "\" is not yet defined in this session");
    }
    return it->second;
  }

  int64_t SetVal(std::string_view name, int64_t value, bool is_called) override {
    auto seq = Lookup(name);
    ctx_.catalog.SetVal(ctx_.txn, seq, value, is_called);
    // do_setval: currval changes only when the value counts as handed out; lastval's sequence does not.
    if (is_called) state_.last_values[seq.oid] = value;
    return value;
  }

  int64_t LastVal() override {
    // A dropped sequence no longer defines lastval (PostgreSQL checks the relation still exists).
    if (state_.last_sequence == 0 || !ctx_.catalog.SequenceByOid(ctx_.txn, state_.last_sequence)) {
      throw DbError(sqlstate::kObjectNotInPrerequisiteState, "lastval is not yet defined in this session");
    }
    return state_.last_values.at(state_.last_sequence);
  }

 private:
  catalog::SequenceInfo Lookup(std::string_view text) {
    auto parts = SplitQualifiedName(text);
    std::string name = parts.back();
    std::string schema = parts.size() >= 2 ? parts[parts.size() - 2] : "";
    if (parts.size() == 3 && parts[0] != ctx_.database) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "cross-database references are not implemented: " + std::string(text));
    }
    if (auto seq = ctx_.catalog.LookupSequence(ctx_.txn, schema, name, search_path_)) return *seq;
    if (ctx_.catalog.LookupTable(ctx_.txn, schema, name, search_path_)) {
      throw DbError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a sequence");
    }
    throw DbError(sqlstate::kUndefinedTable,
                  "relation \"" + (schema.empty() ? name : schema + "." + name) + "\" does not exist");
  }

  SessionContext& ctx_;
  SequenceSessionState private_state_;
  SequenceSessionState& state_;
  std::vector<std::string> search_path_;
};

}  // namespace

std::unique_ptr<planner::SequenceFunctions> MakeSequenceFunctions(SessionContext& ctx) {
  return std::make_unique<SessionSequences>(ctx);
}

}  // namespace lumadb::exec
