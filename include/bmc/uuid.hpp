// Random (version 4) UUIDs for contacts and interactions.
#pragma once

#include <string>
#include <string_view>

namespace bmc {

// A new random RFC 4122 version 4 UUID in lower-case canonical form.
std::string new_uuid();

// True for a canonical 8-4-4-4-12 hexadecimal UUID (either case).
bool is_uuid(std::string_view text);

} // namespace bmc
