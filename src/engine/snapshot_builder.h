// Builds the in-memory Snapshot from a Source: reads each file once, parses in parallel.
#pragma once
#include "config/config.h"
#include "engine/parsed_file.h"
#include "git/source.h"
#include "model/ops.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace opslint {

class ParseCache;

// What a parse cache's entries depend on besides the file: the code (the binary's build id and the
// codec's version) and the config's parse settings. nullopt when the binary has no build id.
std::optional<uint64_t> parse_cache_fingerprint(const Config& cfg);

// With a cache, files the source can identify (content_id) are parsed only when the cache has not
// seen them; what is parsed is added to it (the caller flushes it). With `defer` too, the records
// of files the cache knows are left encoded (Snapshot::deferred), for a run whose checks the check
// memo mostly answers: only what the checks that run read is then decoded, by load_deferred().
Snapshot build_snapshot(const Source& source, const Config& config, ParseCache* cache = nullptr, bool defer = false);

// Decodes the deferred files among `only` (file paths, or folder paths: a period folder's files
// are loaded together), or all of them (nullptr), into the snapshot: documents in place, so the
// folders' pointers stay valid; actions into their folders, entries into the backlog or archive.
// Not thread-safe: call it before checks that read the snapshot start. Returns the files loaded.
size_t load_deferred(Snapshot& snap, const Source& source, const Config& config,
                     const std::set<std::string>* only = nullptr);

// Checks and parses one file's bytes as `role` (`period`: the folder name of a period file). A pure
// function of its arguments and the config's limits.max_file_bytes and backlog prefix.
ParsedFile parse_file(const std::string& path, Role role, const std::string& period, const Blob& blob,
                      const Config& cfg);

}  // namespace opslint
