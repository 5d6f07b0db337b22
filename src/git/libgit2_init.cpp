// libgit2's global initialisation, without the one step opslint does not need: parsing the
// system's CA bundle.
//
// Debian's libgit2 1.5 is built with mbedTLS, and git_libgit2_init() parses the whole CA bundle
// compiled into it (/etc/ssl/certs/ca-certificates.crt): ~55 M instructions, 10-20 ms, a third of
// a pre-commit hook's budget (bench/README.md); no option or variable turns it off. opslint never
// makes a network connection (it reads repositories on disk), so while LibGit2's constructor runs,
// the definition below stands in for mbedTLS's. Outside that window every call is forwarded to
// mbedTLS. TLS through libgit2 would find no trust anchors and fail closed.
//
// How libgit2's call reaches the stand-in (CMakeLists.txt):
// - linked from the static archives (OPSLINT_STATIC_DEPS, the default): `--wrap` sends every
//   call to __wrap_mbedtls_x509_crt_parse_file, and __real_ reaches mbedTLS's;
// - linked against the shared libraries: the dynamic linker looks a symbol up in the executable
//   first, which exports this one, and dlsym(RTLD_NEXT) finds mbedTLS's.
#include <atomic>
#include <cstring>

#include "git/handles.h"

#if OPSLINT_STATIC_LIBGIT2
#define OPSLINT_CA_PARSE __wrap_mbedtls_x509_crt_parse_file
extern "C" int __real_mbedtls_x509_crt_parse_file(void* chain, const char* path);
#else
#include <dlfcn.h>
#define OPSLINT_CA_PARSE mbedtls_x509_crt_parse_file
#endif

namespace {

std::atomic<bool> g_initialising{false};
std::atomic<bool> g_skipped{false};

int real_parse_file(void* chain, const char* path) {
#if OPSLINT_STATIC_LIBGIT2
  return __real_mbedtls_x509_crt_parse_file(chain, path);
#else
  using Parse = int (*)(void*, const char*);
  static const Parse real = [] {
    Parse fn = nullptr;
    void* sym = dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file");
    std::memcpy(&fn, &sym, sizeof fn);
    return fn;
  }();
  return real ? real(chain, path) : -0x2900;  // MBEDTLS_ERR_X509_FILE_IO_ERROR
#endif
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int OPSLINT_CA_PARSE(void* chain, const char* path) {
  if (g_initialising.load()) {
    g_skipped = true;
    return 0;  // an empty chain: no certificate was parsed, none failed
  }
  return real_parse_file(chain, path);
}

namespace opslint {

LibGit2::LibGit2() {
  g_initialising = true;
  git_libgit2_init();
  g_initialising = false;
  // libgit2 re-hashes every object it reads (git does not); reading thousands of versions of a
  // large backlog spends most of its time there. Integrity checks are `git fsck`'s job.
  git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  // Ownership is decided in git/ownership.cpp as git decides it: libgit2 1.5 ignores
  // `safe.directory = *` and, with no safe.directory at all, fails as if there were no repository.
  git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

bool LibGit2::skipped_ca_bundle() { return g_skipped.load(); }

}  // namespace opslint
