// One deleter template for every C library handle: unique_ptr<T, Deleter<T, free_fn>>.
#pragma once

namespace opslint {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept {
    if (p) Free(p);
  }
};

}  // namespace opslint
