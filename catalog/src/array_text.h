#pragma once
// The text form of one-dimensional arrays (PostgreSQL 15 utils/adt/arrayfuncs.c array_out / array_in), used
// for catalog columns that are arrays in PostgreSQL but text here until array types exist (issue 5):
// pg_statistic.stanumbersN and stavaluesN.
//
//   {elem,elem,...}      an element is quoted ("...", with \" and \\ inside) when it is empty, is NULL in
//                        any case, or holds " \ { } , or white space; otherwise written as is.

#include <string>
#include <string_view>
#include <vector>

namespace lumadb::catalog {

/// The array literal of `elements` (each an element's text output), as array_out prints it.
std::string FormatArrayText(const std::vector<std::string>& elements);

/// The elements of an array literal FormatArrayText wrote (quotes and escapes removed). XX001 "malformed
/// array literal" on anything else, a NULL element or a nested array included.
std::vector<std::string> ParseArrayText(std::string_view text);

}  // namespace lumadb::catalog
