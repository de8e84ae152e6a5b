#pragma once
// Bearer tokens for the exporter: reading one from a file, and checking a
// request's Authorization header without leaking it through timing.

#include <string>
#include <string_view>

#include "core/util/Result.h"
#include "core/util/TokenFile.h"  // readTokenFile: shared with the attaching side

namespace poolscope {

/// True when `a` equals `b`. Runs in time that depends only on the lengths,
/// not on where the first difference is.
bool constantTimeEquals(std::string_view a, std::string_view b);

/// True when `authorization` (an Authorization header value) is
/// "Bearer <token>" with exactly `token` (scheme case-insensitive).
bool bearerMatches(std::string_view authorization, std::string_view token);

}  // namespace poolscope
