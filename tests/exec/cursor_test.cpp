// Cursor movement (issue 5): every FETCH/MOVE direction over five rows, as PostgreSQL 15 answers the same
// sequence on a SCROLL cursor over a five-row table, and the NO SCROLL errors.

#include "exec/cursor.h"

#include <doctest/doctest.h>

#include "common/error.h"

namespace lumadb::exec {
namespace {

using D = ast::FetchDirection;

// Rows 1..n of one int4 column; counts how many were read.
class CountingSource final : public RowSource {
 public:
  CountingSource(int n, int* reads) : n_(n), reads_(reads) {}
  bool Next(Row* row, ResultSink&) override {
    if (next_ > n_) return false;
    ++*reads_;
    *row = Row{Value::Int4(next_++)};
    return true;
  }

 private:
  int n_;
  int next_ = 1;
  int* reads_;
};

class Collect final : public ResultSink {
 public:
  void Columns(const std::vector<ResultColumn>&) override {}
  void Row(const lumadb::Row& row) override { got.push_back(static_cast<int32_t>(row[0].GetInt())); }
  void Notice(Severity, SqlState, const std::string&) override {}
  void NoticeWithDetail(const DbError&) override {}
  std::vector<int32_t> got;
};

struct Step {
  bool move;
  D direction;
  int64_t count;
  std::vector<int32_t> rows;  // FETCH: the rows sent
  uint64_t tag;               // the n of "FETCH n" / "MOVE n"
};

std::vector<int32_t> Run(Cursor& cursor, const Step& s, uint64_t* tag) {
  Collect sink;
  *tag = cursor.Fetch(s.direction, s.count, sink, !s.move);
  return sink.got;
}

}  // namespace

TEST_CASE("SCROLL cursor moves as PostgreSQL 15") {
  int reads = 0;
  Cursor cursor(std::make_unique<CountingSource>(5, &reads), true);
  constexpr int64_t kAll = ast::kFetchAll;
  const Step steps[] = {
      {false, D::kForward, 2, {1, 2}, 2},  {false, D::kBackward, 1, {1}, 1},
      {false, D::kForward, 0, {1}, 1},     {true, D::kForward, 0, {}, 1},
      {false, D::kRelative, 0, {1}, 1},    {false, D::kAbsolute, 4, {4}, 1},
      {false, D::kAbsolute, -1, {5}, 1},   {false, D::kForward, 1, {}, 0},
      {false, D::kForward, 1, {}, 0},      {true, D::kForward, 0, {}, 0},
      {false, D::kForward, 0, {}, 0},      {false, D::kBackward, 1, {5}, 1},
      {false, D::kAbsolute, 1, {1}, 1},    {false, D::kAbsolute, -1, {5}, 1},
      {true, D::kBackward, kAll, {}, 4},   {false, D::kForward, kAll, {1, 2, 3, 4, 5}, 5},
      {true, D::kBackward, 10, {}, 5},     {true, D::kForward, 10, {}, 5},
      {true, D::kAbsolute, 0, {}, 0},      {false, D::kRelative, -1, {}, 0},
      {false, D::kAbsolute, 10, {}, 0},    {false, D::kBackward, 2, {5, 4}, 2},
      {false, D::kForward, -2, {3, 2}, 2}, {false, D::kBackward, -1, {3}, 1},
      {true, D::kAbsolute, -1, {}, 1},     {true, D::kRelative, 2, {}, 0},
      {true, D::kAbsolute, -2, {}, 1},     {false, D::kRelative, 1, {5}, 1},
      {false, D::kForward, kAll, {}, 0},   {false, D::kBackward, kAll, {5, 4, 3, 2, 1}, 5},
  };
  int i = 0;
  for (const Step& s : steps) {
    CAPTURE(i++);
    uint64_t tag = 0;
    CHECK(Run(cursor, s, &tag) == s.rows);
    CHECK(tag == s.tag);
  }
  CHECK(reads == 5);  // each row read from the source once
}

TEST_CASE("rows are read lazily and WITH HOLD materializes the rest") {
  int reads = 0;
  Cursor cursor(std::make_unique<CountingSource>(1000, &reads), false);
  Collect sink;
  CHECK(cursor.Fetch(D::kForward, 3, sink, true) == 3);
  CHECK(reads == 3);
  cursor.Materialize(sink);
  CHECK(reads == 1000);
  sink.got.clear();
  CHECK(cursor.Fetch(D::kForward, 2, sink, true) == 2);
  CHECK(sink.got == std::vector<int32_t>{4, 5});
  CHECK(cursor.Fetch(D::kForward, ast::kFetchAll, sink, false) == 995);
}

TEST_CASE("NO SCROLL cursor refuses every backward movement") {
  int reads = 0;
  Cursor cursor(std::make_unique<CountingSource>(5, &reads), false);
  Collect sink;
  // A rewind of a cursor that never moved is no movement, so allowed (DoPortalRewind).
  CHECK(cursor.Fetch(D::kAbsolute, 1, sink, true) == 1);
  CHECK(cursor.Fetch(D::kForward, 1, sink, true) == 1);
  auto backward = [&](D d, int64_t count) {
    try {
      cursor.Fetch(d, count, sink, true);
    } catch (const DbError& e) {
      CHECK(e.code() == sqlstate::kObjectNotInPrerequisiteState);
      CHECK(e.message() == "cursor can only scan forward");
      CHECK(e.hint() == "Declare it with SCROLL option to enable backward scan.");
      return true;
    }
    return false;
  };
  CHECK(backward(D::kBackward, 1));
  CHECK(backward(D::kForward, 0));  // re-fetching the current row backs up one
  CHECK(backward(D::kAbsolute, 1));
  CHECK(backward(D::kRelative, -1));
  CHECK(cursor.Fetch(D::kRelative, 2, sink, true) == 1);
  CHECK(sink.got == std::vector<int32_t>{1, 2, 4});
}

TEST_CASE("MOVE 0 and FETCH 0 before the first row") {
  int reads = 0;
  Cursor cursor(std::make_unique<CountingSource>(2, &reads), true);
  Collect sink;
  CHECK(cursor.Fetch(D::kForward, 0, sink, false) == 0);
  CHECK(cursor.Fetch(D::kForward, 0, sink, true) == 0);
  CHECK(cursor.Fetch(D::kBackward, 1, sink, true) == 0);
  CHECK(cursor.Fetch(D::kAbsolute, -3, sink, true) == 0);
  CHECK(cursor.Fetch(D::kRelative, 1, sink, true) == 1);
  CHECK(sink.got == std::vector<int32_t>{1});
}

TEST_CASE("an empty cursor moves nowhere in any direction") {
  int reads = 0;
  Cursor cursor(std::make_unique<CountingSource>(0, &reads), true);
  Collect sink;
  CHECK(cursor.Fetch(D::kForward, 1, sink, true) == 0);
  CHECK(cursor.Fetch(D::kBackward, 1, sink, true) == 0);
  CHECK(cursor.Fetch(D::kAbsolute, -1, sink, true) == 0);
  CHECK(cursor.Fetch(D::kBackward, ast::kFetchAll, sink, false) == 0);
  CHECK(cursor.Fetch(D::kForward, 0, sink, false) == 0);
  CHECK(cursor.Fetch(D::kAbsolute, 1, sink, true) == 0);
  CHECK(cursor.Fetch(D::kForward, ast::kFetchAll, sink, false) == 0);
  CHECK(sink.got.empty());
  CHECK(reads == 0);
}

}  // namespace lumadb::exec
