/* sys/poll.h - the old name of <poll.h>, which some programs include. */
#include <poll.h>
