#ifndef NWBKIT_CLIBCRYPTO_SHIM_H
#define NWBKIT_CLIBCRYPTO_SHIM_H
// OpenSSL's libcrypto (Debian's libssl-dev), for SHA-256 through its EVP digest interface.
#include <openssl/evp.h>
#endif
