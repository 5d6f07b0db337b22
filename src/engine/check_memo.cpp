// The check memo's file: magic, format, fingerprint, units (name, inputs, encoded findings), checksum.
#include "engine/check_memo.h"

#include <algorithm>
#include <filesystem>

#include "util/binary_io.h"
#include "util/fs.h"
#include "util/mapped_file.h"

namespace opslint {

namespace {

constexpr char kMagic[16] = {'o', 'p', 's', 'l', 'i', 'n', 't', '-', 'c', 'h', 'e', 'c', 'k', 's', '\n', '\0'};
constexpr uint32_t kFormat = 2;  // 2: each unit's findings length-prefixed, decoded only when found

void put_finding(Writer& w, const Finding& f) {
  w.str(f.rule);
  w.u8(static_cast<uint8_t>(f.severity));
  w.str(f.file);
  w.u32(static_cast<uint32_t>(f.pos.line));
  w.u32(static_cast<uint32_t>(f.pos.column));
  w.str(f.message);
  w.str(f.period);
  w.str(f.subject);
}

Finding get_finding(Reader& r) {
  Finding f;
  f.rule = r.str();
  const uint8_t sev = r.u8();
  if (sev > static_cast<uint8_t>(Severity::Error)) r.fail();
  f.severity = static_cast<Severity>(sev);
  f.file = r.str();
  f.pos.line = static_cast<int>(r.u32());
  f.pos.column = static_cast<int>(r.u32());
  f.message = r.str();
  f.period = r.str();
  f.subject = r.str();
  return f;
}

// Whether `bytes` hold a unit's findings as find() decodes them (get_finding's fields, read
// without copying). The checksum shows that the file is as it was written, not that a writer (or
// whoever sealed it) wrote findings.
bool well_formed(std::string_view bytes) {
  Reader r(bytes);
  for (uint32_t n = r.count(29); n > 0 && r.ok(); --n) {
    r.view();
    if (r.u8() > static_cast<uint8_t>(Severity::Error)) r.fail();
    r.view();
    r.u32();
    r.u32();
    r.view();
    r.view();
    r.view();
  }
  return r.done();
}

}  // namespace

CheckMemo::CheckMemo(std::string file, uint64_t fingerprint) : file_(std::move(file)), fingerprint_(fingerprint) {
  auto mapped = MappedFile::open(file_);
  if (!mapped) return;
  auto framed = open_frame(mapped->bytes(), kMagic, kFormat);
  if (!framed) return;
  Reader& r = *framed;
  if (r.u64() != fingerprint_) return;
  // Only the units' names and inputs are read here; their findings when a unit is found.
  std::unordered_map<std::string_view, Stored> units;
  const uint32_t n = r.count(16);
  units.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    const std::string_view name = r.view();
    Stored u;
    u.inputs = r.u64();
    u.findings = r.view();
    units.emplace(name, u);
  }
  if (!r.done()) return;
  old_ = std::move(units);
  map_ = std::move(mapped);
}

CheckMemo::~CheckMemo() = default;

std::optional<std::vector<Finding>> CheckMemo::find(const std::string& unit, uint64_t inputs) {
  std::lock_guard lock(mutex_);
  auto it = old_.find(unit);
  if (it == old_.end() || it->second.inputs != inputs) return std::nullopt;
  Reader r(it->second.findings);
  std::vector<Finding> found(r.count(29));
  for (Finding& f : found) f = get_finding(r);
  if (!r.done()) return std::nullopt;
  ++hits_;
  now_.emplace_back(it->first, it->second);
  return found;
}

bool CheckMemo::contains(const std::string& unit, uint64_t inputs) {
  std::lock_guard lock(mutex_);
  auto it = old_.find(unit);
  // A unit find() could not decode is not remembered: memo_answers() must not promise findings
  // that find() then fails to give (the run would have left that unit's records deferred).
  return it != old_.end() && it->second.inputs == inputs && well_formed(it->second.findings);
}

void CheckMemo::put(const std::string& unit, uint64_t inputs, const std::vector<Finding>& findings) {
  Writer w;
  w.u32(static_cast<uint32_t>(findings.size()));
  for (const Finding& f : findings) put_finding(w, f);
  std::lock_guard lock(mutex_);
  auto& kept = fresh_.emplace_back(unit, std::move(w.bytes()));
  now_.emplace_back(kept.first, Stored{inputs, kept.second});
  ++runs_;
  changed_ = true;
}

void run_memoised(CheckMemo* memo, LintContext& ctx, const std::string& unit, std::optional<uint64_t> inputs,
                  const std::function<void(LintContext&)>& run) {
  if (!memo || !inputs) return run(ctx);
  auto add = [&](std::vector<Finding>&& found) {
    ctx.findings.insert(ctx.findings.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  };
  if (auto found = memo->find(unit, *inputs)) return add(std::move(*found));
  LintContext own{ctx.snap, ctx.cfg, ctx.now, ctx.today, {}};
  run(own);
  memo->put(unit, *inputs, own.findings);
  add(std::move(own.findings));
}

bool memo_answers(CheckMemo* memo, const std::string& unit, const std::optional<uint64_t>& inputs) {
  return memo && inputs && memo->contains(unit, *inputs);
}

void CheckMemo::flush() {
  if (!changed_) return;
  std::stable_sort(now_.begin(), now_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  // A unit given twice keeps what it gave last.
  auto last = std::unique(now_.rbegin(), now_.rend(), [](const auto& a, const auto& b) { return a.first == b.first; });
  now_.erase(now_.begin(), last.base());
  Writer w = framed_writer(kMagic, kFormat);
  w.u64(fingerprint_);
  w.u32(static_cast<uint32_t>(now_.size()));
  for (const auto& [name, u] : now_) {
    w.str(name);
    w.u64(u.inputs);
    w.str(u.findings);
  }
  seal_frame(w);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(file_).parent_path(), ec);
  if (!ec) (void)write_cache_atomic(file_, w.bytes(), true);
}

}  // namespace opslint
