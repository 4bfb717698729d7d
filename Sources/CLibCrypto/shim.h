#ifndef NWBKIT_CLIBCRYPTO_SHIM_H
#define NWBKIT_CLIBCRYPTO_SHIM_H
// OpenSSL's libcrypto (Debian's libssl-dev): SHA-256 through its EVP digest interface, and HMAC-SHA256
// for signed S3 requests.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#endif
