#pragma once
// PANIC: the error level for failures that leave shared state unknown (PostgreSQL's elog PANIC). A failed
// WAL write or fdatasync, or an undo that cannot be applied, must not be retried or ignored (after a
// failed fsync the kernel may have dropped the dirty data: the "fsyncgate" lesson); the process ends and
// crash recovery rebuilds a consistent state from the WAL on restart.

#include <string_view>

namespace lumadb::storage {

/// Writes "PANIC:  <message>" to stderr and aborts the process (std::abort: a core dump, no destructors).
[[noreturn]] void Panic(std::string_view message);

}  // namespace lumadb::storage
