#include "storage/log_record.h"

#include <doctest/doctest.h>

#include "storage/log_manager.h"
#include "support/byte_strings.h"
#include "support/temp_dir.h"

using namespace lumadb::storage;
using lumadb::testing::Bytes;
using lumadb::testing::TempDir;

namespace {

LogRecord Sample() {
  LogRecord r;
  r.lsn = 12345;
  r.prev_lsn = 999;
  r.txn = 42;
  r.type = LogRecordType::kHeapUpdate;
  r.file = FileId{5, 16384};
  r.rid = Rid{77, 3};
  r.before = Bytes("old image");
  r.after = Bytes("the new image");
  return r;
}

}  // namespace

TEST_CASE("log records round-trip through their serialised form") {
  std::vector<std::byte> buf;
  LogRecord a = Sample();
  LogRecord b;
  b.lsn = 20000;
  b.txn = 42;
  b.type = LogRecordType::kCommit;
  LogRecord c = Sample();
  c.type = LogRecordType::kHeapInsert;
  c.before.clear();
  SerializeLogRecord(a, &buf);
  SerializeLogRecord(b, &buf);
  SerializeLogRecord(c, &buf);
  CHECK(buf.size() == a.SerializedSize() + b.SerializedSize() + c.SerializedSize());
  CHECK(b.SerializedSize() == LogRecord::kHeaderSize);

  std::span<const std::byte> in(buf);
  LogRecord out;
  size_t n = DeserializeLogRecord(in, &out);
  REQUIRE(n == a.SerializedSize());
  CHECK(out == a);
  in = in.subspan(n);
  n = DeserializeLogRecord(in, &out);
  REQUIRE(n == b.SerializedSize());
  CHECK(out == b);
  in = in.subspan(n);
  n = DeserializeLogRecord(in, &out);
  REQUIRE(n == c.SerializedSize());
  CHECK(out == c);
  CHECK(DeserializeLogRecord(in.subspan(n), &out) == 0);  // end of log
}

TEST_CASE("torn or corrupted records read as end of log") {
  std::vector<std::byte> buf;
  SerializeLogRecord(Sample(), &buf);
  LogRecord out;
  CHECK(DeserializeLogRecord(std::span<const std::byte>(buf).first(buf.size() - 1), &out) == 0);  // torn
  std::vector<std::byte> flipped = buf;
  flipped[40] ^= std::byte{1};
  CHECK(DeserializeLogRecord(flipped, &out) == 0);  // CRC mismatch
  std::vector<std::byte> zeros(64, std::byte{0});
  CHECK(DeserializeLogRecord(zeros, &out) == 0);
  CHECK(DeserializeLogRecord(buf, &out) == buf.size());
  CHECK(std::string(LogRecordTypeName(out.type)) == "HEAP_UPDATE");
}

TEST_CASE("LogManager assigns increasing LSNs, chains prev_lsn, fetches and discards") {
  TempDir dir;
  LogManager log(dir.path() / "pg_wal");
  log.Start(kWalSegmentSize);
  LogContext ctx{7, &log, 0, {}};
  LogRecord r = Sample();
  Lsn first = log.Append(ctx, r);
  Lsn second = log.Append(ctx, r);
  CHECK(first == kWalSegmentSize);
  CHECK(second == first + r.SerializedSize());  // LSNs are byte positions
  CHECK(ctx.last_lsn == second);
  CHECK(ctx.records == std::vector<Lsn>{first, second});
  const LogRecord* got = log.Fetch(second);
  REQUIRE(got != nullptr);
  CHECK(got->prev_lsn == first);
  CHECK(got->txn == 7);
  CHECK(got->lsn == second);
  CHECK(log.Fetch(first)->prev_lsn == 0);
  CHECK(log.KeptRecords() == 2);
  log.Discard(ctx);
  CHECK(ctx.records.empty());
  CHECK(log.KeptRecords() == 0);
  CHECK(log.Fetch(first) == nullptr);
}
