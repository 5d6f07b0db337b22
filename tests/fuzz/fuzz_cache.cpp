// libFuzzer target: every decoder of bytes read back from <git dir>/opslint/ — the parse cache's
// packs (git/parse_cache.h) and their heads and bodies (engine/parse_codec.h), the check memo
// (engine/check_memo.h) and the history cache (git/history_cache.h). The first byte picks the
// decoder, the rest is the file. Checksums and fingerprints are made to match, so the fuzzer gets
// past them to the records: a corrupt cache must be a miss, never a crash.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "engine/check_memo.h"
#include "engine/parse_codec.h"
#include "fuzz_util.h"
#include "git/history_cache.h"
#include "git/parse_cache.h"

using namespace opslint;

namespace {

const std::string kPath = "ops/operations/weekly/2026-48/minutes.md";

// A parse cache entry's body; what decodes must survive a second round trip unchanged.
void body(std::string_view bytes) {
  auto p = decode_parsed(bytes);
  if (!p) return;
  Writer w;
  encode_parsed(w, *p);
  if (decode_parsed(w.bytes()) != p) std::abort();
}

void head(std::string_view bytes) {
  ParsedFile p;
  bool actions_section = false;
  (void)decode_head(bytes, kPath, p, actions_section);
}

// A pack, as ParseCache reads a folder of them, then each entry as the snapshot builder does.
void pack(std::string bytes) {
  constexpr size_t kHeader = 16 + 4 + 8 + 4 + 8;  // magic, format, fingerprint, count, index size
  const uint64_t index = fuzz::u64_at(bytes, 32);
  if (bytes.size() >= kHeader + 8 && index <= bytes.size() - kHeader - 8) {  // the index's checksum
    Writer w;
    w.u64(checksum(std::string_view(bytes).substr(0, kHeader + index)));
    bytes.replace(kHeader + index, 8, w.bytes());
  }
  const std::string dir = fuzz::scratch_dir() + "/parse";
  std::filesystem::create_directories(dir);
  fuzz::write_file(dir + "/0.pack", bytes);
  ParseCache cache(dir, fuzz::u64_at(bytes, 20));
  // The keys the index names, read as read_index does, to look each one up.
  Reader r(std::string_view(bytes).substr(std::min(bytes.size(), kHeader), std::min<uint64_t>(index, bytes.size())));
  const uint32_t n = static_cast<uint32_t>(fuzz::u64_at(bytes, 28));
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    const std::string_view key = r.vview();
    r.vview();
    r.take(8 + 4 + 8);
    if (!r.ok()) break;
    auto e = cache.find(key);
    if (!e) continue;
    head(e->head);
    if (ParseCache::intact(*e)) body(e->body);
  }
}

// A check memo file, then every unit it names.
void memo(std::string bytes) {
  fuzz::seal(bytes);
  const std::string file = fuzz::scratch_dir() + "/checks";
  fuzz::write_file(file, bytes);
  CheckMemo m(file, fuzz::u64_at(bytes, 20));
  Reader r(std::string_view(bytes).substr(std::min<size_t>(bytes.size(), 28)));
  const uint32_t n = r.u32();
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    const std::string unit = r.str();
    const uint64_t inputs = r.u64();
    r.view();
    if (!r.ok()) break;
    if (m.contains(unit, inputs) != m.find(unit, inputs).has_value()) std::abort();
  }
}

// A history cache file, every section of it read.
void chain(std::string bytes) {
  fuzz::seal(bytes);
  git_oid tip{};
  if (bytes.size() >= 40) std::memcpy(tip.id, bytes.data() + 20, GIT_OID_RAWSZ);
  const uint64_t fingerprint = fuzz::u64_at(bytes, 40);
  auto s = ChainStore::from_bytes(std::move(bytes), tip, fingerprint);
  if (!s) return;
  for (size_t i = 0; i < s->commits(); ++i) {
    (void)s->id(i);
    (void)s->time(i);
    (void)s->author(i);
    (void)s->boundary(i);
    (void)s->changed(i);
  }
  for (size_t k = 0; k < s->paths(); ++k) {
    (void)s->find(s->path(k));
    (void)s->versions(k);
  }
  (void)s->backlog();
  (void)s->archive();
  (void)s->tip_blob(kPath);
  (void)s->chain();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string bytes(fuzz::text_of(data + 1, size - 1));
  switch (data[0] % 5) {
    case 0: body(bytes); break;
    case 1: head(bytes); break;
    case 2: pack(std::move(bytes)); break;
    case 3: memo(std::move(bytes)); break;
    case 4: chain(std::move(bytes)); break;
  }
  return 0;
}
