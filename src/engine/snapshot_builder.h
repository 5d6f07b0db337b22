// Builds the in-memory Snapshot from a Source: reads each file once, parses in parallel.
#pragma once
#include "config/config.h"
#include "git/source.h"
#include "model/ops.h"

namespace opslint {

Snapshot build_snapshot(const Source& source, const Config& config);

}  // namespace opslint
