/* zlib for the record store's cold tier: segments are deflated before they go to SQLite. */
#include <zlib.h>
