// The running binary's identity, for caches whose contents depend on the code that wrote them.
#pragma once
#include <string>

namespace opslint {

// The ELF build id of the executable (hex; GNU ld writes one by default, and any change to the code
// changes it), or empty when it has none: then code-dependent caches are not used.
const std::string& build_id();

}  // namespace opslint
