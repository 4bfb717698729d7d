// zlib from Debian's zlib1g-dev (libhdf5-dev depends on it): deflate and CRC-32 for the catalog's PNG previews.
#include <zlib.h>
