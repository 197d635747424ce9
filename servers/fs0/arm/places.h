/* places.h - the directories every program assumes, made at start-up (places.c). */
#ifndef FS0_PLACES_H
#define FS0_PLACES_H

#include "fs0_logic.h"

/* As task (a task of fs0's own): /tmp (1777), /etc with passwd and group
 * and then copies of the boot archive's etc files, /root, /home/user (the
 * user's, uid 1000), /bin and /dev. 0 or the first -errno. */
int places_make(fs0_task_t task);

#endif
