// CSQLite: the sqlite3 C API, as installed by Debian's libsqlite3-dev. Never API of RadFleet itself.
#ifndef RADFLEET_CSQLITE_SHIM_H
#define RADFLEET_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import: bind calls that must copy their text use this.
static inline sqlite3_destructor_type CSQLite_transient(void) { return SQLITE_TRANSIENT; }
#endif
