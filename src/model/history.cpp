// A HistoryView as HistoryData: what the rules' unit tests and the fully read history give them.
#include "model/history.h"

#include "util/binary_io.h"

namespace opslint {

std::vector<std::string> ViewData::paths() const {
  std::vector<std::string> out;
  for (const auto& [path, versions] : v_.files) out.push_back(path);
  return out;
}

const std::vector<FileVersion>* ViewData::versions(const std::string& path) const {
  auto it = v_.files.find(path);
  return it == v_.files.end() ? nullptr : &it->second;
}

std::vector<std::string> ViewData::changed_in(size_t i) const {
  std::vector<std::string> out;
  for (const auto& [path, versions] : v_.files)
    for (const FileVersion& fv : versions)
      if (fv.commit == i) {
        out.push_back(path);
        break;
      }
  return out;
}

std::vector<size_t> ViewData::uncommitted() const {
  std::vector<size_t> out;
  for (size_t i = 0; i < v_.commits.size(); ++i)
    if (v_.commits[i].uncommitted) out.push_back(i);
  return out;
}

std::vector<const ListVersion*> ViewData::uncommitted_lists(bool archive) const {
  std::vector<const ListVersion*> out;
  for (const ListVersion& lv : archive ? v_.archive : v_.backlog)
    if (lv.commit < v_.commits.size() && v_.commits[lv.commit].uncommitted) out.push_back(&lv);
  return out;
}

uint64_t ViewData::committed_digest() const {
  Writer w;
  for (const HistoryCommit& hc : v_.commits) {
    if (hc.uncommitted) continue;
    w.str(hc.id);
    w.str(hc.author);
    w.u64(static_cast<uint64_t>(hc.time.time_since_epoch().count()));
    w.u8(hc.boundary ? 1 : 0);
  }
  return checksum(w.bytes());
}

}  // namespace opslint
