// CPNG: the libpng C API, as installed by Debian's libpng-dev. Never API of RadFleet itself.
#ifndef RADFLEET_CPNG_SHIM_H
#define RADFLEET_CPNG_SHIM_H
#include <png.h>
#endif
