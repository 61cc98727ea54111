#pragma once
// `lumadb verify -D DIR`: an offline consistency check of a data directory, in the spirit of PostgreSQL's
// amcheck and pg_checksums --check. It opens the directory as the server would (which runs crash recovery
// once the WAL exists), then checks:
//   1. every page of every relation file (global/<rel>, base/<db>/<rel>) has a valid CRC32C checksum and a
//      structurally valid slotted-page layout (storage's ConstSlottedPage::Validate), and every file is a
//      whole number of 8 KiB pages;
//   2. in every database, every pg_class row has its relation file, and every pg_attribute row belongs to
//      a relation of pg_class;
//   3. every tuple of every table decodes with the table's row codec (common/row_codec.h);
//   4. every index passes BTree::Verify (amcheck's bt_index_check; its pages skip the slotted-page check of
//      1), and agrees with its table (amcheck's heapallindexed, both ways): each live heap tuple has exactly
//      one entry (its key, its TID) and each entry points to a live tuple with that key.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace lumadb::server {

/// Options of `lumadb verify`.
struct VerifyCommand {
  std::filesystem::path data_dir = "lumadb-data";
  size_t buffer_pages = 1024;  // the buffer pool used while verifying, in 8 KiB pages
};

/// What a verification found: counts for the summary and one line per problem.
struct VerifyReport {
  uint64_t files = 0;          // relation files read
  uint64_t pages = 0;          // pages whose checksum and layout were checked
  uint64_t databases = 0;      // databases whose catalog was checked
  uint64_t relations = 0;      // pg_class rows checked
  uint64_t tuples = 0;         // tuples decoded with their table's row codec
  uint64_t indexes = 0;        // indexes whose structure and heap agreement were checked
  uint64_t index_entries = 0;  // index entries compared with the heap
  std::vector<std::string> problems;

  bool ok() const { return problems.empty(); }
};

/// Runs every check on an offline data directory and returns what it found. Throws std::runtime_error
/// when `dir` is not a LumaDB data directory, or when a running server owns it (DataDirLock,
/// postmaster.pid): verifying under a live server would race its writes. Holds that lock while it runs. Problems found
/// inside the directory (corrupt pages, catalog inconsistencies, undecodable tuples, a directory that cannot be opened)
/// are reported, not thrown.
VerifyReport VerifyDataDirectory(const VerifyCommand& command);

/// The CLI entry: runs VerifyDataDirectory, prints the summary and every problem on stdout, and returns
/// the process exit code: 0 when consistent, 1 when problems were found.
int RunVerify(const VerifyCommand& command);

}  // namespace lumadb::server
