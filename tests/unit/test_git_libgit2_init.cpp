// libgit2's initialisation without the CA bundle: the stand-in for mbedTLS's CA file parser must
// forward every call made outside libgit2's initialisation to mbedTLS.
#include <doctest/doctest.h>

#include "git/handles.h"

extern "C" int mbedtls_x509_crt_parse_file(void* chain, const char* path);

using namespace opslint;

TEST_CASE("libgit2 init: the CA file parser stand-in forwards to mbedTLS outside initialisation") {
  LibGit2 git;
  // An mbedtls_x509_crt, zeroed as mbedtls_x509_crt_init() leaves it (it is a few hundred bytes).
  alignas(16) unsigned char chain[4096] = {};
  // mbedTLS reports the missing file (MBEDTLS_ERR_PK_FILE_IO_ERROR); the stand-in would say 0.
  CHECK(mbedtls_x509_crt_parse_file(chain, "/nonexistent/opslint-ca.crt") < 0);
}
