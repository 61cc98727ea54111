#pragma once
// The control file, <data>/global/pg_control (PostgreSQL's pg_control, access/transam/xlog.c): where
// recovery starts. Rewritten atomically (temp file + fsync + rename + fsync of global/) at the end of
// every checkpoint and when the server starts or stops.
//
//   0        4         8        12       16              24              32       36
//   +--------+---------+--------+--------+---------------+---------------+--------+
//   | magic  | version | state  | 0      | checkpoint    | redo_lsn      | crc32c |
//   | "LUMC" | u32 = 1 | u32    | u32    | lsn u64       | u64           | u32    |
//   +--------+---------+--------+--------+---------------+---------------+--------+
//   state: 1 = shut down cleanly, 2 = in production (a start that finds 2 reports a crash).
//   crc32c: CRC32C of bytes [0, 32). Little-endian.

#include <filesystem>
#include <optional>

#include "storage/ids.h"

namespace lumadb::storage {

struct ControlData {
  enum State : uint32_t { kShutdown = 1, kInProduction = 2 };
  State state = kInProduction;
  Lsn checkpoint_lsn = 0;  // the last CHECKPOINT record
  Lsn redo_lsn = 0;        // where its redo starts
};

/// Reads <data>/global/pg_control; nullopt if it does not exist. XX001 "incorrect checksum in control
/// file" when it is damaged, 58030 on I/O failure.
std::optional<ControlData> ReadControlFile(const std::filesystem::path& data_dir);

/// Writes <data>/global/pg_control atomically. A failure is a PANIC (a checkpoint cannot be half done).
void WriteControlFile(const std::filesystem::path& data_dir, const ControlData& data);

}  // namespace lumadb::storage
