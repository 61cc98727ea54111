#pragma once
// extra_float_digits for float4/float8 output (float.c float4out/float8out). Per thread, as DateOrder:
// each session runs on its own thread and sets it before a statement formats values.

namespace lumadb {

/// Sets the calling thread's extra_float_digits (-15 .. 3; default 1). Above 0, FormatValue prints the
/// shortest digits that read back exactly; otherwise `%.*g` with FLT_DIG (6) or DBL_DIG (15) plus the
/// setting as the precision (at least 1), as PostgreSQL 15 does.
void SetExtraFloatDigits(int digits);
/// The calling thread's extra_float_digits.
int ExtraFloatDigits();

}  // namespace lumadb
