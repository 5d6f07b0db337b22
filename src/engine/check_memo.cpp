// The check memo's file: magic, format, fingerprint, units (name, inputs, findings), checksum.
#include "engine/check_memo.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "util/binary_io.h"
#include "util/fs.h"

namespace opslint {

namespace {

constexpr char kMagic[16] = {'o', 'p', 's', 'l', 'i', 'n', 't', '-', 'c', 'h', 'e', 'c', 'k', 's', '\n', '\0'};
constexpr uint32_t kFormat = 1;

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

}  // namespace

CheckMemo::CheckMemo(std::string file, uint64_t fingerprint) : file_(std::move(file)), fingerprint_(fingerprint) {
  std::ifstream in(file_, std::ios::binary);
  if (!in) return;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < sizeof kMagic + 8 || bytes.compare(0, sizeof kMagic, kMagic, sizeof kMagic) != 0) return;
  const std::string_view body(bytes.data(), bytes.size() - 8);
  Reader sum(std::string_view(bytes).substr(body.size()));
  if (sum.u64() != checksum(body)) return;
  Reader r(body.substr(sizeof kMagic));
  if (r.u32() != kFormat || r.u64() != fingerprint_) return;
  std::map<std::string, Unit> units;
  const uint32_t n = r.count(16);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    std::string name = r.str();
    Unit u;
    u.inputs = r.u64();
    u.findings.resize(r.count(29));
    for (Finding& f : u.findings) f = get_finding(r);
    units.emplace(std::move(name), std::move(u));
  }
  if (r.done()) old_ = std::move(units);
}

std::optional<std::vector<Finding>> CheckMemo::find(const std::string& unit, uint64_t inputs) {
  std::lock_guard lock(mutex_);
  auto it = old_.find(unit);
  if (it == old_.end() || it->second.inputs != inputs) return std::nullopt;
  ++hits_;
  now_[unit] = it->second;
  return it->second.findings;
}

bool CheckMemo::contains(const std::string& unit, uint64_t inputs) {
  std::lock_guard lock(mutex_);
  auto it = old_.find(unit);
  return it != old_.end() && it->second.inputs == inputs;
}

void CheckMemo::put(const std::string& unit, uint64_t inputs, const std::vector<Finding>& findings) {
  std::lock_guard lock(mutex_);
  now_[unit] = Unit{inputs, findings};
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

void CheckMemo::flush() {
  if (!changed_) return;
  Writer w;
  w.bytes().append(kMagic, sizeof kMagic);
  w.u32(kFormat);
  w.u64(fingerprint_);
  w.u32(static_cast<uint32_t>(now_.size()));
  for (const auto& [name, u] : now_) {
    w.str(name);
    w.u64(u.inputs);
    w.u32(static_cast<uint32_t>(u.findings.size()));
    for (const Finding& f : u.findings) put_finding(w, f);
  }
  w.u64(checksum(w.bytes()));
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(file_).parent_path(), ec);
  if (!ec) (void)write_atomic(file_, w.bytes(), true);
}

}  // namespace opslint
