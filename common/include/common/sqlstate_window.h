#pragma once
// SQLSTATEs of window functions and frames (PostgreSQL's errcodes.txt), apart from sqlstate.h so that
// adding them did not rebuild every translation unit.

#include "common/sqlstate.h"

namespace lumadb::sqlstate {

inline constexpr SqlState kInvalidPrecedingOrFollowingSize{"22013"};
inline constexpr SqlState kInvalidArgumentForNtile{"22014"};
inline constexpr SqlState kInvalidArgumentForNthValue{"22016"};
inline constexpr SqlState kWindowingError{"42P20"};

}  // namespace lumadb::sqlstate
