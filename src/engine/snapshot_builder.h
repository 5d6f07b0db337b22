// Builds the in-memory Snapshot from a Source: reads each file once, parses in parallel.
#pragma once
#include "config/config.h"
#include "engine/parsed_file.h"
#include "git/source.h"
#include "model/ops.h"

namespace opslint {

Snapshot build_snapshot(const Source& source, const Config& config);

// Checks and parses one file's bytes as `role` (`period`: the folder name of a period file). A pure
// function of its arguments and the config's limits.max_file_bytes and backlog prefix.
ParsedFile parse_file(const std::string& path, Role role, const std::string& period, const Blob& blob,
                      const Config& cfg);

}  // namespace opslint
