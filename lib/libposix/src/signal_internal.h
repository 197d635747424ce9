/* signal_internal.h - what other libposix files need from signal.c. */
#ifndef LIBPOSIX_SIGNAL_INTERNAL_H
#define LIBPOSIX_SIGNAL_INTERNAL_H

/* True (once) when answer is -EINTR from a signal whose action has SA_RESTART: the
 * blocking call that gave it should be made again. */
int posix_signal_restarts(long answer);

#endif
