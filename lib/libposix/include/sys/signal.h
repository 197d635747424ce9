/* sys/signal.h - the same as <signal.h>: Larch's signal numbers win over picolibc's. */
#include <signal.h>
